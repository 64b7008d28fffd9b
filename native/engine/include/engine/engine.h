// The engine's one entry point: a request (UTF-8 JSON) in, a response (UTF-8 JSON) out.
// parse (parse/) -> model (model/) -> select (select/) -> rules (rules/) -> report (report/).
#pragma once

#include <string>
#include <string_view>

#include "logs/reader.h"

namespace ecd {

struct EngineResult {
  bool ok = false;
  std::string response;  // the response JSON when ok
  std::string error;     // what is wrong with the request when not ok
};

EngineResult run_request(std::string_view request_json);

/// ecd_logs_read: reads the protocol logs of "paths" (files, folders) between "since" and "until" and merges
/// the "summaries" given, into {"version", "cancelled", "summary"} (docs/LOGS.md). `progress` as read_log_paths.
EngineResult read_logs(std::string_view request_json, const LogProgress& progress);

}  // namespace ecd
