// The protocol-log operation behind ecd_logs_read: reads the files and folders of a request and merges the
// summaries it carries (made elsewhere, e.g. on each server), into one summary. The reading is logs/.
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "logs/reader.h"
#include "logs/summary.h"

#include "ecd_version.h"

namespace ecd {
namespace {

using json = nlohmann::json;

std::string text_field(const json& request, const char* key) {
  const auto it = request.find(key);
  if (it == request.end() || it->is_null()) return {};
  if (!it->is_string()) throw std::invalid_argument(fmt::format("/{} must be a string", key));
  return it->get<std::string>();
}

/// "2024-01-31T10:00:00Z" or with fractions: the shape the log's date-time compares against.
void check_time(const std::string& value, const char* key) {
  if (value.empty()) return;
  const bool shaped = value.size() >= 20 && value[4] == '-' && value[7] == '-' && value[10] == 'T' &&
                      value[13] == ':' && value[16] == ':' && value.back() == 'Z';
  if (!shaped)
    throw std::invalid_argument(
        fmt::format("/{} '{}' is not a UTC time like 2024-01-31T10:00:00.000Z", key, value.substr(0, 40)));
}

}  // namespace

EngineResult read_logs(std::string_view request_json, const LogProgress& progress) {
  json request;
  try {
    request = json::parse(request_json);
  } catch (const json::parse_error& e) {
    return EngineResult{false, {}, fmt::format("the log request is not JSON: {}", e.what())};
  }
  if (!request.is_object()) return EngineResult{false, {}, "the log request must be a JSON object"};
  LogReadOptions options;
  std::vector<std::string> paths;
  LogSummary given;
  try {
    options.since = text_field(request, "since");
    options.until = text_field(request, "until");
    check_time(options.since, "since");
    check_time(options.until, "until");
    if (const auto it = request.find("threads"); it != request.end() && !it->is_null()) {
      if (!it->is_number_unsigned() || it->get<std::uint64_t>() > 1024)
        throw std::invalid_argument("/threads must be a whole number from 0 (all cores) to 1024");
      options.threads = it->get<unsigned>();
    }
    if (const auto it = request.find("paths"); it != request.end() && !it->is_null()) {
      if (!it->is_array()) throw std::invalid_argument("/paths must be an array of file or folder paths");
      for (std::size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) throw std::invalid_argument(fmt::format("/paths/{} must be a string", i));
        paths.push_back((*it)[i].get<std::string>());
      }
    }
    if (const auto it = request.find("summaries"); it != request.end() && !it->is_null()) {
      if (!it->is_array()) throw std::invalid_argument("/summaries must be an array of log summaries");
      for (std::size_t i = 0; i < it->size(); ++i)
        merge(given, summary_from_json((*it)[i], fmt::format("/summaries/{}", i)));
    }
  } catch (const std::invalid_argument& e) {
    return EngineResult{false, {}, e.what()};
  }
  LogReadResult read = read_log_paths(paths, options, progress);
  merge(read.summary, given);
  nlohmann::ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  out["cancelled"] = read.cancelled;
  out["summary"] = summary_json(read.summary);
  return EngineResult{true, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

}  // namespace ecd
