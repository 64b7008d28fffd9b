// ECD0102 default-connector-exchange-auth: a default connector that Exchange servers deliver to lacks
// Exchange Server authentication or the ExchangeServers permission group that lets an authenticated
// server submit (DOMAIN.md §3.1, §5.2 rows 1 and 3). ExchangeLegacyServers (Exchange 2003/2000 only) is
// ECD0206's.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules.h"
#include "rules/rule_support.h"
#include "select/landings.h"

namespace ecd {
namespace {

class DefaultConnectorExchangeAuth final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0102",
      "default-connector-exchange-auth",
      Severity::Error,
      "A default connector lacks Exchange Server authentication or the ExchangeServers permission group",
      "451 5.7.3 Cannot achieve Exchange Server authentication; 535 5.7.3 Authentication unsuccessful (event 1018); "
      "550 5.7.1 Client does not have permissions to submit to this server",
      {1, 3}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!exchange_servers_deliver_to(default_connector_kind(c)) || !c.enabled || !c.auth_mechanism ||
          !c.permission_groups)
        continue;
      std::uint32_t missing_auth = (kAuthTls | kAuthExchangeServer) & ~*c.auth_mechanism;
      std::uint32_t missing_perm = kPermExchangeServers & ~*c.permission_groups;
      if (missing_auth == 0 && missing_perm == 0) continue;
      out.push_back(make_finding(ctx, c, missing_auth, missing_perm));
    }
  }

 private:
  /// The Exchange servers that deliver on the connector's ports, as "EX02 (port 25)".
  static std::vector<std::string> senders_of(const RuleContext& ctx, const Connector& c) {
    std::vector<std::string> out;
    const ExchangeServer* target = ctx.organisation.find_server(c.server);
    if (!target) return out;
    for (const auto& b : c.bindings) {
      if (!is_exchange_port(b.port)) continue;
      for (const auto& sender : ctx.organisation.servers) {
        if (!delivers(delivery_of(sender, *target, b.port))) continue;
        std::string label = fmt::format("{} (port {})", sender.name, b.port);
        if (std::find(out.begin(), out.end(), label) == out.end()) out.push_back(std::move(label));
      }
    }
    return out;
  }

  /// The fix: what is missing added, what is there kept; ExternalAuthoritative dropped and Fqdn set back to the
  /// server's own name where Exchange refuses ExchangeServer otherwise (DOMAIN.md §1.3).
  static void add_fix(const Organisation& org, const Connector& c, std::uint32_t missing_auth,
                      std::uint32_t missing_perm, Finding& f) {
    ConnectorEdit edit;
    edit.add_auth = missing_auth;
    edit.remove_permissions = 0;
    edit.add_permissions = missing_perm;
    std::vector<std::string> notes;
    if (missing_auth & kAuthExchangeServer) {
      if (*c.auth_mechanism & kAuthExternalAuthoritative) {
        edit.remove_auth = kAuthExternalAuthoritative;
        notes.push_back(
            "ExternalAuthoritative is dropped, because Exchange does not allow it together with ExchangeServer");
      }
      // Exchange accepts ExchangeServer only with the server's own name as Fqdn (DOMAIN.md §1.3).
      const ExchangeServer* server = org.find_server(c.server);
      std::string own = server ? server_fqdn(org, *server) : std::string();
      if (server && !fqdn_allowed_with_exchange_server(org, *server, c.fqdn)) {
        std::string name = own.empty() ? c.server : own;
        edit.assign("Fqdn", name);
        notes.push_back(fmt::format(
            "Fqdn goes back from '{}' to the server's own name '{}', because Set-ReceiveConnector refuses "
            "ExchangeServer with any other name; if '{}' was there for Internet senders' TLS, set TlsCertificateName "
            "to that certificate so that STARTTLS keeps presenting it",
            c.fqdn, name, c.fqdn));
        f.evidence["fqdn"] = c.fqdn;
        f.evidence["newFqdn"] = name;
      }
    }
    std::uint32_t auth = (*c.auth_mechanism | edit.add_auth) & ~edit.remove_auth;
    std::uint32_t perm = settable_permission_groups(*c.permission_groups | missing_perm);
    if (missing_perm != 0 && (*c.permission_groups & kPermCustom))
      notes.push_back("Custom is not a group you can set: the hand-made permissions behind it stay as they are");
    f.remediation = fmt::format("Add what is missing and keep what is there: AuthMechanism {}, PermissionGroups {}.{}",
                                format_auth_mechanism(auth), format_permission_groups(perm),
                                notes.empty() ? std::string() : fmt::format(" ({}.)", fmt::join(notes, "; ")));
    f.edit = std::move(edit);
    f.edit_connector = c.index;
  }

  Finding make_finding(const RuleContext& ctx, const Connector& c, std::uint32_t missing_auth,
                       std::uint32_t missing_perm) const {
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
      what.push_back(fmt::format("PermissionGroups lacks ExchangeServers (it has {})",
                                 format_permission_groups(*c.permission_groups)));
      effects.push_back(
          "an authenticated Exchange server may not submit mail (535 5.7.3 Authentication unsuccessful with event "
          "1018, or 550 5.7.1 Client does not have permissions to submit to this server)");
    }
    const auto senders = senders_of(ctx, c);
    f.message = fmt::format("'{}' is a default connector that Exchange servers deliver to, but its {}: {}.", c.identity,
                            fmt::join(what, " and its "), fmt::join(effects, "; and "));
    if (senders.empty()) {
      f.severity = Severity::Warning;
      f.message += fmt::format(
          " None of the servers given delivers to it today (an Edge Transport or Exchange 2010 server delivers to "
          "port 25, Exchange 2013 and later Mailbox servers to 2525), so nothing fails yet; it does as soon as "
          "one does.");
    } else {
      f.message += fmt::format(" Exchange servers that deliver to it: {}.", fmt::join(senders, ", "));
    }

    add_fix(ctx.organisation, c, missing_auth, missing_perm, f);
    auto& e = f.evidence;
    e["authMechanism"] = format_auth_mechanism(*c.auth_mechanism);
    e["missingAuthMechanism"] = missing_auth ? format_auth_mechanism(missing_auth) : "";
    e["permissionGroups"] = format_permission_groups(*c.permission_groups);
    e["missingPermissionGroups"] = missing_perm ? format_permission_groups(missing_perm) : "";
    e["defaultConnector"] = std::string(default_connector_label(default_connector_kind(c)));
    e["exchangeSenders"] = senders;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_connector_exchange_auth_rule() {
  return std::make_unique<DefaultConnectorExchangeAuth>();
}

}  // namespace ecd
