#include "rules/rule_support.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "rules/exchange_paths.h"

namespace ecd {
namespace {

constexpr std::uint32_t kAllAuth =
    kAuthTls | kAuthIntegrated | kAuthBasicAuth | kAuthBasicAuthRequireTls | kAuthExchangeServer;
constexpr std::uint32_t kClientAuth = kAuthTls | kAuthIntegrated | kAuthBasicAuth | kAuthBasicAuthRequireTls;

const Uint128 kOne = Uint128::from_u64(1);

DefaultSpec mailbox_spec(DefaultConnector kind, bool mailbox_only_2013) {
  switch (kind) {
    case DefaultConnector::DefaultFrontend:
      return {kind,     TransportRole::FrontendTransport,
              25,       true,
              kAllAuth, kPermAnonymousUsers | kPermExchangeServers | kPermExchangeLegacyServers};
    case DefaultConnector::OutboundProxyFrontend:
      return {kind, TransportRole::FrontendTransport, 717, true, kAllAuth, kPermExchangeServers};
    case DefaultConnector::ClientFrontend:
      return {kind, TransportRole::FrontendTransport, 587, true, kClientAuth, kPermExchangeUsers};
    case DefaultConnector::Default:
      return {kind,
              TransportRole::HubTransport,
              static_cast<std::uint16_t>(mailbox_only_2013 ? 25 : 2525),
              true,
              kAllAuth,
              kPermExchangeUsers | kPermExchangeServers | kPermExchangeLegacyServers};
    case DefaultConnector::ClientProxy:
      return {kind, TransportRole::HubTransport, 465, true, kAllAuth, kPermExchangeUsers | kPermExchangeServers};
    case DefaultConnector::EdgeInternal:
    case DefaultConnector::None: break;
  }
  return {DefaultConnector::EdgeInternal,
          TransportRole::HubTransport,
          25,
          false,
          kAuthTls | kAuthExchangeServer,
          kPermAnonymousUsers | kPermExchangeServers | kPermPartners};
}

std::vector<DefaultConnector> present_defaults(const Organisation& org, const ExchangeServer& server) {
  std::vector<DefaultConnector> out;
  for (const Connector* c : org.connectors_of(server.name))
    if (auto k = default_connector_kind(*c); k != DefaultConnector::None) out.push_back(k);
  return out;
}

}  // namespace

ExpectedDefaults expected_defaults(const Organisation& org, const ExchangeServer& server) {
  ExpectedDefaults out;
  if (present_defaults(org, server).empty()) return out;  // only some custom connectors were given: nothing to compare
  const ServerProfile& profile = server.profile;
  if (!profile.known()) return out;  // which defaults setup made depends on the version and role
  using DC = DefaultConnector;
  switch (profile.likely) {
    case TransportKind::Colocated:
      for (DC k : {DC::DefaultFrontend, DC::Default, DC::OutboundProxyFrontend, DC::ClientFrontend, DC::ClientProxy})
        out.specs.push_back(mailbox_spec(k, false));
      break;
    case TransportKind::Mailbox2013:
      out.specs.push_back(mailbox_spec(DC::Default, true));
      out.specs.push_back(mailbox_spec(DC::ClientProxy, true));
      break;
    case TransportKind::ClientAccess2013:
      for (DC k : {DC::DefaultFrontend, DC::OutboundProxyFrontend, DC::ClientFrontend})
        out.specs.push_back(mailbox_spec(k, false));
      break;
    case TransportKind::Edge: out.specs.push_back(mailbox_spec(DC::EdgeInternal, false)); break;
    case TransportKind::LegacyEdge:
    case TransportKind::LegacyHub: return out;  // Exchange 2010/2007 create other defaults
  }
  out.basis = profile.basis;
  return out;
}

std::optional<DefaultSpec> spec_for(const Organisation& org, const Connector& connector) {
  DefaultConnector kind = default_connector_kind(connector);
  if (kind == DefaultConnector::None) return std::nullopt;
  const ExchangeServer* server = org.find_server(connector.server);
  if (!server) return std::nullopt;
  for (const auto& s : expected_defaults(org, *server).specs)
    if (s.kind == kind) return s;
  return std::nullopt;
}

std::string default_connector_name(DefaultConnector kind, std::string_view server) {
  return fmt::format("{} {}", default_connector_label(kind), server);
}

std::string format_count(Uint128 count) {
  if (count.is_max()) return "2^128";
  std::string digits = to_decimal(count), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool is_wide(const IpRange& range) {
  if (range.family() == Family::IPv4) return range.size() > Uint128::from_u64(256);
  return range.size() > Uint128(1, 0);
}

bool is_public(const IpRange& range) {
  struct Block {
    const char* lower;
    const char* upper;
  };
  static constexpr std::array<Block, 8> kPrivate{{
      {"10.0.0.0", "10.255.255.255"},
      {"172.16.0.0", "172.31.255.255"},
      {"192.168.0.0", "192.168.255.255"},
      {"127.0.0.0", "127.255.255.255"},
      {"169.254.0.0", "169.254.255.255"},
      {"::1", "::1"},
      {"fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
      {"fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
  }};
  for (const auto& b : kPrivate) {
    auto lo = parse_ip_address(b.lower);
    auto hi = parse_ip_address(b.upper);
    if (!lo || !hi || lo.value->family != range.family()) continue;
    if (lo.value->value <= range.lower.value && range.upper.value <= hi.value->value) return false;
  }
  return true;
}

std::string describe_exposure(const IpRange& range) {
  if (range.format == RangeFormat::SingleAddress && range.lower.is_unspecified()) return {};  // matches nothing
  bool wide = is_wide(range), pub = is_public(range);
  std::string size = range.size().is_max() ? "all 2^128 addresses" : format_count(range.size()) + " addresses";
  if (wide && pub) return fmt::format("wide ({}) and public", size);
  if (wide) return fmt::format("wide ({})", size);
  if (pub) return "public";
  return {};
}

std::vector<ExposedRange> exposed_ranges(const Connector& connector) {
  std::vector<ExposedRange> out;
  for (const auto& r : connector.remote_ip_ranges)
    if (std::string why = describe_exposure(r); !why.empty()) out.push_back({r.expression, std::move(why)});
  return out;
}

std::vector<std::string> exposure_labels(const std::vector<ExposedRange>& exposed) {
  std::vector<std::string> out;
  out.reserve(exposed.size());
  for (const auto& e : exposed) out.push_back(fmt::format("{} ({})", e.expression, e.exposure));
  return out;
}

nlohmann::ordered_json exposure_evidence(const std::vector<ExposedRange>& exposed) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& e : exposed) out.push_back({{"range", e.expression}, {"exposure", e.exposure}});
  return out;
}

std::string server_fqdn(const Organisation& org, const ExchangeServer& server) {
  if (!server.fqdn.empty()) return server.fqdn;
  std::map<std::string, int> votes;
  std::string prefix = to_lower(server.name) + ".";
  for (const Connector* c : org.connectors_of(server.name)) {
    if (default_connector_kind(*c) == DefaultConnector::None) continue;
    std::string f = to_lower(c->fqdn);
    if (f.size() > prefix.size() && f.compare(0, prefix.size(), prefix) == 0) ++votes[c->fqdn];
  }
  std::string best;
  int most = 0;
  for (const auto& [fqdn, n] : votes)
    if (n > most) {
      best = fqdn;
      most = n;
    }
  return best;
}

bool fqdn_allowed_with_exchange_server(const Organisation& org, const ExchangeServer& server, std::string_view fqdn) {
  if (fqdn.empty() || server.profile.is_edge() || iequals(fqdn, server.name)) return true;
  const std::string own = server_fqdn(org, server);
  return !own.empty() && iequals(fqdn, own);
}

std::string first_items(const std::vector<std::string>& items, std::size_t at_most) {
  std::vector<std::string> first(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(at_most, items.size())));
  std::string more = items.size() > at_most ? fmt::format(" and {} more", items.size() - at_most) : "";
  return fmt::format("{}{}", fmt::join(first, ", "), more);
}

}  // namespace ecd
