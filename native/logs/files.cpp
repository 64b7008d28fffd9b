// The files behind read_log_paths: folders enumerated, each file opened with sharing that lets Exchange keep
// writing (and deleting: circular logging), read through a fixed buffer, files spread over all cores.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"
#include "logs/reader.h"

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#endif

namespace ecd {
namespace {

namespace fs = std::filesystem;

fs::path utf8_path(const std::string& text) {
  return fs::path(std::u8string(reinterpret_cast<const char8_t*>(text.data()), text.size()));
}

std::string path_text(const fs::path& path) {
  const std::u8string u8 = path.u8string();
  return std::string(reinterpret_cast<const char*>(u8.data()), u8.size());
}

/// Opens for reading, sharing read, write and delete with the writer. nullptr and a message on failure.
std::FILE* open_shared(const fs::path& path, std::string& error) {
#ifdef _WIN32
  HANDLE h = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    error = fmt::format("cannot open (Windows error {})", static_cast<unsigned long>(GetLastError()));
    return nullptr;
  }
  const int fd = _open_osfhandle(reinterpret_cast<intptr_t>(h), _O_RDONLY | _O_BINARY);
  if (fd < 0) {
    CloseHandle(h);
    error = "cannot open (no file descriptor)";
    return nullptr;
  }
  std::FILE* f = _fdopen(fd, "rb");
  if (!f) {
    _close(fd);
    error = "cannot open (no stream)";
  }
  return f;
#else
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) error = std::error_code(errno, std::generic_category()).message();
  return f;
#endif
}

struct FileJob {
  fs::path path;
  std::string name;  // UTF-8, as reported
  std::uint64_t size = 0;
};

bool is_log_file(const fs::path& path) {
  return iequals(path_text(path.extension()), ".log");
}

void list_files(const std::vector<std::string>& paths, std::vector<FileJob>& jobs, LogSummary& out) {
  for (const auto& text : paths) {
    const fs::path path = utf8_path(text);
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
      ++out.unreadable;
      add_issue(out, LogIssue{text, 0, "no such file or folder"});
      continue;
    }
    if (ec) {
      ++out.unreadable;
      add_issue(out, LogIssue{text, 0, ec.message()});
      continue;
    }
    if (fs::is_directory(status)) {
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::error_code fec;
        if (!it->is_regular_file(fec) || !is_log_file(it->path())) continue;
        jobs.push_back(FileJob{it->path(), path_text(it->path()), static_cast<std::uint64_t>(it->file_size(fec))});
      }
      if (ec) {
        ++out.unreadable;
        add_issue(out, LogIssue{text, 0, fmt::format("the folder cannot be listed: {}", ec.message())});
      }
    } else {
      jobs.push_back(FileJob{path, text, static_cast<std::uint64_t>(fs::file_size(path, ec))});
    }
  }
  // Largest first, so that one large file does not start last on a busy pool.
  std::stable_sort(jobs.begin(), jobs.end(), [](const FileJob& a, const FileJob& b) { return a.size > b.size; });
}

struct Shared {
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> bytes_done{0};
  std::atomic<bool> cancel{false};
  std::atomic<unsigned> running{0};
  std::mutex mutex;
  std::condition_variable done;
};

void read_file(const FileJob& job, const LogReadOptions& options, Shared& shared, LogSummary& out,
               std::vector<char>& buffer) {
  std::string error;
  std::FILE* f = open_shared(job.path, error);
  if (!f) {
    ++out.unreadable;
    add_issue(out, LogIssue{job.name, 0, error});
    return;
  }
  ++out.files;
  LogStream stream(job.name, options, out);
  for (;;) {
    if (shared.cancel.load(std::memory_order_relaxed)) break;
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), f);
    if (n == 0) break;
    out.bytes += n;
    shared.bytes_done.fetch_add(n, std::memory_order_relaxed);
    stream.feed(std::string_view(buffer.data(), n));
  }
  if (std::ferror(f)) {
    ++out.unreadable;
    add_issue(out, LogIssue{job.name, 0, "a read failed part way; what was read is counted"});
  }
  std::fclose(f);
  stream.finish();
}

}  // namespace

LogReadResult read_log_paths(const std::vector<std::string>& paths, const LogReadOptions& options,
                             const LogProgress& progress) {
  LogReadResult result;
  std::vector<FileJob> jobs;
  list_files(paths, jobs, result.summary);
  std::uint64_t total = 0;
  for (const auto& j : jobs) total += j.size;

  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(jobs.size(), 1)));
  Shared shared;
  std::vector<LogSummary> partial(threads);
  std::vector<std::thread> workers;
  shared.running = threads;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::vector<char> buffer(std::max<std::size_t>(options.buffer_size, 16));
      for (;;) {
        const std::size_t i = shared.next.fetch_add(1);
        if (i >= jobs.size() || shared.cancel.load()) break;
        read_file(jobs[i], options, shared, partial[t], buffer);
      }
      std::lock_guard lock(shared.mutex);
      --shared.running;
      shared.done.notify_all();
    });
  }
  {
    std::unique_lock lock(shared.mutex);
    while (shared.running > 0) {
      shared.done.wait_for(lock, std::chrono::milliseconds(100));
      if (progress && !shared.cancel) {
        lock.unlock();
        const bool go_on = progress(shared.bytes_done.load(), total);
        lock.lock();
        if (!go_on) shared.cancel = true;
      }
    }
  }
  for (auto& w : workers) w.join();
  result.cancelled = shared.cancel.load();
  for (const auto& p : partial) merge(result.summary, p);
  if (progress && !result.cancelled) progress(shared.bytes_done.load(), total);
  return result;
}

}  // namespace ecd
