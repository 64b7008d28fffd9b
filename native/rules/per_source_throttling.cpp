// ECD0901 per-source-throttling: a non-default connector that Exchange servers (authenticated there),
// externally secured relay hosts or anonymous relay senders land on keeps the per-source connection limits of 20
// connections / 2 %; under load the next connection from that host gets 421 4.3.2 and event 1021 (DOMAIN.md §5.2 row
// 14, §7).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "finding/powershell_command.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

constexpr std::int64_t kDefaultPerSource = 20;
constexpr std::int64_t kDefaultPercentage = 2;

/// A non-default connector with the per-source limits of 20 connections / 2 % (or stricter).
bool throttled(const Connector& c) {
  if (!c.enabled || default_connector_kind(c) != DefaultConnector::None) return false;
  bool per_source = c.max_inbound_connection_per_source && !c.max_inbound_connection_per_source->unlimited() &&
                    *c.max_inbound_connection_per_source->value <= kDefaultPerSource;
  bool percentage = c.max_inbound_connection_percentage_per_source &&
                    *c.max_inbound_connection_percentage_per_source <= kDefaultPercentage;
  return per_source || percentage;
}

class PerSourceThrottling final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0901",
      "per-source-throttling",
      Severity::Warning,
      "Exchange servers or relay hosts land on a connector with the per-source limits of 20 connections / 2 %",
      "421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel; "
      "event 1021",
      {14}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& connectors = ctx.organisation.connectors;
    if (std::none_of(connectors.begin(), connectors.end(), throttled)) return;  // spare the selection queries
    auto landings = exchange_landings(ctx.organisation, ctx.selection);
    for (const auto& c : connectors) {
      if (!throttled(c)) continue;
      std::vector<std::string> senders;
      std::set<std::string> seen;
      // Exchange servers that land on a connector that cannot authenticate them are ECD0101's: its fix takes
      // them off this connector, so their connection limits do not matter.
      bool authenticates = c.has_auth(kAuthExchangeServer) && c.has_permission(kPermExchangeServers);
      if (auto it = landings.find(c.index); authenticates && it != landings.end())
        for (const auto& l : it->second)
          if (delivers(l.delivery) && seen.insert(l.sender->name).second)  // only real traffic meets the limit
            senders.push_back(fmt::format("{} ({})", l.sender->name, format_ip_address(l.address)));
      // Hosts trusted like Exchange servers (externally secured) are gateways, and anonymous relays (AnonymousUsers
      // with a hand-made permission) serve applications and devices: both may send in bulk. Whether they reach the
      // limit is not known without the protocol logs, so they are Information.
      bool gateway = c.has_auth(kAuthExternalAuthoritative);
      bool anonymous_relay = c.has_permission(kPermAnonymousUsers) && c.has_permission(kPermCustom);
      bool relay = gateway || anonymous_relay;
      if (senders.empty() && !relay) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.severity = senders.empty() ? Severity::Information : Severity::Warning;
      std::string limits = per_source_limits(c);
      f.message = fmt::format(
          "{} '{}' with {}, the limits of a connector for single Internet senders. A busy host opens more "
          "connections than that; the next one is answered with 421 4.3.2 The maximum number of concurrent "
          "connections has exceeded a limit, and event 1021 is logged, so mail queues on the sender under load.",
          senders.empty() ? std::string(gateway ? "Externally secured relay hosts (gateways, applications) land on"
                                                : "Anonymous relay senders (applications, devices) land on")
                          : fmt::format("Exchange servers ({}) land on", fmt::join(senders, ", ")),
          c.identity, limits);
      if (!senders.empty())
        f.message += " Exchange servers normally land on 'Default <server>', which has Unlimited and 100.";
      else
        f.message +=
            " Whether a relay host opens that many connections at once is not known here (the protocol logs would "
            "show 421 4.3.2 answers); a busy application or device does.";
      if (senders.empty() && !gateway) {
        // An anonymous relay: whether its senders reach the limit is not known, and lifting it for devices is not
        // always wanted, so the command is in words only and changes nothing by itself.
        f.remediation = fmt::format(
            "If the protocol logs of '{}' show 421 4.3.2 answers to its relay senders, lift the per-source limits "
            "as on the 'Default <server>' connector: Set-ReceiveConnector -Identity {} "
            "-MaxInboundConnectionPerSource Unlimited -MaxInboundConnectionPercentagePerSource 100. Otherwise "
            "nothing needs to change, so no command is given.",
            c.identity, ps_quote(c.identity));
      } else {
        f.remediation =
            "Lift the per-source limits as on the 'Default <server>' connector (Unlimited and 100 %). If Exchange "
            "servers should not land here at all, take their addresses out of its RemoteIPRanges instead (ECD0101).";
        ConnectorEdit edit;
        edit.assign("MaxInboundConnectionPerSource", "Unlimited")
            .assign("MaxInboundConnectionPercentagePerSource", "100");
        f.edit = std::move(edit);
        f.edit_connector = c.index;
      }
      // One line for the table: who meets which limit, and whether 421 4.3.2 is expected or only possible.
      std::string per_source =
          c.max_inbound_connection_per_source && !c.max_inbound_connection_per_source->unlimited()
              ? fmt::format("{} connections", *c.max_inbound_connection_per_source->value)
              : fmt::format("{} % of connections", c.max_inbound_connection_percentage_per_source.value_or(0));
      f.summary = fmt::format("{}: {} per source (421 4.3.2{})",
                              senders.empty() ? (gateway ? "Relay hosts" : "Relay senders") : "Exchange servers",
                              per_source, senders.empty() ? "?" : "");
      f.evidence["exchangeSenders"] = senders;
      f.evidence["externallySecured"] = gateway;
      f.evidence["anonymousRelay"] = anonymous_relay;
      f.evidence["limits"] = limits;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_per_source_throttling_rule() {
  return std::make_unique<PerSourceThrottling>();
}

}  // namespace ecd
