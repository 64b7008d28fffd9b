// Connector selection exactly as Exchange's transport does it (DOMAIN.md §1.2, §1.4): which enabled
// connector of the role that owns the port takes a connection from a remote address to a local
// address:port. The one implementation: rules and Resolve-ReceiveConnector both call select_connector.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/organisation.h"

namespace ecd {

struct SelectionQuery {
  std::string server;
  TransportRole role = TransportRole::FrontendTransport;
  std::uint16_t port = 25;
  IpAddress remote;
  std::optional<IpAddress> local;  // empty: a local address that no specific binding names
};

/// Why a connector did not take the connection.
enum class LossReason {
  None,              // it won
  Disabled,          // Enabled is False: not in the map at all
  OtherRole,         // its TransportRole is not the role that owns the port
  NotSelectable,     // bindings, ranges or role missing or invalid in the input
  NotListening,      // no binding on this port for this local address (or family)
  NoRangeOfFamily,   // none of its RemoteIPRanges is of the remote address's family
  NoRangeMatches,    // none of its ranges of that family holds the remote address
  LargerRange,       // its matching range is larger than the winner's
  TieLostToEarlier,  // same size as the winner's, but the winner comes first in Exchange's order
  WildcardLost,      // wildcard binding; a binding on the exact local address has an equal or smaller range
};
std::string_view loss_reason_text(LossReason reason);

struct Candidate {
  const Connector* connector = nullptr;
  std::optional<std::size_t> matched_range;  // index into connector->remote_ip_ranges
  std::optional<IpBinding> binding;          // the binding that took part
  LossReason reason = LossReason::None;
};

struct Selection {
  const Connector* winner = nullptr;         // nullptr: no connector, "421 4.3.2 Service not available"
  std::optional<std::size_t> matched_range;  // index into winner->remote_ip_ranges
  std::optional<IpBinding> binding;          // the winner's binding that matched
  std::vector<Candidate> candidates;         // every connector of the server, when asked for
  const IpRange& range() const { return winner->remote_ip_ranges[*matched_range]; }
};

/// The connector maps of every server, built once per request. A query costs O(log n) in the number
/// of ranges on that server's port; explaining the losers costs one pass over the server's connectors.
class SelectionIndex {
 public:
  explicit SelectionIndex(const Organisation& organisation);

  Selection select_connector(const SelectionQuery& query, bool with_candidates = false) const;

  /// The role whose process listens on `port` of `server` (FrontendTransport owns 25/587/717 and
  /// HubTransport 2525/465 when both roles bind a port); nullopt when no enabled connector listens there.
  std::optional<TransportRole> role_for_port(std::string_view server, std::uint16_t port) const;
  /// Ports that enabled connectors of `server` listen on, ascending.
  std::vector<std::uint16_t> listening_ports(std::string_view server) const;
  /// Specific (non-wildcard) local addresses bound by enabled connectors of `server` on `port` and `role`.
  std::vector<IpAddress> specific_local_addresses(std::string_view server, TransportRole role,
                                                  std::uint16_t port) const;

  /// One key of the map (server, role, port, local address) and its winner partition: for each stretch
  /// of remote addresses, the connector and range that take it. For pictures (the report, `map`).
  struct Stretch {
    Uint128 start;          // first remote address of the stretch
    Uint128 end;            // last (inclusive)
    std::size_t connector;  // index into organisation.connectors
    std::size_t range;      // index into that connector's remote_ip_ranges
  };
  struct Partition {
    std::string server;  // the server's name as the request writes it
    TransportRole role;
    std::uint16_t port;
    IpAddress local;  // 0.0.0.0 / :: for the wildcard binding
    std::vector<Stretch> stretches;
  };
  /// Every key with at least one range, ordered by server, role, port and local address.
  std::vector<Partition> partitions() const;

 private:
  struct Segment {
    Uint128 start;          // first address of the segment
    Uint128 end;            // last address (inclusive)
    std::size_t connector;  // index into organisation.connectors
    std::size_t range;      // index into that connector's remote_ip_ranges
  };
  struct Map {                      // one key of Exchange's map: (local address or wildcard, port) for one role
    std::vector<Segment> segments;  // disjoint, sorted; the winner for each stretch of remote addresses
  };
  struct Key {
    std::string server;  // lower case
    TransportRole role;
    std::uint16_t port;
    IpAddress local;  // 0.0.0.0 / :: for the wildcard
    friend auto operator<=>(const Key& a, const Key& b) {
      if (auto c = a.server <=> b.server; c != 0) return c;
      if (auto c = static_cast<int>(a.role) <=> static_cast<int>(b.role); c != 0) return c;
      if (auto c = a.port <=> b.port; c != 0) return c;
      if (auto c = static_cast<int>(a.local.family) <=> static_cast<int>(b.local.family); c != 0) return c;
      return a.local.value <=> b.local.value;
    }
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Hit {
    std::size_t connector;
    std::size_t range;
    Uint128 size;
  };

  std::optional<Hit> lookup(const Key& key, const IpAddress& remote) const;
  std::optional<Hit> lookup(const Map& map, const IpAddress& remote) const;

  /// One (role, port, local address) that a server listens on, and its map when it has ranges.
  struct ServerKey {
    TransportRole role;
    std::uint16_t port;
    IpAddress local;
    const Map* map;  // into maps_; nullptr when no range of the local address's family is registered
  };
  struct CaseInsensitiveHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const;
  };
  struct CaseInsensitiveEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return iequals(a, b); }
  };
  /// The keys of one server (a dozen or so): every per-server question starts with one hash lookup here
  /// instead of a pass over every key of the organisation.
  const std::vector<ServerKey>* keys_of(std::string_view server) const;
  const Map* map_for(const std::vector<ServerKey>& keys, TransportRole role, std::uint16_t port,
                     const IpAddress& local) const;

  const Organisation& organisation_;
  std::map<Key, Map> maps_;  // keys with at least one range of their family
  std::set<Key> listeners_;  // every (server, role, port, local address) that an enabled connector binds
  std::unordered_map<std::string, std::vector<ServerKey>, CaseInsensitiveHash, CaseInsensitiveEqual> by_server_;
};

/// Wildcard address of a family: 0.0.0.0 or ::.
IpAddress wildcard_address(Family family);

}  // namespace ecd
