// ECD0002 exchange-addresses-unknown: the capture check (ECD0101) needs the addresses Exchange servers
// connect from; for a server whose addresses are not known it cannot run. A check that could not run is
// not a pass: a Warning that says which server, why, and what to give.
#include <fmt/format.h>

#include "rules.h"

namespace ecd {
namespace {

class ExchangeAddressesUnknown final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0002",
      "exchange-addresses-unknown",
      Severity::Warning,
      "An Exchange server's addresses are not known, so the capture check could not run for it",
      "451 5.7.3 Cannot achieve Exchange Server authentication may go unexplained",
      {},
      true};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& s : ctx.organisation.servers) {
      if (!s.addresses.empty()) continue;
      std::string why;
      if (!s.address_note.empty())
        why = s.address_note;
      else if (!s.given)
        why = fmt::format("-ExchangeServer does not name {}; it is known only from its connectors", s.name);
      else if (s.fqdn.empty())
        why = fmt::format("-ExchangeServer names {} without an address and without an FQDN to resolve", s.name);
      else
        why = fmt::format("-ExchangeServer names {} ({}) without an address, and it was not resolved", s.name, s.fqdn);
      Finding f = finding();
      f.server = s.name;
      f.message = fmt::format(
          "The capture check could not run for {}: its addresses are not known ({}). No check could tell whether a "
          "receive connector (on another server, or on {} itself) takes {}'s mail away from the default connector "
          "and answers it with 451 5.7.3, so this is not a pass.",
          s.name, why, s.name, s.name);
      f.remediation = fmt::format(
          "Give the addresses: Test-ReceiveConnector -ExchangeServer '{}=<IPv4>,<IPv6>', or pipe Get-ExchangeServer "
          "into -ExchangeServer in the Exchange Management Shell so that each server's FQDN{} is resolved through "
          "DNS.",
          s.name, s.fqdn.empty() ? std::string() : fmt::format(" ({})", s.fqdn));
      f.evidence["fqdn"] = s.fqdn;
      f.evidence["hasConnectors"] = s.has_connectors;
      f.evidence["reason"] = why;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_addresses_unknown_rule() {
  return std::make_unique<ExchangeAddressesUnknown>();
}

}  // namespace ecd
