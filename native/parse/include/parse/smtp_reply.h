// SMTP replies found in free text: a queue's LastError, a message's LastError, an event's
// DiagnosticInfo, a tracking log's RecipientStatus, an NDR. Finds every reply (basic code, RFC 3463
// enhanced status code, text), and how they wrap each other:
//
//   451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication
//   451 4.4.0 Primary target IP address responded with: "451 5.7.3 Cannot achieve ..." Attempted failover ...
//   [{LRT=...};{LED=451 4.4.395 ... -> 451 5.7.3 ...};{FQDN=ex01.contoso.com};{IP=10.0.0.11}]
//   SmtpResponse:451 4.4.395 Target host responded with error. -> 451
//       5.7.3 Cannot achieve Exchange Server authentication, details:FailedRecipientCount:0; ...
//
// Line breaks inside a reply (PowerShell wraps event properties) are read as spaces. No allocation
// grows faster than the input; the work is linear in its length.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecd {

struct SmtpReply {
  int code = 0;            // basic reply code, 200..559 (RFC 5321: first digit 2-5, second 0-5)
  std::string enhanced;    // RFC 3463 class.subject.detail ("5.7.3"), empty when the reply has none
  std::string text;        // the reply's own text, without the codes and without the replies it wraps
  std::size_t offset = 0;  // byte offset of the basic code in the input
  std::size_t depth = 0;   // 0 for a reply nobody wraps; n+1 for a reply that the reply at depth n wraps
  std::size_t chain = 0;   // replies that wrap each other share a chain number (0, 1, ... in text order)
};

/// Every SMTP reply in `text`, in text order. A code counts as a reply when it is followed by an
/// enhanced status code, or stands where a reply begins (start of text, after a quote, "->", ':',
/// ';', '=') and is followed by words. The enhanced code's class must be 2, 4 or 5, and 2 only after
/// a 2xx code: Exchange itself writes "451 5.7.3", so a 4xx code may carry a class 5 enhanced code.
/// Nesting: a reply wraps the next one when its text runs into it through "->", an opening quote or a
/// colon ("responded with: \"451 ..."); otherwise the next reply starts a new chain.
std::vector<SmtpReply> parse_smtp_replies(std::string_view text);

/// A text that holds no reply (no basic code) read as one, for what its words and codes still say: a leading
/// RFC 3463 enhanced code becomes `enhanced` ("4.4.7 Message delayed" in an NDR's summary), the rest, with white
/// space folded, `text` ("Failed to connect. Winsock error code: 10060"); `code` stays 0.
SmtpReply bare_status(std::string_view text);

/// "451 5.7.3 Cannot achieve Exchange Server authentication": the codes and the reply's own text (the text alone
/// for a bare status).
std::string reply_text(const SmtpReply& reply);

/// The innermost reply: the deepest reply of the deepest chain (the first such chain on a tie).
/// nullptr when there is none.
const SmtpReply* innermost_reply(const std::vector<SmtpReply>& replies);

/// The next hop that the text names, as Exchange writes it in queue errors: {FQDN=host}, {IP=address},
/// "The last endpoint attempted was 10.0.0.11:25". Empty strings when the text names none.
struct SmtpNextHop {
  std::string host;     // "ex01.contoso.com"
  std::string address;  // "10.0.0.11" (port and brackets removed)
};
SmtpNextHop next_hop_in_text(std::string_view text);

}  // namespace ecd
