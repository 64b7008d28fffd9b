// ECD0804 basic-auth-without-tls: BasicAuth without BasicAuthRequireTLS on a connector that senders from wide
// or public ranges reach: AUTH LOGIN is offered before STARTTLS and passwords cross the network in clear
// (DOMAIN.md §4.2, §4.3).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class BasicAuthWithoutTls final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD0804",
                                  "basic-auth-without-tls",
                                  Severity::Warning,
                                  "Basic authentication offered without TLS to senders from wide or public ranges",
                                  "Passwords sent in clear text (AUTH LOGIN before STARTTLS); no SMTP error",
                                  {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.has_auth(kAuthBasicAuth) || c.has_auth(kAuthBasicAuthRequireTls)) continue;
      const auto exposed = exposure_labels(exposed_ranges(c));
      if (exposed.empty()) continue;
      std::uint32_t auth = *c.auth_mechanism | kAuthBasicAuthRequireTls | kAuthTls;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' offers BasicAuth without BasicAuthRequireTLS to senders from {}: AUTH LOGIN is offered before "
          "STARTTLS, so a client or device that does not start TLS sends its user name and password in clear text "
          "across the network.",
          c.identity, fmt::join(exposed, ", "));
      f.remediation =
          fmt::format("Offer basic authentication only after STARTTLS: AuthMechanism {}.", format_auth_mechanism(auth));
      ConnectorEdit edit;
      edit.add_auth = kAuthBasicAuthRequireTls | kAuthTls;
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["authMechanism"] = format_auth_mechanism(*c.auth_mechanism);
      f.evidence["exposedRanges"] = exposed;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_basic_auth_without_tls_rule() {
  return std::make_unique<BasicAuthWithoutTls>();
}

}  // namespace ecd
