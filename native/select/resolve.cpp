#include "select/resolve.h"

#include <fmt/format.h>

namespace ecd {
namespace {

/// The servers a query asks about: the one it names, or every server with connectors. Empty when it names one
/// whose connectors were not given (an input issue says so).
std::vector<std::string> servers_of(Organisation& org, const ResolveQuery& q, std::size_t at) {
  std::vector<std::string> servers;
  if (!q.server) {
    for (const auto& s : org.servers)
      if (s.has_connectors) servers.push_back(s.name);
    return servers;
  }
  const ExchangeServer* s = org.find_server(*q.server);
  if (!s || !s->has_connectors) {
    org.issues.push_back(
        InputIssue::at("request", fmt::format("/queries/{}/server", at))
            .about("server", *q.server, fmt::format("no connector of server '{}' was given", *q.server)));
    return servers;
  }
  servers.push_back(s->name);
  return servers;
}

}  // namespace

std::vector<Resolution> resolve_queries(Organisation& org, const SelectionIndex& index,
                                        const std::vector<ResolveQuery>& queries) {
  std::vector<Resolution> out;
  for (std::size_t qi = 0; qi < queries.size(); ++qi) {
    const auto& q = queries[qi];
    for (const auto& server : servers_of(org, q, qi)) {
      auto ports = q.port ? std::vector<std::uint16_t>{*q.port} : index.listening_ports(server);
      for (auto port : ports) {
        Resolution r;
        r.server = server;
        r.port = port;
        r.role = index.role_for_port(server, port);
        r.remote_address = format_ip_address(q.remote_address);
        r.local_address = q.local_address ? format_ip_address(*q.local_address) : "";
        if (r.role)
          r.selection =
              index.select_connector(SelectionQuery{server, *r.role, port, q.remote_address, q.local_address}, true);
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

}  // namespace ecd
