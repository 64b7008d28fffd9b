// ECD0205 client-connector-exchange-users-missing: "Client Frontend <srv>" (587) or "Client Proxy <srv>"
// (465) lost the ExchangeUsers permission group, so authenticated clients may not submit (DOMAIN.md §5.2 row 10).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class ClientConnectorExchangeUsersMissing final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0205",
      "client-connector-exchange-users-missing",
      Severity::Error,
      "A client submission connector does not grant ExchangeUsers",
      "550 5.7.1 Client does not have permissions to submit to this server (authenticated SMTP clients)",
      {10}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      DefaultConnector kind = default_connector_kind(c);
      if (kind != DefaultConnector::ClientFrontend && kind != DefaultConnector::ClientProxy) continue;
      if (!c.enabled || !c.permission_groups || c.has_permission(kPermExchangeUsers)) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::uint32_t perm = settable_permission_groups(*c.permission_groups | kPermExchangeUsers);
      f.message = fmt::format(
          "'{}' does not grant the ExchangeUsers permission group (PermissionGroups: {}). {} authenticate but may "
          "not submit: 550 5.7.1 Client does not have permissions to submit to this server.",
          c.identity, format_permission_groups(*c.permission_groups),
          kind == DefaultConnector::ClientFrontend
              ? "POP/IMAP clients and applications that send with a mailbox's credentials on port 587"
              : "Client sessions that the Front End Transport service proxies to port 465");
      f.remediation = fmt::format("Give ExchangeUsers back, keeping the other groups: PermissionGroups {}.",
                                  format_permission_groups(perm));
      give_groups_back(f, c, kPermExchangeUsers);
      f.evidence["defaultConnector"] = std::string(default_connector_label(kind));
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_client_connector_exchange_users_missing_rule() {
  return std::make_unique<ClientConnectorExchangeUsersMissing>();
}

}  // namespace ecd
