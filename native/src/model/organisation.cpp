#include "model/organisation.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ecd {

namespace {

/// to_lower(a) < to_lower(b) without building either: the order the reader sorts servers in.
bool less_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return lower(x) < lower(y); });
}

}  // namespace

const ExchangeServer* Organisation::find_server(std::string_view name) const {
  // The reader sorts servers by name: a binary search, then a plain pass for a model built otherwise.
  auto at = std::lower_bound(servers.begin(), servers.end(), name,
                             [](const ExchangeServer& s, std::string_view n) { return less_ignoring_case(s.name, n); });
  if (at != servers.end() && iequals(at->name, name)) return &*at;
  auto it =
      std::find_if(servers.begin(), servers.end(), [&](const ExchangeServer& s) { return iequals(s.name, name); });
  return it == servers.end() ? nullptr : &*it;
}

std::vector<const Connector*> Organisation::connectors_of(std::string_view server) const {
  std::vector<const Connector*> out;
  if (const ExchangeServer* s = find_server(server); s && !s->connector_indices.empty()) {
    for (std::size_t i : s->connector_indices)  // the reader's list: no pass over every connector
      if (i < connectors.size() && iequals(connectors[i].server, server)) out.push_back(&connectors[i]);
    return out;
  }
  for (const auto& c : connectors)
    if (iequals(c.server, server)) out.push_back(&c);
  return out;
}

DefaultConnector default_connector_kind(const Connector& connector) {
  static constexpr std::array<std::pair<std::string_view, DefaultConnector>, 6> kPrefixes{{
      {"Default Frontend ", DefaultConnector::DefaultFrontend},
      {"Outbound Proxy Frontend ", DefaultConnector::OutboundProxyFrontend},
      {"Client Frontend ", DefaultConnector::ClientFrontend},
      {"Client Proxy ", DefaultConnector::ClientProxy},
      {"Default internal receive connector ", DefaultConnector::EdgeInternal},
      {"Default ", DefaultConnector::Default},
  }};
  for (const auto& [prefix, kind] : kPrefixes) {
    if (connector.name.size() == prefix.size() + connector.server.size() &&
        iequals(std::string_view(connector.name).substr(0, prefix.size()), prefix) &&
        iequals(std::string_view(connector.name).substr(prefix.size()), connector.server))
      return kind;
  }
  return DefaultConnector::None;
}

bool exchange_servers_deliver_to(DefaultConnector kind) {
  return kind == DefaultConnector::DefaultFrontend || kind == DefaultConnector::Default ||
         kind == DefaultConnector::OutboundProxyFrontend || kind == DefaultConnector::EdgeInternal;
}

std::string_view default_connector_label(DefaultConnector kind) {
  switch (kind) {
    case DefaultConnector::DefaultFrontend: return "Default Frontend";
    case DefaultConnector::Default: return "Default";
    case DefaultConnector::OutboundProxyFrontend: return "Outbound Proxy Frontend";
    case DefaultConnector::ClientFrontend: return "Client Frontend";
    case DefaultConnector::ClientProxy: return "Client Proxy";
    case DefaultConnector::EdgeInternal: return "Default internal receive connector";
    case DefaultConnector::None: break;
  }
  return "";
}

}  // namespace ecd
