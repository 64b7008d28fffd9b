// ECD1203 protocol-logging-off: protocol logs were given, but a custom connector on a server they cover has
// ProtocolLoggingLevel None, so the logs cannot show who uses it (DOMAIN-SUPPLEMENT.md §A.4: None is the default
// of every connector but Default Frontend). The fix turns logging on; it changes no mail flow.
#include <fmt/format.h>

#include <set>

#include "core/text.h"
#include "model/defaults.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class ProtocolLoggingOff final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD1203",
                                  "protocol-logging-off",
                                  Severity::Information,
                                  "A connector's protocol logging is off, so the protocol logs cannot show who uses it",
                                  "Protocol log: no line of the connector, whoever uses it",
                                  {},
                                  true};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    if (!ctx.protocol_log) return;
    std::set<std::string> servers;
    for (const auto& [key, usage] : ctx.protocol_log->receive) servers.insert(to_lower(key.server));
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || default_connector_kind(c) != DefaultConnector::None) continue;
      if (!c.protocol_logging_level || *c.protocol_logging_level != 0) continue;  // 0: None
      if (!servers.count(to_lower(c.server))) continue;  // the logs given do not cover its server
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' has ProtocolLoggingLevel None: the protocol logs given for {} cannot show who uses it, so no "
          "finding here confirms or rules out its senders (not checked, not a pass).",
          c.identity, c.server);
      f.remediation = fmt::format(
          "Turn protocol logging on for '{}' and read its logs after a period long enough for its rarest sender "
          "(the logs of a transport service keep 30 days or 250 MB by default, whichever is reached first).",
          c.identity);
      ConnectorEdit edit;
      edit.assign("ProtocolLoggingLevel", "Verbose");
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["protocolLoggingLevel"] = "None";
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_protocol_logging_off_rule() {
  return std::make_unique<ProtocolLoggingOff>();
}

}  // namespace ecd
