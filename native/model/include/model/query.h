// What a request asks besides the configuration: which connector takes a connection from an address (resolve;
// select/resolve.h answers it), and what SMTP errors mean (smtp; diagnose/smtp_cause.h answers it).
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

/// One text of the smtp operation: a queue's LastError, an event's message, an NDR.
struct SmtpText {
  std::string text;
  std::string source;        // where it came from (a queue identity, an event), echoed back
  std::string next_hop;      // the next hop the caller knows (NextHopDomain), may be empty
  std::string queue_server;  // the server holding the queue when `source` is a queue identity ("EX01\3")
};

}  // namespace ecd
