// ECD1201 log-contradicts-selection: the protocol log shows a sender landing on a connector other than the one
// the configuration given selects for it (same server, role, port, local and remote address). The export is
// older or newer than the logs (a connector changed since), or something the engine does not model decided;
// either way the simulation cannot be trusted for that sender until the two agree. DOMAIN-SUPPLEMENT.md §A.
#include <fmt/format.h>

#include "core/ip.h"
#include "core/text.h"
#include "rules.h"
#include "rules/log_evidence.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

const Connector* connector_named(const Organisation& org, const std::string& server, const std::string& name,
                                 bool& server_known) {
  const Connector* found = nullptr;
  for (const auto& c : org.connectors) {
    if (!iequals(c.server, server)) continue;
    server_known = true;
    if (iequals(trim(c.name), trim(name))) found = &c;
  }
  return found;
}

class LogContradictsSelection final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1201",
      "log-contradicts-selection",
      Severity::Warning,
      "The protocol log shows a sender on a different connector than the configuration given selects",
      "Protocol log: sessions from an address on a connector that the analysis does not pick for it",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    if (!ctx.protocol_log) return;
    const LogSummary& log = *ctx.protocol_log;
    for (const auto& [key, usage] : log.receive) {
      if (usage.sessions == 0) continue;
      const auto remote = parse_ip_address(key.remote);
      if (!remote) continue;  // a sanitised or unreadable address: nothing to simulate
      bool server_known = false;
      const Connector* logged = connector_named(ctx.organisation, key.server, key.connector, server_known);
      if (!server_known) continue;  // a server the request does not describe
      const std::string logged_identity = fmt::format("{}\\{}", key.server, key.connector);
      const std::string seen = fmt::format("{} session{}, {} to {}", usage.sessions, usage.sessions == 1 ? "" : "s",
                                           log_time_text(usage.first_seen), log_time_text(usage.last_seen));
      if (!logged) {
        Finding f = finding();
        f.server = key.server;
        f.message = fmt::format(
            "The protocol log shows {} on '{}' ({}), but the connectors given for {} have no connector of that "
            "name: the export is older or newer than the logs (the connector was removed or renamed), so the "
            "analysis of {} may not match what Exchange does.",
            key.remote, logged_identity, seen, key.server, key.server);
        f.remediation =
            "Export the receive connectors again (Get-ReceiveConnector | Export-Clixml) and run the "
            "analysis on the fresh export.";
        f.evidence["remoteAddress"] = key.remote;
        f.evidence["loggedConnector"] = logged_identity;
        f.evidence["simulatedConnector"] = nullptr;
        f.evidence["sessions"] = usage.sessions;
        f.evidence["lastSeen"] = usage.last_seen;
        out.push_back(std::move(f));
        continue;
      }
      if (!logged->transport_role) continue;
      for (const auto& [endpoint, sessions] : usage.local) {
        const auto binding = parse_ip_binding(endpoint);
        std::optional<IpAddress> local;
        std::uint16_t port = 0;
        if (binding) {
          port = binding.value->port;
          if (!binding.value->address.is_unspecified()) local = binding.value->address;
        } else if (const auto colon = endpoint.rfind(':'); colon != std::string::npos) {
          port = static_cast<std::uint16_t>(std::atoi(endpoint.c_str() + colon + 1));  // "x.x.x.x:25", sanitised
        }
        if (port == 0) continue;
        const Selection s = ctx.selection.select_connector(
            SelectionQuery{logged->server, *logged->transport_role, port, *remote.value, local});
        if (s.winner == logged) continue;
        Finding f = finding();
        f.server = logged->server;
        f.connector = logged->identity;
        const std::string simulated = s.winner ? fmt::format("'{}'", s.winner->identity)
                                               : std::string("no connector (421 4.3.2 Service not available)");
        f.message = fmt::format(
            "The protocol log shows {} on '{}' (port {}, {}), but with the connectors given the analysis selects "
            "{} for it. The export is older or newer than the logs (a connector's RemoteIPRanges, bindings or "
            "state changed since), or something the analysis does not model decides; until the two agree, do not "
            "act on what the analysis says about {}.",
            key.remote, logged->identity, port, seen, simulated, key.remote);
        f.remediation =
            "Export the receive connectors again (Get-ReceiveConnector | Export-Clixml) and run the "
            "analysis on the fresh export with logs of the same period.";
        f.evidence["remoteAddress"] = key.remote;
        f.evidence["port"] = port;
        f.evidence["localEndpoint"] = endpoint;
        f.evidence["loggedConnector"] = logged->identity;
        f.evidence["simulatedConnector"] = s.winner ? nlohmann::ordered_json(s.winner->identity) : nullptr;
        f.evidence["sessions"] = usage.sessions;
        f.evidence["lastSeen"] = usage.last_seen;
        out.push_back(std::move(f));
        break;  // one finding per sender and connector
      }
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_log_contradicts_selection_rule() {
  return std::make_unique<LogContradictsSelection>();
}

}  // namespace ecd
