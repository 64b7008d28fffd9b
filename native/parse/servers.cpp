// The Exchange servers of a request (-ExchangeServer: Get-ExchangeServer objects or NAME=ADDRESS strings), and
// the servers the connectors belong to: their names, FQDNs, addresses, versions and roles, in name order, each
// with its connectors and its profile (model/transport.h).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "json_input.h"
#include "readers.h"

namespace ecd {
namespace {

ExchangeServer& server_named(Organisation& org, std::string_view name) {
  for (auto& s : org.servers)
    if (iequals(s.name, name)) return s;
  ExchangeServer server;
  server.name = std::string(name);
  org.servers.push_back(std::move(server));
  return org.servers.back();
}

void add_addresses(Organisation& org, ExchangeServer& s, const std::vector<std::pair<std::string, Location>>& items) {
  for (const auto& [text, at] : items) {
    auto parsed = parse_ip_address(trim(text));
    if (!parsed) {
      org.issues.push_back(
          at.issue()
              .about("Address", text, fmt::format("{} (an address of Exchange server {})", parsed.error, s.name))
              .of_server(s.name));
      continue;
    }
    if (std::find(s.addresses.begin(), s.addresses.end(), *parsed.value) == s.addresses.end())
      s.addresses.push_back(*parsed.value);
  }
}

/// "NAME=ADDRESS[,ADDRESS...]" or just "NAME".
void read_server_text(Organisation& org, const std::string& text, const Location& where) {
  auto eq = text.find('=');
  std::string name(trim(std::string_view(text).substr(0, eq)));
  if (name.empty()) {
    org.issues.push_back(where.issue().about(
        "ExchangeServer", text, fmt::format("'{}' names no server (expected NAME=ADDRESS[,ADDRESS...])", text)));
    return;
  }
  auto& s = server_named(org, name);
  s.given = true;
  if (eq != std::string::npos) add_addresses(org, s, items_of(json(text.substr(eq + 1)), where));
}

/// AdminDisplayVersion or Version, the first one given.
void read_version(Organisation& org, ExchangeServer& s, const json& value, const Location& where) {
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
      org.issues.push_back(
          (where / actual)
              .issue()
              .about(key, *t, fmt::format("{} (the version of Exchange server {})", parsed.error, s.name)));
    return;
  }
}

/// InternalTransportCertificateThumbprint of a Get-TransportService object or a server object, when present.
void read_internal_transport_certificate(ExchangeServer& s, const json& value, const Location& where) {
  std::string actual;
  const json* t = member(value, "InternalTransportCertificateThumbprint", &actual);
  if (!t) return;
  s.internal_transport_certificate = t->is_null() ? std::string() : std::string(trim(text_of(*t).value_or("")));
  s.internal_transport_certificate_pointer = (where / actual).pointer;
}

/// A Get-ExchangeServer object (or one a caller writes with Name, Fqdn, Address, Version, Role).
void read_server_object(Organisation& org, const json& value, const Location& where) {
  std::string name = string_of(value, "Name");
  if (name.empty())
    if (auto fqdn = string_of(value, "Fqdn"); !fqdn.empty()) name = fqdn.substr(0, fqdn.find('.'));
  if (name.empty()) {
    org.issues.push_back(
        where.issue().about("Name", utf8_prefix(value.dump(), 200), "the Exchange server has no Name"));
    return;
  }
  auto& s = server_named(org, name);
  s.given = true;
  if (auto fqdn = string_of(value, "Fqdn"); !fqdn.empty()) s.fqdn = fqdn;
  if (auto note = string_of(value, "AddressError"); !note.empty()) s.address_note = note;
  for (auto key : {"Address", "Addresses", "IPAddress", "IPAddresses", "ResolvedAddress"}) {
    std::string actual;
    if (const json* a = member(value, key, &actual); a && !a->is_null())
      add_addresses(org, s, items_of(*a, where / actual));
  }
  std::string local_key;
  if (const json* local = member(value, "LocalAddresses", &local_key); local && !local->is_null()) {
    s.local_addresses_given = true;
    for (const auto& [text, at] : items_of(*local, where / local_key)) {
      auto parsed = parse_ip_address(trim(text));
      if (!parsed) {
        org.issues.push_back(at.issue()
                                 .about("LocalAddresses", text,
                                        fmt::format("{} (a local address of Exchange server {})", parsed.error, s.name))
                                 .of_server(s.name));
        continue;
      }
      if (std::find(s.local_addresses.begin(), s.local_addresses.end(), *parsed.value) == s.local_addresses.end())
        s.local_addresses.push_back(*parsed.value);
    }
  }
  read_version(org, s, value, where);
  // ServerRole as Get-ExchangeServer prints it ("Mailbox", "Edge", "Mailbox, ClientAccess, HubTransport"),
  // or Role as a caller writes it; model/transport.h reads what the server runs from it.
  for (auto key : {"ServerRole", "Role"})
    if (auto role = string_of(value, key); !role.empty()) {
      s.server_role = role;
      break;
    }
  if (const json* e = member(value, "IsEdgeServer"); e && e->is_boolean() && e->get<bool>()) s.edge_given = true;
  read_internal_transport_certificate(s, value, where);
}

}  // namespace

void read_server(const json& value, const Location& where, Organisation& org) {
  if (value.is_string())
    read_server_text(org, value.get<std::string>(), where);
  else if (value.is_object())
    read_server_object(org, value, where);
  else
    org.issues.push_back(where.issue().about(
        "ExchangeServer", value.dump(), "an Exchange server must be a NAME=ADDRESS string or an object with Name"));
}

void read_transport_service(const json& value, const Location& where, Organisation& org) {
  org.transport_services_given = true;
  if (!value.is_object()) {
    org.issues.push_back(where.issue().about("TransportService", utf8_prefix(value.dump(), 200),
                                             "a transport service must be a Get-TransportService object with Name and "
                                             "InternalTransportCertificateThumbprint"));
    return;
  }
  // Get-TransportService's Name and Identity are the server's name; a caller may write Server.
  std::string name = string_of(value, "Name");
  if (name.empty()) name = string_of(value, "Server");
  if (name.empty()) name = string_of(value, "Identity");
  name = std::string(trim(name));
  if (name.empty()) {
    org.issues.push_back(
        where.issue().about("Name", utf8_prefix(value.dump(), 200), "the transport service names no server"));
    return;
  }
  // Only servers of the analysis (named by a connector or -ExchangeServer): a transport service of another server
  // adds no server, so that it is not reported as one whose addresses or connectors are missing.
  std::string_view short_name = std::string_view(name).substr(0, name.find('.'));
  for (auto& s : org.servers)
    if (iequals(s.name, name) || iequals(s.name, short_name) || (!s.fqdn.empty() && iequals(s.fqdn, name))) {
      read_internal_transport_certificate(s, value, where);
      return;
    }
}

void place_connectors_on_servers(Organisation& org) {
  // Lower-case name -> position in org.servers, so that placing N connectors on S servers costs N, not N x S.
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < org.servers.size(); ++i) by_name.try_emplace(to_lower(org.servers[i].name), i);
  for (const auto& c : org.connectors) {
    auto [known, added] = by_name.try_emplace(to_lower(c.server), org.servers.size());
    auto& s = added ? server_named(org, c.server) : org.servers[known->second];
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

void replace_connectors_on_servers(Organisation& org) {
  for (auto& s : org.servers) {
    s.connector_indices.clear();
    s.has_connectors = false;
  }
  place_connectors_on_servers(org);
}

}  // namespace ecd
