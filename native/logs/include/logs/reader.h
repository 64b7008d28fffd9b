// The SMTP protocol log reader: columns from the #Fields line (never a counted number of header lines), quoted
// fields (RFC 4180 ""), IPv4 and IPv6 endpoints, a last line cut short by a log still being written (counted,
// not an error), and a malformed line reported with its file and line number while the rest is read.
// Receive or Send comes from #Log-type (any case), else from the file name (RECV..., SEND...).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logs/summary.h"

namespace ecd {

struct LogReadOptions {
  std::string since;                  // ISO 8601 UTC (yyyy-mm-ddThh:mm:ss[.fff]Z): lines before it are skipped; "" none
  std::string until;                  // lines at or after it are skipped; "" none
  unsigned threads = 0;               // 0: all cores
  std::size_t buffer_size = 1 << 20;  // the fixed read buffer; a longer line is malformed
};

/// Reads one file's content as a stream. Feed it chunks of any size, then call finish().
class LogStream {
 public:
  LogStream(std::string file_name, const LogReadOptions& options, LogSummary& out);
  ~LogStream();
  LogStream(const LogStream&) = delete;
  LogStream& operator=(const LogStream&) = delete;
  void feed(std::string_view chunk);
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Reads a whole text as one file named `file_name` (tests, fuzzing), through a buffer of options.buffer_size.
void read_log_text(std::string_view text, const std::string& file_name, const LogReadOptions& options, LogSummary& out);

/// Called on the calling thread about every 100 ms while files are read; returning false cancels the read.
using LogProgress = std::function<bool(std::uint64_t bytes_done, std::uint64_t bytes_total)>;

struct LogReadResult {
  LogSummary summary;
  bool cancelled = false;
};

/// Reads files and folders (UTF-8 paths; a folder gives its *.log files, recursively) on all cores.
LogReadResult read_log_paths(const std::vector<std::string>& paths, const LogReadOptions& options,
                             const LogProgress& progress = {});

}  // namespace ecd
