// What a resolve request asks: which connector takes a connection from an address, on a server, a port and a
// local address. select/resolve.h answers it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ip.h"

namespace ecd {

struct ResolveQuery {
  std::optional<std::string> server;  // all servers when empty
  IpAddress remote_address;
  std::string remote_text;
  std::optional<std::uint16_t> port;       // every listening port when empty
  std::optional<IpAddress> local_address;  // the wildcard binding's view when empty
};

}  // namespace ecd
