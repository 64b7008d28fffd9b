// The engine's one entry point: a request (UTF-8 JSON) in, a response (UTF-8 JSON) out.
// parse (parse/) -> model (model/) -> select (select/) -> rules (rules/) -> report (report/).
#pragma once

#include <string>
#include <string_view>

namespace ecd {

struct EngineResult {
  bool ok = false;
  std::string response;  // the response JSON when ok
  std::string error;     // what is wrong with the request when not ok
};

EngineResult run_request(std::string_view request_json);

}  // namespace ecd
