// ECD0301 exchange-auth-fqdn-mismatch: a connector that offers Exchange Server authentication advertises an
// Fqdn that is neither the server's FQDN nor its NetBIOS name, so Kerberos to SMTPSVC/<Fqdn> fails
// (DOMAIN.md §1.3 "ValidateWrite", §5.2 row 4).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class ExchangeAuthFqdnMismatch final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0301",
      "exchange-auth-fqdn-mismatch",
      Severity::Error,
      "A connector with Exchange Server authentication advertises a name that is not the server's",
      "451 5.7.3 Cannot achieve Exchange Server authentication (Kerberos for SMTPSVC/<Fqdn> fails)",
      {4}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    for (const auto& c : org.connectors) {
      if (!c.enabled || !c.has_auth(kAuthExchangeServer) || c.fqdn.empty()) continue;
      const ExchangeServer* server = org.find_server(c.server);
      if (!server || fqdn_allowed_with_exchange_server(org, *server, c.fqdn)) continue;
      std::string fqdn = server_fqdn(org, *server);
      std::string first_label = c.fqdn.substr(0, c.fqdn.find('.'));
      if (fqdn.empty() && iequals(first_label, server->name)) continue;  // may be the FQDN: cannot tell
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::string target = fqdn.empty() ? server->name : fqdn;
      f.message = fmt::format(
          "'{}' offers Exchange Server authentication but advertises the name '{}', which is not the FQDN{} or the "
          "NetBIOS name ({}) of {}. An Exchange server that delivers to it asks Kerberos for SMTPSVC/{}, which no "
          "server account holds, so Exchange Server authentication fails with 451 5.7.3 and the mail stays queued. "
          "Set-ReceiveConnector refuses this combination, so it was written around the cmdlet (ADSI Edit) or by an "
          "older build.",
          c.identity, c.fqdn, fqdn.empty() ? std::string() : fmt::format(" ({})", fqdn), server->name, server->name,
          c.fqdn);
      f.remediation = fmt::format(
          "Give the connector the server's own name ({}). For an external name on port 25, use a banner or a separate "
          "connector without Exchange Server authentication instead.",
          target);
      ConnectorEdit edit;
      edit.assign("Fqdn", target);
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["fqdn"] = c.fqdn;
      f.evidence["serverFqdn"] = fqdn;
      f.evidence["serverName"] = server->name;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_auth_fqdn_mismatch_rule() {
  return std::make_unique<ExchangeAuthFqdnMismatch>();
}

}  // namespace ecd
