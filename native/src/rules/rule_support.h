// What the catalogue rules (ECD02xx-ECD10xx) share: the defaults that setup creates per server
// version and role (DOMAIN.md §3.1), interval arithmetic over remote ranges (unions, complements,
// subtracting intervals without per-address work), "wide" and "public" ranges, the server's FQDN,
// and which connectors Exchange servers land on (through the selection index).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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

/// The default connectors `server` must have, and why that set ("EX01 runs Exchange 2019 (Mailbox)").
/// Empty when the set cannot be known (a legacy server, or no default connector of it in the input).
struct ExpectedDefaults {
  std::vector<DefaultSpec> specs;
  std::string basis;
};
ExpectedDefaults expected_defaults(const Organisation& organisation, const ExchangeServer& server);

/// The spec of a present default connector (by its name and its server), if the server's set is known.
std::optional<DefaultSpec> spec_for(const Organisation& organisation, const Connector& connector);

/// "Default Frontend EX01": the name setup gives a default connector on `server`.
std::string default_connector_name(DefaultConnector kind, std::string_view server);

// ---- Ranges and intervals -----------------------------------------------------------------------

/// A closed interval of addresses of one family.
struct Interval {
  Family family;
  Uint128 lower;
  Uint128 upper;
};

/// The first and last address of a family's whole space (0.0.0.0-255.255.255.255 as IPv4-mapped; ::-ffff:...).
Interval whole_family(Family family);
/// Sorted, merged (overlapping and adjacent joined) intervals of one family.
std::vector<Interval> merge_intervals(std::vector<Interval> intervals);
/// The parts of the family's space that `covered` (merged, one family) leaves out.
std::vector<Interval> complement(const std::vector<Interval>& covered, Family family);
/// Exchange notation of an interval ("10.0.0.0/24", "10.0.0.1-10.0.0.30", "10.0.0.5").
std::string format_interval(const Interval& interval);
/// "4,294,967,296" / "2^128" for the whole IPv6 space.
std::string format_count(Uint128 count);
/// Number of addresses in an interval (saturating).
Uint128 interval_size(const Interval& interval);

/// `ranges` with `remove` taken out: untouched ranges keep their expression; cut ones are split into
/// pieces written by append_interval. O((r + i) log i).
std::vector<std::string> subtract_intervals(const std::vector<IpRange>& ranges, std::vector<Interval> remove);

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

/// Where Exchange servers land: for every server with connectors (the target), every Exchange port (25,
/// 717, 2525), every sender and every address it connects from, the connector that selection picks for
/// each local address the sender may connect to. One landing per (target, port, sender, address,
/// connector): a connector that wins for several local addresses is visited once, for the first.
struct Landing {
  const ExchangeServer* target = nullptr;
  const ExchangePort* path = nullptr;  // the port, the role listening on it, and its default connector
  const ExchangeServer* sender = nullptr;
  IpAddress address;                     // the sender's address
  std::optional<IpAddress> local;        // the target's local address of the query; empty: no specific binding
  const Connector* connector = nullptr;  // the winner
  bool delivers = false;                 // the sender really delivers on that port (exchange_paths.h)
};
/// Visits every landing in a stable order (target, port, family, sender, address, local address).
void for_each_exchange_landing(const RuleContext& context, const std::function<void(const Landing&)>& visit);
/// The landings per connector index, in the same order.
std::map<std::size_t, std::vector<Landing>> exchange_landings(const RuleContext& context);

}  // namespace ecd
