// Fuzz target: SMTP replies in free text (parse_smtp_replies, innermost_reply, next_hop_in_text) and their
// classification (diagnose_smtp_text). The whole input is one text.
// Invariants: replies come in text order at offsets that hold their basic code; codes are 200-559; an
// enhanced code has the class 2, 4 or 5 (2 only after a 2xx code); depth grows by at most one from one
// reply to the next and a new chain starts at depth 0; the innermost reply is one of the replies with the
// largest depth; every cause row is in the catalogue; a text without a reply claims none, and the words shown
// for it are valid UTF-8 when the text is, and at most 300 bytes and "...".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.h"
#include "diagnose/smtp_cause.h"
#include "fuzz_check.h"
#include "parse/smtp_reply.h"
#include "rules/rule.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecd;
  if (size > 64 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto replies = parse_smtp_replies(text);
  std::size_t max_depth = 0;
  for (std::size_t i = 0; i < replies.size(); ++i) {
    const SmtpReply& r = replies[i];
    ECD_FUZZ_CHECK(r.code >= 200 && r.code <= 559);
    ECD_FUZZ_CHECK(r.offset + 3 <= text.size());
    ECD_FUZZ_CHECK(text.substr(r.offset, 3) == std::to_string(r.code));
    if (!r.enhanced.empty()) {
      const char cls = r.enhanced.front();
      ECD_FUZZ_CHECK(cls == '2' || cls == '4' || cls == '5');
      ECD_FUZZ_CHECK((cls == '2') == (r.code / 100 == 2));
    }
    if (i > 0) {
      const SmtpReply& p = replies[i - 1];
      ECD_FUZZ_CHECK(p.offset < r.offset);
      if (r.chain == p.chain)
        ECD_FUZZ_CHECK(r.depth == p.depth + 1);
      else
        ECD_FUZZ_CHECK(r.chain == p.chain + 1 && r.depth == 0);
    } else {
      ECD_FUZZ_CHECK(r.depth == 0 && r.chain == 0);
    }
    if (r.depth > max_depth) max_depth = r.depth;
  }
  const SmtpReply* inner = innermost_reply(replies);
  ECD_FUZZ_CHECK((inner == nullptr) == replies.empty());
  if (inner) ECD_FUZZ_CHECK(inner->depth == max_depth);
  (void)next_hop_in_text(text);
  static const auto catalogue = ecd::rule_catalogue();
  const auto d = diagnose_smtp_text(text, "", catalogue);
  if (d.cause)
    for (int row : d.cause->rows) ECD_FUZZ_CHECK(cause_row(row) != nullptr);
  if (replies.empty()) {
    ECD_FUZZ_CHECK(!d.innermost.has_value());
    if (d.cause) {
      ECD_FUZZ_CHECK(d.cause->reply.size() <= 303);
      if (!first_invalid_utf8(text)) ECD_FUZZ_CHECK(!first_invalid_utf8(d.cause->reply));
    }
    const SmtpReply bare = bare_status(text);
    ECD_FUZZ_CHECK(bare.code == 0);
    if (!bare.enhanced.empty()) ECD_FUZZ_CHECK(text.find(bare.enhanced) != std::string_view::npos);
  }
  return 0;
}
