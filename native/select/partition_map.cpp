#include "select/partition_map.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "model/transport.h"

namespace ecd {
namespace {

IpAddress address_of(const Uint128& value, Family family) {
  IpAddress a;
  a.value = value;
  a.family = family;
  return a;
}

/// First and last address of a family's space (IPv4 as IPv4-mapped IPv6).
std::pair<Uint128, Uint128> family_space(Family family) {
  if (family == Family::IPv4) return {Uint128{0, 0x0000ffff00000000ull}, Uint128{0, 0x0000ffffffffffffull}};
  return {Uint128{}, Uint128::max()};
}

bool authenticates_exchange(const Connector& c) {
  return c.has_auth(kAuthExchangeServer) && c.has_permission(kPermExchangeServers);
}

}  // namespace

double log2_size(const IpAddress& start, const IpAddress& end) {
  Uint128 size = range_size(start.value, end.value);
  if (size.is_max()) return 128.0;
  double v = static_cast<double>(size.hi) * 18446744073709551616.0 + static_cast<double>(size.lo);
  return std::log2(std::max(v, 1.0));
}

std::vector<PortMap> port_maps(const Organisation& org, const SelectionIndex& index) {
  std::vector<PortMap> out;
  for (const auto& p : index.partitions()) {
    PortMap m;
    m.server = p.server;
    m.role = p.role;
    m.port = p.port;
    m.local = p.local;
    // Exchange servers deliver on the port, and this role's service is the one that answers there.
    m.exchange_port = is_exchange_port(p.port) && index.role_for_port(p.server, p.port) == p.role;
    const Family family = p.local.family;
    auto [first, last] = family_space(family);
    Uint128 next = first;
    bool covered_to_end = false;
    for (const auto& s : p.stretches) {
      if (s.start > next)
        m.segments.push_back({address_of(next, family), address_of(s.start - Uint128::from_u64(1), family), nullptr,
                              std::nullopt, false});
      m.segments.push_back(
          {address_of(s.start, family), address_of(s.end, family), &org.connectors[s.connector], s.range, false});
      if (s.end >= last) {
        covered_to_end = true;
        break;
      }
      next = s.end + Uint128::from_u64(1);
    }
    if (!covered_to_end)
      m.segments.push_back({address_of(next, family), address_of(last, family), nullptr, std::nullopt, false});

    const ExchangeServer* owner = org.find_server(p.server);
    for (const auto& server : org.servers) {
      // A server's own address on its own map, on a port where it does not deliver to itself, is an application
      // on it relaying through its own address: not a capture (as ECD0101 judges it).
      const bool own_relay =
          owner == &server && m.exchange_port && delivery_of(server, server, p.port) == Delivery::DoesNotDeliver;
      for (const auto& a : server.addresses) {
        if (a.family != family || a.is_unspecified()) continue;
        auto it = std::find_if(m.segments.begin(), m.segments.end(), [&](const MapSegment& seg) {
          return seg.start.value <= a.value && a.value <= seg.end.value;
        });
        if (it == m.segments.end()) continue;
        MapMarker mk{server.name, a, static_cast<std::size_t>(it - m.segments.begin()), false};
        mk.captured = m.exchange_port && !own_relay && it->connector && !authenticates_exchange(*it->connector);
        if (mk.captured) it->captures = true;
        m.markers.push_back(std::move(mk));
      }
    }
    std::sort(m.markers.begin(), m.markers.end(), [](const MapMarker& a, const MapMarker& b) {
      return std::tie(a.address.value, a.server) < std::tie(b.address.value, b.server);
    });
    out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const PortMap& a, const PortMap& b) {
    return std::make_tuple(to_lower(a.server), a.port, static_cast<int>(a.role), static_cast<int>(a.local.family),
                           a.local.value) < std::make_tuple(to_lower(b.server), b.port, static_cast<int>(b.role),
                                                            static_cast<int>(b.local.family), b.local.value);
  });
  return out;
}

}  // namespace ecd
