// ECD0703 external-authoritative-with-anonymous: both relay methods on one connector (ExternalAuthoritative and
// AnonymousUsers). Microsoft: "it's one method or the other, and not both" (DOMAIN.md §4.3).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class ExternalAuthoritativeWithAnonymous final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0703",
      "external-authoritative-with-anonymous",
      Severity::Warning,
      "ExternalAuthoritative and AnonymousUsers on the same connector",
      "Relayed mail treated as internal and authenticated; spoofed internal senders accepted",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.has_auth(kAuthExternalAuthoritative) || !c.has_permission(kPermAnonymousUsers)) continue;
      std::uint32_t perm = settable_permission_groups(*c.permission_groups & ~std::uint32_t{kPermAnonymousUsers}) |
                           kPermExchangeServers;  // ExternalAuthoritative requires ExchangeServers
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' combines both relay methods: ExternalAuthoritative (hosts treated as Exchange servers) and "
          "AnonymousUsers (PermissionGroups: {}). Microsoft's guidance is one method or the other, not both; with "
          "ExternalAuthoritative the anonymous grant adds nothing but confusion about which trust applies.",
          c.identity, format_permission_groups(*c.permission_groups));
      f.remediation = fmt::format(
          "Keep ExternalAuthoritative only if these hosts deserve full trust, and drop AnonymousUsers: "
          "PermissionGroups {}. If they do not, use an anonymous relay connector (AuthMechanism Tls, PermissionGroups "
          "AnonymousUsers plus the Accept-Any-Recipient grant) instead.",
          format_permission_groups(perm));
      ConnectorEdit edit;
      edit.remove_permissions = kPermAnonymousUsers;
      edit.add_permissions = kPermExchangeServers;
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["authMechanism"] = c.auth_mechanism ? format_auth_mechanism(*c.auth_mechanism) : "";
      f.evidence["permissionGroups"] = format_permission_groups(*c.permission_groups);
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_external_authoritative_with_anonymous_rule() {
  return std::make_unique<ExternalAuthoritativeWithAnonymous>();
}

}  // namespace ecd
