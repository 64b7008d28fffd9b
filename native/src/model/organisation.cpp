#include "model/organisation.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ecd {

const ExchangeServer* Organisation::find_server(std::string_view name) const {
  auto it =
      std::find_if(servers.begin(), servers.end(), [&](const ExchangeServer& s) { return iequals(s.name, name); });
  return it == servers.end() ? nullptr : &*it;
}

std::vector<const Connector*> Organisation::connectors_of(std::string_view server) const {
  std::vector<const Connector*> out;
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
