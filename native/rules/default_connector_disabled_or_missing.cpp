// ECD0202 default-connector-disabled-or-missing: a default connector that setup creates for the server's
// version and role is disabled (Exchange ignores it) or gone (DOMAIN.md §3.1, §5.2 rows 12 and 17).
#include <fmt/format.h>

#include "finding/powershell_command.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

std::string what_breaks(DefaultConnector kind, std::uint16_t port) {
  switch (kind) {
    case DefaultConnector::DefaultFrontend:
      return fmt::format(
          "Internet mail, Edge Transport and Exchange 2010 servers connect to port {}; with no other connector "
          "there they get no answer or 421 4.3.2 Service not available, and Exchange senders land on connectors that "
          "cannot authenticate them (451 5.7.3)",
          port);
    case DefaultConnector::Default:
      return fmt::format(
          "Exchange servers (and this server's own Front End Transport service) deliver to port {}; without it mail "
          "between servers stays queued",
          port);
    case DefaultConnector::OutboundProxyFrontend:
      return "Send connectors with FrontEndProxyEnabled hand outbound mail to port 717; without it that mail stays "
             "queued";
    case DefaultConnector::ClientFrontend:
      return "authenticated SMTP clients (POP/IMAP, applications with a mailbox's credentials) submit on port 587; "
             "if nobody submits over SMTP, this can be deliberate";
    case DefaultConnector::ClientProxy:
      return "the Front End Transport service proxies client submissions to port 465; client submission on 587 "
             "fails without it, unless nobody submits over SMTP";
    case DefaultConnector::EdgeInternal:
      return "Internet mail and the subscribed Mailbox servers connect to port 25 of the Edge server";
    case DefaultConnector::None: break;
  }
  return "";
}

Severity severity_of(DefaultConnector kind) {
  return kind == DefaultConnector::ClientFrontend || kind == DefaultConnector::ClientProxy ? Severity::Warning
                                                                                           : Severity::Error;
}

class DefaultConnectorDisabledOrMissing final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0202",
      "default-connector-disabled-or-missing",
      Severity::Error,
      "A default receive connector is disabled or missing",
      "421 4.3.2 Service not available; 451 5.7.3 Cannot achieve Exchange Server authentication; mail queued",
      {1, 2, 12}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    for (const auto& server : org.servers) {
      if (!server.has_connectors) continue;
      ExpectedDefaults expected = expected_defaults(org, server);
      // A connector counts as missing only when most of the server's defaults were given: a filtered export
      // (Get-ReceiveConnector | Where-Object Name -like 'Default*') is not a deletion.
      std::size_t present = 0;
      for (const auto& spec : expected.specs)
        for (const Connector* c : org.connectors_of(server.name))
          if (default_connector_kind(*c) == spec.kind) {
            ++present;
            break;
          }
      const bool judge_missing = 2 * present >= expected.specs.size();
      for (const auto& spec : expected.specs) {
        const Connector* given = nullptr;
        for (const Connector* c : org.connectors_of(server.name))
          if (default_connector_kind(*c) == spec.kind) given = c;
        if (given && given->enabled) continue;
        if (!given && !judge_missing) continue;
        out.push_back(given ? disabled(*given, spec, expected) : missing(server, spec, expected));
      }
    }
  }

 private:
  Finding disabled(const Connector& c, const DefaultSpec& spec, const ExpectedDefaults& expected) const {
    Finding f = finding();
    f.severity = severity_of(spec.kind);
    f.server = c.server;
    f.connector = c.identity;
    f.message = fmt::format(
        "'{}' is disabled (Enabled: False), and Exchange leaves disabled connectors out of connector selection "
        "altogether: {}.",
        c.identity, what_breaks(spec.kind, spec.port));
    f.remediation = "Enable the default connector again.";
    ConnectorEdit edit;
    edit.assign("Enabled", true);
    f.edit = std::move(edit);
    f.edit_connector = c.index;
    f.evidence["defaultConnector"] = std::string(default_connector_label(spec.kind));
    f.evidence["state"] = "disabled";
    f.evidence["basis"] = expected.basis;
    return f;
  }

  Finding missing(const ExchangeServer& server, const DefaultSpec& spec, const ExpectedDefaults& expected) const {
    Finding f = finding();
    f.severity = severity_of(spec.kind);
    f.server = server.name;
    std::string name = default_connector_name(spec.kind, server.name);
    f.message = fmt::format(
        "{} has no connector '{}', which setup creates ({}); its other default connectors were given, so it was "
        "removed or renamed: {}.",
        server.name, name, expected.basis, what_breaks(spec.kind, spec.port));
    std::vector<std::string> bindings{fmt::format("0.0.0.0:{}", spec.port)};
    std::vector<std::string> ranges{"0.0.0.0-255.255.255.255"};
    if (spec.ipv6) {
      bindings.push_back(fmt::format("[::]:{}", spec.port));
      ranges.push_back("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }
    PowerShellCommand cmd("New-ReceiveConnector");
    cmd.arg("Name", name).arg("Server", server.name);
    if (spec.kind != DefaultConnector::EdgeInternal)  // -TransportRole cannot be used on Edge
      cmd.arg("TransportRole", transport_role_name(spec.role));
    cmd.arg("Bindings", bindings)
        .arg("RemoteIPRanges", ranges)
        .arg("AuthMechanism", auth_mechanism_list(spec.auth))
        .arg("PermissionGroups", permission_group_list(spec.permissions));
    if (spec.kind == DefaultConnector::DefaultFrontend || spec.kind == DefaultConnector::OutboundProxyFrontend ||
        spec.kind == DefaultConnector::EdgeInternal)
      cmd.arg("DomainSecureEnabled", true);
    if (spec.kind == DefaultConnector::Default) {
      cmd.arg("MaxInboundConnectionPerSource", std::string_view("Unlimited"))
          .arg("MaxInboundConnectionPercentagePerSource", std::string_view("100"))
          .arg("MaxRecipientsPerMessage", std::string_view("5000"));
    }
    f.remediation = fmt::format(
        "Re-create it with the settings setup gives it (DOMAIN.md §3.1). If a connector of another name took its "
        "place, compare that one with these settings instead; setup does not re-create a deleted default "
        "connector.");
    f.fix = cmd.fix();
    f.remediation_command = cmd.text();
    f.evidence["defaultConnector"] = std::string(default_connector_label(spec.kind));
    f.evidence["state"] = "missing";
    f.evidence["expectedName"] = name;
    f.evidence["basis"] = expected.basis;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_connector_disabled_or_missing_rule() {
  return std::make_unique<DefaultConnectorDisabledOrMissing>();
}

}  // namespace ecd
