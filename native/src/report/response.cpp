#include "report/response.h"

#include <fmt/format.h>
#include <algorithm>
#include <tuple>

#include "rules/exchange_paths.h"

namespace ecd {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Information: return "Information";
    case Severity::Warning: return "Warning";
    case Severity::Error: return "Error";
  }
  return "";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (auto s : {Severity::Information, Severity::Warning, Severity::Error})
    if (iequals(text, severity_name(s))) return s;
  return std::nullopt;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    // replace: a sort key must never throw, whatever a string holds (the response is dumped the same way).
    constexpr auto replace = nlohmann::ordered_json::error_handler_t::replace;
    return std::make_tuple(to_lower(a.server), to_lower(a.connector), a.rule_id,
                           a.evidence.dump(-1, ' ', false, replace)) <
           std::make_tuple(to_lower(b.server), to_lower(b.connector), b.rule_id,
                           b.evidence.dump(-1, ' ', false, replace));
  });
}

nlohmann::ordered_json finding_json(const Finding& f) {
  nlohmann::ordered_json j;
  j["ruleId"] = f.rule_id;
  j["rule"] = f.rule;
  j["severity"] = std::string(severity_name(f.severity));
  j["server"] = f.server;
  j["connector"] = f.connector;
  j["message"] = f.message;
  j["symptom"] = f.symptom;
  j["evidence"] = f.evidence;
  j["remediation"] = f.remediation;
  j["remediationCommand"] = f.remediation_command;
  if (f.fix) {
    nlohmann::ordered_json fix;
    fix["cmdlet"] = f.fix->cmdlet;
    auto parameters = nlohmann::ordered_json::array();
    for (const auto& [name, value] : f.fix->parameters) parameters.push_back({{"name", name}, {"value", value}});
    fix["parameters"] = std::move(parameters);
    j["fix"] = std::move(fix);
  }
  return j;
}

nlohmann::ordered_json rule_json(const RuleInfo& info) {
  nlohmann::ordered_json j;
  j["id"] = std::string(info.id);
  j["name"] = std::string(info.name);
  j["severity"] = std::string(severity_name(info.severity));
  j["title"] = std::string(info.title);
  j["symptom"] = std::string(info.symptom);
  j["docPage"] = doc_page(info);
  return j;
}

nlohmann::ordered_json resolution_json(const Resolution& r) {
  const Selection& s = r.selection;
  nlohmann::ordered_json j;
  j["server"] = r.server;
  j["port"] = r.port;
  j["transportRole"] = r.role ? std::string(transport_role_name(*r.role)) : std::string();
  j["localAddress"] = r.local_address;
  j["remoteAddress"] = r.remote_address;
  j["connector"] = s.winner ? nlohmann::ordered_json(s.winner->identity) : nlohmann::ordered_json(nullptr);
  j["matchedRange"] = s.winner ? nlohmann::ordered_json(s.range().expression) : nlohmann::ordered_json(nullptr);
  j["matchedRangeSize"] = s.winner ? nlohmann::ordered_json(describe_size(s.range())) : nlohmann::ordered_json(nullptr);
  j["binding"] = s.binding ? format_ip_binding(*s.binding) : std::string();
  if (!r.role) {
    j["reason"] =
        fmt::format("No enabled connector of {} listens on port {}: the connection is refused.", r.server, r.port);
  } else if (!s.winner && r.remote_address == "0.0.0.0") {
    j["reason"] = "Exchange drops connections from 0.0.0.0 before choosing a connector.";
  } else if (!s.winner) {
    j["reason"] = fmt::format("No connector matches {} on port {}: Exchange answers 421 4.3.2 Service not available.",
                              r.remote_address, r.port);
  } else {
    j["reason"] =
        fmt::format("'{}' takes the connection: its remote range {} ({}) is the smallest that matches {} on {}.",
                    s.winner->identity, s.range().expression, describe_size(s.range()), r.remote_address,
                    format_ip_binding(*s.binding));
  }
  auto candidates = nlohmann::ordered_json::array();
  for (const auto& c : s.candidates) {
    nlohmann::ordered_json cj;
    cj["connector"] = c.connector->identity;
    cj["enabled"] = c.connector->enabled;
    cj["transportRole"] =
        c.connector->transport_role ? std::string(transport_role_name(*c.connector->transport_role)) : std::string();
    cj["binding"] = c.binding ? format_ip_binding(*c.binding) : std::string();
    cj["matchedRange"] = c.matched_range
                             ? nlohmann::ordered_json(c.connector->remote_ip_ranges[*c.matched_range].expression)
                             : nlohmann::ordered_json(nullptr);
    cj["won"] = c.reason == LossReason::None;
    cj["reason"] = std::string(loss_reason_text(c.reason));
    candidates.push_back(std::move(cj));
  }
  j["candidates"] = std::move(candidates);
  return j;
}

}  // namespace ecd
