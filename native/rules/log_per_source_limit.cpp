// ECD1204 log-per-source-limit: the protocol log shows a sender that reached a connector's per-source connection
// limit: its peak of concurrent sessions there reached MaxInboundConnectionPerSource, or its sessions were answered
// 421 4.3.2. Anti-spam gateways and busy application servers behind one address are the usual victims (DOMAIN.md
// §5.2 row 14, §7; DOMAIN-SUPPLEMENT.md §A).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "core/ip.h"
#include "core/text.h"
#include "model/defaults.h"
#include "rules.h"
#include "rules/log_evidence.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

/// A connector that admits the whole Internet: lifting its per-source limit would lift it for every sender.
bool open_to_everyone(const Connector& c) {
  for (const auto& r : c.remote_ip_ranges) {
    const Interval whole = whole_family(r.family());
    if (r.lower.value == whole.lower && r.upper.value == whole.upper) return true;
  }
  return false;
}

class LogPerSourceLimit final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1204",
      "log-per-source-limit",
      Severity::Warning,
      "The protocol log shows a sender reaching a connector's per-source connection limit",
      "421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel",
      {14}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    if (!ctx.protocol_log) return;
    std::map<std::size_t, std::vector<std::string>> by_connector;  // connector index -> "address (why)"
    for (const auto& [key, usage] : ctx.protocol_log->receive) {
      const Connector* c = nullptr;
      for (const auto& x : ctx.organisation.connectors)
        if (iequals(x.server, key.server) && iequals(trim(x.name), trim(key.connector))) c = &x;
      if (!c) continue;
      // A connector whose per-source limits are lifted (Unlimited and 100 %) cannot refuse a source for them: its
      // 421 4.3.2 replies were the total limit, or the configuration changed since the log was written.
      const bool per_source_lifted =
          c->max_inbound_connection_per_source && c->max_inbound_connection_per_source->unlimited() &&
          (!c->max_inbound_connection_percentage_per_source || *c->max_inbound_connection_percentage_per_source >= 100);
      if (per_source_lifted) continue;
      std::uint64_t refused = 0;
      for (const auto& [code, n] : usage.refused)
        if (code == "421 4.3.2") refused += n;
      const auto& limit = c->max_inbound_connection_per_source;
      const bool at_limit = limit && !limit->unlimited() && *limit->value > 0 &&
                            usage.peak_concurrent >= static_cast<std::uint64_t>(*limit->value);
      if (!at_limit && refused == 0) continue;
      std::vector<std::string> why;
      if (at_limit) why.push_back(fmt::format("{} concurrent sessions at its peak", usage.peak_concurrent));
      if (refused) why.push_back(fmt::format("{} repl{} 421 4.3.2", refused, refused == 1 ? "y" : "ies"));
      by_connector[c->index].push_back(
          fmt::format("{} ({}, last seen {})", key.remote, fmt::join(why, ", "), log_time_text(usage.last_seen)));
    }
    for (const auto& [index, sources] : by_connector) {
      const Connector& c = ctx.organisation.connectors[index];
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      const std::string limits = per_source_limits(c);
      f.message = fmt::format(
          "The protocol log shows senders reaching the per-source limit of '{}' ({}): {}. Connections beyond it are "
          "answered 421 4.3.2 and mail queues on the sender; anti-spam gateways and busy application servers behind "
          "one address are the usual victims. (421 4.3.2 is also the answer when the connector's total, "
          "MaxInboundConnection, is reached.)",
          c.identity, limits, fmt::join(sources, "; "));
      f.evidence["sources"] = sources;
      f.evidence["limits"] = limits;
      if (default_connector_kind(c) != DefaultConnector::None || open_to_everyone(c)) {
        f.remediation = fmt::format(
            "'{}' admits every sender, so lifting its per-source limits would lift them for the whole Internet: "
            "give these senders a receive connector of their own (RemoteIPRanges their addresses) with "
            "MaxInboundConnectionPerSource Unlimited and MaxInboundConnectionPercentagePerSource 100.",
            c.identity);
      } else {
        f.remediation =
            "Lift the per-source limits of this connector, which admits only the listed hosts' ranges "
            "(Unlimited and 100 %, as on 'Default <server>').";
        ConnectorEdit edit;
        edit.assign("MaxInboundConnectionPerSource", "Unlimited")
            .assign("MaxInboundConnectionPercentagePerSource", "100");
        f.edit = std::move(edit);
        f.edit_connector = c.index;
      }
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_log_per_source_limit_rule() {
  return std::make_unique<LogPerSourceLimit>();
}

}  // namespace ecd
