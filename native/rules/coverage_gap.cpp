// ECD0601 coverage-gap: a server listens on an address and port where no enabled connector matches some
// remote addresses; those senders get 421 4.3.2 (DOMAIN.md §1.2 step 10, §5.2 row 12). The union of the
// matching ranges per key of Exchange's map is computed with interval arithmetic, and its complement in
// IPv4 and IPv6 is written in Exchange's notation.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "rules.h"
#include "rules/rule_support.h"
#include "select/landings.h"

namespace ecd {
namespace {

bool standard_port(std::uint16_t port) {
  return port == 25 || port == 587 || port == 2525 || port == 465 || port == 717;
}

std::string full_range(Family family) {
  return family == Family::IPv4 ? "0.0.0.0-255.255.255.255" : "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
}

bool in_gap(const std::vector<Interval>& gap, const IpAddress& a) {
  auto it = std::upper_bound(gap.begin(), gap.end(), a.value,
                             [](const Uint128& v, const Interval& i) { return v < i.lower; });
  if (it == gap.begin()) return false;
  --it;
  return it->family == a.family && a.value <= it->upper;
}

/// Exchange servers that deliver on this port from an address in the gap: those judged to deliver here (an Error),
/// and those that only may (a port not documented, a version not known), named too.
struct GapSenders {
  std::vector<std::string> delivering;
  std::vector<std::string> maybe;
};

GapSenders senders_in_gap(const Organisation& org, const ExchangeServer& server, std::uint16_t port,
                          const std::vector<Interval>& gap) {
  GapSenders out;
  for (const auto& sender : org.servers) {
    Delivery d = delivery_of(sender, server, port);
    if (d == Delivery::DoesNotDeliver) continue;
    for (const auto& a : sender.addresses)
      if (in_gap(gap, a))
        (delivers(d) ? out.delivering : out.maybe).push_back(fmt::format("{} ({})", sender.name, format_ip_address(a)));
  }
  return out;
}

/// The fix: the default connector on that key takes everything else (a full range never beats a smaller one).
void add_fix(Finding& f, const ExchangeServer& server, const IpBinding& binding,
             const std::vector<const Connector*>& wildcard_connectors) {
  const Family family = binding.address.family;
  const Connector* fallback = nullptr;
  for (const Connector* c : wildcard_connectors)
    if (default_connector_kind(*c) != DefaultConnector::None && binding.is_wildcard()) fallback = c;
  if (!fallback) {
    f.remediation = fmt::format(
        "Enable or re-create the catch-all connector for this port (for port 25 'Default Frontend {0}', for 2525 "
        "'Default {0}'), or add the missing ranges to a connector bound to {1}.",
        server.name, format_ip_binding(IpBinding{wildcard_address(family), binding.port}));
    return;
  }
  f.connector = fallback->identity;
  f.remediation = fmt::format(
      "Let the default connector '{}' take every address again: add {} to its RemoteIPRanges. Smaller ranges on "
      "other connectors still win for their senders.",
      fallback->identity, full_range(family));
  ConnectorEdit edit;
  edit.add_ranges.push_back(full_range(family));
  f.edit = std::move(edit);
  f.edit_connector = fallback->index;
}

class CoverageGap final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD0601",
                                  "coverage-gap",
                                  Severity::Warning,
                                  "No enabled connector matches some remote addresses on a listening address and port",
                                  "421 4.3.2 Service not available (no connector mapping found) for those senders",
                                  {12}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    for (const auto& server : org.servers) {
      if (!server.has_connectors) continue;
      auto conns = org.connectors_of(server.name);
      for (std::uint16_t port : ctx.selection.listening_ports(server.name)) {
        auto role = ctx.selection.role_for_port(server.name, port);
        if (!role) continue;
        for (Family family : {Family::IPv4, Family::IPv6}) {
          // key (local address) -> connectors bound there; and the ranges registered on it
          std::map<Uint128, std::vector<const Connector*>> keys;
          for (const Connector* c : conns) {
            if (!c->enabled || !c->selectable() || *c->transport_role != *role) continue;
            for (const auto& b : c->bindings)
              if (b.port == port && b.address.family == family) {
                auto& list = keys[b.address.value];
                if (std::find(list.begin(), list.end(), c) == list.end()) list.push_back(c);
              }
          }
          if (keys.empty()) continue;
          const Uint128 wildcard = wildcard_address(family).value;
          auto ranges_of = [&](const std::vector<const Connector*>& list) {
            std::vector<Interval> v;
            for (const Connector* c : list)
              for (const auto& r : c->remote_ip_ranges)
                if (r.family() == family) v.push_back({family, r.lower.value, r.upper.value});
            return v;
          };
          std::vector<Interval> base =
              ranges_of(keys.count(wildcard) ? keys[wildcard] : std::vector<const Connector*>{});
          base.push_back({family, wildcard, wildcard});  // connections from 0.0.0.0 / :: are dropped anyway
          bool wildcard_listens = keys.count(wildcard) > 0;
          for (const auto& [local, list] : keys) {
            bool is_wildcard = local == wildcard;
            if (!is_wildcard && wildcard_listens) continue;  // its gap is within the wildcard's
            std::vector<Interval> covered = base;
            if (!is_wildcard) {
              auto more = ranges_of(list);
              covered.insert(covered.end(), more.begin(), more.end());
            }
            auto gap = complement(merge_intervals(std::move(covered)), family);
            if (gap.empty()) continue;
            out.push_back(make_finding(org, server, *role, IpBinding{IpAddress{local, family}, port}, gap,
                                       is_wildcard ? list : std::vector<const Connector*>{}));
          }
        }
      }
    }
  }

 private:
  Finding make_finding(const Organisation& org, const ExchangeServer& server, TransportRole role,
                       const IpBinding& binding, const std::vector<Interval>& gap,
                       const std::vector<const Connector*>& wildcard_connectors) const {
    Family family = binding.address.family;
    Finding f = finding();
    f.server = server.name;
    f.severity = standard_port(binding.port) ? Severity::Warning : Severity::Information;
    Uint128 total{};
    std::vector<std::string> pieces;
    for (const auto& g : gap) {
      total = total + interval_size(g);
      if (total < interval_size(g)) total = Uint128::max();
      pieces.push_back(format_interval(g));
    }
    const GapSenders senders = senders_in_gap(org, server, binding.port, gap);
    const std::vector<std::string>& exchange = senders.delivering;
    const std::vector<std::string>& maybe = senders.maybe;
    if (!exchange.empty()) f.severity = Severity::Error;
    std::string where = binding.is_wildcard() ? fmt::format("port {} for {} on all local addresses", binding.port,
                                                            family == Family::IPv4 ? "IPv4" : "IPv6")
                                              : fmt::format("{}", format_ip_binding(binding));
    f.message = fmt::format(
        "{} listens on {} ({}), but no enabled connector there matches {} remote address{}: {}. Senders from "
        "these addresses are answered with 421 4.3.2 Service not available.{}{}",
        server.name, where, transport_role_name(role), format_count(total), total == Uint128::from_u64(1) ? "" : "es",
        first_items(pieces),
        fmt::format("{}{}",
                    exchange.empty() ? std::string()
                                     : fmt::format(" Among them are Exchange servers that deliver on this port: {}.",
                                                   fmt::join(exchange, ", ")),
                    maybe.empty()
                        ? std::string()
                        : fmt::format(" Exchange servers that may deliver on this port are among them too: {}.",
                                      fmt::join(maybe, ", "))),
        standard_port(binding.port) ? ""
                                    : " On a port of its own with narrow ranges this can be deliberate (a partner or "
                                      "application port).");
    add_fix(f, server, binding, wildcard_connectors);
    f.evidence["port"] = binding.port;
    f.evidence["transportRole"] = std::string(transport_role_name(role));
    f.evidence["localBinding"] = format_ip_binding(binding);
    f.evidence["unmatched"] = pieces;
    f.evidence["unmatchedCount"] = format_count(total);
    f.evidence["exchangeSenders"] = exchange;
    f.evidence["possibleExchangeSenders"] = maybe;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_coverage_gap_rule() {
  return std::make_unique<CoverageGap>();
}

}  // namespace ecd
