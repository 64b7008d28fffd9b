// Fuzz target: the protocol log reader (logs/reader.h) and the summary (logs/summary.h). The whole input is
// one log file's content.
// Invariants: reading never throws; the summary does not depend on how the bytes are chunked (one feed or
// 7-byte feeds); malformed lines never exceed the lines read; the JSON form reads back to the same summary;
// merging a summary with itself doubles every session count and keeps its keys.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "logs/reader.h"
#include "logs/summary.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecd;
  if (size > 64 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  LogReadOptions options;
  options.buffer_size = 512;  // small, so that long lines and buffer edges are reached

  LogSummary whole;
  read_log_text(text, "RECV20240101-1.LOG", options, whole);
  ECD_FUZZ_CHECK(whole.malformed <= whole.lines + 1);  // +1: a line too long for the buffer before it ends

  LogSummary chunked;
  ++chunked.files;
  chunked.bytes += text.size();
  {
    LogStream stream("RECV20240101-1.LOG", options, chunked);
    for (std::size_t at = 0; at < text.size(); at += 7) stream.feed(text.substr(at, 7));
    stream.finish();
  }
  const std::string expected = summary_json(whole).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  ECD_FUZZ_CHECK(summary_json(chunked).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) == expected);

  const LogSummary back = summary_from_json(nlohmann::json::parse(expected));
  ECD_FUZZ_CHECK(summary_json(back).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) == expected);

  LogSummary twice = whole;
  merge(twice, whole);
  ECD_FUZZ_CHECK(twice.receive.size() == whole.receive.size());
  for (const auto& [key, usage] : whole.receive) ECD_FUZZ_CHECK(twice.receive.at(key).sessions == 2 * usage.sessions);
  for (const auto& [key, usage] : whole.send) ECD_FUZZ_CHECK(twice.send.at(key).sessions == 2 * usage.sessions);
  return 0;
}
