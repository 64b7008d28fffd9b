// ECD0002 exchange-addresses-unknown: the capture check (ECD0101) needs the addresses Exchange servers
// connect from; for a server whose addresses are not known it cannot run, and says so instead of
// silently passing.
#include <fmt/format.h>

#include "rules/rules.h"

namespace ecd {
namespace {

constexpr RuleInfo kInfo{"ECD0002", "exchange-addresses-unknown", Severity::Information,
                         "An Exchange server's addresses are not known, so the capture check could not run for it",
                         "451 5.7.3 Cannot achieve Exchange Server authentication may go unexplained"};

class ExchangeAddressesUnknown final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& s : ctx.organisation.servers) {
      if (!s.addresses.empty()) continue;
      Finding f = finding();
      f.server = s.name;
      f.message = fmt::format(
          "The addresses of Exchange server {} are not known, so no check could tell whether a receive connector on "
          "another server (or on {} itself, beyond its loopback address) takes {}'s mail away from the default "
          "connector.",
          s.name, s.name, s.name);
      f.remediation = fmt::format(
          "Give the addresses: Test-ReceiveConnector -ExchangeServer '{}=<IPv4>,<IPv6>', or pipe Get-ExchangeServer "
          "into -ExchangeServer in the Exchange Management Shell so that each server's FQDN{} is resolved through DNS.",
          s.name, s.fqdn.empty() ? std::string() : fmt::format(" ({})", s.fqdn));
      f.evidence["fqdn"] = s.fqdn;
      f.evidence["hasConnectors"] = s.has_connectors;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_addresses_unknown_rule() {
  return std::make_unique<ExchangeAddressesUnknown>();
}

}  // namespace ecd
