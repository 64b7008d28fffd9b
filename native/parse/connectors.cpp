// The receive connectors of a request or a document: Get-ReceiveConnector objects as PowerShell writes them
// (live, deserialized, Import-Clixml or JSON). A bad value is an input issue on that property, and the rest of the
// connector (and of the input) is still read.
#include <fmt/format.h>

#include "json_input.h"
#include "readers.h"

namespace ecd {
namespace {

class ConnectorReader {
 public:
  explicit ConnectorReader(Organisation& org) : org(org) {}

  void issue(const Location& where, const Connector* c, std::string field, std::string text, std::string message,
             std::optional<std::size_t> item) {
    InputIssue i = where.issue().about(std::move(field), std::move(text), std::move(message)).of_item(item);
    org.issues.push_back(c ? std::move(i).in(*c) : std::move(i));
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
    c.index = org.connectors.size();
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
    read_selection_properties(value, where, c);
    read_other_properties(value, where, c);
    org.connectors.push_back(std::move(c));
  }

  /// The properties of `value` read into `c`, which is not added to the organisation (a change's parameters).
  void read_values(const json& value, const Location& where, Connector& c) {
    read_selection_properties(value, where, c);
    read_other_properties(value, where, c);
  }

  void require(const json& object, std::string_view key, const Location& where, Connector& c, std::string_view why) {
    const json* v = member(object, key);
    if (!v || v->is_null())
      issue(where / key, &c, std::string(key), "", fmt::format("the connector has no {}: {}", key, why), c.item);
  }

  /// The properties that selection and the Exchange-authentication checks read; a missing one is an input issue.
  void read_selection_properties(const json& value, const Location& where, Connector& c) {
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
  }

  /// The properties that do not take part in selection: names, TLS, throttling, limits and logging. One line per
  /// property, as a table: a bad value is an input issue on that property only.
  void read_other_properties(const json& value, const Location& where, Connector& c) {
    std::string key;
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

 private:
  Organisation& org;
};

}  // namespace

void read_connectors(const json& value, const Location& where, std::optional<std::size_t> first_item,
                     Organisation& organisation) {
  ConnectorReader(organisation).read_connector_list(value, where, first_item);
}

void read_connector_values(const json& value, const Location& where, Connector& connector, Organisation& organisation) {
  ConnectorReader(organisation).read_values(value, where, connector);
}

}  // namespace ecd
