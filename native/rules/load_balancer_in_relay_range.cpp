// ECD0705 load-balancer-in-relay-range: a connector that grants relay (an anonymous relay, shown as Custom, or
// ExternalAuthoritative) lists the address of a load balancer that translates source addresses (SNAT) in its
// RemoteIPRanges. Every sender behind that load balancer arrives from its address, Internet senders included, so
// the connector relays for all of them (DOMAIN.md §1.5).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class LoadBalancerInRelayRange final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0705",
      "load-balancer-in-relay-range",
      Severity::Error,
      "A relay connector's remote ranges hold the address of a load balancer that translates source addresses",
      "Spam relayed through the server for anyone behind the load balancer, the server's address on block lists; "
      "no SMTP error at all",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    if (org.load_balancers.empty()) return;
    for (const auto& c : org.connectors) {
      if (!c.enabled || !c.has_remote_ip_ranges) continue;
      const bool external = c.has_auth(kAuthExternalAuthoritative);
      const bool anonymous_relay = c.has_permission(kPermAnonymousUsers) && c.has_permission(kPermCustom);
      if (!external && !anonymous_relay) continue;
      std::vector<IpAddress> inside;
      for (const auto& lb : org.load_balancers)
        for (const auto& r : c.remote_ip_ranges)
          if (r.contains(lb)) {
            inside.push_back(lb);
            break;
          }
      if (inside.empty()) continue;
      std::vector<std::string> text;
      ConnectorEdit edit;
      for (const auto& a : inside) {
        text.push_back(format_ip_address(a));
        edit.remove_addresses.push_back(Interval{a.family, a.value, a.value});
      }
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' {} for the load balancer address(es) {}. A load balancer that translates source addresses (SNAT) "
          "makes every sender behind it arrive from its own address, Internet senders included: the connector "
          "relays for all of them, an open relay.",
          c.identity,
          external ? "trusts senders as externally secured (ExternalAuthoritative: relay, no anti-spam)"
                   : "lets anonymous senders relay (AnonymousUsers with a hand-made permission, Custom)",
          fmt::join(text, ", "));
      f.remediation =
          "Take the load balancer's address out of RemoteIPRanges. Devices that must relay then connect to the "
          "server directly (or through a load balancer that keeps their source address); through the load "
          "balancer they reach Default Frontend and can no longer relay.";
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["loadBalancers"] = text;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_load_balancer_in_relay_range_rule() {
  return std::make_unique<LoadBalancerInRelayRange>();
}

}  // namespace ecd
