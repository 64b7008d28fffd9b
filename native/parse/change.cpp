#include "parse/change.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "json_input.h"
#include "model/defaults.h"
#include "readers.h"

namespace ecd {
namespace {

using Copy = void (*)(Connector& to, const Connector& from);

/// Each property a change may set, and how its value goes from the connector read from the change to the
/// connector changed. Identity, Name and Server are not properties a change sets here.
const std::array<std::pair<std::string_view, Copy>, 29> kProperties{{
    {"Enabled", [](Connector& t, const Connector& f) { t.enabled = f.enabled; }},
    {"TransportRole",
     [](Connector& t, const Connector& f) {
       t.transport_role = f.transport_role;
       t.transport_role_given = f.transport_role_given;
     }},
    {"Bindings",
     [](Connector& t, const Connector& f) {
       t.bindings = f.bindings;
       t.has_bindings = f.has_bindings;
     }},
    {"RemoteIPRanges",
     [](Connector& t, const Connector& f) {
       t.remote_ip_ranges = f.remote_ip_ranges;
       t.has_remote_ip_ranges = f.has_remote_ip_ranges;
     }},
    {"AuthMechanism", [](Connector& t, const Connector& f) { t.auth_mechanism = f.auth_mechanism; }},
    {"PermissionGroups", [](Connector& t, const Connector& f) { t.permission_groups = f.permission_groups; }},
    {"Fqdn", [](Connector& t, const Connector& f) { t.fqdn = f.fqdn; }},
    {"Comment", [](Connector& t, const Connector& f) { t.comment = f.comment; }},
    {"TlsCertificateName", [](Connector& t, const Connector& f) { t.tls_certificate_name = f.tls_certificate_name; }},
    {"TlsDomainCapabilities",
     [](Connector& t, const Connector& f) { t.tls_domain_capabilities = f.tls_domain_capabilities; }},
    {"SuppressXAnonymousTls",
     [](Connector& t, const Connector& f) { t.suppress_x_anonymous_tls = f.suppress_x_anonymous_tls; }},
    {"RequireTLS", [](Connector& t, const Connector& f) { t.require_tls = f.require_tls; }},
    {"DomainSecureEnabled",
     [](Connector& t, const Connector& f) { t.domain_secure_enabled = f.domain_secure_enabled; }},
    {"EnableAuthGSSAPI", [](Connector& t, const Connector& f) { t.enable_auth_gssapi = f.enable_auth_gssapi; }},
    {"ProxyEnabled", [](Connector& t, const Connector& f) { t.proxy_enabled = f.proxy_enabled; }},
    {"MaxInboundConnection",
     [](Connector& t, const Connector& f) { t.max_inbound_connection = f.max_inbound_connection; }},
    {"MaxInboundConnectionPerSource",
     [](Connector& t, const Connector& f) {
       t.max_inbound_connection_per_source = f.max_inbound_connection_per_source;
     }},
    {"MaxInboundConnectionPercentagePerSource",
     [](Connector& t, const Connector& f) {
       t.max_inbound_connection_percentage_per_source = f.max_inbound_connection_percentage_per_source;
     }},
    {"MessageRateLimit", [](Connector& t, const Connector& f) { t.message_rate_limit = f.message_rate_limit; }},
    {"MessageRateSource", [](Connector& t, const Connector& f) { t.message_rate_source = f.message_rate_source; }},
    {"MaxMessageSize", [](Connector& t, const Connector& f) { t.max_message_size = f.max_message_size; }},
    {"MaxHeaderSize", [](Connector& t, const Connector& f) { t.max_header_size = f.max_header_size; }},
    {"MaxRecipientsPerMessage",
     [](Connector& t, const Connector& f) { t.max_recipients_per_message = f.max_recipients_per_message; }},
    {"MaxProtocolErrors", [](Connector& t, const Connector& f) { t.max_protocol_errors = f.max_protocol_errors; }},
    {"MaxHopCount", [](Connector& t, const Connector& f) { t.max_hop_count = f.max_hop_count; }},
    {"MaxLocalHopCount", [](Connector& t, const Connector& f) { t.max_local_hop_count = f.max_local_hop_count; }},
    {"MaxLogonFailures", [](Connector& t, const Connector& f) { t.max_logon_failures = f.max_logon_failures; }},
    {"ConnectionTimeout",
     [](Connector& t, const Connector& f) { t.connection_timeout_seconds = f.connection_timeout_seconds; }},
    {"ProtocolLoggingLevel",
     [](Connector& t, const Connector& f) { t.protocol_logging_level = f.protocol_logging_level; }},
}};

Copy copier(std::string_view name) {
  for (const auto& [property, copy] : kProperties)
    if (iequals(property, name)) return copy;
  return nullptr;
}

/// Names a cmdlet call carries that are not connector properties. -Name is not among them: Set-ReceiveConnector
/// -Name renames the connector, which the engine does not model (a default connector is known by its name).
bool common_parameter(std::string_view name) {
  for (std::string_view n : {"Identity", "Server", "Confirm", "WhatIf", "DomainController", "Force"})
    if (iequals(n, name)) return true;
  return false;
}

/// The parameters as the connector reader takes them: a flag list given as an array (-AuthMechanism Tls,
/// ExchangeServer; a fix's value) is one comma-separated string, as Get-ReceiveConnector prints it.
json as_connector_values(const json& parameters) {
  json out = parameters;
  for (auto it = out.begin(); it != out.end(); ++it) {
    if (!it.value().is_array() || !(iequals(it.key(), "AuthMechanism") || iequals(it.key(), "PermissionGroups")))
      continue;
    std::string text;
    for (const auto& item : it.value()) {
      auto t = text_of(item);
      if (!t) {  // not text: left as it is, so that the reader says what is wrong with it
        text.clear();
        break;
      }
      text += (text.empty() ? "" : ", ") + *t;
    }
    if (!text.empty()) it.value() = text;
  }
  return out;
}

Connector* find_connector(Organisation& org, std::string_view identity) {
  for (auto& c : org.connectors)
    if (iequals(c.identity, identity)) return &c;
  return nullptr;
}

void change_issue(Organisation& org, const ConnectorChange& change, std::string field, std::string text,
                  std::string message) {
  org.issues.push_back(InputIssue::at(change.source, change.pointer + (field.empty() ? "" : "/" + to_lower(field)))
                           .about(std::move(field), std::move(text), std::move(message))
                           .in_identity(change.identity));
}

/// Set-ReceiveConnector: the given properties read as a connector's, copied onto the connector.
ChangeOutcome set_connector(Organisation& org, const ConnectorChange& change) {
  ChangeOutcome out;
  Connector* target = find_connector(org, change.identity);
  if (!target) {
    change_issue(org, change, "Identity", change.identity,
                 fmt::format("there is no connector '{}' among those given, so the change to it cannot be checked",
                             change.identity));
    return out;
  }
  Connector read;  // the change's values, read as a connector's; issues about missing properties are dropped
  read.index = target->index;
  read.item = target->item;
  read.identity = target->identity;
  read.name = target->name;
  read.server = target->server;
  Organisation scratch;
  read_connector_values(as_connector_values(change.parameters), Location{change.source, change.pointer + "/parameters"},
                        read, scratch);
  for (auto it = change.parameters.begin(); it != change.parameters.end(); ++it) {
    if (common_parameter(it.key())) continue;
    if (Copy copy = copier(it.key())) {
      copy(*target, read);
      out.properties.push_back(it.key());
    } else {
      out.not_modelled.push_back(it.key());
    }
  }
  for (auto& issue : scratch.issues)
    for (const auto& p : out.properties)
      if (iequals(issue.field, p)) {
        org.issues.push_back(std::move(issue));
        break;
      }
  out.applied = true;
  out.connector = target->index;
  return out;
}

/// New-ReceiveConnector: its defaults, then the given parameters over them, read as a Get-ReceiveConnector object.
ChangeOutcome new_connector(Organisation& org, const ConnectorChange& change) {
  ChangeOutcome out;
  if (change.server.empty() || change.name.empty()) {
    change_issue(org, change, "Name", change.identity,
                 "a new connector needs -Server and -Name, so the change cannot be checked");
    return out;
  }
  if (find_connector(org, change.identity)) {
    change_issue(org, change, "Name", change.identity,
                 fmt::format("a connector '{}' exists already: New-ReceiveConnector would fail", change.identity));
    return out;
  }
  const auto usage = parse_connector_usage(change.usage);
  if (!usage) {
    change_issue(org, change, "Usage", change.usage,
                 fmt::format("'{}' is not a usage type of New-ReceiveConnector (Client, Custom, Internal, Internet, "
                             "Partner)",
                             change.usage));
    return out;
  }
  const ExchangeServer* server = org.find_server(change.server);
  const NewConnectorDefaults defaults = new_connector_defaults(*usage, server && server->profile.is_edge());
  json object = json::object();
  object["Identity"] = change.identity;
  object["Server"] = change.server;
  object["Name"] = change.name;
  object["TransportRole"] = std::string(transport_role_name(new_connector_role(server)));
  object["Enabled"] = true;
  object["AuthMechanism"] = format_auth_mechanism(defaults.auth);
  object["PermissionGroups"] = format_permission_groups(defaults.permissions);
  if (defaults.domain_secure) object["DomainSecureEnabled"] = true;
  const json parameters = as_connector_values(change.parameters);
  for (auto it = parameters.begin(); it != parameters.end(); ++it) {
    if (common_parameter(it.key())) continue;
    if (!copier(it.key())) {
      out.not_modelled.push_back(it.key());
      continue;
    }
    for (auto d = object.begin(); d != object.end(); ++d)
      if (iequals(d.key(), it.key())) {
        object.erase(d);
        break;
      }
    object[it.key()] = it.value();
    out.properties.push_back(it.key());
  }
  const std::size_t before = org.connectors.size();
  read_connectors(object, Location{change.source, change.pointer + "/parameters"}, std::nullopt, org);
  if (org.connectors.size() == before) return out;
  out.applied = true;
  out.connector = before;
  return out;
}

}  // namespace

bool modelled_parameter(std::string_view name) {
  return copier(name) != nullptr;
}

ChangeOutcome apply_change(Organisation& org, const ConnectorChange& change) {
  ChangeOutcome out = change.create ? new_connector(org, change) : set_connector(org, change);
  if (out.applied) replace_connectors_on_servers(org);
  return out;
}

}  // namespace ecd
