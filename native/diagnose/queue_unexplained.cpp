// ECD1101 queue-unexplained: a failing queue handed in with the connectors (Test-ReceiveConnector
// -Queue) whose error no finding explains. Says so, and names the causes that lie outside receive
// connectors (DOMAIN.md §5.2 rows 5 and 8, and the other rows of the error that lie outside).
//
// A pass after the rules (diagnose/queue.h): it reads the typed findings that explain_queues marked.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/values.h"
#include "diagnose/queue.h"
#include "diagnose/smtp_cause.h"

namespace ecd {
namespace {

constexpr RuleInfo kQueueUnexplained{"ECD1101",
                                     "queue-unexplained",
                                     Severity::Information,
                                     "A failing queue's error is explained by no receive connector finding",
                                     "a queue in Retry whose LastError no finding explains",
                                     {}};

/// The causes outside receive connectors: always the certificate and the firewall (they break Exchange Server
/// authentication without any trace in Get-ReceiveConnector), and any other row of the queue's error that lies
/// outside. Each in words ("... (DOMAIN.md §5.2 row 5)") and as evidence.
struct OutsideCauses {
  std::vector<std::string> text;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
};

OutsideCauses outside_causes(const Queue& q) {
  std::vector<int> outside{5, 8};
  for (int row : q.rows)
    if (const CauseRow* r = cause_row(row);
        r && r->outside && std::find(outside.begin(), outside.end(), row) == outside.end())
      outside.push_back(row);
  std::sort(outside.begin(), outside.end());
  OutsideCauses out;
  for (int row : outside) {
    const CauseRow* r = cause_row(row);
    std::string cause(r->title);
    if (!cause.empty() && cause[0] >= 'A' && cause[0] <= 'Z') cause[0] = static_cast<char>(cause[0] - 'A' + 'a');
    out.text.push_back(fmt::format("{} (DOMAIN.md §5.2 row {})", cause, row));
    nlohmann::ordered_json c;
    c["row"] = row;
    c["cause"] = std::string(r->title);
    c["hint"] = std::string(r->hint);
    out.evidence.push_back(std::move(c));
  }
  return out;
}

Finding unexplained(const Organisation& org, const Queue& q, const std::vector<RuleInfo>& catalogue) {
  Finding f = finding_of(kQueueUnexplained);
  f.server = !q.target.empty() ? q.target : q.server;
  const std::string name = q.identity.empty() ? q.pointer : q.identity;
  const std::string hop = q.next_hop.empty() ? std::string("an unnamed next hop") : q.next_hop;
  const std::string error = q.reply.empty() ? utf8_prefix(q.last_error, 300) : q.reply;
  SmtpDiagnosis d = diagnose_smtp_text(q.last_error, q.target.empty() ? q.next_hop : q.target, catalogue, q.server);

  const OutsideCauses outside = outside_causes(q);

  std::string why;
  const ExchangeServer* target = q.target.empty() ? nullptr : org.find_server(q.target);
  if (!target)
    why = fmt::format(
        "its next hop '{}' is none of the servers whose connectors were given, so its receive connectors could not "
        "be checked: add them (Get-ReceiveConnector -Server {})",
        hop, hop);
  else if (!target->has_connectors)
    why = fmt::format(
        "no receive connector of {} was given, so they could not be checked: add them "
        "(Get-ReceiveConnector -Server {})",
        target->name, target->name);
  else if (q.rows.empty())
    why = fmt::format("'{}' is not a reply that the cause catalogue ties to receive connectors", error);
  else
    why = fmt::format("no finding on the receive connectors of {} explains it{}", target->name,
                      q.server.empty() ? std::string() : fmt::format(" for {} as the sender", q.server));
  f.message = fmt::format("Queue '{}' to {} fails with '{}', and {}. Look at what lies outside receive connectors: {}.",
                          name, hop, error, why, fmt::join(outside.text, "; "));
  f.remediation =
      fmt::format("Check the causes that Get-ReceiveConnector cannot show: {}. {}", fmt::join(outside.text, "; "),
                  d.cause ? fmt::format("Then run: {}", d.cause->next) : std::string());

  auto& e = f.evidence;
  e["queue"] = name;
  e["queueServer"] = q.server;
  e["nextHop"] = q.next_hop;
  e["nextHopServer"] = q.target;
  e["lastError"] = q.last_error;
  e["reply"] = q.reply;
  e["rows"] = q.rows;
  e["outsideCauses"] = outside.evidence;
  e["next"] = d.cause ? d.cause->next : std::string();
  return f;
}

}  // namespace

const RuleInfo& queue_unexplained_rule() {
  return kQueueUnexplained;
}

void add_unexplained_queue_findings(const Organisation& organisation, const std::vector<RuleInfo>& catalogue,
                                    std::vector<Finding>& findings) {
  std::vector<Finding> out;
  for (const auto& q : organisation.queues) {
    if (!q.failing) continue;
    const std::string name = q.identity.empty() ? q.pointer : q.identity;
    bool explained = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return std::find(f.explains_queues.begin(), f.explains_queues.end(), name) != f.explains_queues.end();
    });
    if (!explained) out.push_back(unexplained(organisation, q, catalogue));
  }
  findings.insert(findings.end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
}

}  // namespace ecd
