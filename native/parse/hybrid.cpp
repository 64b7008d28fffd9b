// The hybrid configuration of a request (Get-HybridConfiguration) and the addresses of load balancers that
// translate the source address (SNAT) of what they forward.
#include <fmt/format.h>

#include <algorithm>

#include "json_input.h"
#include "readers.h"

namespace ecd {
namespace {

/// A server as Get-HybridConfiguration lists it: its name, or the first value of its distinguished name
/// ("CN=EX02,CN=Servers,..." gives "EX02").
std::string server_name_of(std::string_view text) {
  std::string_view t = trim(text);
  if (t.size() > 3 && iequals(t.substr(0, 3), "CN=")) {
    t = t.substr(3);
    t = t.substr(0, t.find(','));
  }
  return std::string(trim(t));
}

void add_servers(const json& object, std::string_view key, std::vector<std::string>& out) {
  for (const auto& text : string_list(object, key)) {
    std::string name = server_name_of(text);
    if (name.empty()) continue;
    if (std::none_of(out.begin(), out.end(), [&](const std::string& n) { return iequals(n, name); }))
      out.push_back(std::move(name));
  }
}

}  // namespace

void read_hybrid_configuration(const json& root, Organisation& org) {
  const json* h = member(root, "hybridConfiguration");
  if (!h || h->is_null()) return;
  if (h->is_array() && h->size() == 1) h = &(*h)[0];
  if (!h->is_object()) {
    org.issues.push_back(InputIssue::at("request", "/hybridConfiguration")
                             .about("HybridConfiguration", utf8_prefix(h->dump(), 200),
                                    "the hybrid configuration must be one Get-HybridConfiguration object"));
    return;
  }
  HybridConfiguration hybrid;
  if (std::string name(trim(string_of(*h, "TlsCertificateName"))); !name.empty()) hybrid.tls_certificate_name = name;
  add_servers(*h, "SendingTransportServers", hybrid.transport_servers);
  add_servers(*h, "ReceivingTransportServers", hybrid.transport_servers);
  add_servers(*h, "EdgeTransportServers", hybrid.edge_transport_servers);
  org.hybrid = std::move(hybrid);
}

void read_load_balancers(const json& root, Organisation& org) {
  const json* list = member(root, "loadBalancers");
  if (!list || list->is_null()) return;
  org.load_balancers_given = true;
  for (const auto& [text, at] : items_of(*list, Location{"request", "/loadBalancers"})) {
    auto parsed = parse_ip_address(trim(text));
    if (!parsed) {
      org.issues.push_back(
          at.issue().about("LoadBalancer", text, fmt::format("{} (the address of a load balancer)", parsed.error)));
      continue;
    }
    if (std::find(org.load_balancers.begin(), org.load_balancers.end(), *parsed.value) == org.load_balancers.end())
      org.load_balancers.push_back(*parsed.value);
  }
}

}  // namespace ecd
