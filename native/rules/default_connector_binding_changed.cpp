// ECD0203 default-connector-binding-changed: a default connector does not listen where setup put it (on
// another port, only on specific local addresses, or without its IPv6 binding), or listens on more ports
// than setup gave it (DOMAIN.md §3.1, §2.2, §5.3 item 3). Judged only where the server's version and role
// are known: moving a 2010 server's "Default <srv>" from 25 to 2525 stops its inbound mail.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class DefaultConnectorBindingChanged final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0203",
      "default-connector-binding-changed",
      Severity::Warning,
      "A default connector's bindings differ from what setup creates",
      "Connections refused or 421 4.3.2 Service not available on the default port; mail between servers queued; "
      "the Hybrid Configuration Wizard fails with HCW8010 without [::]:25",
      {12}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      // A binding that could not be read (an ECD0001 finding names it) may be the one that looks missing: no verdict,
      // and no command, from the rest.
      const bool unreadable =
          std::any_of(ctx.organisation.issues.begin(), ctx.organisation.issues.end(),
                      [&](const InputIssue& i) { return i.connector == c.index && i.field == "Bindings"; });
      if (!c.enabled || !c.has_bindings || unreadable) continue;
      auto spec = spec_for(ctx.organisation, c);
      if (!spec) continue;
      const ExchangeServer* server = ctx.organisation.find_server(c.server);
      const bool both_roles = server && server->profile.likely == TransportKind::Colocated;
      std::vector<IpBinding> other_ports, specific, conflicting;
      bool wildcard_v4 = false, wildcard_v6 = false;
      for (const auto& b : c.bindings) {
        if (b.port != spec->port) {
          other_ports.push_back(b);
          // On a server that runs both services, a port the other service owns cannot be shared (§1.3 rule 2).
          if (both_roles && owning_role(b.port) && *owning_role(b.port) != spec->role) conflicting.push_back(b);
        } else if (!b.is_wildcard()) {
          specific.push_back(b);
        } else if (b.address.family == Family::IPv4) {
          wildcard_v4 = true;
        } else {
          wildcard_v6 = true;
        }
      }
      const IpBinding v4{wildcard_address(Family::IPv4), spec->port};
      const IpBinding v6{wildcard_address(Family::IPv6), spec->port};
      if (!wildcard_v4 && specific.empty()) {
        out.push_back(moved(c, *spec, other_ports, conflicting, v4, v6));
        continue;
      }
      if (!wildcard_v4) out.push_back(specific_only(c, *spec, specific));
      if (wildcard_v4 && spec->ipv6 && !wildcard_v6) out.push_back(no_ipv6(c, *spec, v6));
      std::vector<IpBinding> harmless;
      for (const auto& b : other_ports)
        if (std::none_of(conflicting.begin(), conflicting.end(),
                         [&](const IpBinding& x) { return x.port == b.port && x.address == b.address; }))
          harmless.push_back(b);
      if (!conflicting.empty()) out.push_back(other_service_port(c, *spec, conflicting));
      if (!harmless.empty()) out.push_back(extra_ports(c, *spec, harmless));
    }
  }

 private:
  Finding base(const Connector& c, const DefaultSpec& spec) const {
    Finding f = finding();
    f.server = c.server;
    f.connector = c.identity;
    std::vector<std::string> now;
    for (const auto& b : c.bindings) now.push_back(format_ip_binding(b));
    std::vector<std::string> expected{fmt::format("0.0.0.0:{}", spec.port)};
    if (spec.ipv6) expected.push_back(fmt::format("[::]:{}", spec.port));
    f.evidence["bindings"] = now;
    f.evidence["expectedBindings"] = expected;
    f.evidence["defaultConnector"] = std::string(default_connector_label(spec.kind));
    return f;
  }

  static std::string list(const std::vector<IpBinding>& bindings) {
    std::vector<std::string> text;
    for (const auto& b : bindings) text.push_back(format_ip_binding(b));
    return fmt::format("{}", fmt::join(text, ", "));
  }

  Finding moved(const Connector& c, const DefaultSpec& spec, const std::vector<IpBinding>& other_ports,
                const std::vector<IpBinding>& conflicting, const IpBinding& v4, const IpBinding& v6) const {
    Finding f = base(c, spec);
    const bool exchange_port = exchange_servers_deliver_to(spec.kind);
    f.severity = exchange_port ? Severity::Error : Severity::Warning;
    f.message = fmt::format(
        "'{}' does not listen on port {}, where setup put it, but on {}. {} connect to port {} and find no default "
        "connector there (421 4.3.2 Service not available, or a refused connection, or another connector that "
        "cannot authenticate them).",
        c.identity, spec.port, list(other_ports),
        exchange_port ? "Exchange servers and the senders this connector is for" : "SMTP clients", spec.port);
    ConnectorEdit edit;
    edit.add_bindings.push_back(v4);
    if (spec.ipv6) edit.add_bindings.push_back(v6);
    edit.remove_bindings = conflicting;
    f.remediation =
        fmt::format("Bind it to port {} again ({}{}){}.", spec.port, format_ip_binding(v4),
                    spec.ipv6 ? ", " + format_ip_binding(v6) : std::string(),
                    conflicting.empty() ? std::string(", keeping its other bindings")
                                        : fmt::format(", and take away {}, a port the other transport service owns on "
                                                      "this server",
                                                      list(conflicting)));
    f.edit = std::move(edit);
    f.edit_connector = c.index;
    f.evidence["change"] = "moved";
    return f;
  }

  Finding specific_only(const Connector& c, const DefaultSpec& spec, const std::vector<IpBinding>& specific) const {
    Finding f = base(c, spec);
    f.severity = Severity::Information;
    f.message = fmt::format(
        "'{}' listens only on specific local addresses ({}) instead of all of them (0.0.0.0:{}). Connections to "
        "the server's other addresses on port {} do not reach it. That can be deliberate (another connector on "
        "another local address); make sure every address that senders use is bound.",
        c.identity, list(specific), spec.port, spec.port);
    f.remediation = fmt::format(
        "If no other connector is meant to answer on the server's other addresses, bind it to 0.0.0.0:{}{} again. "
        "Whether the split is deliberate cannot be read from the connectors, so no command is given.",
        spec.port, spec.ipv6 ? fmt::format(" and [::]:{}", spec.port) : std::string());
    f.evidence["change"] = "specificAddressesOnly";
    return f;
  }

  Finding no_ipv6(const Connector& c, const DefaultSpec& spec, const IpBinding& v6) const {
    Finding f = base(c, spec);
    const bool frontend = spec.kind == DefaultConnector::DefaultFrontend;
    f.severity = frontend ? Severity::Warning : Severity::Information;
    f.message = fmt::format(
        "'{}' has no {} binding: it does not listen for IPv6 senders on port {}, where setup binds it.{}", c.identity,
        format_ip_binding(v6), spec.port,
        frontend ? " The Hybrid Configuration Wizard checks for it and fails with HCW8010 (Microsoft KB 3087159), "
                   "and IPv6 senders on port 25 find no default connector."
                 : "");
    ConnectorEdit edit;
    edit.add_bindings.push_back(v6);
    f.remediation = fmt::format("Add the IPv6 binding {} and keep the others.", format_ip_binding(v6));
    f.edit = std::move(edit);
    f.edit_connector = c.index;
    f.evidence["change"] = "noIPv6Binding";
    return f;
  }

  Finding other_service_port(const Connector& c, const DefaultSpec& spec,
                             const std::vector<IpBinding>& conflicting) const {
    Finding f = base(c, spec);
    f.severity = Severity::Error;
    f.message = fmt::format(
        "'{}' listens on port {} as setup made it, and also on {}, a port that the other transport service owns on "
        "{}, which runs both. Both services then try to listen there: connections fail sporadically with 421 4.3.2 "
        "Service not available or are refused, and mail queues. Current builds refuse this; it comes from an older "
        "build or a hand edit.",
        c.identity, spec.port, list(conflicting), c.server);
    ConnectorEdit edit;
    edit.remove_bindings = conflicting;
    f.remediation = fmt::format("Take away {} and keep the other bindings.", list(conflicting));
    f.edit = std::move(edit);
    f.edit_connector = c.index;
    f.evidence["change"] = "otherServicePort";
    return f;
  }

  Finding extra_ports(const Connector& c, const DefaultSpec& spec, const std::vector<IpBinding>& other) const {
    Finding f = base(c, spec);
    f.severity = Severity::Information;
    f.message = fmt::format(
        "'{}' listens on port {} as setup made it, and also on {}. That is drift from the default, not a fault: "
        "senders on port {} still reach it. Something (an application, a device) may use the extra binding.",
        c.identity, spec.port, list(other), spec.port);
    f.remediation = fmt::format(
        "Nothing breaks today. If nothing uses {}, remove it with Set-ReceiveConnector -Bindings (all the bindings "
        "to keep); no command is given, because what uses it cannot be read from the connectors.",
        list(other));
    f.evidence["change"] = "extraBindings";
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_connector_binding_changed_rule() {
  return std::make_unique<DefaultConnectorBindingChanged>();
}

}  // namespace ecd
