// From an SMTP reply to its causes: the rows of DOMAIN.md §5.2's cause catalogue that can produce
// it, the rules that can confirm them, whether the cause may lie outside receive connectors, and
// what to run next. The parser (parse/smtp_reply.h) finds the replies; this file says what they mean.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finding/rule_info.h"
#include "parse/smtp_reply.h"

namespace ecd {

/// One row of DOMAIN.md §5.2.
struct CauseRow {
  int row = 0;
  std::string_view title;  // the cause, in words
  bool outside = false;    // not visible in Get-ReceiveConnector (certificates, firewalls, credentials)
  std::string_view hint;   // how to confirm or rule out this row
};
const std::vector<CauseRow>& cause_catalogue();
const CauseRow* cause_row(int row);

struct SmtpCause {
  std::string reply;               // the reply classified: "451 5.7.3 Cannot achieve Exchange Server authentication"
  std::vector<int> rows;           // DOMAIN.md §5.2 rows that produce it, most likely first
  std::string title;               // what the reply means
  std::vector<std::string> rules;  // ids of the rules whose symptom is this reply
  bool outside_receive_connectors = false;  // some of the rows lie outside receive connectors
  std::string next;                         // the command to run next (names the next hop when known)
};

/// The causes of one reply, or nullopt when the catalogue does not know it. `next_hop` (a server
/// name or FQDN, may be empty) and `queue_server` (the server holding the queue, may be empty) are put into the next
/// command; `catalogue` (rules/rule.h's rule_catalogue) names the rules whose cause rows (RuleInfo::rows) include the
/// reply's, or the rules the reply's entry names. Replies outside DOMAIN.md §5.2 (refused and dropped connections,
/// expired messages, PRX proxy failures, Exchange Online's 5.7.64 and 5.7.57): docs/SMTP-REPLIES.md.
std::optional<SmtpCause> classify_reply(const SmtpReply& reply, std::string_view next_hop,
                                        const std::vector<RuleInfo>& catalogue, std::string_view queue_server = {});

/// The rows that any reply in `text` can produce (a rule's symptom may list several replies).
std::vector<int> rows_of_text(std::string_view text);

/// A whole text: its replies, the innermost one, the cause and the next hop.
struct SmtpDiagnosis {
  std::vector<SmtpReply> replies;
  std::optional<std::size_t> innermost;  // index into replies
  std::optional<SmtpCause> cause;
  SmtpNextHop next_hop;  // given by the caller (a queue's NextHopDomain) or named in the text
};
SmtpDiagnosis diagnose_smtp_text(std::string_view text, std::string_view next_hop,
                                 const std::vector<RuleInfo>& catalogue, std::string_view queue_server = {});

}  // namespace ecd
