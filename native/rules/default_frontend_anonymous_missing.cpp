// ECD0201 default-frontend-anonymous-missing: "Default Frontend <srv>" lost the AnonymousUsers permission
// group, so Internet mail is refused (DOMAIN.md §3.1, §5.2 row 9).
#include <fmt/format.h>

#include <algorithm>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class DefaultFrontendAnonymousMissing final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD0201",
                                  "default-frontend-anonymous-missing",
                                  Severity::Error,
                                  "The Default Frontend connector does not admit anonymous senders",
                                  "530 5.7.1 Client was not authenticated (Internet senders)",
                                  {9}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    bool edge_known = std::any_of(ctx.organisation.servers.begin(), ctx.organisation.servers.end(),
                                  [](const ExchangeServer& s) { return s.profile.is_edge(); });
    for (const auto& c : ctx.organisation.connectors) {
      if (default_connector_kind(c) != DefaultConnector::DefaultFrontend || !c.enabled || !c.permission_groups)
        continue;
      if (c.has_permission(kPermAnonymousUsers)) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::uint32_t perm = settable_permission_groups(*c.permission_groups | kPermAnonymousUsers);
      f.message = fmt::format(
          "'{}' does not grant the AnonymousUsers permission group (PermissionGroups: {}). Internet senders and "
          "anything else that connects to port 25 without authenticating are refused at MAIL FROM with 530 5.7.1 "
          "Client was not authenticated.",
          c.identity, format_permission_groups(*c.permission_groups));
      if (edge_known) {
        f.severity = Severity::Warning;
        f.message +=
            " The organisation has an Edge Transport server, which authenticates as an Exchange server; if all "
            "Internet mail arrives through it and nothing on the network sends anonymously to this server, this can "
            "be deliberate.";
      }
      f.remediation = fmt::format(
          "Give AnonymousUsers back to the default connector that receives Internet mail, keeping the other groups: "
          "PermissionGroups {}.{}",
          format_permission_groups(perm),
          c.has_permission(kPermCustom) ? " (Custom cannot be set: the hand-made permissions behind it stay.)" : "");
      give_groups_back(f, c, kPermAnonymousUsers);
      f.evidence["edgeServerKnown"] = edge_known;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_frontend_anonymous_missing_rule() {
  return std::make_unique<DefaultFrontendAnonymousMissing>();
}

}  // namespace ecd
