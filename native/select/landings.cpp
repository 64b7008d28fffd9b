#include "select/landings.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace ecd {

std::vector<ExchangePath> exchange_paths(const Organisation& org, const SelectionIndex& selection,
                                         const ExchangeServer& target) {
  std::vector<ExchangePath> out;
  for (std::uint16_t port : kExchangePorts) {
    auto role = selection.role_for_port(target.name, port);
    if (!role) continue;
    ExchangePath path{port, *role, default_connector_on_port(org, target, port, *role), nullptr};
    for (std::size_t i : target.connector_indices)
      if (default_connector_kind(org.connectors[i]) == path.default_kind) path.default_connector = &org.connectors[i];
    out.push_back(path);
  }
  return out;
}

std::vector<IpAddress> exchange_sender_addresses(const Organisation& organisation) {
  std::vector<IpAddress> out;
  for (const auto& s : organisation.servers) out.insert(out.end(), s.addresses.begin(), s.addresses.end());
  std::sort(out.begin(), out.end(), [](const IpAddress& a, const IpAddress& b) {
    return std::tie(a.family, a.value) < std::tie(b.family, b.value);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void for_each_exchange_landing(const Organisation& org, const SelectionIndex& selection,
                               const std::function<void(const Landing&)>& visit) {
  // Who delivers on which port depends only on the two profiles (and whether they are one server): a cache
  // keyed by them spares the judgement for every (target, sender) pair of a large organisation.
  std::unordered_map<std::uint64_t, Delivery> verdicts;
  auto profile_key = [](const ServerProfile& p) {
    return (static_cast<std::uint64_t>(p.possible.bits()) << 3) | static_cast<std::uint64_t>(p.likely);
  };
  std::vector<std::size_t> winners;  // connectors one (sender, address) already landed on, across local addresses
  for (const auto& target : org.servers) {
    if (!target.has_connectors) continue;
    const auto paths = exchange_paths(org, selection, target);
    for (const auto& path : paths) {
      SelectionQuery query{target.name, path.role, path.port, {}, std::nullopt};
      for (Family family : {Family::IPv4, Family::IPv6}) {
        // The local addresses a sender may connect to: the target's own, and those its connectors bind.
        std::vector<std::optional<IpAddress>> locals;
        for (const auto& a : target.addresses)
          if (a.family == family) locals.emplace_back(a);
        for (const auto& a : selection.specific_local_addresses(target.name, path.role, path.port))
          if (a.family == family &&
              std::find(locals.begin(), locals.end(), std::optional<IpAddress>(a)) == locals.end())
            locals.emplace_back(a);
        if (locals.empty()) locals.emplace_back(std::nullopt);
        for (const auto& sender : org.servers) {
          if (sender.addresses.empty()) continue;
          const bool self = &sender == &target;
          std::uint64_t key =
              (profile_key(sender.profile) << 16 | profile_key(target.profile) << 1 | (self ? 1u : 0u)) * 65536u +
              path.port;
          auto [cached, added] = verdicts.try_emplace(key, Delivery::DoesNotDeliver);
          if (added) cached->second = delivery_of(sender, target, path.port);
          const Delivery delivery = cached->second;
          for (const auto& address : sender.addresses) {
            if (address.family != family) continue;
            // A winner is a connector of this target, so (winner, sender, port, address) repeats only across
            // the local addresses of this one query: no organisation-wide set needed.
            winners.clear();
            for (const auto& local : locals) {
              query.remote = address;
              query.local = local;
              Selection s = selection.select_connector(query);
              if (!s.winner) continue;
              if (std::find(winners.begin(), winners.end(), s.winner->index) != winners.end()) continue;
              winners.push_back(s.winner->index);
              visit(Landing{&target, path, &sender, address, local, s.winner, delivery});
            }
          }
        }
      }
    }
  }
}

std::map<std::size_t, std::vector<Landing>> exchange_landings(const Organisation& org,
                                                              const SelectionIndex& selection) {
  std::map<std::size_t, std::vector<Landing>> out;
  for_each_exchange_landing(org, selection, [&](const Landing& l) { out[l.connector->index].push_back(l); });
  return out;
}

}  // namespace ecd
