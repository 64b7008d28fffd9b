// Where Exchange servers land: for every receiving server, every port Exchange servers deliver on
// (model/transport.h), every sender and every address it connects from, the connector that selection
// picks. Read by every rule that asks "do Exchange servers land on this connector?".
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/defaults.h"
#include "model/organisation.h"
#include "model/transport.h"
#include "select/selection.h"

namespace ecd {

/// A port of a receiving server on which Exchange servers may deliver, the role whose service listens
/// there, and the default connector that should take them.
struct ExchangePath {
  std::uint16_t port = 0;
  TransportRole role = TransportRole::FrontendTransport;
  DefaultConnector default_kind = DefaultConnector::None;
  const Connector* default_connector = nullptr;  // that connector of the target, when it was given
};

/// The ports of `target` that Exchange servers deliver on and that some enabled connector listens on.
std::vector<ExchangePath> exchange_paths(const Organisation& organisation, const SelectionIndex& selection,
                                         const ExchangeServer& target);

/// The addresses Exchange servers connect from: the ones given for or resolved from every server, never
/// the addresses connectors bind to (where a server listens) and never loopback. Sorted by family and value.
std::vector<IpAddress> exchange_sender_addresses(const Organisation& organisation);

/// One (target, port, sender, address, connector): the connector that selection picks for each local
/// address the sender may connect to; a connector that wins for several local addresses is visited once.
struct Landing {
  const ExchangeServer* target = nullptr;
  ExchangePath path;
  const ExchangeServer* sender = nullptr;
  IpAddress address;                             // the sender's address
  std::optional<IpAddress> local;                // the target's local address of the query; empty: no specific binding
  const Connector* connector = nullptr;          // the winner
  Delivery delivery = Delivery::DoesNotDeliver;  // whether the sender delivers to the target on that port
};
/// Visits every landing in a stable order (target, port, family, sender, address, local address).
void for_each_exchange_landing(const Organisation& organisation, const SelectionIndex& selection,
                               const std::function<void(const Landing&)>& visit);
/// The landings per connector index, in the same order.
std::map<std::size_t, std::vector<Landing>> exchange_landings(const Organisation& organisation,
                                                              const SelectionIndex& selection);

}  // namespace ecd
