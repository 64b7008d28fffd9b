// The envelope of a request: its size, JSON, operation and the options of each operation. The parts are read by
// the readers of parse/ (readers.h): connectors, servers, certificates, queries, texts and queues.
#include "parse/request.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "json_input.h"
#include "parse/limits.h"
#include "readers.h"

namespace ecd {
namespace {

constexpr std::array<std::pair<std::string_view, Operation>, 7> kOperations{{{"analyze", Operation::Analyze},
                                                                             {"resolve", Operation::Resolve},
                                                                             {"rules", Operation::Rules},
                                                                             {"smtp", Operation::Smtp},
                                                                             {"map", Operation::Map},
                                                                             {"report", Operation::Report},
                                                                             {"change", Operation::Change}}};

/// "analyze, resolve, rules, smtp, map, report or change"
std::string operation_names() {
  std::string out;
  for (std::size_t i = 0; i < kOperations.size(); ++i)
    out += fmt::format("{}{}", i == 0 ? "" : (i + 1 == kOperations.size() ? " or " : ", "), kOperations[i].first);
  return out;
}

/// The request's root: within the size limit, JSON, an object.
std::optional<json> read_root(std::string_view text, const RequestLimits& limits, std::optional<RequestError>& error) {
  if (text.size() > limits.max_bytes) {
    error =
        RequestError{fmt::format("the request is {} bytes, above the limit of {} bytes", text.size(), limits.max_bytes),
                     limits.max_bytes};
    return std::nullopt;
  }
  std::string message;
  std::size_t offset = 0;
  auto root = parse_json(text, limits.max_depth, message, offset);
  if (!root) {
    error = RequestError{"the request is " + message, offset};
    return std::nullopt;
  }
  if (!root->is_object()) {
    error = RequestError{"the request must be a JSON object with an \"operation\"", 0};
    return std::nullopt;
  }
  return root;
}

/// "operation", analyze when missing.
std::optional<Operation> read_operation(const json& root, std::optional<RequestError>& error) {
  const json* op = member(root, "operation");
  if (!op || op->is_null()) return Operation::Analyze;
  if (!op->is_string()) {
    error = RequestError{fmt::format("\"operation\" must be a string ({}), not {}", operation_names(), op->dump()), 0};
    return std::nullopt;
  }
  for (const auto& [name, operation] : kOperations)
    if (iequals(op->get_ref<const std::string&>(), name)) return operation;
  error =
      RequestError{fmt::format("unknown operation '{}' (expected {})", op->get<std::string>(), operation_names()), 0};
  return std::nullopt;
}

/// "documents": files the caller could not read as objects (an export as JSON text), each with its source name.
/// A document that is no JSON is an input issue; one beyond the limits refuses the request.
std::optional<RequestError> read_documents(const json& root, const RequestLimits& limits, LimitChecker& bounds,
                                           Organisation& org) {
  const json* documents = member(root, "documents");
  if (!documents || !documents->is_array()) return std::nullopt;
  for (std::size_t d = 0; d < documents->size(); ++d) {
    const json& doc = (*documents)[d];
    std::string source = doc.is_object() ? string_of(doc, "source") : "";
    if (source.empty()) source = fmt::format("document {}", d);
    const json* text = doc.is_object() ? member(doc, "text") : nullptr;
    if (!text || !text->is_string()) continue;
    const std::string& body = text->get_ref<const std::string&>();
    std::string error;
    std::size_t offset = 0;
    auto parsed = parse_json(body, limits.max_depth, error, offset);
    if (!parsed) {
      // 40 bytes from the error on, cut at character boundaries at both ends.
      const std::size_t from = utf8_boundary(body, offset);
      org.issues.push_back(
          InputIssue::at(source, "")
              .about("", utf8_prefix(std::string_view(body).substr(from), 40), fmt::format("{} is {}", source, error)));
      continue;
    }
    if (auto e = bounds.check_document(*parsed, source)) return e;
    read_connectors(*parsed, Location{source, ""}, std::nullopt, org);
  }
  return std::nullopt;
}

/// The options of the operations: rule choice, severity floor, the report's findings, title and date.
void read_options(const json& root, Request& request) {
  request.rules = string_list(root, "rules");
  request.exclude_rules = string_list(root, "excludeRules");
  if (const json* m = member(root, "minimumSeverity"); m && m->is_string())
    request.minimum_severity = m->get<std::string>();
  if (const json* f = member(root, "findings"); f && f->is_array()) request.findings = nlohmann::ordered_json(*f);
  if (const json* t = member(root, "title"); t && t->is_string()) request.title = t->get<std::string>();
  if (const json* g = member(root, "generatedAt"); g && g->is_string()) request.generated_at = g->get<std::string>();
}

/// "protocolLog": a summary of protocol logs (ecd_logs_read's "summary"); one that cannot be read is an input issue.
void read_protocol_log(const json& root, Request& request) {
  const json* log = member(root, "protocolLog");
  if (!log || log->is_null()) return;
  try {
    request.protocol_log = summary_from_json(*log, "/protocolLog");
  } catch (const std::invalid_argument& e) {
    request.organisation.issues.push_back(InputIssue::at("request", "/protocolLog")
                                              .about("protocolLog", "",
                                                     fmt::format("the protocol log summary cannot be "
                                                                 "read, so no finding uses it: {}",
                                                                 e.what())));
  }
}

}  // namespace

ParsedRequest parse_request(std::string_view json_text, const RequestLimits& limits) {
  ParsedRequest out;
  auto root = read_root(json_text, limits, out.error);
  if (!root) return out;
  Request request;
  LimitChecker bounds(limits, request.organisation.issues);
  if ((out.error = bounds.check_request(*root))) return out;
  const auto operation = read_operation(*root, out.error);
  if (!operation) return out;
  request.operation = *operation;

  Organisation& org = request.organisation;
  if (const json* connectors = member(*root, "connectors"); connectors && !connectors->is_null())
    read_connectors(*connectors, Location{"request", "/connectors"}, std::size_t{0}, org);
  if ((out.error = read_documents(*root, limits, bounds, org))) return out;
  if (const json* servers = member(*root, "servers"); servers && servers->is_array())
    for (std::size_t i = 0; i < servers->size(); ++i)
      read_server((*servers)[i], Location{"request", "/servers"} / i, org);
  place_connectors_on_servers(org);
  if (const json* services = member(*root, "transportServices"); services && !services->is_null()) {
    if (services->is_array())
      for (std::size_t i = 0; i < services->size(); ++i)
        read_transport_service((*services)[i], Location{"request", "/transportServices"} / i, org);
    else
      read_transport_service(*services, Location{"request", "/transportServices"}, org);
  }
  read_certificates(*root, org);
  read_hybrid_configuration(*root, org);
  read_load_balancers(*root, org);
  read_options(*root, request);
  read_protocol_log(*root, request);
  read_queries(*root, request);
  read_smtp_texts(*root, request);
  read_queues(*root, request);
  read_change(*root, request);
  out.request = std::move(request);
  return out;
}

}  // namespace ecd
