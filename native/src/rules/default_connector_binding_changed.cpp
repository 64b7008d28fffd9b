// ECD0203 default-connector-binding-changed: a default connector listens on another port than setup gave
// it, or only on specific local addresses instead of all of them (DOMAIN.md §3.1, §2.2, §5.3 item 3).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/powershell_command.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace ecd {
namespace {

constexpr RuleInfo kInfo{
    "ECD0203", "default-connector-binding-changed", Severity::Warning,
    "A default connector's bindings differ from what setup creates",
    "Connections refused or 421 4.3.2 Service not available on the default port; mail between servers queued"};

class DefaultConnectorBindingChanged final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.has_bindings) continue;
      auto spec = spec_for(ctx.organisation, c);
      if (!spec) continue;
      std::vector<std::string> other_ports, specific;
      bool wildcard_v4 = false;
      for (const auto& b : c.bindings) {
        if (b.port != spec->port)
          other_ports.push_back(format_ip_binding(b));
        else if (!b.is_wildcard())
          specific.push_back(format_ip_binding(b));
        else if (b.address.family == Family::IPv4)
          wildcard_v4 = true;
      }
      if (other_ports.empty() && wildcard_v4) continue;
      std::vector<std::string> now;
      for (const auto& b : c.bindings) now.push_back(format_ip_binding(b));
      std::vector<std::string> expected{fmt::format("0.0.0.0:{}", spec->port)};
      if (spec->ipv6) expected.push_back(fmt::format("[::]:{}", spec->port));

      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      bool exchange_port = spec->kind == DefaultConnector::DefaultFrontend || spec->kind == DefaultConnector::Default ||
                           spec->kind == DefaultConnector::OutboundProxyFrontend ||
                           spec->kind == DefaultConnector::EdgeInternal;
      if (!other_ports.empty()) {
        f.severity = exchange_port ? Severity::Error : Severity::Warning;
        f.message = fmt::format(
            "'{}' listens on {} instead of port {}, where setup put it. {} connect to port {} and find no default "
            "connector there (421 4.3.2 Service not available, or a refused connection, or another connector that "
            "cannot authenticate them).",
            c.identity, fmt::join(other_ports, ", "), spec->port,
            exchange_port ? "Exchange servers and the senders this connector is for" : "SMTP clients", spec->port);
      } else {
        f.severity = Severity::Information;
        f.message = fmt::format(
            "'{}' listens only on specific local addresses ({}) instead of all of them (0.0.0.0:{}). Connections to "
            "the server's other addresses on port {} do not reach it. That can be deliberate (another connector on "
            "another local address); make sure every address that senders use is bound.",
            c.identity, fmt::join(specific, ", "), spec->port, spec->port);
      }
      f.remediation = fmt::format("Restore the bindings setup created: {}.", fmt::join(expected, ", "));
      f.remediation_command =
          PowerShellCommand("Set-ReceiveConnector").arg("Identity", c.identity).arg("Bindings", expected).text();
      f.evidence["bindings"] = now;
      f.evidence["expectedBindings"] = expected;
      f.evidence["defaultConnector"] = std::string(default_connector_label(spec->kind));
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_default_connector_binding_changed_rule() {
  return std::make_unique<DefaultConnectorBindingChanged>();
}

}  // namespace ecd
