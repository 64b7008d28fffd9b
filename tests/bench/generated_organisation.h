// Generated organisations for benchmarks and scale tests: N Exchange 2019 servers (EXnnnn at
// 10.<n/256>.<n%256>.11), each with its five default connectors and one anonymous relay on port 25.
// A relay holds 100 single-address ranges of its own 172.16.0.0/12 block, every tenth one 1,200 (the ~1,200-entry limit
// Exchange itself has, DOMAIN.md §7); every 50th relay also lists the next server's address, which
// ECD0101 reports. The same shapes as build-scripts/bench.sh builds in PowerShell.
#pragma once

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

namespace ecd::bench {

inline std::string server_name(int n) {
  return fmt::format("EX{:04}", n);
}
inline std::string server_address(int n) {
  return fmt::format("10.{}.{}.11", n / 256, n % 256);
}

inline nlohmann::json connector(const std::string& server, const std::string& name, const std::string& role,
                                const nlohmann::json& bindings, const nlohmann::json& ranges, const std::string& auth,
                                const std::string& permissions) {
  return {{"Identity", server + "\\" + name},
          {"Name", name},
          {"Server", server},
          {"TransportRole", role},
          {"Enabled", true},
          {"Bindings", bindings},
          {"RemoteIPRanges", ranges},
          {"AuthMechanism", auth},
          {"PermissionGroups", permissions},
          {"Fqdn", server + ".contoso.com"}};
}

/// Ranges of one relay: `count` single addresses in 172.<a>.<b>.x (distinct per server), plus `extra`.
inline nlohmann::json relay_ranges(int n, int count, const std::string& extra = {}) {
  nlohmann::json ranges = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    ranges.push_back(fmt::format("172.{}.{}.{}", 16 + n / 50, (n % 50) * 5 + i / 250, 1 + i % 250));
  if (!extra.empty()) ranges.push_back(extra);
  return ranges;
}

/// The analyze request for an organisation of `servers` servers (see the file comment).
inline nlohmann::json organisation_request(int servers, int relay_ranges_count = 100, int large_relay_every = 10) {
  const nlohmann::json all = {"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"};
  const std::string full = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";
  nlohmann::json connectors = nlohmann::json::array();
  nlohmann::json names = nlohmann::json::array();
  for (int n = 0; n < servers; ++n) {
    const std::string s = server_name(n);
    names.push_back(fmt::format("{}={}", s, server_address(n)));
    connectors.push_back(connector(s, "Default " + s, "HubTransport", {"0.0.0.0:2525", "[::]:2525"}, all, full,
                                   "ExchangeUsers, ExchangeServers, ExchangeLegacyServers"));
    connectors.push_back(connector(s, "Client Proxy " + s, "HubTransport", {"0.0.0.0:465", "[::]:465"}, all,
                                   "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer",
                                   "ExchangeUsers, ExchangeServers"));
    connectors.push_back(connector(s, "Default Frontend " + s, "FrontendTransport", {"0.0.0.0:25", "[::]:25"}, all,
                                   "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer",
                                   "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"));
    connectors.push_back(connector(s, "Outbound Proxy Frontend " + s, "FrontendTransport", {"0.0.0.0:717", "[::]:717"},
                                   all, "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer",
                                   "ExchangeServers"));
    connectors.push_back(connector(s, "Client Frontend " + s, "FrontendTransport", {"0.0.0.0:587", "[::]:587"}, all,
                                   "Tls, Integrated, BasicAuth, BasicAuthRequireTLS", "ExchangeUsers"));
    const int count = large_relay_every > 0 && n % large_relay_every == 0 ? 1200 : relay_ranges_count;
    const std::string captured = n % 50 == 0 && servers > 1 ? server_address((n + 1) % servers) : std::string();
    connectors.push_back(connector(s, "Relay " + s, "FrontendTransport", {"0.0.0.0:25"},
                                   relay_ranges(n, count - (captured.empty() ? 0 : 1), captured), "Tls",
                                   "AnonymousUsers"));
  }
  return {{"operation", "analyze"}, {"connectors", connectors}, {"servers", names}};
}

}  // namespace ecd::bench
