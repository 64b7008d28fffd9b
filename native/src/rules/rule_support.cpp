#include "rules/rule_support.h"

#include <fmt/format.h>

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

bool contains_role(const std::string& roles, std::string_view role) {
  return to_lower(roles).find(role) != std::string::npos;
}

}  // namespace

ExpectedDefaults expected_defaults(const Organisation& org, const ExchangeServer& server) {
  ExpectedDefaults out;
  auto present = present_defaults(org, server);
  if (present.empty()) return out;  // only some custom connectors were given: nothing to compare
  bool edge_present = std::find(present.begin(), present.end(), DefaultConnector::EdgeInternal) != present.end();
  using DC = DefaultConnector;
  const std::array<DC, 5> all{DC::DefaultFrontend, DC::Default, DC::OutboundProxyFrontend, DC::ClientFrontend,
                              DC::ClientProxy};
  if (server.kind == ServerKind::Edge || (!server.version && server.kind != ServerKind::Mailbox && edge_present)) {
    out.specs.push_back(mailbox_spec(DC::EdgeInternal, false));
    out.basis = server.kind == ServerKind::Edge
                    ? fmt::format("{} is an Edge Transport server", server.name)
                    : fmt::format("{} has the Edge Transport default connector, so it is taken to be an Edge server",
                                  server.name);
    return out;
  }
  if (server.version && server.version->major != 15) return out;  // Exchange 2010/2007: other defaults
  if (server.version && server.version->minor == 0) {
    bool cas = contains_role(server.server_role, "clientaccess");
    bool mbx = contains_role(server.server_role, "mailbox") || server.server_role.empty();
    if (mbx && !cas) {
      out.specs.push_back(mailbox_spec(DC::Default, true));
      out.specs.push_back(mailbox_spec(DC::ClientProxy, true));
    } else if (cas && !mbx) {
      for (DC k : {DC::DefaultFrontend, DC::OutboundProxyFrontend, DC::ClientFrontend})
        out.specs.push_back(mailbox_spec(k, false));
    } else {
      for (DC k : all) out.specs.push_back(mailbox_spec(k, false));
    }
    out.basis = fmt::format("{} runs Exchange 2013 ({})", server.name,
                            server.server_role.empty() ? std::string("role not given") : server.server_role);
    return out;
  }
  for (DC k : all) out.specs.push_back(mailbox_spec(k, false));
  out.basis = server.version ? fmt::format("{} runs {} (Mailbox)", server.name, server.version->product())
                             : fmt::format(
                                   "the version of {} is not known; it has default Mailbox connectors, so it is taken "
                                   "to be an Exchange 2016 or later Mailbox server",
                                   server.name);
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

Interval whole_family(Family family) {
  if (family == Family::IPv4) return {family, Uint128{0, 0x0000ffff00000000ull}, Uint128{0, 0x0000ffffffffffffull}};
  return {family, Uint128{}, Uint128::max()};
}

std::vector<Interval> merge_intervals(std::vector<Interval> intervals) {
  std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
    return std::tie(a.lower, a.upper) < std::tie(b.lower, b.upper);
  });
  std::vector<Interval> out;
  for (const auto& i : intervals) {
    if (!out.empty() && (out.back().upper.is_max() || i.lower <= out.back().upper + kOne)) {
      if (i.upper > out.back().upper) out.back().upper = i.upper;
      continue;
    }
    out.push_back(i);
  }
  return out;
}

std::vector<Interval> complement(const std::vector<Interval>& covered, Family family) {
  Interval space = whole_family(family);
  std::vector<Interval> out;
  Uint128 next = space.lower;
  bool done = false;
  for (const auto& c : covered) {
    if (c.upper < space.lower || c.lower > space.upper) continue;
    if (c.lower > next) out.push_back({family, next, c.lower - kOne});
    if (c.upper >= space.upper) {
      done = true;
      break;
    }
    if (c.upper + kOne > next) next = c.upper + kOne;
  }
  if (!done) out.push_back({family, next, space.upper});
  return out;
}

std::string format_interval(const Interval& i) {
  return format_interval(IpAddress{i.lower, i.family}, IpAddress{i.upper, i.family});
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

Uint128 interval_size(const Interval& i) {
  return range_size(i.lower, i.upper);
}

std::vector<std::string> subtract_intervals(const std::vector<IpRange>& ranges, std::vector<Interval> remove) {
  std::vector<std::string> out;
  std::vector<Interval> v4, v6;
  for (const auto& r : remove) (r.family == Family::IPv4 ? v4 : v6).push_back(r);
  v4 = merge_intervals(std::move(v4));
  v6 = merge_intervals(std::move(v6));
  for (const auto& range : ranges) {
    const auto& cuts = range.family() == Family::IPv4 ? v4 : v6;
    // The first cut that may touch the range: the last one starting at or before its lower bound.
    auto it = std::upper_bound(cuts.begin(), cuts.end(), range.lower.value,
                               [](const Uint128& v, const Interval& i) { return v < i.lower; });
    if (it != cuts.begin()) --it;
    Uint128 next = range.lower.value;
    bool touched = false, exhausted = false;
    std::vector<std::string> pieces;
    for (; it != cuts.end() && it->lower <= range.upper.value; ++it) {
      if (it->upper < next) continue;
      touched = true;
      if (it->lower > next) append_interval(range.family(), next, it->lower - kOne, pieces);
      if (it->upper >= range.upper.value) {
        exhausted = true;
        break;
      }
      next = it->upper + kOne;
    }
    if (!touched) {
      out.push_back(range.expression);
      continue;
    }
    if (!exhausted) append_interval(range.family(), next, range.upper.value, pieces);
    out.insert(out.end(), pieces.begin(), pieces.end());
  }
  // Keep the first of duplicates (a piece may equal a range written elsewhere).
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (auto& s : out)
    if (seen.insert(to_lower(s)).second) unique.push_back(std::move(s));
  return unique;
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

void for_each_exchange_landing(const RuleContext& ctx, const std::function<void(const Landing&)>& visit) {
  const auto& org = ctx.organisation;
  const auto& ports = exchange_ports();
  // Whether each sender delivers on each port, once per sender (not once per target).
  std::vector<std::vector<bool>> delivers(org.servers.size());
  for (std::size_t i = 0; i < org.servers.size(); ++i)
    for (const auto& path : ports) delivers[i].push_back(delivery_path(org.servers[i], path.port).delivers);
  // Each sender's addresses per family, once: sender_addresses adds the loopback only for the target itself.
  std::vector<std::vector<IpAddress>> own[2];
  for (Family family : {Family::IPv4, Family::IPv6})
    for (const auto& sender : org.servers) {
      auto& list = own[family == Family::IPv4 ? 0 : 1].emplace_back();
      for (const auto& a : sender.addresses)
        if (a.family == family) list.push_back(a);
    }
  std::vector<std::size_t> winners;  // connectors one (sender, address) already landed on, across local addresses
  for (const auto& target : org.servers) {
    if (!target.has_connectors) continue;
    for (std::size_t p = 0; p < ports.size(); ++p) {
      const auto& path = ports[p];
      SelectionQuery query{target.name, path.role, path.port, {}, std::nullopt};
      for (Family family : {Family::IPv4, Family::IPv6}) {
        // The local addresses a sender may connect to: the target's own, and those its connectors bind.
        std::vector<std::optional<IpAddress>> locals;
        for (const auto& a : target.addresses)
          if (a.family == family) locals.emplace_back(a);
        for (const auto& a : ctx.selection.specific_local_addresses(target.name, path.role, path.port))
          if (a.family == family &&
              std::find(locals.begin(), locals.end(), std::optional<IpAddress>(a)) == locals.end())
            locals.emplace_back(a);
        if (locals.empty()) locals.emplace_back(std::nullopt);
        for (std::size_t si = 0; si < org.servers.size(); ++si) {
          const auto& sender = org.servers[si];
          const auto self = &sender == &target ? sender_addresses(sender, target, family) : std::vector<IpAddress>();
          for (const auto& address : &sender == &target ? self : own[family == Family::IPv4 ? 0 : 1][si]) {
            // A winner is a connector of this target, so (winner, sender, port, address) repeats only across
            // the local addresses of this one query: no organisation-wide set needed.
            winners.clear();
            for (const auto& local : locals) {
              query.remote = address;
              query.local = local;
              Selection s = ctx.selection.select_connector(query);
              if (!s.winner) continue;
              if (std::find(winners.begin(), winners.end(), s.winner->index) != winners.end()) continue;
              winners.push_back(s.winner->index);
              visit(Landing{&target, &path, &sender, address, local, s.winner, delivers[si][p]});
            }
          }
        }
      }
    }
  }
}

std::map<std::size_t, std::vector<Landing>> exchange_landings(const RuleContext& ctx) {
  std::map<std::size_t, std::vector<Landing>> out;
  for_each_exchange_landing(ctx, [&](const Landing& l) { out[l.connector->index].push_back(l); });
  return out;
}

}  // namespace ecd
