// ECD0701 external-authoritative-open-relay: ExternalAuthoritative ("externally secured") on remote ranges
// wider than a small trusted subnet or holding public addresses: everyone there is trusted like an Exchange
// server and may relay anywhere (DOMAIN.md §4.3).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules/rule_support.h"
#include "rules/rules.h"

namespace ecd {
namespace {

constexpr RuleInfo kInfo{"ECD0701", "external-authoritative-open-relay", Severity::Error,
                         "ExternalAuthoritative on a wide or public remote range: an open relay",
                         "Spam relayed through the server, the server's address on block lists; no SMTP error at all"};

class ExternalAuthoritativeOpenRelay final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.has_auth(kAuthExternalAuthoritative)) continue;
      const auto exposed = exposed_ranges(c);
      if (exposed.empty()) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' has ExternalAuthoritative (externally secured) and admits {}. Every host there is treated as an "
          "Exchange server: it may relay to any recipient, its mail bypasses anti-spam and size limits and its "
          "senders resolve to internal names. On a range wider than a small trusted subnet or with public addresses "
          "this is an open relay.",
          c.identity, fmt::join(exposure_labels(exposed), ", "));
      f.remediation =
          "List only the addresses of the hosts that really relay (a few single addresses or a /24 at most, on a "
          "network you control); for a wider group of applications, use an anonymous relay connector "
          "(AnonymousUsers plus ms-Exch-SMTP-Accept-Any-Recipient) instead. Which hosts those are cannot be read "
          "from the connector, so no command is given.";
      f.evidence["exposedRanges"] = exposure_evidence(exposed);
      f.evidence["threshold"] =
          "more than 256 IPv4 addresses (wider than /24) or 2^64 IPv6 addresses (/64), or any "
          "address outside RFC 1918, loopback, link-local and IPv6 unique-local space";
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_external_authoritative_open_relay_rule() {
  return std::make_unique<ExternalAuthoritativeOpenRelay>();
}

}  // namespace ecd
