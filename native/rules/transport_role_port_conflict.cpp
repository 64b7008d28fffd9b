// ECD0401 transport-role-port-conflict: a HubTransport connector binds a port that the Front End Transport
// service owns on the same server (25, 587, 717), or a FrontendTransport connector binds one the Transport
// service owns (2525, 465): both services try to listen there (DOMAIN.md §1.3 rule 2, §2.4, §5.2 row 13).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

bool collide(const IpBinding& a, const IpBinding& b) {
  if (a.port != b.port || a.address.family != b.address.family) return false;
  return a.address == b.address || a.is_wildcard() || b.is_wildcard();
}

class TransportRolePortConflict final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0401",
      "transport-role-port-conflict",
      Severity::Error,
      "Connectors of both transport roles bind the same port on one server",
      "421 4.3.2 Service not available; sporadic inability to connect on the port; mail queued, NDRs",
      {13}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    for (const auto& server : org.servers) {
      if (!server.has_connectors || server.profile.is_edge()) continue;
      auto conns = org.connectors_of(server.name);
      for (const Connector* wrong : conns) {
        if (!wrong->enabled || !wrong->transport_role || *wrong->transport_role == TransportRole::Other) continue;
        if (spec_for(org, *wrong)) continue;  // a default connector where setup's are known: ECD0203 and ECD0204
        std::set<std::uint16_t> ports;
        std::vector<std::string> against;
        for (const Connector* right : conns) {
          if (right == wrong || !right->enabled || !right->transport_role ||
              *right->transport_role == *wrong->transport_role || *right->transport_role == TransportRole::Other)
            continue;
          bool any = false;
          for (const auto& a : wrong->bindings)
            for (const auto& b : right->bindings)
              if (collide(a, b) && owning_role(a.port) == right->transport_role) {
                ports.insert(a.port);
                any = true;
              }
          if (any) against.push_back(right->identity);
        }
        if (!ports.empty()) out.push_back(make_finding(*wrong, ports, against));
      }
    }
  }

 private:
  Finding make_finding(const Connector& c, const std::set<std::uint16_t>& ports,
                       const std::vector<std::string>& against) const {
    TransportRole want = *owning_role(*ports.begin());
    auto service = [](TransportRole r) {
      return r == TransportRole::FrontendTransport ? "Front End Transport" : "Transport (Hub)";
    };
    Finding f = finding();
    f.server = c.server;
    f.connector = c.identity;
    f.message = fmt::format(
        "'{}' has TransportRole {} and binds port {}, which the {} service owns on {} ({}). Both services then try "
        "to listen on the same address and port: connections fail sporadically with 421 4.3.2 Service not available "
        "or are refused, and mail queues on this and other servers. Current builds refuse to create this; it comes "
        "from an older build or a hand edit.",
        c.identity, transport_role_name(*c.transport_role), fmt::join(ports, ", "), service(want), c.server,
        fmt::join(against, ", "));
    f.remediation = fmt::format(
        "Move the connector to the {} role (a custom connector on port {} belongs to the {} service); or, if it must "
        "stay in its role, bind it to another port or to a local address of its own.",
        transport_role_name(want), *ports.begin(), service(want));
    ConnectorEdit edit;
    edit.assign("TransportRole", std::string(transport_role_name(want)));
    f.edit = std::move(edit);
    f.edit_connector = c.index;
    f.evidence["transportRole"] = std::string(transport_role_name(*c.transport_role));
    f.evidence["ports"] = std::vector<std::uint16_t>(ports.begin(), ports.end());
    f.evidence["conflictsWith"] = against;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_transport_role_port_conflict_rule() {
  return std::make_unique<TransportRolePortConflict>();
}

}  // namespace ecd
