// Pictures of connector selection: for each server, role, port and local address, which connector
// takes which stretch of remote addresses (SelectionIndex's winner partition), with gaps where no
// connector answers (421 4.3.2) and the Exchange servers' addresses marked. Read by the `map`
// operation and by the HTML report.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/organisation.h"
#include "select/selection.h"

namespace ecd {

struct MapSegment {
  IpAddress start;
  IpAddress end;
  const Connector* connector = nullptr;  // nullptr: no connector takes these addresses (421 4.3.2)
  std::optional<std::size_t> range;      // index into connector->remote_ip_ranges
  bool captures = false;                 // it takes an Exchange server's address and cannot authenticate it
};

struct MapMarker {
  std::string server;  // the Exchange server
  IpAddress address;
  std::size_t segment = 0;  // index into PortMap::segments
  bool captured = false;    // lands on a connector without Exchange Server authentication on an Exchange port
};

struct PortMap {
  std::string server;
  TransportRole role = TransportRole::FrontendTransport;
  std::uint16_t port = 0;
  IpAddress local;                   // 0.0.0.0 / :: for the wildcard binding
  bool exchange_port = false;        // Exchange servers deliver here (model/transport.h)
  std::vector<MapSegment> segments;  // cover the family's whole address space, in order
  std::vector<MapMarker> markers;    // in address order
};

/// Every map of the index, ordered by server, port, role and local address (IPv4 before IPv6).
std::vector<PortMap> port_maps(const Organisation& organisation, const SelectionIndex& index);

/// log2 of the number of addresses in [start, end], as a double (for proportional pictures).
double log2_size(const IpAddress& start, const IpAddress& end);

}  // namespace ecd
