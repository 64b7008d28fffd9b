// What the catalogue rules (ECD02xx-ECD10xx) share: the defaults that setup creates per server
// version and role (DOMAIN.md §3.1), "wide" and "public" ranges, and the server's FQDN. Where Exchange
// servers land is in rules/exchange_paths.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/exchange_paths.h"
#include "rules/rule.h"

namespace ecd {

// ---- Default connectors -------------------------------------------------------------------------

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

/// "Default Frontend EX01": the name setup gives a default connector on `server`.
std::string default_connector_name(DefaultConnector kind, std::string_view server);

// ---- Ranges -------------------------------------------------------------------------------------

/// "4,294,967,296" / "2^128" for the whole IPv6 space.
std::string format_count(Uint128 count);
/// "a, b, c and 7 more": the first `at_most` items, for messages that must stay readable.
std::string first_items(const std::vector<std::string>& items, std::size_t at_most = 10);

/// A range wider than a small trusted subnet: more than 256 IPv4 addresses (wider than a /24) or more
/// than 2^64 IPv6 addresses (wider than a /64).
bool is_wide(const IpRange& range);
/// The range holds an address outside the private blocks: RFC 1918 (10/8, 172.16/12, 192.168/16),
/// loopback (127/8, ::1), link-local (169.254/16, fe80::/10) and IPv6 unique local (fc00::/7).
bool is_public(const IpRange& range);
/// "wide (65,536 addresses)", "public", "wide (...) and public"; empty for a narrow private range.
std::string describe_exposure(const IpRange& range);

/// A remote range that describe_exposure flags, with its words.
struct ExposedRange {
  std::string expression;  ///< as written on the connector
  std::string exposure;    ///< "wide (65,536 addresses)", "public", ...
};
/// The connector's wide or public remote ranges, in the connector's order.
std::vector<ExposedRange> exposed_ranges(const Connector& connector);
/// "10.0.0.0/8 (wide (16,777,216 addresses))" for each, for messages.
std::vector<std::string> exposure_labels(const std::vector<ExposedRange>& exposed);
/// [{"range": ..., "exposure": ...}, ...] for evidence.
nlohmann::ordered_json exposure_evidence(const std::vector<ExposedRange>& exposed);

// ---- Servers ------------------------------------------------------------------------------------

/// The server's FQDN: from the servers list, or else the Fqdn most of its default connectors carry when
/// that begins with "<name>.". Empty when unknown.
std::string server_fqdn(const Organisation& organisation, const ExchangeServer& server);

/// Whether a connector's Fqdn may stand beside ExchangeServer in AuthMechanism: empty, the server's NetBIOS name or
/// its FQDN, as Set-ReceiveConnector demands (DOMAIN.md §1.3); an Edge server does not demand it.
bool fqdn_allowed_with_exchange_server(const Organisation& organisation, const ExchangeServer& server,
                                      std::string_view fqdn);

}  // namespace ecd
