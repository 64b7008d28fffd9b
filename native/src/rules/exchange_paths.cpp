#include "rules/exchange_paths.h"

#include <fmt/format.h>
#include <algorithm>

namespace ecd {
namespace {

IpAddress loopback(Family family) {
  return family == Family::IPv4 ? *parse_ip_address("127.0.0.1").value : *parse_ip_address("::1").value;
}

bool is_legacy(const ExchangeServer& s) {
  return s.version && (s.version->major == 14 || s.version->major == 8);
}

bool is_2013_mailbox_only(const ExchangeServer& s) {
  return s.version && s.version->major == 15 && s.version->minor == 0 &&
         to_lower(s.server_role).find("clientaccess") == std::string::npos;
}

std::string with_thousands(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

const std::vector<ExchangePort>& exchange_ports() {
  static const std::vector<ExchangePort> ports{
      {25, TransportRole::FrontendTransport, DefaultConnector::DefaultFrontend,
       "port 25, where Edge Transport servers, Exchange 2010/2007 and Exchange 2013 Mailbox-only servers deliver"},
      {717, TransportRole::FrontendTransport, DefaultConnector::OutboundProxyFrontend,
       "port 717, where the Transport service hands outbound mail to the Front End Transport service (outbound proxy)"},
      {2525, TransportRole::HubTransport, DefaultConnector::Default,
       "port 2525, where Exchange 2013 (multi-role), 2016, 2019 and SE servers deliver to each other"},
  };
  return ports;
}

std::string describe_server(const ExchangeServer& server) {
  if (server.kind == ServerKind::Edge)
    return server.version ? fmt::format("{} Edge Transport", server.version->product()) : "Edge Transport";
  if (server.version) return server.version->product();
  return "unknown version";
}

DeliveryPath delivery_path(const ExchangeServer& sender, std::uint16_t port) {
  const std::string who = fmt::format("{} ({})", sender.name, describe_server(sender));
  bool on25 = false, on2525 = false, on717 = false;
  std::string why;
  if (sender.kind == ServerKind::Edge) {
    on25 = true;
    why = fmt::format("{} is an Edge Transport server, which delivers to Mailbox servers on port 25", who);
  } else if (!sender.version) {
    on25 = true;
    why = fmt::format(
        "the version of {} is not known, so it is taken to deliver on port 25 as Edge and legacy servers "
        "do (pipe Get-ExchangeServer into -ExchangeServer to tell)",
        sender.name);
  } else if (is_legacy(sender)) {
    on25 = true;
    why = fmt::format("{} delivers to Exchange 2013 and later servers on port 25", who);
  } else if (is_2013_mailbox_only(sender)) {
    on25 = on717 = true;
    why = fmt::format("{} is a Mailbox-only server, which delivers on port 25", who);
  } else {
    on2525 = on717 = true;
    why = fmt::format("{} delivers to other Exchange servers on port 2525 and to the outbound proxy on port 717", who);
  }
  bool delivers = (port == 25 && on25) || (port == 2525 && on2525) || (port == 717 && on717);
  if (!delivers) why += fmt::format(", not on port {}", port);
  return DeliveryPath{delivers, why};
}

std::vector<IpAddress> sender_addresses(const ExchangeServer& sender, const ExchangeServer& target, Family family) {
  std::vector<IpAddress> out;
  for (const auto& a : sender.addresses)
    if (a.family == family) out.push_back(a);
  if (iequals(sender.name, target.name)) {
    IpAddress lo = loopback(family);
    if (std::find(out.begin(), out.end(), lo) == out.end()) out.push_back(lo);
  }
  return out;
}

std::vector<IpAddress> all_exchange_addresses(const Organisation& organisation) {
  std::vector<IpAddress> out{loopback(Family::IPv4), loopback(Family::IPv6)};
  for (const auto& s : organisation.servers) out.insert(out.end(), s.addresses.begin(), s.addresses.end());
  std::sort(out.begin(), out.end(), [](const IpAddress& a, const IpAddress& b) {
    return std::tie(a.family, a.value) < std::tie(b.family, b.value);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string describe_size(const IpRange& range) {
  if (range.size().is_max()) return "all 2^128 IPv6 addresses";
  std::string n = with_thousands(to_decimal(range.size()));
  return range.size() == Uint128::from_u64(1) ? "1 address" : n + " addresses";
}

}  // namespace ecd
