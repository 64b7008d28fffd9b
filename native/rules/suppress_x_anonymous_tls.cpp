// ECD0803 suppress-x-anonymous-tls: SuppressXAnonymousTls on a connector that Exchange servers reach; the
// direct-trust TLS that Exchange Server authentication uses is not offered (DOMAIN.md §4.2, §5.2 row 7).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class SuppressXAnonymousTls final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0803",
      "suppress-x-anonymous-tls",
      Severity::Warning,
      "SuppressXAnonymousTls on a connector that Exchange servers reach",
      "451 5.7.3 Cannot achieve Exchange Server authentication (only from some servers or sites)",
      {7}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& connectors = ctx.organisation.connectors;
    auto suppressing = [](const Connector& c) { return c.enabled && c.suppress_x_anonymous_tls.value_or(false); };
    if (std::none_of(connectors.begin(), connectors.end(), suppressing)) return;  // spare the selection queries
    auto landings = exchange_landings(ctx.organisation, ctx.selection);
    for (const auto& c : connectors) {
      if (!suppressing(c)) continue;
      DefaultConnector kind = default_connector_kind(c);
      bool exchange_default = kind == DefaultConnector::Default || kind == DefaultConnector::DefaultFrontend ||
                              kind == DefaultConnector::OutboundProxyFrontend;
      std::vector<std::string> senders;
      std::set<std::string> names;
      if (auto it = landings.find(c.index); it != landings.end())
        for (const auto& l : it->second) {
          auto label = fmt::format("{} ({}) on port {}", l.sender->name, format_ip_address(l.address), l.path.port);
          if (names.insert(label).second) senders.push_back(std::move(label));
        }
      if (senders.empty() && !exchange_default) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::string who = senders.empty() ? fmt::format("it is the {} connector, where Exchange servers deliver",
                                                      default_connector_label(kind))
                                        : fmt::format("Exchange servers land on it: {}", fmt::join(senders, ", "));
      f.message = fmt::format(
          "'{}' has SuppressXAnonymousTls True, and {}. It does not offer X-ANONYMOUSTLS, the direct-trust TLS "
          "that Exchange Server authentication starts with; a sender can then only authenticate with the downgraded "
          "method, and only if its transport service has UseDowngradedExchangeServerAuth True (the WAN-optimiser "
          "setup). Otherwise its queue stays in Retry with 451 5.7.3 Cannot achieve Exchange Server authentication.",
          c.identity, who);
      f.remediation =
          "Unless this is the documented WAN-optimiser setup (Set-TransportService -UseDowngradedExchangeServerAuth "
          "$true on the senders, and a dedicated connector for them), offer X-ANONYMOUSTLS again.";
      ConnectorEdit edit;
      edit.assign("SuppressXAnonymousTls", false);
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["exchangeSenders"] = senders;
      f.evidence["defaultConnector"] = std::string(default_connector_label(kind));
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_suppress_x_anonymous_tls_rule() {
  return std::make_unique<SuppressXAnonymousTls>();
}

}  // namespace ecd
