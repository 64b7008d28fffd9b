// ECD0501 ambiguous-selection: two enabled connectors on the same binding with equal or partially
// overlapping remote ranges, or a wildcard and a specific binding with partially overlapping ranges.
// Exchange's cmdlets refuse both (DOMAIN.md §1.3), so they come from hand edits; with equal ranges the
// connector that answers depends on directory order.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

struct Item {
  Uint128 lower, upper, size;
  std::size_t connector, range;
  IpAddress local;
  std::uint16_t port;
};

struct Conflict {
  std::size_t winner_range, loser_range;
  bool equal;
  std::string local_winner, local_loser;
  Interval lost;
};

class AmbiguousSelection final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0501",
      "ambiguous-selection",
      Severity::Warning,
      "Two connectors on the same binding have equal or partially overlapping remote ranges",
      "Mail from some senders lands on an unexpected connector (relay refused with 550 5.7.54, 451 5.7.3, or "
      "accepted where it should not be), changing after a directory change; Set-ReceiveConnector fails with "
      "\"...must have a unique combination of a local IP address & port bindings and remote IP address ranges\"",
      {11}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    // (server, role, port, family) -> items
    std::map<std::tuple<std::string, int, std::uint16_t, int>, std::vector<Item>> groups;
    for (const auto& c : org.connectors) {
      if (!c.enabled || !c.selectable()) continue;
      for (const auto& b : c.bindings)
        for (std::size_t ri = 0; ri < c.remote_ip_ranges.size(); ++ri) {
          const auto& r = c.remote_ip_ranges[ri];
          if (r.family() != b.address.family) continue;
          groups[{to_lower(c.server), static_cast<int>(*c.transport_role), b.port, static_cast<int>(r.family())}]
              .push_back({r.lower.value, r.upper.value, r.size(), c.index, ri, b.address, b.port});
        }
    }
    // (loser, winner) -> conflicts; loser -> every interval it loses
    std::map<std::pair<std::size_t, std::size_t>, std::vector<Conflict>> conflicts;
    std::map<std::size_t, std::vector<Interval>> lost;
    std::set<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> seen;
    for (auto& [key, items] : groups) {
      std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return std::tie(a.lower, b.upper, a.connector, a.range) < std::tie(b.lower, a.upper, b.connector, b.range);
      });
      std::multimap<Uint128, std::size_t> by_upper;  // earlier items by upper bound
      for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& b = items[i];
        // Equal ranges: earlier items with the same bounds, on the same binding.
        for (std::size_t j = i; j-- > 0 && items[j].lower == b.lower && items[j].upper == b.upper;)
          if (items[j].connector != b.connector && items[j].local == b.local)
            record(org, items[j], b, true, conflicts, lost, seen);
        // Partial overlap: an earlier item that starts before b and ends inside it.
        if (b.upper > b.lower)
          for (auto it = by_upper.lower_bound(b.lower); it != by_upper.end() && it->first < b.upper; ++it) {
            const Item& a = items[it->second];
            if (a.lower >= b.lower || a.connector == b.connector) continue;
            if (a.local == b.local || a.local.is_unspecified() != b.local.is_unspecified())
              record(org, a, b, false, conflicts, lost, seen);
          }
        by_upper.emplace(b.upper, i);
      }
    }
    for (const auto& [pair, list] : conflicts) out.push_back(make_finding(org, pair.first, pair.second, list, lost));
  }

 private:
  static void record(const Organisation& org, const Item& a, const Item& b, bool equal,
                     std::map<std::pair<std::size_t, std::size_t>, std::vector<Conflict>>& conflicts,
                     std::map<std::size_t, std::vector<Interval>>& lost,
                     std::set<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>>& seen) {
    const Item* x = &a;
    const Item* y = &b;
    if (std::tie(y->connector, y->range) < std::tie(x->connector, x->range)) std::swap(x, y);
    if (!seen.insert({x->connector, x->range, y->connector, y->range}).second) return;
    // Who takes the shared addresses at run time: the smaller range; on a tie the exact local address, then
    // the connector that comes first in Exchange's order.
    bool x_specific = !x->local.is_unspecified(), y_specific = !y->local.is_unspecified();
    bool x_wins;
    if (x->size != y->size)
      x_wins = x->size < y->size;
    else if (x_specific != y_specific)
      x_wins = x_specific;
    else
      x_wins = x->connector < y->connector;
    const Item& w = x_wins ? *x : *y;
    const Item& l = x_wins ? *y : *x;
    Family family = org.connectors[w.connector].remote_ip_ranges[w.range].family();
    Interval shared{family, std::max(w.lower, l.lower), std::min(w.upper, l.upper)};
    auto binding_text = [](const Item& i) { return format_ip_binding(IpBinding{i.local, i.port}); };
    conflicts[{l.connector, w.connector}].push_back(
        Conflict{w.range, l.range, equal, binding_text(w), binding_text(l), shared});
    lost[l.connector].push_back(shared);
  }

  Finding make_finding(const Organisation& org, std::size_t loser, std::size_t winner,
                       const std::vector<Conflict>& list,
                       const std::map<std::size_t, std::vector<Interval>>& lost) const {
    const Connector& l = org.connectors[loser];
    const Connector& w = org.connectors[winner];
    Finding f = finding();
    f.server = l.server;
    f.connector = l.identity;
    std::vector<std::string> pairs;
    bool any_equal = false;
    auto evidence = nlohmann::ordered_json::array();
    for (const auto& c : list) {
      const auto& wr = w.remote_ip_ranges[c.winner_range];
      const auto& lr = l.remote_ip_ranges[c.loser_range];
      any_equal = any_equal || c.equal;
      pairs.push_back(fmt::format("{} {} {} (bindings {} and {})", lr.expression,
                                  c.equal ? "equals" : "partially overlaps", wr.expression, c.local_loser,
                                  c.local_winner));
      evidence.push_back({{"range", lr.expression},
                          {"otherRange", wr.expression},
                          {"overlap", c.equal ? "equal" : "partial"},
                          {"sharedAddresses", format_interval(c.lost)}});
    }
    f.message = fmt::format(
        "'{}' and '{}' listen on colliding bindings and their remote ranges collide: {}. Exchange's cmdlets refuse "
        "such a pair, so it was written by hand or by an older build, and every later Set-ReceiveConnector on either "
        "connector fails until it is resolved. {}",
        l.identity, w.identity, fmt::join(pairs, "; "),
        any_equal ? fmt::format("For equal ranges the connector that answers is the one Exchange reads first from the "
                                "directory (today '{}'), which can change after any directory change.",
                                w.identity)
                  : fmt::format("Today the smaller range wins the shared addresses, so '{}' takes them.", w.identity));
    std::vector<std::string> kept = subtract_intervals(l.remote_ip_ranges, lost.at(loser));
    if (!kept.empty()) {
      f.remediation = fmt::format(
          "Take the addresses that '{}' never gets anyway out of its RemoteIPRanges, so that the ranges are nested or "
          "apart and the connector that answers no longer depends on order. Check that '{}' is the connector those "
          "senders should use; if not, remove them from that one instead.",
          l.identity, w.identity);
      ConnectorEdit edit;
      edit.remove_addresses = lost.at(loser);
      f.edit = std::move(edit);
      f.edit_connector = l.index;
    } else {
      f.remediation = fmt::format(
          "'{}' would keep no remote range, and RemoteIPRanges cannot be empty: decide which connector these senders "
          "should use, then remove the other connector (Remove-ReceiveConnector) or give it different ranges.",
          l.identity);
    }
    f.evidence["otherConnector"] = w.identity;
    f.evidence["collisions"] = evidence;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_ambiguous_selection_rule() {
  return std::make_unique<AmbiguousSelection>();
}

}  // namespace ecd
