#include "engine.h"

#include <fmt/format.h>

#include "diagnose/queue.h"
#include "diagnose/smtp_cause.h"
#include "parse/request.h"
#include "report/html_report.h"
#include "report/partition_map.h"
#include "report/response.h"
#include "rules/fixes.h"
#include "rules/rule.h"
#include "select/selection.h"

#ifndef ECD_VERSION_STRING
#define ECD_VERSION_STRING "0.0.0"
#endif

namespace ecd {
namespace {

using ordered_json = nlohmann::ordered_json;

void request_issue(Organisation& org, std::string field, std::string text, std::string pointer, std::string message) {
  InputIssue i;
  i.field = std::move(field);
  i.text = std::move(text);
  i.pointer = std::move(pointer);
  i.source = "request";
  i.message = std::move(message);
  org.issues.push_back(std::move(i));
}

bool rule_named(const RuleInfo& info, std::string_view text) {
  return iequals(info.id, text) || iequals(info.name, text);
}

/// The rules the request asks for (-Rule / -ExcludeRule); unknown names become input issues.
std::vector<const Rule*> chosen_rules(const std::vector<std::unique_ptr<const Rule>>& all, Request& request) {
  auto check_names = [&](const std::vector<std::string>& names, std::string_view key) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      bool known = std::any_of(all.begin(), all.end(), [&](const auto& r) { return rule_named(r->info(), names[i]); });
      if (!known)
        request_issue(request.organisation, std::string(key), names[i], fmt::format("/{}/{}", key, i),
                      fmt::format("there is no rule '{}' (Get-ReceiveConnectorRule lists them)", names[i]));
    }
  };
  check_names(request.rules, "rules");
  check_names(request.exclude_rules, "excludeRules");
  std::vector<const Rule*> out;
  for (const auto& r : all) {
    const auto& info = r->info();
    bool always = info.id == std::string_view("ECD0001");  // bad input is always reported
    bool included = request.rules.empty() || std::any_of(request.rules.begin(), request.rules.end(),
                                                         [&](const auto& n) { return rule_named(info, n); });
    bool excluded = std::any_of(request.exclude_rules.begin(), request.exclude_rules.end(),
                                [&](const auto& n) { return rule_named(info, n); });
    if (always || (included && !excluded)) out.push_back(r.get());
  }
  return out;
}

ordered_json analyze(Request& request) {
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
  auto all = make_rules();
  auto rules = chosen_rules(all, request);
  diagnose_queues(org);
  SelectionIndex index(org);
  RuleContext ctx{org, index};
  std::vector<Finding> findings;
  for (const Rule* r : rules) r->check(ctx, findings);
  fold_fixes(org, findings);  // one command per connector, made from every finding's edits
  std::erase_if(findings, [&](const Finding& f) { return f.severity < *minimum && f.rule_id != "ECD0001"; });
  focus_on_queue_targets(findings, org);
  mark_explained_queues(findings, org);
  sort_findings(findings);
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  auto list = ordered_json::array();
  for (const auto& f : findings) list.push_back(finding_json(f));
  out["findings"] = std::move(list);
  return out;
}

ordered_json resolve(Request& request) {
  Organisation& org = request.organisation;
  SelectionIndex index(org);
  auto resolutions = ordered_json::array();
  for (std::size_t qi = 0; qi < request.queries.size(); ++qi) {
    const auto& q = request.queries[qi];
    std::vector<std::string> servers;
    if (q.server) {
      if (!org.find_server(*q.server) || !org.find_server(*q.server)->has_connectors) {
        request_issue(org, "server", *q.server, fmt::format("/queries/{}/server", qi),
                      fmt::format("no connector of server '{}' was given", *q.server));
        continue;
      }
      servers.push_back(org.find_server(*q.server)->name);
    } else {
      for (const auto& s : org.servers)
        if (s.has_connectors) servers.push_back(s.name);
    }
    for (const auto& server : servers) {
      std::vector<std::uint16_t> ports = q.port ? std::vector<std::uint16_t>{*q.port} : index.listening_ports(server);
      for (auto port : ports) {
        Resolution r;
        r.server = server;
        r.port = port;
        r.role = index.role_for_port(server, port);
        r.remote_address = format_ip_address(q.remote_address);
        r.local_address = q.local_address ? format_ip_address(*q.local_address) : "";
        if (r.role)
          r.selection =
              index.select_connector(SelectionQuery{server, *r.role, port, q.remote_address, q.local_address}, true);
        resolutions.push_back(resolution_json(r));
      }
    }
  }
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  out["resolutions"] = std::move(resolutions);
  std::vector<Finding> findings;
  auto all = make_rules();
  SelectionIndex unused(org);
  all.front()->check(RuleContext{org, unused}, findings);  // ECD0001: what could not be read
  auto list = ordered_json::array();
  for (const auto& f : findings) list.push_back(finding_json(f));
  out["findings"] = std::move(list);
  return out;
}

/// smtp: the replies, innermost reply, cause and next hop of each text (diagnose/smtp_cause.h).
ordered_json smtp(const Request& request) {
  const auto catalogue = rule_catalogue();
  auto list = ordered_json::array();
  for (const auto& t : request.texts) {
    ordered_json j = smtp_diagnosis_json(diagnose_smtp_text(t.text, t.next_hop, catalogue));
    j["source"] = t.source;
    list.push_back(std::move(j));
  }
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  out["replies"] = std::move(list);
  std::vector<Finding> findings;  // ECD0001: texts that could not be read (too long, not a string)
  SelectionIndex unused(request.organisation);
  make_rules().front()->check(RuleContext{request.organisation, unused}, findings);
  auto issues = ordered_json::array();
  for (const auto& f : findings) issues.push_back(finding_json(f));
  out["findings"] = std::move(issues);
  return out;
}

/// map: for each server, role, port and local binding, which connector takes which remote addresses.
ordered_json map(Request& request) {
  SelectionIndex index(request.organisation);
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  out["maps"] = port_maps_json(port_maps(request.organisation, index));
  return out;
}

/// report: the HTML page of the findings given (or of an analysis of the connectors) and the maps.
ordered_json report(Request& request) {
  ordered_json findings = request.findings ? *request.findings : analyze(request)["findings"];
  SelectionIndex index(request.organisation);
  ReportOptions options{request.title, request.generated_at, ECD_VERSION_STRING};
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  out["html"] = html_report(request.organisation, port_maps(request.organisation, index), findings, options);
  out["findings"] = std::move(findings);
  return out;
}

ordered_json catalogue() {
  ordered_json out;
  out["version"] = ECD_VERSION_STRING;
  auto list = ordered_json::array();
  for (const auto& r : make_rules()) list.push_back(rule_json(r->info()));
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
  }
  return EngineResult{true, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

}  // namespace ecd
