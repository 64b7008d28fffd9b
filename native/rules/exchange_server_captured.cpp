// ECD0101 exchange-server-captured: another connector takes an Exchange server's connection away
// from the default connector and cannot authenticate it (DOMAIN.md §5.2 row 2, §1.2). Every port a
// receiving server listens on for Exchange servers is checked (25, 717, 2525: model/transport.h), in the
// role that owns it there, for every sender and address.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <tuple>

#include "core/ip.h"
#include "rules.h"
#include "rules/rule_support.h"
#include "select/landings.h"

namespace ecd {
namespace {

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

/// One capture: the landing, the selection behind it, the default connector it should have reached, and whether
/// the sender delivers there.
struct Capture {
  const Landing& landing;
  Selection selection;
  const Connector& winner;
  const IpRange& won;
  const Connector* fallback = nullptr;  // the default connector of the path, when it was given
  const IpRange* fallback_range = nullptr;
  DeliveryPath delivery;
  std::string default_text;  // "'EX01\Default Frontend EX01'" or "the Default Frontend connector"
};

Capture capture_of(const RuleContext& ctx, const Landing& l) {
  const ExchangePath& path = l.path;
  Selection s =
      ctx.selection.select_connector(SelectionQuery{l.target->name, path.role, path.port, l.address, l.local}, true);
  const Connector& winner = *s.winner;
  const IpRange& won = s.range();
  Capture c{
      l, std::move(s), winner, won, path.default_connector, nullptr, delivery_path(*l.sender, *l.target, path.port),
      {}};
  for (const auto& cand : c.selection.candidates)
    if (cand.connector == c.fallback && cand.matched_range)
      c.fallback_range = &c.fallback->remote_ip_ranges[*cand.matched_range];
  c.default_text = c.fallback ? fmt::format("'{}'", c.fallback->identity)
                              : fmt::format("the {} connector", default_connector_label(path.default_kind));
  return c;
}

std::string capture_message(const Capture& c) {
  const ExchangeServer& target = *c.landing.target;
  const ExchangeServer& sender = *c.landing.sender;
  const ExchangePath& path = c.landing.path;
  const Connector& w = c.winner;
  const std::string sender_text = fmt::format("{} ({})", sender.name, format_ip_address(c.landing.address));
  const std::string why_wins =
      c.fallback_range
          ? fmt::format(
                "its remote range {} ({}) is smaller than the range {} ({}) of {}, and Exchange picks the connector "
                "with the smallest matching remote range",
                c.won.expression, describe_size(c.won.size()), c.fallback_range->expression,
                describe_size(c.fallback_range->size()), c.default_text)
          : fmt::format("its remote range {} ({}) is the smallest that matches", c.won.expression,
                        describe_size(c.won.size()));
  const std::string service = path.role == TransportRole::FrontendTransport ? "Front End Transport" : "Transport";
  switch (c.delivery.delivery) {
    case Delivery::Delivers:
    case Delivery::LikelyDelivers:
      return fmt::format(
          "Mail from {} to {} on port {} ({} service) lands on '{}', not on {}: {}. '{}' {}, so {} cannot "
          "authenticate as an Exchange server and its queue to {} stays in Retry with 451 5.7.3 Cannot achieve "
          "Exchange Server authentication. ({}.)",
          sender_text, target.name, path.port, service, w.identity, c.default_text, why_wins, w.name, missing_text(w),
          sender.name, target.name, c.delivery.reason);
    case Delivery::Undocumented:
    case Delivery::MayDeliver:
      return fmt::format(
          "Connections from {} to {} on port {} ({} service) land on '{}', not on {}: {}. '{}' {}. Whether {} "
          "delivers to {} on this port is not certain: {}. If it does, its queue to {} stays in Retry with 451 "
          "5.7.3 Cannot achieve Exchange Server authentication; a queue in that state confirms it.",
          sender_text, target.name, path.port, service, w.identity, c.default_text, why_wins, w.name, missing_text(w),
          sender.name, target.name, c.delivery.reason, target.name);
    case Delivery::DoesNotDeliver: break;
  }
  return fmt::format(
      "Connections from {} to {} on port {} ({} service) land on '{}', not on {}: {}. '{}' {}. Today this "
      "does not stop Exchange mail, because {}; but anything {} sends to {} on port {} (a Send connector with "
      "{} as smart host, an application on the server, a later change of version or role) is treated as a "
      "stranger there and Exchange Server authentication fails with 451 5.7.3.",
      sender_text, target.name, path.port, service, w.identity, c.default_text, why_wins, w.name, missing_text(w),
      c.delivery.reason, sender.name, target.name, path.port, target.name);
}

/// The table's line: who lands where on which port, and what that costs ("?": only if the sender uses this port;
/// "path unused": the sender does not deliver there today).
std::string capture_summary(const Capture& c) {
  const std::string where = fmt::format("{} -> {}:{} lands on '{}'", c.landing.sender->name, c.landing.target->name,
                                        c.landing.path.port, c.winner.name);
  switch (c.delivery.delivery) {
    case Delivery::Delivers:
    case Delivery::LikelyDelivers: return where + ": 451 5.7.3";
    case Delivery::Undocumented:
    case Delivery::MayDeliver: return where + ": 451 5.7.3?";
    case Delivery::DoesNotDeliver: break;
  }
  return where + " (path unused)";
}

void add_evidence(Finding& f, const Capture& c) {
  const ExchangeServer& sender = *c.landing.sender;
  auto& e = f.evidence;
  e["sender"] = sender.name;
  e["senderAddress"] = format_ip_address(c.landing.address);
  e["senderVersion"] = describe_server(sender);
  e["deliversOnThisPort"] = c.delivery.delivers();
  e["delivery"] = std::string(certainty_name(c.delivery.delivery));
  e["port"] = c.landing.path.port;
  e["transportRole"] = std::string(transport_role_name(c.landing.path.role));
  e["localBinding"] = c.selection.binding ? format_ip_binding(*c.selection.binding) : "";
  e["connector"] = c.winner.identity;
  e["matchedRange"] = c.won.expression;
  e["matchedRangeSize"] = count_value(c.won.size());
  e["defaultConnector"] = c.fallback ? c.fallback->identity : "";
  e["defaultRange"] = c.fallback_range ? c.fallback_range->expression : "";
  e["defaultRangeSize"] = c.fallback_range ? count_value(c.fallback_range->size()) : "";
}

/// The Exchange servers' addresses that the winner's ranges hold. exchange_addresses is sorted by (family,
/// value), so the ones a range holds are one run of it: a binary search per range instead of a pass over every
/// (address, range) pair. The target's own addresses stay where it does not deliver to itself on this port
/// (see check()).
std::vector<IpAddress> captured_addresses(const Capture& c, const std::vector<IpAddress>& exchange_addresses) {
  const ExchangeServer& target = *c.landing.target;
  const bool keep_own = delivery_of(target, target, c.landing.path.port) == Delivery::DoesNotDeliver;
  std::vector<bool> held(exchange_addresses.size());
  auto before = [](const IpAddress& a, const IpAddress& b) {
    return std::tie(a.family, a.value) < std::tie(b.family, b.value);
  };
  for (const auto& r : c.winner.remote_ip_ranges)
    for (auto it = std::lower_bound(exchange_addresses.begin(), exchange_addresses.end(), r.lower, before);
         it != exchange_addresses.end() && r.contains(*it); ++it)
      held[static_cast<std::size_t>(it - exchange_addresses.begin())] = true;
  std::vector<IpAddress> out;
  for (std::size_t i = 0; i < exchange_addresses.size(); ++i) {
    const bool own =
        std::find(target.addresses.begin(), target.addresses.end(), exchange_addresses[i]) != target.addresses.end();
    if (held[i] && !(keep_own && own)) out.push_back(exchange_addresses[i]);
  }
  return out;
}

/// The fix: the connector's ranges without the Exchange servers' addresses, every other address kept; or, when
/// nothing else would be left, the connector disabled.
void add_fix(Finding& f, const Capture& c, const std::vector<IpAddress>& exchange_addresses) {
  const Connector& w = c.winner;
  std::vector<Interval> inside;
  std::vector<std::string> removed;
  for (const auto& a : captured_addresses(c, exchange_addresses)) {
    inside.push_back({a.family, a.value, a.value});
    removed.push_back(format_ip_address(a));
  }
  f.evidence["exchangeAddressesInRanges"] = removed;
  ConnectorEdit edit;
  if (!subtract_intervals(w.remote_ip_ranges, inside).empty()) {
    edit.remove_addresses = inside;
    f.remediation = fmt::format(
        "Take the Exchange servers' addresses ({}) out of the RemoteIPRanges of '{}', splitting its ranges around "
        "them and keeping every other address it admits, so that {} takes Exchange connections again. Exchange "
        "servers must never be listed on a relay connector.",
        fmt::join(removed, ", "), w.identity, c.default_text);
  } else {
    edit.assign("Enabled", false);
    f.remediation = fmt::format(
        "'{}' admits nothing but Exchange servers' addresses ({}), and RemoteIPRanges cannot be empty: disable the "
        "connector (or remove it with Remove-ReceiveConnector) so that {} takes these connections again. If an "
        "application on an Exchange server relies on it, give that application an address of its own.",
        w.identity, fmt::join(removed, ", "), c.default_text);
  }
  f.edit = std::move(edit);
  f.edit_connector = w.index;
}

class ExchangeServerCaptured final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0101",
      "exchange-server-captured",
      Severity::Error,
      "An Exchange server's address is captured by a connector without Exchange Server authentication",
      "451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication",
      {2}};
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
    const Capture c = capture_of(ctx, landing);
    Finding f = finding();
    f.severity = c.delivery.delivers() ? Severity::Error : Severity::Warning;
    f.server = landing.target->name;
    f.connector = c.winner.identity;
    f.message = capture_message(c);
    f.sender = landing.sender->name;  // what the queue pass reads (diagnose/queue.h); the evidence says it for people
    f.port = landing.path.port;
    f.delivery = c.delivery.delivery;
    f.summary = capture_summary(c);
    add_evidence(f, c);
    add_fix(f, c, exchange_addresses);
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_exchange_server_captured_rule() {
  return std::make_unique<ExchangeServerCaptured>();
}

}  // namespace ecd
