// Who delivers to whom, on which port (DOMAIN.md §2.2): the Exchange-to-Exchange paths that rules
// check. Shared by every rule that asks "do Exchange servers land on this connector?".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/organisation.h"

namespace ecd {

/// A port on which Exchange servers deliver to each other, and the role whose service listens there.
struct ExchangePort {
  std::uint16_t port;
  TransportRole role;
  DefaultConnector default_connector;  // the connector that should take these connections
  std::string_view purpose;            // "Hub-to-Hub delivery", ...
};
const std::vector<ExchangePort>& exchange_ports();

/// Whether `sender` really delivers to other Exchange servers on `port`, and why (for the message).
struct DeliveryPath {
  bool delivers = false;
  std::string reason;  // "LEGACY01 runs Exchange 2010, which delivers to 2013 and later servers on port 25"
};
DeliveryPath delivery_path(const ExchangeServer& sender, std::uint16_t port);

/// The addresses a sender connects from when delivering to `target`: the sender's known addresses of
/// `family`, and the loopback address when the sender is the target itself.
std::vector<IpAddress> sender_addresses(const ExchangeServer& sender, const ExchangeServer& target, Family family);

/// Every known address of every Exchange server, loopback included (what relay connectors must not hold).
std::vector<IpAddress> all_exchange_addresses(const Organisation& organisation);

/// "Exchange 2019", "Exchange 2010", "Edge Transport", or "unknown version".
std::string describe_server(const ExchangeServer& server);

/// "4,294,967,296 addresses" / "1 address" / "all 2^128 IPv6 addresses".
std::string describe_size(const IpRange& range);

}  // namespace ecd
