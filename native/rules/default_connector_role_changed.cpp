// ECD0204 default-connector-role-changed: a default connector belongs to the other transport role than
// setup gave it, so the wrong service (or none) answers on its port (DOMAIN.md §2.1, §2.4, §3.1).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class DefaultConnectorRoleChanged final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0204",
      "default-connector-role-changed",
      Severity::Error,
      "A default connector has the wrong TransportRole",
      "421 4.3.2 Service not available; sporadic connection failures on the port; mail queued between servers",
      {12, 13}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.transport_role) continue;
      auto spec = spec_for(ctx.organisation, c);
      if (!spec || spec->kind == DefaultConnector::EdgeInternal || *c.transport_role == spec->role) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::string_view want = transport_role_name(spec->role);
      f.message = fmt::format(
          "'{}' has TransportRole {}, but setup creates it in {} ({} service). The {} service now loads it on port {}, "
          "where the service that should answer either finds no default connector or both services compete for the "
          "port: connections fail with 421 4.3.2 Service not available or are refused, and mail that should arrive "
          "there stays queued.",
          c.identity, transport_role_name(*c.transport_role), want,
          spec->role == TransportRole::FrontendTransport ? "Front End Transport" : "Transport",
          *c.transport_role == TransportRole::FrontendTransport ? "Front End Transport" : "Transport", spec->port);
      f.remediation = fmt::format("Set the TransportRole back to {}.", want);
      ConnectorEdit edit;
      edit.assign("TransportRole", std::string(want));
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["transportRole"] = std::string(transport_role_name(*c.transport_role));
      f.evidence["expectedTransportRole"] = std::string(want);
      f.evidence["defaultConnector"] = std::string(default_connector_label(spec->kind));
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_connector_role_changed_rule() {
  return std::make_unique<DefaultConnectorRoleChanged>();
}

}  // namespace ecd
