// Which transport services an Exchange server runs, and on which port one Exchange server delivers to
// another (DOMAIN.md §2.2, §2.3, §5.3 item 2; DOMAIN-SUPPLEMENT.md §D). The port is chosen by the target:
// 2525 to a server that runs Front End Transport and Transport together, 25 to an Edge server, a 2013
// Mailbox-only server and a 2010/2007 Hub server, 717 for the outbound proxy. Each fact is written here once;
// rules, the report and the maps read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/values.h"

namespace ecd {

struct Organisation;
struct ExchangeServer;

/// What transport services a server runs, as far as receiving and sending SMTP between servers goes.
enum class TransportKind : std::uint8_t {
  Colocated,         ///< Front End Transport and Transport together: 2013 multi-role, 2016, 2019, SE Mailbox
  Mailbox2013,       ///< Exchange 2013 Mailbox-only: Transport, "Default <srv>" on port 25
  ClientAccess2013,  ///< Exchange 2013 Client Access-only: Front End Transport only
  Edge,              ///< Edge Transport, Exchange 2013 or later
  LegacyEdge,        ///< Edge Transport, Exchange 2010 or 2007
  LegacyHub,         ///< Exchange 2010 or 2007 Hub Transport
};
inline constexpr std::size_t kTransportKinds = 6;

/// A set of kinds: what a server may be, given what the request says about it.
class KindSet {
 public:
  constexpr KindSet() = default;
  static constexpr KindSet all() { return KindSet((1u << kTransportKinds) - 1); }
  static constexpr KindSet of(std::initializer_list<TransportKind> kinds) {
    unsigned bits = 0;
    for (auto k : kinds) bits |= 1u << static_cast<unsigned>(k);
    return KindSet(bits);
  }
  constexpr bool has(TransportKind k) const { return (bits_ & (1u << static_cast<unsigned>(k))) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr unsigned bits() const { return bits_; }
  constexpr bool single() const { return bits_ != 0 && (bits_ & (bits_ - 1)) == 0; }
  constexpr KindSet operator&(KindSet o) const { return KindSet(bits_ & o.bits_); }
  friend constexpr bool operator==(KindSet, KindSet) = default;
  std::vector<TransportKind> kinds() const;

 private:
  constexpr explicit KindSet(unsigned bits) : bits_(bits) {}
  unsigned bits_ = 0;
};

/// What is known of a server's kind, and why.
struct ServerProfile {
  KindSet possible = KindSet::all();                ///< what it may be
  TransportKind likely = TransportKind::Colocated;  ///< the most likely of them
  std::string basis;                                ///< "EX01 runs Exchange 2016 (Mailbox), as -ExchangeServer says"

  bool known() const { return possible.single(); }
  /// Every kind it may be is an Edge Transport server.
  bool is_edge() const {
    return !possible.empty() && (possible & KindSet::of({TransportKind::Edge, TransportKind::LegacyEdge})) == possible;
  }
};

/// "an Exchange 2016-or-later Mailbox server (or a 2013 multi-role server)", "an Edge Transport server", ...
std::string_view describe_kind(TransportKind kind);
/// "Exchange 2019", "Exchange 2010 Hub Transport", "Exchange 2013 Mailbox-only", "version not known".
std::string describe_server(const ExchangeServer& server);

/// Fills in every server's profile from what the request says of it (Version, ServerRole, Role,
/// IsEdgeServer) and from its own connectors: "Default internal receive connector X" is an Edge server;
/// connectors without a TransportRole property come from an Exchange 2010/2007 shell; Front End Transport
/// and Transport connectors together mean both services run on the server; "Default X" on port 2525
/// only happens where they do. What -ExchangeServer says wins over what the connectors suggest.
void infer_profiles(Organisation& organisation);

/// The role whose service owns `port` on a server that runs both services (DOMAIN.md §1.3 rule 2, §2.2): Transport
/// (HubTransport) owns 2525 and 465, Front End Transport 25, 587 and 717; nullopt for any other port.
std::optional<TransportRole> owning_role(std::uint16_t port);

/// The ports Exchange servers deliver to each other on (DOMAIN.md §2.2); client ports (587, 465) are not.
bool is_exchange_port(std::uint16_t port);
inline constexpr std::uint16_t kExchangePorts[] = {25, 717, 2525};

/// Whether the sender delivers to the target on a port, as far as the request tells.
enum class Delivery {
  Delivers,        ///< every kind the two may be delivers there, on a documented path
  LikelyDelivers,  ///< the most likely kinds deliver there; less likely ones do not (a kind is not known)
  Undocumented,    ///< it may deliver there, but which port this path uses is not documented
  MayDeliver,      ///< only kinds other than the most likely would deliver there
  DoesNotDeliver,  ///< no kind the two may be delivers there
};

/// Delivers or LikelyDelivers: judged as delivering there.
inline bool delivers(Delivery d) {
  return d == Delivery::Delivers || d == Delivery::LikelyDelivers;
}

struct DeliveryPath {
  Delivery delivery = Delivery::DoesNotDeliver;
  std::string reason;  ///< in words, for messages: "EX01 (Exchange 2016) delivers to LEGACY01 ... on port 25"
  bool delivers() const { return ecd::delivers(delivery); }
};

/// The verdict alone, without words: cheap enough for every (sender, target, port) of an organisation.
Delivery delivery_of(const ExchangeServer& sender, const ExchangeServer& target, std::uint16_t port);

/// How `sender` delivers to `target` on `port` (the sender may be the target itself: a server that runs
/// both services hands inbound mail from its Front End Transport to its own Transport on 2525).
DeliveryPath delivery_path(const ExchangeServer& sender, const ExchangeServer& target, std::uint16_t port);

}  // namespace ecd
