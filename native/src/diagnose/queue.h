// From failing queues to the findings that explain them (issue 6): each queue's next hop is tied to
// an Exchange server of the request, its LastError to the rows of DOMAIN.md §5.2, and a finding
// explains a queue when it is about that server, its rule's symptom is that error, and it concerns
// the queue's own server as the sender (when the finding names a sender).
#pragma once

#include <string>
#include <vector>

#include "model/organisation.h"
#include "report/finding.h"

namespace ecd {

/// Fills in each queue's derived fields: failing, target, reply and rows. The next hop names a server
/// by its name, its FQDN, the first label of an FQDN, the Fqdn of one of its connectors, or (from the
/// text: {IP=...}, "The last endpoint attempted was ...") one of its addresses; all case-insensitive.
void diagnose_queues(Organisation& organisation);

/// Whether `finding` explains `queue`: a Warning or Error on the queue's target server whose rule's
/// symptom shares a cause row with the queue's error, about the queue's server as the sender when the
/// finding names one and says it delivers on that port.
bool finding_explains_queue(const Finding& finding, const Queue& queue);

/// Adds evidence.explainsQueues (the identities of the queues it explains) to every finding that
/// explains one; other findings are left as they were.
void mark_explained_queues(std::vector<Finding>& findings, const Organisation& organisation);

/// The servers that failing queues point at (each once, in queue order).
std::vector<std::string> queue_targets(const Organisation& organisation);

/// The analysis focused on the queues: when failing queues point at servers of the request, findings
/// about other servers are dropped (bad input, ECD0001, and queue findings, ECD1101, always stay).
void focus_on_queue_targets(std::vector<Finding>& findings, const Organisation& organisation);

}  // namespace ecd
