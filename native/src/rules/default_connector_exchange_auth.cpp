// ECD0102 default-connector-exchange-auth: a default connector that Exchange servers deliver to lacks
// Exchange Server authentication or the permission groups that let an authenticated server submit
// (DOMAIN.md §3.1, §5.2 rows 1 and 3).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/powershell_command.h"
#include "rules/rules.h"

namespace ecd {
namespace {

constexpr RuleInfo kInfo{
    "ECD0102", "default-connector-exchange-auth", Severity::Error,
    "A default connector lacks Exchange Server authentication or the Exchange server permission groups",
    "451 5.7.3 Cannot achieve Exchange Server authentication; 535 5.7.3 Authentication unsuccessful (event 1018); "
    "550 5.7.1 Client does not have permissions to submit to this server"};

struct Requirement {
  std::uint32_t auth;
  std::uint32_t permissions;
};

std::optional<Requirement> requirement(DefaultConnector kind) {
  switch (kind) {
    case DefaultConnector::DefaultFrontend:
    case DefaultConnector::Default:
      return Requirement{kAuthTls | kAuthExchangeServer, kPermExchangeServers | kPermExchangeLegacyServers};
    case DefaultConnector::OutboundProxyFrontend:
    case DefaultConnector::EdgeInternal: return Requirement{kAuthTls | kAuthExchangeServer, kPermExchangeServers};
    default: return std::nullopt;
  }
}

class DefaultConnectorExchangeAuth final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      auto need = requirement(default_connector_kind(c));
      if (!need || !c.enabled || !c.auth_mechanism || !c.permission_groups) continue;
      std::uint32_t missing_auth = need->auth & ~*c.auth_mechanism;
      std::uint32_t missing_perm = need->permissions & ~*c.permission_groups;
      if (missing_auth == 0 && missing_perm == 0) continue;
      out.push_back(make_finding(c, missing_auth, missing_perm));
    }
  }

 private:
  Finding make_finding(const Connector& c, std::uint32_t missing_auth, std::uint32_t missing_perm) const {
    Finding f = finding();
    f.server = c.server;
    f.connector = c.identity;
    std::vector<std::string> what, effects;
    if (missing_auth != 0) {
      what.push_back(fmt::format("AuthMechanism lacks {} (it has {})", format_auth_mechanism(missing_auth),
                                 format_auth_mechanism(*c.auth_mechanism)));
      effects.push_back(
          "Exchange servers that deliver to it cannot authenticate (451 5.7.3 Cannot achieve Exchange Server "
          "authentication)");
    }
    if (missing_perm != 0) {
      what.push_back(fmt::format("PermissionGroups lacks {} (it has {})", format_permission_groups(missing_perm),
                                 format_permission_groups(*c.permission_groups)));
      effects.push_back((missing_perm & kPermExchangeServers)
                            ? "an authenticated Exchange server may not submit mail (535 5.7.3 Authentication "
                              "unsuccessful with event "
                              "1018, or 550 5.7.1 Client does not have permissions to submit to this server)"
                            : "Exchange 2010/2007 servers may not submit mail (550 5.7.1 Client does not have "
                              "permissions to submit to this server)");
    }
    f.message = fmt::format("'{}' is a default connector that Exchange servers deliver to, but its {}: {}.", c.identity,
                            fmt::join(what, " and its "), fmt::join(effects, "; and "));

    std::uint32_t auth = (*c.auth_mechanism | missing_auth) & ~std::uint32_t{kAuthExternalAuthoritative};
    std::uint32_t perm = (*c.permission_groups | missing_perm) & ~std::uint32_t{kPermCustom};
    PowerShellCommand cmd("Set-ReceiveConnector");
    cmd.arg("Identity", c.identity);
    std::vector<std::string> notes;
    if (missing_auth != 0) {
      cmd.arg("AuthMechanism", auth_mechanism_list(auth));
      if (*c.auth_mechanism & kAuthExternalAuthoritative)
        notes.push_back(
            "ExternalAuthoritative is dropped, because Exchange does not allow it together with ExchangeServer");
    }
    if (missing_perm != 0) {
      cmd.arg("PermissionGroups", permission_group_list(perm));
      if (*c.permission_groups & kPermCustom)
        notes.push_back("Custom is not a group you can set: the hand-made permissions behind it stay as they are");
    }
    f.remediation = fmt::format("Add what is missing and keep what is there: AuthMechanism {}, PermissionGroups {}.{}",
                                format_auth_mechanism(auth), format_permission_groups(perm),
                                notes.empty() ? std::string() : fmt::format(" ({}.)", fmt::join(notes, "; ")));
    f.remediation_command = cmd.text();
    auto& e = f.evidence;
    e["authMechanism"] = format_auth_mechanism(*c.auth_mechanism);
    e["missingAuthMechanism"] = missing_auth ? format_auth_mechanism(missing_auth) : "";
    e["permissionGroups"] = format_permission_groups(*c.permission_groups);
    e["missingPermissionGroups"] = missing_perm ? format_permission_groups(missing_perm) : "";
    e["defaultConnector"] = std::string(default_connector_label(default_connector_kind(c)));
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_connector_exchange_auth_rule() {
  return std::make_unique<DefaultConnectorExchangeAuth>();
}

}  // namespace ecd
