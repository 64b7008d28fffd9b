// ECD0701 external-authoritative-open-relay: ExternalAuthoritative ("externally secured") trusts every host in
// the connector's remote ranges like an Exchange server (DOMAIN.md §4.3). On a range an outsider can come
// from (more than one address with public ones among them) that is an open relay: Error. On single
// addresses and private ranges it is over-trust that may be intended (a gateway, an application server):
// Warning, saying who is trusted and what they may do.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

/// A range an outsider can come from: more than one address, and public ones among them.
bool open_to_outsiders(const IpRange& range) {
  return range.size() > Uint128::from_u64(1) && is_public(range);
}

class ExternalAuthoritativeOpenRelay final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0701",
      "external-authoritative-open-relay",
      Severity::Error,
      "ExternalAuthoritative trusts its remote ranges like Exchange servers: on public ranges, "
      "an open relay",
      "Spam relayed through the server, the server's address on block lists; no SMTP error at all",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.has_auth(kAuthExternalAuthoritative) || c.remote_ip_ranges.empty()) continue;
      std::vector<std::string> open, trusted;
      auto evidence = nlohmann::ordered_json::array();
      for (const auto& r : c.remote_ip_ranges) {
        if (r.format == RangeFormat::SingleAddress && r.lower.is_unspecified()) continue;  // matches nothing
        bool outsiders = open_to_outsiders(r);
        std::string exposure = describe_exposure(r);
        std::string label = exposure.empty() ? fmt::format("{} ({})", r.expression, describe_size(r.size()))
                                             : fmt::format("{} ({})", r.expression, exposure);
        (outsiders ? open : trusted).push_back(label);
        evidence.push_back({{"range", r.expression},
                            {"size", count_value(r.size())},
                            {"public", is_public(r)},
                            {"openToOutsiders", outsiders}});
      }
      if (open.empty() && trusted.empty()) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      const std::string trust =
          "Every host there is treated as an Exchange server: it may relay to any recipient, its mail bypasses "
          "anti-spam and message size limits, and its senders resolve to internal names";
      if (!open.empty()) {
        f.message = fmt::format(
            "'{}' has ExternalAuthoritative (externally secured) and admits {}. {}. Hosts outside your network can "
            "connect from these ranges, so the server is an open relay for them.",
            c.identity, fmt::join(open, ", "), trust);
      } else {
        f.severity = Severity::Warning;
        f.message = fmt::format(
            "'{}' has ExternalAuthoritative (externally secured) for {}. {}. That is Microsoft's second relay "
            "method and fits a gateway or an application server you control; it is over-trust when these hosts "
            "only need to relay, and whoever takes over one of these addresses inherits that trust.",
            c.identity, fmt::join(trusted, ", "), trust);
      }
      f.remediation =
          "List only the addresses of the hosts that really relay (single addresses, on a network you control). "
          "Hosts that only need to relay are better served by an anonymous relay connector (AnonymousUsers plus "
          "ms-Exch-SMTP-Accept-Any-Recipient for ANONYMOUS LOGON), which does not bypass anti-spam or treat their "
          "mail as internal. Which hosts those are cannot be read from the connector, so no command is given.";
      f.evidence["ranges"] = std::move(evidence);
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_external_authoritative_open_relay_rule() {
  return std::make_unique<ExternalAuthoritativeOpenRelay>();
}

}  // namespace ecd
