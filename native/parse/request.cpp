#include "parse/request.h"

#include "parse/certificates.h"

#include "parse/limits.h"

#include <fmt/format.h>
#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

namespace ecd {
namespace {

using json = nlohmann::json;

/// Where a value sits: the source (request or file) and its JSON pointer.
struct Location {
  std::string source;
  std::string pointer;
  Location operator/(std::string_view token) const { return {source, pointer + "/" + json_pointer_token(token)}; }
  Location operator/(std::size_t index) const { return {source, fmt::format("{}/{}", pointer, index)}; }
};

/// The deepest nesting of [ and { outside strings, or the offset where it passes `limit`.
std::optional<std::size_t> depth_exceeded_at(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

/// Parses JSON text; on failure returns the message with its byte offset.
std::optional<json> parse_json(std::string_view text, std::size_t max_depth, std::string& error, std::size_t& offset) {
  if (auto at = depth_exceeded_at(text, max_depth)) {
    offset = *at;
    error = fmt::format("nesting deeper than {} levels at byte {}", max_depth, *at);
    return std::nullopt;
  }
  if (auto bad = first_invalid_utf8(text)) {
    offset = *bad;
    error = fmt::format("not UTF-8: invalid UTF-8 at byte {} (0x{:02X})", *bad, static_cast<unsigned char>(text[*bad]));
    return std::nullopt;
  }
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
    if (auto colon = what.find("]"); colon != std::string::npos) what = std::string(trim(what.substr(colon + 1)));
    // Its "last read: '...'" quotes the input up to the bad byte, which may end inside a character.
    error = fmt::format("not valid JSON at byte {}: {}", offset, escape_invalid_utf8(what));
    return std::nullopt;
  } catch (const json::exception& e) {
    // out_of_range.406, a number beyond double ("1e309"): nlohmann names the number but not its offset.
    std::string what = e.what();
    auto open = what.find('\''), close = what.rfind('\'');
    std::string number = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    auto at = number.empty() ? std::string_view::npos : text.find(number);
    offset = at == std::string_view::npos ? 0 : at;
    error =
        fmt::format("not valid JSON at byte {}: the number {} is out of range", offset, escape_invalid_utf8(number));
    return std::nullopt;
  }
}

/// Case-insensitive member lookup (PowerShell property names are case-insensitive).
const json* member(const json& object, std::string_view key, std::string* actual_key = nullptr) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(std::string(key)); it != object.end()) {
    if (actual_key) *actual_key = it.key();
    return &*it;
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (iequals(it.key(), key)) {
      if (actual_key) *actual_key = it.key();
      return &*it;
    }
  }
  return nullptr;
}

/// The text of a scalar as PowerShell would print it; objects are read through the members that
/// ConvertTo-Json writes for Exchange types (Expression, Address+Port, Name, Domain).
std::optional<std::string> text_of(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return value.get<std::string>();
    case json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case json::value_t::number_float: return fmt::format("{}", value.get<double>());
    case json::value_t::object: {
      if (const json* e = member(value, "Expression"); e && e->is_string()) return e->get<std::string>();
      const json* address = member(value, "Address");
      const json* port = member(value, "Port");
      if (address && port) {
        auto a = address->is_object()
                     ? (member(*address, "IPAddressToString") ? text_of(*member(*address, "IPAddressToString"))
                                                              : std::nullopt)
                     : text_of(*address);
        auto p = text_of(*port);
        if (a && p)
          return a->find(':') != std::string::npos ? fmt::format("[{}]:{}", *a, *p) : fmt::format("{}:{}", *a, *p);
      }
      const json* lower = member(value, "LowerBound");
      const json* upper = member(value, "UpperBound");
      if (lower && upper && lower->is_string() && upper->is_string())
        return fmt::format("{}-{}", lower->get<std::string>(), upper->get<std::string>());
      for (auto key : {"Domain", "Name", "value", "Value"})
        if (const json* n = member(value, key); n && !n->is_object() && !n->is_array()) return text_of(*n);
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

struct Reader {
  Organisation& org;
  std::vector<Connector>& connectors;

  void issue(const Location& where, const Connector* c, std::string field, std::string text, std::string message,
             std::optional<std::size_t> item) {
    InputIssue i = InputIssue::at(where.source, where.pointer).about(std::move(field), std::move(text), std::move(message)).of_item(item);
    org.issues.push_back(c ? std::move(i).in(*c) : std::move(i));
  }

  /// Items of a multi-valued property: a JSON array, or one string with items separated by commas
  /// (optionally in braces, as Format-List prints them).
  std::vector<std::pair<std::string, Location>> items_of(const json& value, const Location& where) {
    std::vector<std::pair<std::string, Location>> out;
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto t = text_of(value[i]);
        out.emplace_back(t.value_or(value[i].dump()), where / i);
      }
      return out;
    }
    auto t = text_of(value);
    if (!t) return out;
    std::string_view s = trim(*t);
    if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
    std::size_t start = 0;
    while (start <= s.size()) {
      auto comma = s.find(',', start);
      auto part = trim(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      if (!part.empty()) out.emplace_back(std::string(part), where);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return out;
  }

  template <class T, class Parse>
  std::optional<T> scalar(const json& object, std::string_view key, const Location& where, Connector& c, Parse parse) {
    std::string actual;
    const json* v = member(object, key, &actual);
    if (!v || v->is_null()) return std::nullopt;
    auto t = text_of(*v);
    if (!t) {
      issue(where / actual, &c, std::string(key), v->dump(), fmt::format("{} is not a value that can be read", key),
            c.item);
      return std::nullopt;
    }
    if (trim(*t).empty()) return std::nullopt;
    auto parsed = parse(*t);
    if (!parsed) {
      issue(where / actual, &c, std::string(key), *t, parsed.error, c.item);
      return std::nullopt;
    }
    return *parsed.value;
  }

  std::string string_of(const json& object, std::string_view key) {
    const json* v = member(object, key);
    if (!v || v->is_null()) return {};
    return text_of(*v).value_or("");
  }

  void read_connector(const json& value, const Location& where, std::optional<std::size_t> item) {
    if (!value.is_object()) {
      issue(where, nullptr, "", value.is_string() ? value.get<std::string>() : value.dump(),
            fmt::format(
                "this item is a {}, not a receive connector (expected the objects that Get-ReceiveConnector returns)",
                value.type_name()),
            item);
      return;
    }
    Connector c;
    c.index = connectors.size();
    c.item = item;
    c.identity = string_of(value, "Identity");
    c.name = string_of(value, "Name");
    c.server = string_of(value, "Server");
    if (auto slash = c.identity.find('\\'); slash != std::string::npos) {
      if (c.server.empty()) c.server = c.identity.substr(0, slash);
      if (c.name.empty()) c.name = c.identity.substr(slash + 1);
    }
    if (c.identity.empty() && !c.server.empty() && !c.name.empty()) c.identity = c.server + "\\" + c.name;
    bool looks_like_connector = member(value, "Bindings") || member(value, "RemoteIPRanges") ||
                                member(value, "TransportRole") || member(value, "AuthMechanism");
    if (!looks_like_connector) {
      std::string what = c.identity.empty() ? std::string("this object") : fmt::format("'{}'", c.identity);
      issue(where, nullptr, "", c.identity,
            fmt::format("{} is not a receive connector: it has none of Bindings, RemoteIPRanges, TransportRole, "
                        "AuthMechanism (expected the objects that Get-ReceiveConnector returns)",
                        what),
            item);
      return;
    }
    if (c.server.empty() || c.name.empty()) {
      issue(where, nullptr, "Identity", c.identity,
            "the connector has no Identity (SERVER\\Name), or no Server and Name, so it cannot be placed on a server",
            item);
      return;
    }
    read_properties(value, where, c);
    connectors.push_back(std::move(c));
  }

  void require(const json& object, std::string_view key, const Location& where, Connector& c, std::string_view why) {
    const json* v = member(object, key);
    if (!v || v->is_null())
      issue(where / key, &c, std::string(key), "", fmt::format("the connector has no {}: {}", key, why), c.item);
  }

  void read_properties(const json& value, const Location& where, Connector& c) {
    // An Exchange 2010/2007 shell exports connectors without TransportRole: they are HubTransport, the
    // directory's default (DOMAIN.md §2.1), not bad input.
    if (const json* role = member(value, "TransportRole"); role && !role->is_null()) {
      c.transport_role_given = true;
      c.transport_role = scalar<TransportRole>(value, "TransportRole", where, c, parse_transport_role);
    } else {
      c.transport_role = TransportRole::HubTransport;
    }
    require(value, "Enabled", where, c, "it is taken to be enabled");
    c.enabled = scalar<bool>(value, "Enabled", where, c, parse_bool).value_or(true);

    std::string key;
    if (const json* b = member(value, "Bindings", &key); b && !b->is_null()) {
      for (auto& [text, at] : items_of(*b, where / key)) {
        auto parsed = parse_ip_binding(text);
        if (parsed)
          c.bindings.push_back(*parsed.value);
        else
          issue(at, &c, "Bindings", text, parsed.error, c.item);
      }
      if (c.bindings.empty() && items_of(*b, where / key).empty())
        issue(where / key, &c, "Bindings", b->dump(),
              "the connector has no Bindings: it listens nowhere and takes part in no selection", c.item);
      c.has_bindings = !c.bindings.empty();
    } else {
      issue(where / "Bindings", &c, "Bindings", "", "the connector has no Bindings: it takes part in no selection",
            c.item);
    }
    if (const json* r = member(value, "RemoteIPRanges", &key); r && !r->is_null()) {
      for (auto& [text, at] : items_of(*r, where / key)) {
        auto parsed = parse_ip_range(text);
        if (parsed)
          c.remote_ip_ranges.push_back(*parsed.value);
        else
          issue(at, &c, "RemoteIPRanges", text,
                fmt::format("{}; this range was left out of the analysis", parsed.error), c.item);
      }
      c.has_remote_ip_ranges = !c.remote_ip_ranges.empty();
    } else {
      issue(where / "RemoteIPRanges", &c, "RemoteIPRanges", "",
            "the connector has no RemoteIPRanges: it takes part in no selection", c.item);
    }
    require(value, "AuthMechanism", where, c, "its authentication could not be checked");
    c.auth_mechanism = scalar<std::uint32_t>(value, "AuthMechanism", where, c, parse_auth_mechanism);
    require(value, "PermissionGroups", where, c, "its permissions could not be checked");
    c.permission_groups = scalar<std::uint32_t>(value, "PermissionGroups", where, c, parse_permission_groups);

    c.fqdn = string_of(value, "Fqdn");
    c.comment = string_of(value, "Comment");
    if (auto t = string_of(value, "TlsCertificateName"); !trim(t).empty())
      c.tls_certificate_name = std::string(trim(t));
    if (const json* caps = member(value, "TlsDomainCapabilities", &key); caps && !caps->is_null())
      for (auto& [text, at] : items_of(*caps, where / key)) c.tls_domain_capabilities.push_back(text);

    c.suppress_x_anonymous_tls = scalar<bool>(value, "SuppressXAnonymousTls", where, c, parse_bool);
    c.require_tls = scalar<bool>(value, "RequireTLS", where, c, parse_bool);
    c.domain_secure_enabled = scalar<bool>(value, "DomainSecureEnabled", where, c, parse_bool);
    c.enable_auth_gssapi = scalar<bool>(value, "EnableAuthGSSAPI", where, c, parse_bool);
    c.proxy_enabled = scalar<bool>(value, "ProxyEnabled", where, c, parse_bool);
    c.max_inbound_connection = scalar<Limit>(value, "MaxInboundConnection", where, c, parse_limit);
    c.max_inbound_connection_per_source = scalar<Limit>(value, "MaxInboundConnectionPerSource", where, c, parse_limit);
    auto integer = [](std::string_view t) -> Parsed<std::int64_t> {
      auto l = parse_limit(t);
      if (!l || l.value->unlimited()) return {std::nullopt, l ? fmt::format("'{}' is not a number", t) : l.error};
      return {*l.value->value, {}};
    };
    c.max_inbound_connection_percentage_per_source =
        scalar<std::int64_t>(value, "MaxInboundConnectionPercentagePerSource", where, c, integer);
    c.message_rate_limit = scalar<Limit>(value, "MessageRateLimit", where, c, parse_limit);
    c.message_rate_source = scalar<int>(value, "MessageRateSource", where, c, [](std::string_view t) {
      return parse_enum(t, {"None", "IPAddress", "User", "All"});
    });
    c.max_message_size = scalar<Limit>(value, "MaxMessageSize", where, c, parse_byte_size);
    c.max_header_size = scalar<Limit>(value, "MaxHeaderSize", where, c, parse_byte_size);
    c.max_recipients_per_message = scalar<Limit>(value, "MaxRecipientsPerMessage", where, c, parse_limit);
    c.max_protocol_errors = scalar<Limit>(value, "MaxProtocolErrors", where, c, parse_limit);
    c.max_hop_count = scalar<std::int64_t>(value, "MaxHopCount", where, c, integer);
    c.max_local_hop_count = scalar<std::int64_t>(value, "MaxLocalHopCount", where, c, integer);
    c.max_logon_failures = scalar<std::int64_t>(value, "MaxLogonFailures", where, c, integer);
    c.connection_timeout_seconds = scalar<std::int64_t>(value, "ConnectionTimeout", where, c, parse_time_span_seconds);
    c.connection_inactivity_timeout_seconds =
        scalar<std::int64_t>(value, "ConnectionInactivityTimeout", where, c, parse_time_span_seconds);
    c.tarpit_interval_seconds = scalar<std::int64_t>(value, "TarpitInterval", where, c, parse_time_span_seconds);
    c.size_enabled = scalar<int>(value, "SizeEnabled", where, c, [](std::string_view t) {
      return parse_enum(t, {"Disabled", "Enabled", "EnabledWithoutValue"});
    });
    c.protocol_logging_level = scalar<int>(value, "ProtocolLoggingLevel", where, c, [](std::string_view t) {
      return parse_enum(t, {"None", "Verbose"});
    });
    c.extended_protection_policy = scalar<int>(value, "ExtendedProtectionPolicy", where, c, [](std::string_view t) {
      return parse_enum(t, {"None", "Allow", "Require"});
    });
  }

  void read_connector_list(const json& value, const Location& where, std::optional<std::size_t> first_item) {
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i)
        read_connector(value[i], where / i, first_item ? std::optional<std::size_t>(*first_item + i) : std::nullopt);
    } else {
      read_connector(value, where, first_item);
    }
  }

  ExchangeServer& server_named(std::string_view name) {
    for (auto& s : org.servers)
      if (iequals(s.name, name)) return s;
    ExchangeServer server;
    server.name = std::string(name);
    org.servers.push_back(std::move(server));
    return org.servers.back();
  }

  void add_addresses(ExchangeServer& s, const std::vector<std::pair<std::string, Location>>& items) {
    for (const auto& [text, at] : items) {
      auto parsed = parse_ip_address(trim(text));
      if (!parsed) {
        org.issues.push_back(
            InputIssue::at(at.source, at.pointer)
                .about("Address", text, fmt::format("{} (an address of Exchange server {})", parsed.error, s.name))
                .of_server(s.name));
        continue;
      }
      if (std::find(s.addresses.begin(), s.addresses.end(), *parsed.value) == s.addresses.end())
        s.addresses.push_back(*parsed.value);
    }
  }

  void server_issue(const Location& at, std::string field, std::string text, std::string message) {
    org.issues.push_back(InputIssue::at(at.source, at.pointer).about(std::move(field), std::move(text), std::move(message)));
  }

  void read_server(const json& value, const Location& where) {
    if (value.is_string()) {
      // "NAME=ADDRESS[,ADDRESS...]" or just "NAME"
      std::string text = value.get<std::string>();
      auto eq = text.find('=');
      std::string name(trim(std::string_view(text).substr(0, eq)));
      if (name.empty()) {
        server_issue(where, "ExchangeServer", text,
                     fmt::format("'{}' names no server (expected NAME=ADDRESS[,ADDRESS...])", text));
        return;
      }
      auto& s = server_named(name);
      s.given = true;
      if (eq != std::string::npos) add_addresses(s, items_of(json(text.substr(eq + 1)), where));
      return;
    }
    if (!value.is_object()) {
      server_issue(where, "ExchangeServer", value.dump(),
                   "an Exchange server must be a NAME=ADDRESS string or an object with Name");
      return;
    }
    std::string name = string_of(value, "Name");
    if (name.empty()) {
      if (auto fqdn = string_of(value, "Fqdn"); !fqdn.empty()) name = fqdn.substr(0, fqdn.find('.'));
    }
    if (name.empty()) {
      server_issue(where, "Name", utf8_prefix(value.dump(), 200), "the Exchange server has no Name");
      return;
    }
    auto& s = server_named(name);
    s.given = true;
    if (auto fqdn = string_of(value, "Fqdn"); !fqdn.empty()) s.fqdn = fqdn;
    if (auto note = string_of(value, "AddressError"); !note.empty()) s.address_note = note;
    for (auto key : {"Address", "Addresses", "IPAddress", "IPAddresses", "ResolvedAddress"}) {
      std::string actual;
      if (const json* a = member(value, key, &actual); a && !a->is_null())
        add_addresses(s, items_of(*a, where / actual));
    }
    for (auto key : {"AdminDisplayVersion", "Version"}) {
      std::string actual;
      const json* v = member(value, key, &actual);
      if (!v || v->is_null()) continue;
      auto t = text_of(*v);
      if (!t || trim(*t).empty()) continue;
      auto parsed = parse_exchange_version(*t);
      if (parsed)
        s.version = *parsed.value;
      else
        server_issue(where / actual, key, *t,
                     fmt::format("{} (the version of Exchange server {})", parsed.error, name));
      break;
    }
    // ServerRole as Get-ExchangeServer prints it ("Mailbox", "Edge", "Mailbox, ClientAccess, HubTransport"),
    // or Role as a caller writes it; model/transport.h reads what the server runs from it.
    for (auto key : {"ServerRole", "Role"})
      if (auto role = string_of(value, key); !role.empty()) {
        s.server_role = role;
        break;
      }
    if (const json* e = member(value, "IsEdgeServer"); e && e->is_boolean() && e->get<bool>()) s.edge_given = true;
  }

  void finish() {
    // Lower-case name -> position in org.servers, so that placing N connectors on S servers costs N, not N x S.
    std::unordered_map<std::string, std::size_t> by_name;
    for (std::size_t i = 0; i < org.servers.size(); ++i) by_name.try_emplace(to_lower(org.servers[i].name), i);
    for (const auto& c : connectors) {
      auto [known, added] = by_name.try_emplace(to_lower(c.server), org.servers.size());
      auto& s = added ? server_named(c.server) : org.servers[known->second];
      s.has_connectors = true;
      s.connector_indices.push_back(c.index);
      // An address a connector binds to is where the server listens (a second NIC, a DAG network), not where
      // it connects from: it is not added to the server's addresses.
    }
    std::stable_sort(org.servers.begin(), org.servers.end(), [](const ExchangeServer& a, const ExchangeServer& b) {
      return to_lower(a.name) < to_lower(b.name);
    });
    infer_profiles(org);
  }
};

std::vector<std::string> string_list(const json& object, std::string_view key) {
  std::vector<std::string> out;
  const json* v = member(object, key);
  if (!v) return out;
  if (v->is_string()) out.push_back(v->get<std::string>());
  if (v->is_array())
    for (const auto& item : *v)
      if (auto t = text_of(item)) out.push_back(*t);
  return out;
}

void read_queries(const json& root, Request& request, Reader& reader) {
  const json* qs = member(root, "queries");
  if (!qs || !qs->is_array()) return;
  Location base{"request", "/queries"};
  for (std::size_t i = 0; i < qs->size(); ++i) {
    const json& q = (*qs)[i];
    ResolveQuery query;
    auto remote = q.is_object() && member(q, "remoteAddress") ? text_of(*member(q, "remoteAddress")) : std::nullopt;
    if (!remote) {
      reader.server_issue(base / i, "RemoteAddress", q.dump(), "the query has no remoteAddress");
      continue;
    }
    query.remote_text = *remote;
    auto parsed = parse_ip_address(trim(*remote));
    if (!parsed) {
      reader.server_issue(base / i / "remoteAddress", "RemoteAddress", *remote, parsed.error);
      continue;
    }
    query.remote_address = *parsed.value;
    if (const json* s = member(q, "server"); s && !s->is_null()) query.server = text_of(*s);
    if (const json* p = member(q, "port"); p && !p->is_null()) {
      auto t = text_of(*p);
      auto n = t ? parse_limit(*t) : Parsed<Limit>{};
      if (!n || n.value->unlimited() || *n.value->value > 65535) {
        reader.server_issue(base / i / "port", "Port", t.value_or(""),
                            fmt::format("'{}' is not a TCP port (0-65535)", t.value_or("")));
        continue;
      }
      query.port = static_cast<std::uint16_t>(*n.value->value);
    }
    if (const json* l = member(q, "localAddress"); l && !l->is_null()) {
      auto t = text_of(*l).value_or("");
      auto local = parse_ip_address(trim(t));
      if (!local) {
        reader.server_issue(base / i / "localAddress", "LocalAddress", t, local.error);
        continue;
      }
      if (local.value->family != query.remote_address.family) {
        reader.server_issue(
            base / i / "localAddress", "LocalAddress", t,
            fmt::format("the local address {} and the remote address {} are of different families", t, *remote));
        continue;
      }
      query.local_address = *local.value;
    }
    request.queries.push_back(std::move(query));
  }
}

/// "texts" of the smtp operation: strings, or objects with text, source and nextHop.
void read_smtp_texts(const json& root, Request& request, Reader& reader) {
  const json* ts = member(root, "texts");
  if (!ts || !ts->is_array()) return;
  for (std::size_t i = 0; i < ts->size(); ++i) {
    const json& t = (*ts)[i];
    SmtpText item;
    if (t.is_string()) {
      item.text = t.get<std::string>();
    } else if (t.is_object() && member(t, "text") && text_of(*member(t, "text"))) {
      item.text = *text_of(*member(t, "text"));
      item.source = reader.string_of(t, "source");
      item.next_hop = reader.string_of(t, "nextHop");
      item.queue_server = identity_server(item.source);
    } else if (!t.is_null()) {
      reader.server_issue(Location{"request", "/texts"} / i, "Text", utf8_prefix(t.dump(), 200),
                          "a text must be a string or an object with text (and source, nextHop)");
    }
    request.texts.push_back(std::move(item));  // one answer per text, also for one that could not be read
  }
}

/// "queues": objects with identity, nextHopDomain, lastError (Get-Queue's names, any case) and server.
void read_queues(const json& root, Request& request, Reader& reader) {
  const json* qs = member(root, "queues");
  if (!qs || !qs->is_array()) return;
  Location base{"request", "/queues"};
  for (std::size_t i = 0; i < qs->size(); ++i) {
    const json& q = (*qs)[i];
    if (!q.is_object()) {
      reader.server_issue(base / i, "Queue", utf8_prefix(q.dump(), 200),
                          "a queue must be an object with Identity, NextHopDomain and LastError");
      continue;
    }
    Queue queue;
    queue.identity = reader.string_of(q, "identity");
    queue.server = reader.string_of(q, "server");
    queue.next_hop = reader.string_of(q, "nextHopDomain");
    if (queue.next_hop.empty()) queue.next_hop = reader.string_of(q, "nextHop");
    queue.last_error = reader.string_of(q, "lastError");
    queue.pointer = (base / i).pointer;
    if (queue.server.empty()) queue.server = identity_server(queue.identity);
    request.organisation.queues.push_back(std::move(queue));
  }
}

}  // namespace

ParsedRequest parse_request(std::string_view json_text, const RequestLimits& limits) {
  ParsedRequest out;
  if (json_text.size() > limits.max_bytes) {
    out.error = RequestError{
        fmt::format("the request is {} bytes, above the limit of {} bytes", json_text.size(), limits.max_bytes),
        limits.max_bytes};
    return out;
  }
  std::string error;
  std::size_t offset = 0;
  auto root = parse_json(json_text, limits.max_depth, error, offset);
  if (!root) {
    out.error = RequestError{"the request is " + error, offset};
    return out;
  }
  if (!root->is_object()) {
    out.error = RequestError{"the request must be a JSON object with an \"operation\"", 0};
    return out;
  }
  Request request;
  LimitChecker bounds(limits, request.organisation.issues);
  if (auto e = bounds.check_request(*root)) {
    out.error = std::move(e);
    return out;
  }
  std::string operation = "analyze";
  if (const json* op = member(*root, "operation"); op && !op->is_null()) {
    if (!op->is_string()) {
      out.error = RequestError{
          fmt::format("\"operation\" must be a string (analyze, resolve, rules, smtp, map or report), not {}",
                      op->dump()),
          0};
      return out;
    }
    operation = op->get<std::string>();
  }
  if (iequals(operation, "analyze"))
    request.operation = Operation::Analyze;
  else if (iequals(operation, "resolve"))
    request.operation = Operation::Resolve;
  else if (iequals(operation, "rules"))
    request.operation = Operation::Rules;
  else if (iequals(operation, "smtp"))
    request.operation = Operation::Smtp;
  else if (iequals(operation, "map"))
    request.operation = Operation::Map;
  else if (iequals(operation, "report"))
    request.operation = Operation::Report;
  else {
    out.error = RequestError{
        fmt::format("unknown operation '{}' (expected analyze, resolve, rules, smtp, map or report)", operation), 0};
    return out;
  }

  Reader reader{request.organisation, request.organisation.connectors};
  if (const json* connectors = member(*root, "connectors"); connectors && !connectors->is_null())
    reader.read_connector_list(*connectors, Location{"request", "/connectors"}, std::size_t{0});
  if (const json* documents = member(*root, "documents"); documents && documents->is_array()) {
    for (std::size_t d = 0; d < documents->size(); ++d) {
      const json& doc = (*documents)[d];
      std::string source = doc.is_object() ? reader.string_of(doc, "source") : "";
      if (source.empty()) source = fmt::format("document {}", d);
      const json* text = doc.is_object() ? member(doc, "text") : nullptr;
      if (!text || !text->is_string()) continue;
      const std::string& body = text->get_ref<const std::string&>();
      std::string doc_error;
      std::size_t doc_offset = 0;
      auto parsed = parse_json(body, limits.max_depth, doc_error, doc_offset);
      if (!parsed) {
        // 40 bytes from the error on, cut at character boundaries at both ends.
        std::size_t from = utf8_boundary(body, doc_offset);
        request.organisation.issues.push_back(
            InputIssue::at(source, "").about("", utf8_prefix(std::string_view(body).substr(from), 40),
                                             fmt::format("{} is {}", source, doc_error)));
        continue;
      }
      if (auto e = bounds.check_document(*parsed, source)) {
        out.error = std::move(e);
        return out;
      }
      reader.read_connector_list(*parsed, Location{source, ""}, std::nullopt);
    }
  }
  if (const json* servers = member(*root, "servers"); servers && servers->is_array())
    for (std::size_t i = 0; i < servers->size(); ++i)
      reader.read_server((*servers)[i], Location{"request", "/servers"} / i);
  reader.finish();
  read_certificates(*root, request.organisation);

  request.rules = string_list(*root, "rules");
  request.exclude_rules = string_list(*root, "excludeRules");
  if (const json* m = member(*root, "minimumSeverity"); m && m->is_string())
    request.minimum_severity = m->get<std::string>();
  read_queries(*root, request, reader);
  read_smtp_texts(*root, request, reader);
  read_queues(*root, request, reader);
  if (const json* f = member(*root, "findings"); f && f->is_array()) request.findings = nlohmann::ordered_json(*f);
  if (const json* t = member(*root, "title"); t && t->is_string()) request.title = t->get<std::string>();
  if (const json* g = member(*root, "generatedAt"); g && g->is_string()) request.generated_at = g->get<std::string>();
  out.request = std::move(request);
  return out;
}

}  // namespace ecd
