// ECD0101 exchange-server-captured: another connector takes an Exchange server's connection away
// from the default connector and cannot authenticate it (DOMAIN.md §5.2 row 2, §1.2).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <tuple>

#include "parse/ip.h"
#include "report/powershell_command.h"
#include "rules/exchange_paths.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace ecd {
namespace {

constexpr RuleInfo kInfo{
    "ECD0101", "exchange-server-captured", Severity::Error,
    "An Exchange server's address is captured by a connector without Exchange Server authentication",
    "451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication"};

const Connector* default_for(const Organisation& org, const std::string& server, DefaultConnector kind) {
  for (const Connector* c : org.connectors_of(server))
    if (default_connector_kind(*c) == kind) return c;
  return nullptr;
}

std::string missing_text(const Connector& c) {
  std::vector<std::string> parts;
  if (!c.has_auth(kAuthExchangeServer))
    parts.push_back(fmt::format("does not offer Exchange Server authentication (AuthMechanism: {})",
                                c.auth_mechanism ? format_auth_mechanism(*c.auth_mechanism) : "unknown"));
  if (!c.has_permission(kPermExchangeServers))
    parts.push_back(fmt::format("does not grant the ExchangeServers permission group (PermissionGroups: {})",
                                c.permission_groups ? format_permission_groups(*c.permission_groups) : "unknown"));
  return fmt::format("{}", fmt::join(parts, " and "));
}

class ExchangeServerCaptured final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto exchange_addresses = all_exchange_addresses(ctx.organisation);
    for_each_exchange_landing(ctx, [&](const Landing& l) {
      const Connector& w = *l.connector;
      if (w.has_auth(kAuthExchangeServer) && w.has_permission(kPermExchangeServers)) return;
      if (default_connector_kind(w) != DefaultConnector::None) return;  // ECD0102 explains those
      out.push_back(make_finding(ctx, l, exchange_addresses));
    });
  }

 private:
  Finding make_finding(const RuleContext& ctx, const Landing& landing,
                       const std::vector<IpAddress>& exchange_addresses) const {
    const ExchangeServer& target = *landing.target;
    const ExchangePort& path = *landing.path;
    const ExchangeServer& sender = *landing.sender;
    const IpAddress& address = landing.address;
    Selection s =
        ctx.selection.select_connector(SelectionQuery{target.name, path.role, path.port, address, landing.local}, true);
    const Connector& w = *s.winner;
    const IpRange& won = s.range();
    const Connector* fallback = default_for(ctx.organisation, target.name, path.default_connector);
    const IpRange* fallback_range = nullptr;
    for (const auto& cand : s.candidates)
      if (cand.connector == fallback && cand.matched_range)
        fallback_range = &fallback->remote_ip_ranges[*cand.matched_range];

    DeliveryPath delivery = delivery_path(sender, path.port);
    Finding f = finding();
    f.severity = delivery.delivers ? Severity::Error : Severity::Warning;
    f.server = target.name;
    f.connector = w.identity;
    std::string sender_text = fmt::format("{} ({})", sender.name, format_ip_address(address));
    std::string default_text = fallback
                                   ? fmt::format("'{}'", fallback->identity)
                                   : fmt::format("the {} connector", default_connector_label(path.default_connector));
    std::string why_wins =
        fallback_range
            ? fmt::format(
                  "its remote range {} ({}) is smaller than the range {} ({}) of {}, and Exchange picks the connector "
                  "with the smallest matching remote range",
                  won.expression, describe_size(won), fallback_range->expression, describe_size(*fallback_range),
                  default_text)
            : fmt::format("its remote range {} ({}) is the smallest that matches", won.expression, describe_size(won));
    if (delivery.delivers) {
      f.message = fmt::format(
          "Mail from {} to {} on port {} lands on '{}', not on {}: {}. '{}' {}, so {} cannot authenticate as an "
          "Exchange server and its queue to {} stays in Retry with 451 5.7.3 Cannot achieve Exchange Server "
          "authentication. ({}.)",
          sender_text, target.name, path.port, w.identity, default_text, why_wins, w.name, missing_text(w), sender.name,
          target.name, delivery.reason);
    } else {
      f.message = fmt::format(
          "Connections from {} to {} on port {} land on '{}', not on {}: {}. '{}' {}. Today this does not stop "
          "Exchange mail, because {}; but anything {} sends to {} on port {} (a Send connector with {} as smart host, "
          "an application on the server, a later change of version or role) is treated as a stranger there and "
          "Exchange "
          "Server authentication fails with 451 5.7.3.",
          sender_text, target.name, path.port, w.identity, default_text, why_wins, w.name, missing_text(w),
          delivery.reason, sender.name, target.name, path.port, target.name);
    }

    auto& e = f.evidence;
    e["sender"] = sender.name;
    e["senderAddress"] = format_ip_address(address);
    e["senderVersion"] = describe_server(sender);
    e["deliversOnThisPort"] = delivery.delivers;
    e["port"] = path.port;
    e["transportRole"] = std::string(transport_role_name(path.role));
    e["localBinding"] = s.binding ? format_ip_binding(*s.binding) : "";
    e["connector"] = w.identity;
    e["matchedRange"] = won.expression;
    e["matchedRangeSize"] = won.size().is_max() ? std::string("2^128") : to_decimal(won.size());
    e["defaultConnector"] = fallback ? fallback->identity : "";
    e["defaultRange"] = fallback_range ? fallback_range->expression : "";
    e["defaultRangeSize"] =
        fallback_range ? (fallback_range->size().is_max() ? std::string("2^128") : to_decimal(fallback_range->size()))
                       : "";

    // The fix: the connector's ranges without any Exchange address, every other address kept.
    // exchange_addresses is sorted by (family, value), so the ones a range holds are one run of it: a binary
    // search per range instead of a pass over every (address, range) pair.
    std::vector<bool> held(exchange_addresses.size());
    auto before = [](const IpAddress& a, const IpAddress& b) {
      return std::tie(a.family, a.value) < std::tie(b.family, b.value);
    };
    for (const auto& r : w.remote_ip_ranges)
      for (auto it = std::lower_bound(exchange_addresses.begin(), exchange_addresses.end(), r.lower, before);
           it != exchange_addresses.end() && r.contains(*it); ++it)
        held[static_cast<std::size_t>(it - exchange_addresses.begin())] = true;
    std::vector<IpAddress> inside;
    for (std::size_t i = 0; i < exchange_addresses.size(); ++i)
      if (held[i]) inside.push_back(exchange_addresses[i]);
    std::vector<std::string> kept = subtract_addresses(w.remote_ip_ranges, inside);
    std::vector<std::string> removed;
    for (const auto& a : inside) removed.push_back(format_ip_address(a));
    e["exchangeAddressesInRanges"] = removed;
    if (!kept.empty()) {
      e["newRemoteIPRanges"] = kept;
      f.remediation = fmt::format(
          "Take the Exchange servers' addresses ({}) out of the RemoteIPRanges of '{}', splitting its ranges around "
          "them "
          "and keeping every other address it admits, so that {} takes Exchange connections again. Exchange servers "
          "must "
          "never be listed on a relay connector.",
          fmt::join(removed, ", "), w.identity, default_text);
      f.remediation_command =
          PowerShellCommand("Set-ReceiveConnector").arg("Identity", w.identity).arg("RemoteIPRanges", kept).text();
      // The directory holds about 1,200 RemoteIPRanges entries per connector (DOMAIN.md §7; ECD0806).
      constexpr std::size_t kNearLimit = 1000, kLimit = 1200;
      if (kept.size() >= kNearLimit) {
        e["newRemoteIPRangesCount"] = kept.size();
        if (kept.size() > kLimit) {
          f.message += fmt::format(
              " The rewritten RemoteIPRanges would have {} entries, more than the about {} the directory holds per "
              "connector, so Set-ReceiveConnector would fail with \"The administrative limit for this request was "
              "exceeded.\"",
              kept.size(), kLimit);
          f.remediation += fmt::format(
              " The rewritten list ({} entries, in the evidence) is above the directory's limit of about {}: join "
              "neighbouring addresses into ranges or move part of the list to a second connector with the same "
              "settings, then remove the Exchange addresses.",
              kept.size(), kLimit);
          f.remediation_command.clear();
        } else {
          f.message += fmt::format(
              " The rewritten RemoteIPRanges has {} entries, near the about {} the directory holds per connector.",
              kept.size(), kLimit);
        }
      }
    } else {
      f.remediation = fmt::format(
          "'{}' admits nothing but Exchange servers' addresses ({}), and RemoteIPRanges cannot be empty: disable the "
          "connector (or remove it with Remove-ReceiveConnector) so that {} takes these connections again. If an "
          "application on an Exchange server relies on it, give that application an address of its own.",
          w.identity, fmt::join(removed, ", "), default_text);
      f.remediation_command =
          PowerShellCommand("Set-ReceiveConnector").arg("Identity", w.identity).arg("Enabled", false).text();
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_server_captured_rule() {
  return std::make_unique<ExchangeServerCaptured>();
}

}  // namespace ecd
