// The protocol log reader's throughput (docs/PERFORMANCE.md; build-scripts/bench.sh): reads a folder of logs
// (tests/tools/generate_logs.py) with 1 thread and with every core, and prints MB/s, MB/s per core, the summary's
// size and the process's peak memory. A program that prints figures, never a test.
//
//   ecd_logs_bench <folder> [repeats]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "logs/reader.h"

#if defined(__unix__)
#include <sys/resource.h>
#endif

namespace {

double peak_mb() {
#if defined(__unix__)
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;  // KiB on Linux
#else
  return 0;
#endif
}

/// CPU seconds (user + system) this process has used: on a shared machine MB per CPU second is the per-core figure.
double cpu_seconds() {
#if defined(__unix__)
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
#else
  return 0;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <folder> [repeats]\n", argv[0]);
    return 2;
  }
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads : {1u, cores}) {
    double best = 1e30, best_cpu = 1e30;
    ecd::LogReadResult last;
    for (int r = 0; r < repeats; ++r) {
      ecd::LogReadOptions options;
      options.threads = threads;
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = cpu_seconds();
      last = ecd::read_log_paths({argv[1]}, options);
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      best = std::min(best, took.count());
      best_cpu = std::min(best_cpu, cpu_seconds() - cpu_start);
    }
    const double mb = last.summary.bytes / 1048576.0;
    std::printf(
        "threads %2u: %zu files, %.1f MB, %llu lines in %.3f s wall: %.0f MB/s; %.3f CPU s: %.0f MB per CPU second "
        "(per core); %zu receive keys, %llu malformed, %llu truncated\n",
        threads, static_cast<std::size_t>(last.summary.files), mb, static_cast<unsigned long long>(last.summary.lines),
        best, mb / best, best_cpu, mb / best_cpu, last.summary.receive.size(),
        static_cast<unsigned long long>(last.summary.malformed),
        static_cast<unsigned long long>(last.summary.truncated));
  }
  std::printf("peak memory: %.1f MB\n", peak_mb());
  return 0;
}
