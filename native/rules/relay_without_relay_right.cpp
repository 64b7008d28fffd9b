// ECD0704 relay-without-relay-right: a non-default connector that admits a narrow set of senders anonymously but
// grants no relay right (no hand-made permission, shown as Custom; not ExternalAuthoritative) answers
// "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain" for outside recipients. It looks like a relay
// that was never finished (DOMAIN.md §4.1, §5.2 row 11; DOMAIN-SUPPLEMENT.md §A.6 #2, #5).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "finding/powershell_command.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class RelayWithoutRelayRight final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0704",
      "relay-without-relay-right",
      Severity::Information,
      "A connector that looks like a relay grants no relay right",
      "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain (older builds: 550 5.7.1 "
      "Unable to relay) for recipients outside the organisation",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || default_connector_kind(c) != DefaultConnector::None || !c.has_remote_ip_ranges) continue;
      if (!c.has_permission(kPermAnonymousUsers) || c.has_permission(kPermCustom) ||
          c.has_auth(kAuthExternalAuthoritative))
        continue;
      if (c.remote_ip_ranges.empty() || !exposed_ranges(c).empty()) continue;  // narrow, private senders only
      std::vector<std::string> ranges;
      for (const auto& r : c.remote_ip_ranges) ranges.push_back(r.expression);
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' admits anonymous senders from a narrow set of addresses ({}) and grants them no relay right: "
          "PermissionGroups has no hand-made permission (Custom) and AuthMechanism no ExternalAuthoritative. It "
          "looks like a relay for devices or applications (an assumption: it may be meant only for mail to the "
          "organisation's own domains). Mail from these senders to recipients outside the accepted domains is "
          "refused with 550 5.7.54 Unable to relay.",
          c.identity, fmt::join(ranges, ", "));
      f.remediation = fmt::format(
          "If these senders must relay, Microsoft documents two ways, one or the other: (1) keep AnonymousUsers and "
          "grant relay to anonymous senders only: Get-ReceiveConnector {0} | Add-ADPermission -User 'NT "
          "AUTHORITY\\ANONYMOUS LOGON' -ExtendedRights 'Ms-Exch-SMTP-Accept-Any-Recipient' (mail stays anonymous: "
          "anti-spam and size limits apply, the sender's address is not trusted); or (2) treat the senders as "
          "externally secured: Set-ReceiveConnector {0} -PermissionGroups ExchangeServers -AuthMechanism "
          "ExternalAuthoritative (they are trusted like Exchange servers: anti-spam and message size limits are "
          "bypassed and the sender's address is trusted, so only for hosts you control). Which one fits is not "
          "known here, so no command is given.",
          ps_quote(c.identity));
      f.evidence["remoteIPRanges"] = ranges;
      f.evidence["permissionGroups"] = c.permission_groups ? format_permission_groups(*c.permission_groups) : "";
      f.evidence["authMechanism"] = c.auth_mechanism ? format_auth_mechanism(*c.auth_mechanism) : "";
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_relay_without_relay_right_rule() {
  return std::make_unique<RelayWithoutRelayRight>();
}

}  // namespace ecd
