// The default receive connectors that Exchange setup creates (DOMAIN.md §3.1): their names, what each is per
// server version and role (role, port, IPv6 binding, AuthMechanism, PermissionGroups), which one takes Exchange
// servers on a port, and the FQDN a server's connectors may carry beside Exchange Server authentication.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/organisation.h"

namespace ecd {

/// The default connectors that setup creates, by their names ("Default Frontend EX01" on EX01).
enum class DefaultConnector {
  None,
  DefaultFrontend,
  Default,
  OutboundProxyFrontend,
  ClientFrontend,
  ClientProxy,
  EdgeInternal
};
DefaultConnector default_connector_kind(const Connector& connector);
/// The default connectors that Exchange servers deliver to (Default Frontend, Default, Outbound Proxy Frontend,
/// Edge's default), as opposed to the client ones (DOMAIN.md §2.2, §3.1).
bool exchange_servers_deliver_to(DefaultConnector kind);
std::string_view default_connector_label(DefaultConnector kind);  // "Default Frontend"
/// "Default Frontend EX01": the name setup gives a default connector on `server`.
std::string default_connector_name(DefaultConnector kind, std::string_view server);

/// The default connector that takes Exchange servers on `port` of `target` when `role` listens there: Outbound
/// Proxy Frontend on 717, Default on 2525, Default Frontend on 25 in Front End Transport, and on 25 in the
/// Transport service Edge's own default or "Default <server>" (a 2013 Mailbox-only or 2010/2007 Hub server).
DefaultConnector default_connector_on_port(const Organisation& organisation, const ExchangeServer& target,
                                           std::uint16_t port, TransportRole role);

/// What setup creates for one default connector on a server of a given version and role.
struct DefaultSpec {
  DefaultConnector kind;
  TransportRole role;
  std::uint16_t port;
  bool ipv6;                  // setup binds [::]:port too (not on Edge)
  std::uint32_t auth;         // AuthMechanism as setup creates it
  std::uint32_t permissions;  // PermissionGroups as setup creates it
};

/// The default connectors `server` must have, and why that set (its profile's basis). Empty when the set
/// cannot be known: its version and role are not known, it is a 2010/2007 server (other defaults), or no
/// default connector of it was given (only some custom connectors: nothing to compare).
struct ExpectedDefaults {
  std::vector<DefaultSpec> specs;
  std::string basis;
};
ExpectedDefaults expected_defaults(const Organisation& organisation, const ExchangeServer& server);

/// The spec of a present default connector (by its name and its server), if the server's set is known.
std::optional<DefaultSpec> spec_for(const Organisation& organisation, const Connector& connector);

/// The server's FQDN: from the servers list, or else the Fqdn most of its default connectors carry when
/// that begins with "<name>.". Empty when unknown.
std::string server_fqdn(const Organisation& organisation, const ExchangeServer& server);

/// Whether a connector's Fqdn may stand beside ExchangeServer in AuthMechanism: empty, the server's NetBIOS name or
/// its FQDN, as Set-ReceiveConnector demands (DOMAIN.md §1.3); an Edge server does not demand it.
bool fqdn_allowed_with_exchange_server(const Organisation& organisation, const ExchangeServer& server,
                                       std::string_view fqdn);

/// New-ReceiveConnector's usage types (-Client, -Custom, -Internal, -Internet, -Partner; None when no usage
/// switch is given) and what each gives a new connector when -AuthMechanism and -PermissionGroups are not
/// given (DOMAIN.md §4.2: the S-RC usage table, P-NEW switches, NewReceiveConnector.SetPermissionGroups /
/// SetAuthMechanism). Defaults DOMAIN.md does not state (the -Internet / -Partner port, Bindings and
/// RemoteIPRanges of a usage type) are not modelled: New-ReceiveConnector needs -Bindings and -RemoteIPRanges.
enum class ConnectorUsage { None, Client, Custom, Internal, Internet, Partner };
std::optional<ConnectorUsage> parse_connector_usage(std::string_view text);
struct NewConnectorDefaults {
  std::uint32_t auth = 0;
  std::uint32_t permissions = 0;
  bool domain_secure = false;  ///< -Partner sets DomainSecureEnabled
};
NewConnectorDefaults new_connector_defaults(ConnectorUsage usage, bool edge);
/// -TransportRole when not given: HubTransport when the server has the Hub (or Edge) role, which a 2016, 2019
/// or SE Mailbox server has; FrontendTransport only on a server without it (DOMAIN.md §2.1).
TransportRole new_connector_role(const ExchangeServer* server);

}  // namespace ecd
