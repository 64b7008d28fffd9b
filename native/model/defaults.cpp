#include "model/defaults.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <utility>

namespace ecd {
namespace {

constexpr std::uint32_t kAllAuth =
    kAuthTls | kAuthIntegrated | kAuthBasicAuth | kAuthBasicAuthRequireTls | kAuthExchangeServer;
constexpr std::uint32_t kClientAuth = kAuthTls | kAuthIntegrated | kAuthBasicAuth | kAuthBasicAuthRequireTls;

DefaultSpec mailbox_spec(DefaultConnector kind, bool mailbox_only_2013) {
  switch (kind) {
    case DefaultConnector::DefaultFrontend:
      return {kind,     TransportRole::FrontendTransport,
              25,       true,
              kAllAuth, kPermAnonymousUsers | kPermExchangeServers | kPermExchangeLegacyServers};
    case DefaultConnector::OutboundProxyFrontend:
      return {kind, TransportRole::FrontendTransport, 717, true, kAllAuth, kPermExchangeServers};
    case DefaultConnector::ClientFrontend:
      return {kind, TransportRole::FrontendTransport, 587, true, kClientAuth, kPermExchangeUsers};
    case DefaultConnector::Default:
      return {kind,
              TransportRole::HubTransport,
              static_cast<std::uint16_t>(mailbox_only_2013 ? 25 : 2525),
              true,
              kAllAuth,
              kPermExchangeUsers | kPermExchangeServers | kPermExchangeLegacyServers};
    case DefaultConnector::ClientProxy:
      return {kind, TransportRole::HubTransport, 465, true, kAllAuth, kPermExchangeUsers | kPermExchangeServers};
    case DefaultConnector::EdgeInternal:
    case DefaultConnector::None: break;
  }
  return {DefaultConnector::EdgeInternal,
          TransportRole::HubTransport,
          25,
          false,
          kAuthTls | kAuthExchangeServer,
          kPermAnonymousUsers | kPermExchangeServers | kPermPartners};
}

std::vector<DefaultConnector> present_defaults(const Organisation& org, const ExchangeServer& server) {
  std::vector<DefaultConnector> out;
  for (const Connector* c : org.connectors_of(server.name))
    if (auto k = default_connector_kind(*c); k != DefaultConnector::None) out.push_back(k);
  return out;
}

}  // namespace

DefaultConnector default_connector_kind(const Connector& connector) {
  // "Default " is a prefix of the others' names: it is tried last.
  using DC = DefaultConnector;
  for (DC kind : {DC::DefaultFrontend, DC::OutboundProxyFrontend, DC::ClientFrontend, DC::ClientProxy, DC::EdgeInternal,
                  DC::Default}) {
    const std::string_view label = default_connector_label(kind);
    const std::string_view name = connector.name;
    if (name.size() == label.size() + 1 + connector.server.size() && iequals(name.substr(0, label.size()), label) &&
        name[label.size()] == ' ' && iequals(name.substr(label.size() + 1), connector.server))
      return kind;
  }
  return DC::None;
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

ExpectedDefaults expected_defaults(const Organisation& org, const ExchangeServer& server) {
  ExpectedDefaults out;
  if (present_defaults(org, server).empty()) return out;  // only some custom connectors were given: nothing to compare
  const ServerProfile& profile = server.profile;
  if (!profile.known()) return out;  // which defaults setup made depends on the version and role
  using DC = DefaultConnector;
  switch (profile.likely) {
    case TransportKind::Colocated:
      for (DC k : {DC::DefaultFrontend, DC::Default, DC::OutboundProxyFrontend, DC::ClientFrontend, DC::ClientProxy})
        out.specs.push_back(mailbox_spec(k, false));
      break;
    case TransportKind::Mailbox2013:
      out.specs.push_back(mailbox_spec(DC::Default, true));
      out.specs.push_back(mailbox_spec(DC::ClientProxy, true));
      break;
    case TransportKind::ClientAccess2013:
      for (DC k : {DC::DefaultFrontend, DC::OutboundProxyFrontend, DC::ClientFrontend})
        out.specs.push_back(mailbox_spec(k, false));
      break;
    case TransportKind::Edge: out.specs.push_back(mailbox_spec(DC::EdgeInternal, false)); break;
    case TransportKind::LegacyEdge:
    case TransportKind::LegacyHub: return out;  // Exchange 2010/2007 create other defaults
  }
  out.basis = profile.basis;
  return out;
}

std::optional<DefaultSpec> spec_for(const Organisation& org, const Connector& connector) {
  DefaultConnector kind = default_connector_kind(connector);
  if (kind == DefaultConnector::None) return std::nullopt;
  const ExchangeServer* server = org.find_server(connector.server);
  if (!server) return std::nullopt;
  for (const auto& s : expected_defaults(org, *server).specs)
    if (s.kind == kind) return s;
  return std::nullopt;
}

std::string default_connector_name(DefaultConnector kind, std::string_view server) {
  return fmt::format("{} {}", default_connector_label(kind), server);
}

DefaultConnector default_connector_on_port(const Organisation& org, const ExchangeServer& target, std::uint16_t port,
                                           TransportRole role) {
  if (port == 717) return DefaultConnector::OutboundProxyFrontend;
  if (port == 2525) return DefaultConnector::Default;
  if (role == TransportRole::FrontendTransport) return DefaultConnector::DefaultFrontend;
  // Port 25 in the Transport service: Edge's own default, or "Default <srv>" of a 2013 Mailbox-only or
  // 2010/2007 Hub server.
  for (std::size_t i : target.connector_indices)
    if (default_connector_kind(org.connectors[i]) == DefaultConnector::EdgeInternal)
      return DefaultConnector::EdgeInternal;
  return target.profile.is_edge() ? DefaultConnector::EdgeInternal : DefaultConnector::Default;
}

std::string server_fqdn(const Organisation& org, const ExchangeServer& server) {
  if (!server.fqdn.empty()) return server.fqdn;
  std::map<std::string, int> votes;
  std::string prefix = to_lower(server.name) + ".";
  for (const Connector* c : org.connectors_of(server.name)) {
    if (default_connector_kind(*c) == DefaultConnector::None) continue;
    std::string f = to_lower(c->fqdn);
    if (f.size() > prefix.size() && f.compare(0, prefix.size(), prefix) == 0) ++votes[c->fqdn];
  }
  std::string best;
  int most = 0;
  for (const auto& [fqdn, n] : votes)
    if (n > most) {
      best = fqdn;
      most = n;
    }
  return best;
}

bool fqdn_allowed_with_exchange_server(const Organisation& org, const ExchangeServer& server, std::string_view fqdn) {
  if (fqdn.empty() || server.profile.is_edge() || iequals(fqdn, server.name)) return true;
  const std::string own = server_fqdn(org, server);
  return !own.empty() && iequals(fqdn, own);
}

}  // namespace ecd

namespace ecd {

std::optional<ConnectorUsage> parse_connector_usage(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, ConnectorUsage>, 6> kNames{
      {{"", ConnectorUsage::None},
       {"Client", ConnectorUsage::Client},
       {"Custom", ConnectorUsage::Custom},
       {"Internal", ConnectorUsage::Internal},
       {"Internet", ConnectorUsage::Internet},
       {"Partner", ConnectorUsage::Partner}}};
  for (const auto& [name, usage] : kNames)
    if (iequals(trim(text), name)) return usage;
  return std::nullopt;
}

NewConnectorDefaults new_connector_defaults(ConnectorUsage usage, bool edge) {
  switch (usage) {
    case ConnectorUsage::Client:
      return {kAuthTls | kAuthBasicAuth | kAuthBasicAuthRequireTls | kAuthIntegrated, kPermExchangeUsers, false};
    case ConnectorUsage::Custom: return {kAuthTls, kPermNone, false};
    case ConnectorUsage::Internal:
      return {kAuthTls | kAuthExchangeServer, kPermExchangeServers | kPermExchangeLegacyServers, false};
    case ConnectorUsage::Internet: return {kAuthTls, kPermAnonymousUsers, false};
    case ConnectorUsage::Partner: return {kAuthTls, kPermPartners, true};
    case ConnectorUsage::None: break;
  }
  if (edge) return {kAuthTls | kAuthExchangeServer, kPermAnonymousUsers | kPermExchangeServers | kPermPartners, false};
  return {kAuthTls | kAuthIntegrated | kAuthBasicAuth | kAuthBasicAuthRequireTls | kAuthExchangeServer,
          kPermExchangeUsers | kPermExchangeServers | kPermExchangeLegacyServers, false};
}

TransportRole new_connector_role(const ExchangeServer* server) {
  // Only a server known to run Front End Transport without the Transport service (a 2013 Client Access
  // server) gets FrontendTransport; every other kind has the Hub or Edge role.
  if (server && server->profile.known() && server->profile.likely == TransportKind::ClientAccess2013)
    return TransportRole::FrontendTransport;
  return TransportRole::HubTransport;
}

}  // namespace ecd
