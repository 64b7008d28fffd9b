// ECD0206 exchange-legacy-servers-missing: "Default Frontend <srv>" or "Default <srv>" lacks the
// ExchangeLegacyServers permission group that setup gives it. The group is ExchangeLegacyInterop
// (Exchange 2003/2000 bridgeheads); Exchange 2007 and 2010 servers authenticate as Exchange Servers, so its
// absence is drift from the default, not a cause of 451 5.7.3 (DOMAIN.md §4.1, §5.2 row 3;
// DOMAIN-SUPPLEMENT.md §E).
#include <fmt/format.h>

#include "model/defaults.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class ExchangeLegacyServersMissing final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0206",
      "exchange-legacy-servers-missing",
      Severity::Information,
      "A default connector lacks the ExchangeLegacyServers permission group (drift from the default)",
      "none in an organisation with Exchange 2013 or later; mail from hosts added to "
      "ExchangeLegacyInterop by hand is refused",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      DefaultConnector kind = default_connector_kind(c);
      if (kind != DefaultConnector::DefaultFrontend && kind != DefaultConnector::Default) continue;
      if (!c.enabled || !c.permission_groups || c.has_permission(kPermExchangeLegacyServers)) continue;
      const ExchangeServer* server = ctx.organisation.find_server(c.server);
      if (server && server->profile.is_edge()) continue;  // the group does not exist on Edge
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' does not grant the ExchangeLegacyServers permission group (PermissionGroups: {}), which setup gives "
          "it. That group is ExchangeLegacyInterop, which holds Exchange 2003 and 2000 servers; Exchange 2007 and "
          "2010 servers authenticate as members of Exchange Servers (the ExchangeServers group), so nothing breaks "
          "unless a host was added to ExchangeLegacyInterop by hand (Get-ADGroupMember ExchangeLegacyInterop shows "
          "its members).",
          c.identity, format_permission_groups(*c.permission_groups));
      f.remediation =
          "Nothing needs doing for mail between Exchange servers. To return to the default, add the "
          "group back; the command keeps the other groups.";
      give_groups_back(f, c, kPermExchangeLegacyServers);
      f.evidence["defaultConnector"] = std::string(default_connector_label(kind));
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_legacy_servers_missing_rule() {
  return std::make_unique<ExchangeLegacyServersMissing>();
}

}  // namespace ecd
