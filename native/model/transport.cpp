#include "model/transport.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

#include "model/defaults.h"
#include "model/organisation.h"

namespace ecd {
namespace {

using TK = TransportKind;

constexpr std::array<TransportKind, kTransportKinds> kAllKinds{TK::Colocated, TK::Mailbox2013, TK::ClientAccess2013,
                                                               TK::Edge,      TK::LegacyHub,   TK::LegacyEdge};

bool contains(std::string_view text, std::string_view word) {
  return to_lower(text).find(word) != std::string::npos;
}

/// A port one kind of server uses to deliver to another, and whether Microsoft documents it.
struct Hop {
  std::uint16_t port = 0;
  bool documented = false;
};
struct Hops {
  std::array<Hop, 2> hop{};
  std::size_t count = 0;
  const Hop* begin() const { return hop.data(); }
  const Hop* end() const { return hop.data() + count; }
};
constexpr Hops none() {
  return {};
}
constexpr Hops one(std::uint16_t port, bool documented = true) {
  return {{{{port, documented}, {}}}, 1};
}
constexpr Hops two(std::uint16_t a, std::uint16_t b, bool documented = true) {
  return {{{{a, documented}, {b, documented}}}, 2};
}

/// The ports a server of kind `s` uses to deliver to a server of kind `t` (DOMAIN.md §2.2 code detail:
/// 2525 to a server running both services, otherwise 25; 717 for the outbound proxy; DOMAIN-SUPPLEMENT.md
/// §D for Edge and the legacy paths, §D.2 for the two whose port is not documented). `self`: the same server.
Hops hops(TK s, TK t, bool self) {
  if (self) {
    // Front End Transport hands inbound mail to its own Transport service on 2525 (from the server's own
    // address: DOMAIN-SUPPLEMENT.md §A.7), and Transport proxies outbound mail through it on 717.
    return s == TK::Colocated ? two(2525, 717) : none();
  }
  const bool transport = s == TK::Colocated || s == TK::Mailbox2013;  // a 2013-or-later Transport service
  switch (t) {
    case TK::Colocated:
      if (s == TK::Edge) return one(25);  // EdgeSync "Inbound to <site>" -> Default Frontend (§D.1)
      if (s == TK::LegacyHub || s == TK::LegacyEdge) return two(25, 2525, false);  // §D.2: not documented
      if (transport) return two(2525, 717);
      if (s == TK::ClientAccess2013) return one(2525);  // Front End Transport proxies inbound mail
      return none();
    case TK::Mailbox2013:  // "Default <srv>" on 25 takes mail from every Exchange server, Edge included (§D.3)
      return one(25);
    case TK::ClientAccess2013: return transport ? one(717) : none();  // the outbound proxy
    case TK::Edge:
      if (transport) return one(25);  // the implicit intra-organisation Send connector (§D.1)
      if (s == TK::LegacyHub) return one(25, false);
      return none();
    case TK::LegacyEdge: return transport || s == TK::LegacyHub ? one(25) : none();
    case TK::LegacyHub: return transport || s == TK::LegacyHub || s == TK::LegacyEdge ? one(25) : none();
  }
  return none();
}

enum class Use { None, Undocumented, Documented };

Use use_of(TK s, TK t, bool self, std::uint16_t port) {
  Use best = Use::None;
  for (const Hop& h : hops(s, t, self))
    if (h.port == port) best = h.documented ? Use::Documented : (best == Use::None ? Use::Undocumented : best);
  return best;
}

/// The verdict and the facts behind it, without words.
struct Judgement {
  Delivery delivery = Delivery::DoesNotDeliver;
  bool self = false;
  bool known = false;
  std::vector<TransportKind> delivering;  // sender kinds that would deliver here (filled on request)
};

Judgement judge(const ExchangeServer& sender, const ExchangeServer& target, std::uint16_t port, bool with_kinds) {
  Judgement j;
  j.self = &sender == &target || iequals(sender.name, target.name);
  const ServerProfile& sp = sender.profile;
  const ServerProfile& tp = target.profile;
  bool all = true, any = false;
  for (TK s : kAllKinds) {
    if (!sp.possible.has(s)) continue;
    for (TK t : kAllKinds) {
      if (j.self ? t != s : !tp.possible.has(t)) continue;
      Use u = use_of(s, t, j.self, port);
      if (u != Use::Documented) all = false;
      if (u == Use::None) continue;
      any = true;
      if (with_kinds && std::find(j.delivering.begin(), j.delivering.end(), s) == j.delivering.end())
        j.delivering.push_back(s);
    }
  }
  const Use likely = use_of(sp.likely, j.self ? sp.likely : tp.likely, j.self, port);
  j.known = sp.known() && (j.self || tp.known());
  if (all && any)
    j.delivery = Delivery::Delivers;
  else if (likely == Use::Documented)
    j.delivery = Delivery::LikelyDelivers;
  else if (any && (j.known || likely == Use::Undocumented))
    j.delivery = Delivery::Undocumented;
  else if (any)
    j.delivery = Delivery::MayDeliver;
  return j;
}

std::vector<std::uint16_t> ports_of(TK s, TK t, bool self) {
  std::vector<std::uint16_t> out;
  for (const Hop& h : hops(s, t, self))
    if (std::find(out.begin(), out.end(), h.port) == out.end()) out.push_back(h.port);
  return out;
}

std::string kinds_text(const std::vector<TransportKind>& kinds) {
  std::vector<std::string> words;
  for (auto k : kinds) words.emplace_back(describe_kind(k));
  if (words.size() <= 1) return words.empty() ? std::string() : words.front();
  std::string last = words.back();
  words.pop_back();
  return fmt::format("{} or {}", fmt::join(words, ", "), last);
}

std::string who(const ExchangeServer& s) {
  return fmt::format("{} ({})", s.name, describe_server(s));
}

std::string unknown_text(const ExchangeServer& sender, const ExchangeServer& target, bool self) {
  std::vector<std::string> names;
  if (!sender.profile.known()) names.push_back(sender.name);
  if (!self && !target.profile.known()) names.push_back(target.name);
  return fmt::format("the version and role of {} are not known", fmt::join(names, " and "));
}

/// "EX02 is an Exchange 2016-or-later Mailbox server ... and MBX9 an Exchange 2013 Mailbox-only server": the most
/// likely kinds of the servers whose kind is not known.
std::string likely_case(const ExchangeServer& sender, const ExchangeServer& target, bool self) {
  std::vector<std::string> parts;
  if (!sender.profile.known()) parts.push_back(fmt::format("{} {}", sender.name, describe_kind(sender.profile.likely)));
  if (!self && !target.profile.known())
    parts.push_back(fmt::format("{} {}", target.name, describe_kind(target.profile.likely)));
  if (parts.empty()) return {};
  parts.front().insert(parts.front().find(' ') + 1, "is ");
  return fmt::format("{}", fmt::join(parts, " and "));
}

constexpr std::string_view kTellIt =
    "pipe Get-ExchangeServer into -ExchangeServer, or give Version and Role, to judge it for certain";

}  // namespace

std::vector<TransportKind> KindSet::kinds() const {
  std::vector<TransportKind> out;
  for (auto k : kAllKinds)
    if (has(k)) out.push_back(k);
  return out;
}

std::string_view describe_kind(TransportKind kind) {
  switch (kind) {
    case TK::Colocated: return "an Exchange 2016-or-later Mailbox server (or a 2013 multi-role server)";
    case TK::Mailbox2013: return "an Exchange 2013 Mailbox-only server";
    case TK::ClientAccess2013: return "an Exchange 2013 Client Access-only server";
    case TK::Edge: return "an Edge Transport server";
    case TK::LegacyEdge: return "an Exchange 2010/2007 Edge Transport server";
    case TK::LegacyHub: return "an Exchange 2010/2007 Hub Transport server";
  }
  return "";
}

std::string describe_server(const ExchangeServer& server) {
  const auto& p = server.profile;
  std::string product = server.version ? server.version->product() : std::string();
  if (!p.known()) return product.empty() ? std::string("version not known") : product;
  switch (p.likely) {
    case TK::Colocated: return product.empty() ? "Exchange 2013 or later, Front End and Transport" : product;
    case TK::Mailbox2013: return "Exchange 2013 Mailbox-only";
    case TK::ClientAccess2013: return "Exchange 2013 Client Access-only";
    case TK::Edge: return product.empty() ? "Edge Transport" : product + " Edge Transport";
    case TK::LegacyEdge: return product.empty() ? "Exchange 2010/2007 Edge Transport" : product + " Edge Transport";
    case TK::LegacyHub: return product.empty() ? "Exchange 2010/2007 Hub Transport" : product + " Hub Transport";
  }
  return product;
}

std::optional<TransportRole> owning_role(std::uint16_t port) {
  if (port == 25 || port == 587 || port == 717) return TransportRole::FrontendTransport;
  if (port == 2525 || port == 465) return TransportRole::HubTransport;
  return std::nullopt;
}

bool is_exchange_port(std::uint16_t port) {
  return std::find(std::begin(kExchangePorts), std::end(kExchangePorts), port) != std::end(kExchangePorts);
}

namespace {

/// What one source says a server runs: the kinds it allows, the most likely one, and why, in words.
struct Suggestion {
  KindSet kinds = KindSet::all();
  TK likely = TK::Colocated;
  std::string basis;  // empty: the source says nothing
};

/// What the request says of the server (-ExchangeServer: version, ServerRole, IsEdgeServer).
Suggestion what_is_given(const ExchangeServer& server) {
  Suggestion out;
  KindSet& given = out.kinds;
  TK& given_likely = out.likely;
  std::string& given_basis = out.basis;
  const bool mailbox = contains(server.server_role, "mailbox");
  const bool client_access = contains(server.server_role, "clientaccess");
  const bool hub = contains(server.server_role, "hubtransport");
  const bool edge = server.edge_given || contains(server.server_role, "edge");
  const std::string role_text = server.server_role.empty() ? std::string() : " (" + server.server_role + ")";
  if (server.version) {
    const auto& v = *server.version;
    const bool legacy = v.major < 15;
    std::string said = fmt::format("-ExchangeServer says {} runs {}{}", server.name, v.product(), role_text);
    if (edge) {
      given = KindSet::of({legacy ? TK::LegacyEdge : TK::Edge});
    } else if (legacy) {
      given = KindSet::of({TK::LegacyHub});
    } else if (v.major == 15 && v.minor == 0) {
      if (mailbox && client_access)
        given = KindSet::of({TK::Colocated});
      else if (mailbox)
        given = KindSet::of({TK::Mailbox2013});
      else if (client_access)
        given = KindSet::of({TK::ClientAccess2013});
      else
        given = KindSet::of({TK::Colocated, TK::Mailbox2013, TK::ClientAccess2013});
    } else {
      given = KindSet::of({TK::Colocated});
    }
    given_basis = said;
  } else if (edge) {
    given = KindSet::of({TK::Edge, TK::LegacyEdge});
    given_likely = TK::Edge;
    given_basis = fmt::format("-ExchangeServer says {} is an Edge Transport server", server.name);
  } else if (hub) {
    given = KindSet::of({TK::LegacyHub});  // 2013 and later have no Hub Transport role
    given_basis = fmt::format("-ExchangeServer gives {} the role{}, which only Exchange 2010 and 2007 have",
                              server.name, role_text);
  } else if (mailbox || client_access) {
    if (mailbox && client_access)
      given = KindSet::of({TK::Colocated});
    else if (mailbox)
      given = KindSet::of({TK::Colocated, TK::Mailbox2013});
    else
      given = KindSet::of({TK::ClientAccess2013});
    given_basis = fmt::format("-ExchangeServer gives {} the role{}", server.name, role_text);
  }
  if (!given.has(given_likely)) given_likely = given.kinds().front();
  return out;
}

/// What a server's connectors show of what it runs.
struct ConnectorSigns {
  bool edge_default = false;  // Edge's "Default internal receive connector <server>"
  bool role_missing = false;  // a connector without TransportRole: an Exchange 2010/2007 shell exported it
  bool frontend = false, transport = false;             // connectors of the Front End Transport / Transport service
  bool default_on_25 = false, default_on_2525 = false;  // where "Default <server>" listens
  std::string frontend_name, transport_name;            // one connector of each service, the default when given
};

ConnectorSigns signs_of(const Organisation& org, const ExchangeServer& server) {
  ConnectorSigns signs;
  for (std::size_t i : server.connector_indices) {
    const Connector& c = org.connectors[i];
    const DefaultConnector kind = default_connector_kind(c);
    if (kind == DefaultConnector::EdgeInternal) signs.edge_default = true;
    if (!c.transport_role_given) signs.role_missing = true;
    if (c.transport_role_given && c.transport_role == TransportRole::FrontendTransport) {
      signs.frontend = true;
      if (signs.frontend_name.empty() || kind == DefaultConnector::DefaultFrontend) signs.frontend_name = c.name;
    }
    if (c.transport_role_given && c.transport_role == TransportRole::HubTransport) {
      signs.transport = true;
      if (signs.transport_name.empty() || kind == DefaultConnector::Default) signs.transport_name = c.name;
    }
    if (kind == DefaultConnector::Default)
      for (const auto& b : c.bindings) {
        if (b.port == 25) signs.default_on_25 = true;
        if (b.port == 2525) signs.default_on_2525 = true;
      }
  }
  return signs;
}

/// What its own connectors suggest: Edge's default, connectors without TransportRole (an Exchange 2010/2007 shell),
/// which services have connectors, and where "Default <server>" listens.
Suggestion what_connectors_suggest(const Organisation& org, const ExchangeServer& server) {
  Suggestion out;
  if (!server.has_connectors) return out;
  const ConnectorSigns signs = signs_of(org, server);
  KindSet& seen = out.kinds;
  TK& seen_likely = out.likely;
  std::string& seen_basis = out.basis;
  if (signs.edge_default) {
    seen = KindSet::of({signs.role_missing ? TK::LegacyEdge : TK::Edge});
    seen_basis = fmt::format(
        "{} has the Edge Transport connector 'Default internal receive connector {}'{}", server.name, server.name,
        signs.role_missing ? ", without a TransportRole property (an Exchange 2010/2007 shell)" : "");
  } else if (signs.role_missing) {
    seen = KindSet::of({TK::LegacyHub});
    seen_basis =
        fmt::format("the connectors of {} have no TransportRole property, as an Exchange 2010/2007 shell exports them",
                    server.name);
  } else if (signs.frontend && signs.transport) {
    seen = KindSet::of({TK::Colocated});
    seen_basis = fmt::format(
        "{} has Front End Transport and Transport connectors ('{}', '{}'), so it runs both services together",
        server.name, signs.frontend_name, signs.transport_name);
  } else if (signs.default_on_2525) {
    seen = KindSet::of({TK::Colocated});
    seen_basis = fmt::format(
        "'Default {}' listens on port 2525, which setup only does where Front End "
        "Transport runs too",
        server.name);
  } else if (signs.frontend) {
    seen = KindSet::of({TK::Colocated, TK::ClientAccess2013});
    seen_basis = fmt::format("{} has only Front End Transport connectors among those given", server.name);
  } else if (signs.transport && signs.default_on_25) {
    seen = KindSet::of({TK::Mailbox2013, TK::Colocated});
    seen_likely = TK::Mailbox2013;
    seen_basis = fmt::format(
        "'Default {}' listens on port 25 and no Front End Transport connector of {} was given, as on an "
        "Exchange 2013 Mailbox-only server",
        server.name, server.name);
  } else if (signs.transport) {
    seen = KindSet::of({TK::Colocated, TK::Mailbox2013, TK::Edge});
    seen_basis = fmt::format("{} has only Transport connectors among those given", server.name);
  }
  if (!seen.has(seen_likely)) seen_likely = seen.kinds().front();
  return out;
}

/// Both together: what -ExchangeServer says wins when they disagree; otherwise the kinds both allow.
ServerProfile combine(const ExchangeServer& server, const Suggestion& given_by, const Suggestion& seen_by) {
  const KindSet& given = given_by.kinds;
  const KindSet& seen = seen_by.kinds;
  const TK given_likely = given_by.likely, seen_likely = seen_by.likely;
  const std::string& given_basis = given_by.basis;
  const std::string& seen_basis = seen_by.basis;
  ServerProfile p;
  KindSet both = given & seen;
  if (both.empty()) {  // they disagree: what -ExchangeServer says wins
    p.possible = given;
    p.likely = given_likely;
    p.basis = fmt::format("{} (its connectors suggest otherwise: {})", given_basis, seen_basis);
  } else {
    p.possible = both;
    p.likely = both.has(seen_likely) && !seen_basis.empty() ? seen_likely
               : both.has(given_likely)                     ? given_likely
                                                            : both.kinds().front();
    std::vector<std::string> parts;
    if (!given_basis.empty()) parts.push_back(given_basis);
    if (!seen_basis.empty() && !given.single()) parts.push_back(seen_basis);  // what the connectors add
    p.basis = parts.empty() ? fmt::format("nothing tells the version and role of {}", server.name)
                            : fmt::format("{}", fmt::join(parts, "; "));
  }
  return p;
}

}  // namespace

void infer_profiles(Organisation& org) {
  for (auto& server : org.servers)
    server.profile = combine(server, what_is_given(server), what_connectors_suggest(org, server));
}

Delivery delivery_of(const ExchangeServer& sender, const ExchangeServer& target, std::uint16_t port) {
  return judge(sender, target, port, false).delivery;
}

DeliveryPath delivery_path(const ExchangeServer& sender, const ExchangeServer& target, std::uint16_t port) {
  const Judgement j = judge(sender, target, port, true);
  const ServerProfile& sp = sender.profile;
  const TK likely_t = j.self ? sp.likely : target.profile.likely;
  const std::string target_text = fmt::format("{} ({})", target.name, describe_server(target));
  DeliveryPath out{j.delivery, {}};
  switch (j.delivery) {
    case Delivery::Delivers:
      if (j.self && port == 2525)
        out.reason = fmt::format(
            "{} hands inbound mail from its Front End Transport service to its own Transport service on port 2525, "
            "from its own address",
            who(sender));
      else if (j.self)
        out.reason = fmt::format(
            "{} hands outbound mail from its Transport service to its own Front End Transport service on port 717 "
            "(outbound proxy)",
            who(sender));
      else
        out.reason = fmt::format("{} delivers to {} on port {}{}", who(sender), target_text, port,
                                 port == 717 ? " (outbound proxy through the Front End Transport service)" : "");
      break;
    case Delivery::LikelyDelivers:
      out.reason = fmt::format(
          "{}; in the most likely case, where {}, {} delivers here on port {}, and this finding is judged as that case "
          "({})",
          unknown_text(sender, target, j.self), likely_case(sender, target, j.self), sender.name, port, kTellIt);
      break;
    case Delivery::Undocumented:
      out.reason = fmt::format(
          "which port {} uses to deliver to {} is not documented: 25 (Front End Transport) or 2525 (Transport) "
          "(DOMAIN-SUPPLEMENT.md §D.2), so port {} is judged as one it may use{}",
          who(sender), target_text, port,
          j.known ? std::string() : fmt::format("; {} ({})", unknown_text(sender, target, j.self), kTellIt));
      break;
    case Delivery::MayDeliver:
      out.reason =
          fmt::format("{}; {} would deliver here on port {} only as {}, which is not the most likely case ({})",
                      unknown_text(sender, target, j.self), sender.name, port, kinds_text(j.delivering), kTellIt);
      break;
    case Delivery::DoesNotDeliver: {
      auto ports = ports_of(sp.likely, likely_t, j.self);
      std::string whom = j.self ? std::string("itself") : target.name;
      if (ports.empty())
        out.reason = fmt::format("{} does not deliver to {}{}", who(sender), whom,
                                 j.known ? std::string() : " in the most likely case");
      else
        out.reason = fmt::format("{} delivers to {} on port {}, not on port {}", who(sender), whom,
                                 fmt::join(ports, " and "), port);
      break;
    }
  }
  return out;
}

}  // namespace ecd
