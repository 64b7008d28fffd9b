// ECD0702 anonymous-custom-wide-range: AnonymousUsers with Custom (hand-made permissions, the anonymous relay
// recipe) on a wide or public remote range: if the hand-made ACE is Accept-Any-Recipient, anyone there may
// relay. Get-ReceiveConnector cannot show the ACEs; Get-ADPermission can (DOMAIN.md §4.1, §4.3).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "finding/powershell_command.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class AnonymousCustomWideRange final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0702",
      "anonymous-custom-wide-range",
      Severity::Warning,
      "Anonymous access with hand-made permissions on a wide or public remote range: possibly an open relay",
      "Spam relayed through the server, the server's address on block lists; no SMTP error at all",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.has_permission(kPermAnonymousUsers) || !c.has_permission(kPermCustom)) continue;
      const auto exposed = exposed_ranges(c);
      if (exposed.empty()) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' admits anonymous senders (AnonymousUsers) and carries hand-made permissions (Custom) for {}. The "
          "usual hand-made permission on such a connector is ms-Exch-SMTP-Accept-Any-Recipient for ANONYMOUS LOGON "
          "(the anonymous relay recipe); on a range this wide or public that makes the server an open relay. "
          "Get-ReceiveConnector cannot show which permissions were granted: the RemediationCommand lists them.",
          c.identity, fmt::join(exposure_labels(exposed), ", "));
      f.remediation =
          "Run the RemediationCommand and look for ms-Exch-SMTP-Accept-Any-Recipient granted to NT "
          "AUTHORITY\\ANONYMOUS "
          "LOGON or Everyone. If it is there, narrow RemoteIPRanges to the hosts that must relay (a dedicated relay "
          "connector), or remove the grant with Remove-ADPermission. This command only shows the grants; it changes "
          "nothing.";
      f.remediation_command = fmt::format(
          "Get-ADPermission -Identity {} | Where-Object {{ -not $_.IsInherited -and -not $_.Deny }} | "
          "Format-Table -Property User,ExtendedRights",
          ps_quote(c.identity));
      f.evidence["permissionGroups"] = c.permission_groups ? format_permission_groups(*c.permission_groups) : "";
      f.evidence["exposedRanges"] = exposure_evidence(exposed);
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_anonymous_custom_wide_range_rule() {
  return std::make_unique<AnonymousCustomWideRange>();
}

}  // namespace ecd
