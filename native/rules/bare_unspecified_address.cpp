// ECD0801 bare-unspecified-address: a RemoteIPRanges entry "0.0.0.0" (or "::") without a range or prefix is
// ONE address, not "everything"; no connection ever comes from it (DOMAIN.md §1.5, §1.2 step 11).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class BareUnspecifiedAddress final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0801",
      "bare-unspecified-address",
      Severity::Warning,
      "A remote range of a bare 0.0.0.0 (or ::) matches nothing, not everything",
      "The connector never takes the senders it was meant for (they land on another connector: "
      "550 5.7.54 Unable to relay, 530 5.7.1, or 421 4.3.2)",
      {11, 12}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      std::vector<std::string> bare, kept;
      for (const auto& r : c.remote_ip_ranges) {
        if (r.format == RangeFormat::SingleAddress && r.lower.is_unspecified())
          bare.push_back(r.expression);
        else
          kept.push_back(r.expression);
      }
      if (bare.empty()) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::string all = bare.front().find(':') != std::string::npos ? "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
                                                                    : "0.0.0.0-255.255.255.255";
      f.message = fmt::format(
          "'{}' lists '{}' in RemoteIPRanges. Without a dash or a prefix length Exchange reads it as the single "
          "address {}, and no connection ever comes from that address (Exchange drops such connections before "
          "choosing a connector), so the entry matches nothing. If it was meant as \"every address\", the connector "
          "does not take the senders it was built for.",
          c.identity, bare.front(), bare.front());
      if (!kept.empty()) {
        f.remediation = fmt::format(
            "Remove the entry; it changes nothing today. If every address was meant, write {} instead, but "
            "think first: an anonymous or relay connector open to every address is an open relay.",
            all);
        ConnectorEdit edit;
        edit.remove_entries = bare;
        f.edit = std::move(edit);
        f.edit_connector = c.index;
      } else {
        f.remediation = fmt::format(
            "It is the only entry, so the connector takes no connection at all. Write the addresses it is for, or {} "
            "if it really is meant for every sender (never on an anonymous relay connector), or remove the connector. "
            "Which one was meant cannot be read from the connector, so no command is given.",
            all);
      }
      f.evidence["entries"] = bare;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_bare_unspecified_address_rule() {
  return std::make_unique<BareUnspecifiedAddress>();
}

}  // namespace ecd
