// From failing queues to the findings that explain them: each queue's next hop is tied to an Exchange server of
// the request, its LastError to the rows of DOMAIN.md §5.2, and a finding explains a queue when it is about that
// server, its rule explains one of those rows (RuleInfo::rows), and it concerns the queue's own server as the
// sender (when the finding names a sender). A pass after the rules, over typed findings; then ECD1101 says which
// failing queue no finding explains.
#pragma once

#include <string>
#include <vector>

#include "finding/finding.h"
#include "finding/rule_info.h"
#include "model/organisation.h"

namespace ecd {

/// Fills in each queue's derived fields: failing, target, reply and rows. The next hop names a server
/// by its name, its FQDN, the first label of an FQDN, the Fqdn of one of its connectors, or (from the
/// text: {IP=...}, "The last endpoint attempted was ...") one of its addresses; all case-insensitive.
void diagnose_queues(Organisation& organisation);

/// Whether `finding` explains `queue`: a Warning or Error on the queue's target server whose rule explains a
/// cause row of the queue's error, about the queue's server as the sender when the finding names one, and not
/// about a port that sender does not deliver on.
bool finding_explains_queue(const Finding& finding, const Queue& queue);

/// Sets explains_queues (the identities of the queues it explains) on every finding that explains one. A capture
/// judged uncertain (the sender may deliver on that port) that a queue confirms becomes an Error.
void explain_queues(std::vector<Finding>& findings, const Organisation& organisation);

/// ECD1101 queue-unexplained: one Information finding per failing queue that no finding explains
/// (diagnose/queue_unexplained.cpp), appended to `findings`; `catalogue` names the rules that can confirm a reply.
const RuleInfo& queue_unexplained_rule();
void add_unexplained_queue_findings(const Organisation& organisation, const std::vector<RuleInfo>& catalogue,
                                    std::vector<Finding>& findings);

/// The servers that failing queues point at (each once, in queue order).
std::vector<std::string> queue_targets(const Organisation& organisation);

/// The analysis focused on the queues: when failing queues point at servers of the request, findings
/// about other servers are dropped (bad input, ECD0001, and queue findings, ECD1101, always stay).
void focus_on_queue_targets(std::vector<Finding>& findings, const Organisation& organisation);

}  // namespace ecd
