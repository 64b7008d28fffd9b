#include "rules/rule_support.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "select/landings.h"

namespace ecd {

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
  std::string size = describe_size(range.size());
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

void give_groups_back(Finding& finding, const Connector& connector, std::uint32_t groups) {
  ConnectorEdit edit;
  edit.add_permissions = groups;
  finding.edit = std::move(edit);
  finding.edit_connector = connector.index;
  finding.evidence["permissionGroups"] = format_permission_groups(*connector.permission_groups);
}

bool is_cloud_enabled(const Connector& c) {
  return c.transport_role == TransportRole::FrontendTransport && !c.tls_domain_capabilities.empty();
}

std::vector<const Certificate*> NamedCertificate::named() const {
  std::vector<const Certificate*> out;
  for (const Certificate* cert : on_server)
    if (same_distinguished_name(cert->issuer, name.issuer) && same_distinguished_name(cert->subject, name.subject))
      out.push_back(cert);
  return out;
}

std::vector<NamedCertificate> named_certificates(const Organisation& org) {
  std::vector<NamedCertificate> out;
  if (!org.certificates_given) return out;
  for (const auto& c : org.connectors) {
    if (!c.enabled || !c.tls_certificate_name) continue;
    auto name = parse_certificate_name(*c.tls_certificate_name);
    if (!name) continue;  // ECD0805
    const ExchangeServer* server = org.find_server(c.server);
    const std::string fqdn = server ? server_fqdn(org, *server) : std::string();
    NamedCertificate n{&c, std::move(*name.value), {}};
    for (const auto& cert : org.certificates)
      if (certificate_on_server(cert, c.server, fqdn)) n.on_server.push_back(&cert);
    out.push_back(std::move(n));
  }
  return out;
}

std::string per_source_limits(const Connector& c) {
  const auto& per_source = c.max_inbound_connection_per_source;
  const auto& percentage = c.max_inbound_connection_percentage_per_source;
  return fmt::format("MaxInboundConnectionPerSource {} and MaxInboundConnectionPercentagePerSource {}",
                     per_source
                         ? (per_source->unlimited() ? std::string("Unlimited") : std::to_string(*per_source->value))
                         : std::string("(not given)"),
                     percentage ? std::to_string(*percentage) : std::string("(not given)"));
}

}  // namespace ecd
