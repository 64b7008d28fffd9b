#include "select/selection.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace ecd {
namespace {

std::optional<std::size_t> smallest_matching_range(const Connector& c, const IpAddress& remote) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < c.remote_ip_ranges.size(); ++i) {
    const auto& r = c.remote_ip_ranges[i];
    if (!r.contains(remote)) continue;
    if (!best || r.size() < c.remote_ip_ranges[*best].size()) best = i;
  }
  return best;
}

bool has_range_of_family(const Connector& c, Family family) {
  return std::any_of(c.remote_ip_ranges.begin(), c.remote_ip_ranges.end(),
                     [&](const IpRange& r) { return r.family() == family; });
}

}  // namespace

IpAddress wildcard_address(Family family) {
  IpAddress a;
  a.family = family;
  a.value = family == Family::IPv4 ? Uint128{0, 0x0000ffff00000000ull} : Uint128{};
  return a;
}

std::string_view loss_reason_text(LossReason reason) {
  switch (reason) {
    case LossReason::None: return "wins: smallest matching remote range";
    case LossReason::Disabled: return "disabled (Enabled is False), so Exchange does not use it";
    case LossReason::OtherRole:
      return "belongs to the other transport role, whose service does not answer on this port";
    case LossReason::NotSelectable: return "its bindings, remote ranges or role could not be read from the input";
    case LossReason::NotListening: return "has no binding on this port for this local address";
    case LossReason::NoRangeOfFamily: return "has no remote range of the remote address's family on this binding";
    case LossReason::NoRangeMatches: return "none of its remote ranges holds the remote address";
    case LossReason::LargerRange: return "its matching remote range is larger than the winner's";
    case LossReason::TieLostToEarlier:
      return "its matching range is as large as the winner's, and the winner comes first in Exchange's order";
    case LossReason::WildcardLost:
      return "binds all local addresses; a connector bound to the exact local address has an equal or smaller range";
  }
  return "";
}

// Longer than our other functions on purpose: its numbered steps build one index, and split apart they would hand
// the half-built maps to each other.
SelectionIndex::SelectionIndex(const Organisation& organisation) : organisation_(organisation) {
  // 1. Exchange's map: key (local address, port) per role -> (connector, its ranges of the binding's family).
  std::map<Key, std::vector<std::size_t>> members;
  for (const auto& c : organisation.connectors) {
    if (!c.enabled || !c.selectable()) continue;
    for (const auto& b : c.bindings) {
      Key key{to_lower(c.server), *c.transport_role, b.port, b.address};
      listeners_.insert(key);  // the socket is open even when no range of its family is registered
      if (!has_range_of_family(c, b.address.family)) continue;
      auto& list = members[key];
      if (list.empty() || list.back() != c.index) list.push_back(c.index);
    }
  }
  // 2. Per key, the winner for every stretch of remote addresses: a sweep over range bounds with the
  //    active ranges ordered by (size, Exchange order, range position), so the first is the winner.
  for (auto& [key, connectors] : members) {
    struct Item {
      Uint128 lower, upper, size;
      std::size_t connector, range;
    };
    std::vector<Item> items;
    for (std::size_t ci : connectors) {
      const auto& c = organisation.connectors[ci];
      for (std::size_t ri = 0; ri < c.remote_ip_ranges.size(); ++ri) {
        const auto& r = c.remote_ip_ranges[ri];
        if (r.family() == key.local.family) items.push_back({r.lower.value, r.upper.value, r.size(), ci, ri});
      }
    }
    std::vector<Uint128> bounds;
    for (const auto& it : items) {
      bounds.push_back(it.lower);
      if (!it.upper.is_max()) bounds.push_back(it.upper + Uint128::from_u64(1));
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    std::vector<std::size_t> by_lower(items.size()), by_upper(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) by_lower[i] = by_upper[i] = i;
    std::sort(by_lower.begin(), by_lower.end(), [&](auto a, auto b) { return items[a].lower < items[b].lower; });
    std::sort(by_upper.begin(), by_upper.end(), [&](auto a, auto b) { return items[a].upper < items[b].upper; });
    std::set<std::tuple<Uint128, std::size_t, std::size_t>> active;
    std::size_t li = 0, ui = 0;
    Map& map = maps_[key];
    for (std::size_t k = 0; k < bounds.size(); ++k) {
      const Uint128 at = bounds[k];
      while (ui < by_upper.size() && items[by_upper[ui]].upper < at) {
        const auto& it = items[by_upper[ui++]];
        active.erase({it.size, it.connector, it.range});
      }
      while (li < by_lower.size() && items[by_lower[li]].lower <= at) {
        const auto& it = items[by_lower[li++]];
        if (!(it.upper < at)) active.insert({it.size, it.connector, it.range});
      }
      if (active.empty()) continue;
      const auto& [size, ci, ri] = *active.begin();
      Uint128 end = k + 1 < bounds.size() ? bounds[k + 1] - Uint128::from_u64(1) : Uint128::max();
      if (!map.segments.empty() && map.segments.back().connector == ci && map.segments.back().range == ri &&
          map.segments.back().end + Uint128::from_u64(1) == at) {
        map.segments.back().end = end;
      } else {
        map.segments.push_back({at, end, ci, ri});
      }
    }
  }
  // 3. Per server, its keys, so that a query finds its server's maps with one hash lookup.
  for (const auto& key : listeners_) {
    auto it = maps_.find(key);
    by_server_[key.server].push_back(
        ServerKey{key.role, key.port, key.local, it == maps_.end() ? nullptr : &it->second});
  }
}

std::size_t SelectionIndex::CaseInsensitiveHash::operator()(std::string_view text) const {
  std::size_t h = 14695981039346656037ull;  // FNV-1a over the lower-cased bytes
  for (char c : text) {
    h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h *= 1099511628211ull;
  }
  return h;
}

const std::vector<SelectionIndex::ServerKey>* SelectionIndex::keys_of(std::string_view server) const {
  auto it = by_server_.find(server);
  return it == by_server_.end() ? nullptr : &it->second;
}

const SelectionIndex::Map* SelectionIndex::map_for(const std::vector<ServerKey>& keys, TransportRole role,
                                                   std::uint16_t port, const IpAddress& local) const {
  for (const auto& k : keys)
    if (k.map && k.role == role && k.port == port && k.local == local) return k.map;
  return nullptr;
}

std::optional<SelectionIndex::Hit> SelectionIndex::lookup(const Key& key, const IpAddress& remote) const {
  auto it = maps_.find(key);
  if (it == maps_.end()) return std::nullopt;
  return lookup(it->second, remote);
}

std::optional<SelectionIndex::Hit> SelectionIndex::lookup(const Map& map, const IpAddress& remote) const {
  const auto& segments = map.segments;
  auto pos = std::upper_bound(segments.begin(), segments.end(), remote.value,
                              [](const Uint128& v, const Segment& s) { return v < s.start; });
  if (pos == segments.begin()) return std::nullopt;
  --pos;
  if (remote.value > pos->end) return std::nullopt;
  const auto& range = organisation_.connectors[pos->connector].remote_ip_ranges[pos->range];
  return Hit{pos->connector, pos->range, range.size()};
}

// Longer than our other functions on purpose: it follows Exchange's selection (DOMAIN.md §1.2) step by step, in
// its order, so that the two can be read side by side; the candidates' reasons come from the same steps.
Selection SelectionIndex::select_connector(const SelectionQuery& query, bool with_candidates) const {
  Selection result;
  // Exchange drops connections from 0.0.0.0 before any lookup (DOMAIN.md §1.2 step 11).
  if (query.remote.is_unspecified()) return result;
  const Family family = query.remote.family;
  std::optional<Hit> specific, any;
  IpAddress wildcard = wildcard_address(family);
  if (const auto* keys = keys_of(query.server)) {  // O(1) to the server, O(log n) in its ranges
    if (query.local && !query.local->is_unspecified() && query.local->family == family)
      if (const Map* m = map_for(*keys, query.role, query.port, *query.local)) specific = lookup(*m, query.remote);
    if (const Map* m = map_for(*keys, query.role, query.port, wildcard)) any = lookup(*m, query.remote);
  }
  std::optional<Hit> win;
  IpAddress win_local = wildcard;
  if (specific && (!any || specific->size <= any->size)) {
    win = specific;
    win_local = *query.local;
  } else {
    win = any;
  }
  if (win) {
    result.winner = &organisation_.connectors[win->connector];
    result.matched_range = win->range;
    result.binding = IpBinding{win_local, query.port};
  }
  if (!with_candidates) return result;

  for (const Connector* c : organisation_.connectors_of(query.server)) {
    Candidate cand;
    cand.connector = c;
    if (c == result.winner) {
      cand.matched_range = result.matched_range;
      cand.binding = result.binding;
      result.candidates.push_back(cand);
      continue;
    }
    if (!c->enabled)
      cand.reason = LossReason::Disabled;
    else if (!c->selectable())
      cand.reason = LossReason::NotSelectable;
    else if (*c->transport_role != query.role)
      cand.reason = LossReason::OtherRole;
    if (cand.reason != LossReason::None) {
      result.candidates.push_back(cand);
      continue;
    }
    bool on_specific = false, on_wildcard = false;
    for (const auto& b : c->bindings) {
      if (b.port != query.port || b.address.family != family) continue;
      if (b.is_wildcard())
        on_wildcard = true;
      else if (query.local && b.address == *query.local)
        on_specific = true;
    }
    if (!on_specific && !on_wildcard) {
      cand.reason = LossReason::NotListening;
    } else if (!has_range_of_family(*c, family)) {
      cand.reason = LossReason::NoRangeOfFamily;
    } else if (auto m = smallest_matching_range(*c, query.remote); !m) {
      cand.reason = LossReason::NoRangeMatches;
    } else {
      cand.matched_range = m;
      cand.binding = IpBinding{on_specific ? *query.local : wildcard, query.port};
      Uint128 size = c->remote_ip_ranges[*m].size();
      Uint128 win_size = result.winner ? result.range().size() : Uint128::max();
      bool winner_specific = result.binding && !result.binding->is_wildcard();
      if (size > win_size)
        cand.reason = LossReason::LargerRange;
      else if (!on_specific && winner_specific)
        cand.reason = LossReason::WildcardLost;
      else
        cand.reason = LossReason::TieLostToEarlier;
    }
    result.candidates.push_back(cand);
  }
  return result;
}

std::optional<TransportRole> SelectionIndex::role_for_port(std::string_view server, std::uint16_t port) const {
  bool frontend = false, hub = false;
  const auto* keys = keys_of(server);
  for (const auto& key : keys ? *keys : std::vector<ServerKey>{}) {
    if (key.port != port) continue;
    if (key.role == TransportRole::FrontendTransport) frontend = true;
    if (key.role == TransportRole::HubTransport) hub = true;
  }
  if (frontend && hub) {
    return owning_role(port).value_or(TransportRole::FrontendTransport);
  }
  if (frontend) return TransportRole::FrontendTransport;
  if (hub) return TransportRole::HubTransport;
  return std::nullopt;
}

std::vector<std::uint16_t> SelectionIndex::listening_ports(std::string_view server) const {
  std::set<std::uint16_t> ports;
  if (const auto* keys = keys_of(server))
    for (const auto& key : *keys)
      if (key.role != TransportRole::Other) ports.insert(key.port);
  return {ports.begin(), ports.end()};
}

std::vector<SelectionIndex::Partition> SelectionIndex::partitions() const {
  std::vector<Partition> out;
  for (const auto& [key, map] : maps_) {
    Partition p{key.server, key.role, key.port, key.local, {}};
    if (const ExchangeServer* s = organisation_.find_server(key.server)) p.server = s->name;
    for (const auto& seg : map.segments) p.stretches.push_back({seg.start, seg.end, seg.connector, seg.range});
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<IpAddress> SelectionIndex::specific_local_addresses(std::string_view server, TransportRole role,
                                                                std::uint16_t port) const {
  std::vector<IpAddress> out;
  if (const auto* keys = keys_of(server))
    for (const auto& key : *keys)
      if (key.role == role && key.port == port && !key.local.is_unspecified()) out.push_back(key.local);
  return out;
}

}  // namespace ecd
