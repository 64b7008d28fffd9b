// ECD0101 exchange-server-captured: another connector takes an Exchange server's connection away
// from the default connector and cannot authenticate it (DOMAIN.md §5.2 row 2, §1.2). Every port a
// receiving server listens on for Exchange servers is checked (25, 717, 2525: model/transport.h), in the
// role that owns it there, for every sender and address.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <tuple>

#include "core/ip.h"
#include "select/landings.h"
#include "rules/rule_support.h"
#include "rules.h"

namespace ecd {
namespace {

constexpr RuleInfo kInfo{
    "ECD0101", "exchange-server-captured", Severity::Error,
    "An Exchange server's address is captured by a connector without Exchange Server authentication",
    "451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication",
    {2}};

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

std::string_view certainty_name(Delivery d) {
  switch (d) {
    case Delivery::Delivers: return "delivers";
    case Delivery::LikelyDelivers: return "likelyDelivers";
    case Delivery::Undocumented: return "undocumentedPort";
    case Delivery::MayDeliver: return "mayDeliver";
    case Delivery::DoesNotDeliver: return "doesNotDeliver";
  }
  return "";
}

class ExchangeServerCaptured final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto exchange_addresses = exchange_sender_addresses(ctx.organisation);
    for_each_exchange_landing(ctx.organisation, ctx.selection, [&](const Landing& l) {
      const Connector& w = *l.connector;
      if (w.has_auth(kAuthExchangeServer) && w.has_permission(kPermExchangeServers)) return;
      if (default_connector_kind(w) != DefaultConnector::None) return;  // ECD0102 explains those
      // A server's own address on its own relay, on a port where it does not deliver to itself: what uses it is an
      // application on the server relaying through its own address, which is what the relay is for.
      if (l.sender == l.target && l.delivery == Delivery::DoesNotDeliver) return;
      out.push_back(make_finding(ctx, l, exchange_addresses));
    });
  }

 private:
  Finding make_finding(const RuleContext& ctx, const Landing& landing,
                       const std::vector<IpAddress>& exchange_addresses) const {
    const ExchangeServer& target = *landing.target;
    const ExchangePath& path = landing.path;
    const ExchangeServer& sender = *landing.sender;
    const IpAddress& address = landing.address;
    Selection s =
        ctx.selection.select_connector(SelectionQuery{target.name, path.role, path.port, address, landing.local}, true);
    const Connector& w = *s.winner;
    const IpRange& won = s.range();
    const Connector* fallback = path.default_connector;
    const IpRange* fallback_range = nullptr;
    for (const auto& cand : s.candidates)
      if (cand.connector == fallback && cand.matched_range)
        fallback_range = &fallback->remote_ip_ranges[*cand.matched_range];

    const DeliveryPath delivery = delivery_path(sender, target, path.port);
    Finding f = finding();
    f.severity = delivery.delivers() ? Severity::Error : Severity::Warning;
    f.server = target.name;
    f.connector = w.identity;
    std::string sender_text = fmt::format("{} ({})", sender.name, format_ip_address(address));
    std::string default_text = fallback
                                   ? fmt::format("'{}'", fallback->identity)
                                   : fmt::format("the {} connector", default_connector_label(path.default_kind));
    std::string why_wins =
        fallback_range
            ? fmt::format(
                  "its remote range {} ({}) is smaller than the range {} ({}) of {}, and Exchange picks the connector "
                  "with the smallest matching remote range",
                  won.expression, describe_size(won.size()), fallback_range->expression, describe_size(fallback_range->size()),
                  default_text)
            : fmt::format("its remote range {} ({}) is the smallest that matches", won.expression, describe_size(won.size()));
    const std::string service =
        path.role == TransportRole::FrontendTransport ? "Front End Transport" : "Transport";
    switch (delivery.delivery) {
      case Delivery::Delivers:
      case Delivery::LikelyDelivers:
        f.message = fmt::format(
            "Mail from {} to {} on port {} ({} service) lands on '{}', not on {}: {}. '{}' {}, so {} cannot "
            "authenticate as an Exchange server and its queue to {} stays in Retry with 451 5.7.3 Cannot achieve "
            "Exchange Server authentication. ({}.)",
            sender_text, target.name, path.port, service, w.identity, default_text, why_wins, w.name,
            missing_text(w), sender.name, target.name, delivery.reason);
        break;
      case Delivery::Undocumented:
      case Delivery::MayDeliver:
        f.message = fmt::format(
            "Connections from {} to {} on port {} ({} service) land on '{}', not on {}: {}. '{}' {}. Whether {} "
            "delivers to {} on this port is not certain: {}. If it does, its queue to {} stays in Retry with 451 "
            "5.7.3 Cannot achieve Exchange Server authentication; a queue in that state confirms it.",
            sender_text, target.name, path.port, service, w.identity, default_text, why_wins, w.name,
            missing_text(w), sender.name, target.name, delivery.reason, target.name);
        break;
      case Delivery::DoesNotDeliver:
        f.message = fmt::format(
            "Connections from {} to {} on port {} ({} service) land on '{}', not on {}: {}. '{}' {}. Today this "
            "does not stop Exchange mail, because {}; but anything {} sends to {} on port {} (a Send connector with "
            "{} as smart host, an application on the server, a later change of version or role) is treated as a "
            "stranger there and Exchange Server authentication fails with 451 5.7.3.",
            sender_text, target.name, path.port, service, w.identity, default_text, why_wins, w.name,
            missing_text(w), delivery.reason, sender.name, target.name, path.port, target.name);
        break;
    }

    auto& e = f.evidence;
    f.sender = sender.name;  // what the queue pass reads (diagnose/queue.h); the evidence says it for people
    f.port = path.port;
    f.delivery = delivery.delivery;
    e["sender"] = sender.name;
    e["senderAddress"] = format_ip_address(address);
    e["senderVersion"] = describe_server(sender);
    e["deliversOnThisPort"] = delivery.delivers();
    e["delivery"] = std::string(certainty_name(delivery.delivery));
    e["port"] = path.port;
    e["transportRole"] = std::string(transport_role_name(path.role));
    e["localBinding"] = s.binding ? format_ip_binding(*s.binding) : "";
    e["connector"] = w.identity;
    e["matchedRange"] = won.expression;
    e["matchedRangeSize"] = count_value(won.size());
    e["defaultConnector"] = fallback ? fallback->identity : "";
    e["defaultRange"] = fallback_range ? fallback_range->expression : "";
    e["defaultRangeSize"] =
        fallback_range ? count_value(fallback_range->size())
                       : "";

    // The fix: the connector's ranges without the Exchange servers' addresses, every other address kept.
    // exchange_addresses is sorted by (family, value), so the ones a range holds are one run of it: a binary
    // search per range instead of a pass over every (address, range) pair.
    // The target's own addresses stay where it does not deliver to itself on this port (see check()).
    const bool keep_own = delivery_of(target, target, path.port) == Delivery::DoesNotDeliver;
    std::vector<bool> held(exchange_addresses.size());
    auto before = [](const IpAddress& a, const IpAddress& b) {
      return std::tie(a.family, a.value) < std::tie(b.family, b.value);
    };
    for (const auto& r : w.remote_ip_ranges)
      for (auto it = std::lower_bound(exchange_addresses.begin(), exchange_addresses.end(), r.lower, before);
           it != exchange_addresses.end() && r.contains(*it); ++it)
        held[static_cast<std::size_t>(it - exchange_addresses.begin())] = true;
    std::vector<Interval> inside;
    std::vector<std::string> removed;
    for (std::size_t i = 0; i < exchange_addresses.size(); ++i)
      if (held[i] && !(keep_own && std::find(target.addresses.begin(), target.addresses.end(), exchange_addresses[i]) !=
                                       target.addresses.end())) {
        const auto& a = exchange_addresses[i];
        inside.push_back({a.family, a.value, a.value});
        removed.push_back(format_ip_address(a));
      }
    e["exchangeAddressesInRanges"] = removed;
    ConnectorEdit edit;
    if (!subtract_intervals(w.remote_ip_ranges, inside).empty()) {
      edit.remove_addresses = inside;
      f.remediation = fmt::format(
          "Take the Exchange servers' addresses ({}) out of the RemoteIPRanges of '{}', splitting its ranges around "
          "them and keeping every other address it admits, so that {} takes Exchange connections again. Exchange "
          "servers must never be listed on a relay connector.",
          fmt::join(removed, ", "), w.identity, default_text);
    } else {
      edit.assign("Enabled", false);
      f.remediation = fmt::format(
          "'{}' admits nothing but Exchange servers' addresses ({}), and RemoteIPRanges cannot be empty: disable the "
          "connector (or remove it with Remove-ReceiveConnector) so that {} takes these connections again. If an "
          "application on an Exchange server relies on it, give that application an address of its own.",
          w.identity, fmt::join(removed, ", "), default_text);
    }
    f.edit = std::move(edit);
    f.edit_connector = w.index;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_server_captured_rule() {
  return std::make_unique<ExchangeServerCaptured>();
}

}  // namespace ecd
