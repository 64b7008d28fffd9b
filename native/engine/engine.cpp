// The operations table behind the C ABI: each operation reads the parsed request, runs the stages below in order
// and writes the response. No stage's logic lives here.
#include "engine/engine.h"

#include "analysis.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>

#include "diagnose/input_issues.h"
#include "diagnose/queue.h"
#include "diagnose/smtp_cause.h"
#include "parse/request.h"
#include "report/html_report.h"
#include "report/response.h"
#include "rules/fixes.h"
#include "rules/log_evidence.h"
#include "rules/rule.h"
#include "select/partition_map.h"
#include "select/resolve.h"
#include "select/selection.h"

#include "ecd_version.h"  // made by CMake from the project's version

namespace ecd {
namespace {

using ordered_json = nlohmann::ordered_json;

void request_issue(Organisation& org, std::string field, std::string text, std::string pointer, std::string message) {
  org.issues.push_back(
      InputIssue::at("request", std::move(pointer)).about(std::move(field), std::move(text), std::move(message)));
}

ordered_json response() {
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  return out;
}

}  // namespace

/// The findings of an analysis: input issues, the chosen checks, one command per connector, the queues they
/// explain, the queues none explains; their stable ids; then the severity floor, the focus on queue targets, and the
/// order an administrator reads (Error first, then server and connector).
std::vector<Finding> analysis(Request& request) {
  Organisation& org = request.organisation;
  if (org.connectors.empty() && org.issues.empty())
    request_issue(
        org, "", "", "/connectors",
        "no receive connectors were given: pipe Get-ReceiveConnector into Test-ReceiveConnector, or give -Path");
  auto minimum = parse_severity(request.minimum_severity);
  if (!minimum) {
    request_issue(org, "minimumSeverity", request.minimum_severity, "/minimumSeverity",
                  fmt::format("'{}' is not a severity (Information, Warning, Error)", request.minimum_severity));
    minimum = Severity::Information;
  }
  const auto all = make_rules();
  const RuleChoice choice = choose_rules(all, request.rules, request.exclude_rules);
  for (const auto& u : choice.unknown)
    request_issue(org, u.key, u.name, fmt::format("/{}/{}", u.key, u.index),
                  fmt::format("there is no rule '{}'; the nearest are {} (Get-ReceiveConnectorRule lists them all)",
                              u.name, fmt::join(u.nearest, ", ")));
  diagnose_queues(org);
  const SelectionIndex index(org);
  const RuleContext context{org, index, request.protocol_log ? &*request.protocol_log : nullptr};
  std::vector<Finding> findings;
  add_input_issue_findings(org, findings);
  for (const Rule* rule : choice.checks) rule->check(context, findings);
  add_protocol_log_evidence(context, findings);  // "seen N times, last at T" on the findings the logs confirm
  fold_fixes(org, findings);                     // one command per connector, made from every finding's edits
  explain_queues(findings, org);
  if (choice.unexplained_queues) add_unexplained_queue_findings(org, rule_catalogue(), findings);
  assign_ids(findings);  // before any filter, so that -MinimumSeverity and the queue focus never change an id
  std::erase_if(findings, [&](const Finding& f) {
    return f.severity < *minimum && f.rule_id != invalid_input_rule().id;  // bad input is always reported
  });
  focus_on_queue_targets(findings, org);
  sort_findings(findings);
  return findings;
}

namespace {

ordered_json analyze(Request& request) {
  ordered_json out = response();
  out["findings"] = findings_json(analysis(request));
  out["servers"] = servers_json(request.organisation);
  return out;
}

/// What could not be read of a request whose operation runs no checks (ECD0001 only).
ordered_json input_issues_json(const Organisation& org) {
  std::vector<Finding> findings;
  add_input_issue_findings(org, findings);
  return findings_json(findings);
}

ordered_json resolve(Request& request) {
  const SelectionIndex index(request.organisation);
  auto resolutions = ordered_json::array();
  for (const auto& r : resolve_queries(request.organisation, index, request.queries))
    resolutions.push_back(resolution_json(r));
  ordered_json out = response();
  out["resolutions"] = std::move(resolutions);
  out["findings"] = input_issues_json(request.organisation);
  return out;
}

/// smtp: the replies, innermost reply, cause and next hop of each text (diagnose/smtp_cause.h).
ordered_json smtp(const Request& request) {
  const auto catalogue = rule_catalogue();
  auto list = ordered_json::array();
  for (const auto& t : request.texts)
    list.push_back(smtp_diagnosis_json(t, diagnose_smtp_text(t.text, t.next_hop, catalogue, t.queue_server)));
  ordered_json out = response();
  out["replies"] = std::move(list);
  out["findings"] = input_issues_json(request.organisation);  // texts that could not be read
  return out;
}

/// map: for each server, role, port and local binding, which connector takes which remote addresses.
ordered_json map(const Request& request) {
  const SelectionIndex index(request.organisation);
  ordered_json out = response();
  out["maps"] = port_maps_json(port_maps(request.organisation, index));
  return out;
}

/// report: the HTML page of the findings given (or of an analysis of the connectors) and the maps.
ordered_json report(Request& request) {
  auto findings = request.findings ? findings_from_json(*request.findings) : analysis(request);
  if (std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.id.empty(); }))
    assign_ids(findings);
  const SelectionIndex index(request.organisation);
  const ReportOptions options{request.title, request.generated_at, ECD_VERSION_STRING};
  ordered_json out = response();
  out["html"] = html_report(request.organisation, port_maps(request.organisation, index), findings, options);
  out["findings"] = findings_json(findings);
  return out;
}

ordered_json catalogue() {
  auto list = ordered_json::array();
  for (const auto& info : rule_catalogue()) list.push_back(rule_json(info));
  ordered_json out = response();
  out["rules"] = std::move(list);
  return out;
}

}  // namespace

EngineResult run_request(std::string_view request_json) {
  ParsedRequest parsed = parse_request(request_json);
  if (!parsed.request) return EngineResult{false, {}, parsed.error->message};
  Request& request = *parsed.request;
  ordered_json out;
  switch (request.operation) {
    case Operation::Analyze: out = analyze(request); break;
    case Operation::Resolve: out = resolve(request); break;
    case Operation::Rules: out = catalogue(); break;
    case Operation::Smtp: out = smtp(request); break;
    case Operation::Map: out = map(request); break;
    case Operation::Report: out = report(request); break;
    case Operation::Change: out = change_response(request, response()); break;
  }
  return EngineResult{true, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

}  // namespace ecd
