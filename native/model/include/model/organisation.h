// The typed model of one request: the receive connectors, the Exchange servers, and what was wrong
// with the input. Everything the rules read is here, parsed once; nothing refers back to JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ip.h"
#include "core/values.h"
#include "model/certificate.h"
#include "model/transport.h"

namespace ecd {

struct Connector;

/// The server of an identity written "SERVER\Name" (a connector's or a queue's), empty when it has no backslash.
std::string identity_server(std::string_view identity);

/// One value of the input that could not be used: where it is and why. Built in one way everywhere:
/// InputIssue::at(source, pointer).about(field, text, message), with .in(connector) or .of_server(name).
struct InputIssue {
  std::optional<std::size_t> connector;  // index into Organisation::connectors when the issue is in one
  std::optional<std::size_t> item;       // position of the input item (pipeline object) it came from
  std::string server;                    // server of that connector, when known
  std::string connector_identity;        // identity of that connector, when known
  std::string field;                     // "RemoteIPRanges", "Bindings", ...; empty for a whole item
  std::string text;                      // the offending text, as given
  std::string pointer;                   // JSON pointer into the request or the file ("/connectors/3/RemoteIPRanges/1")
  std::string source;                    // "request" or the file the connectors came from
  std::string message;                   // what is wrong, in words

  /// Where: "request" or a file's name, and the JSON pointer in it.
  static InputIssue at(std::string source, std::string pointer);
  /// What: the property, the text as given, and what is wrong with it.
  InputIssue&& about(std::string field, std::string text, std::string message) &&;
  /// In which connector (its index, server and identity).
  InputIssue&& in(const Connector& connector) &&;
  /// In the connector of that identity ("SRV\Name"; the server is its prefix) when only the identity is known.
  InputIssue&& in_identity(std::string identity) &&;
  InputIssue&& of_server(std::string server) &&;
  InputIssue&& of_item(std::optional<std::size_t> item) &&;
};

struct Connector {
  std::size_t index = 0;            // position among all connectors: Exchange's (AD) order, used for ties
  std::optional<std::size_t> item;  // position of the input item it came from
  std::string identity;             // "EX01\Default Frontend EX01"
  std::string name;
  std::string server;  // the server's NetBIOS name, as Exchange prints it

  std::optional<TransportRole> transport_role;
  /// The TransportRole property was there. An Exchange 2010/2007 shell exports connectors without it; they
  /// are read as HubTransport, the directory's default (DOMAIN.md §2.1).
  bool transport_role_given = false;
  bool enabled = true;
  std::vector<IpBinding> bindings;
  bool has_bindings = false;  // the property was present and held at least one valid binding
  std::vector<IpRange> remote_ip_ranges;
  bool has_remote_ip_ranges = false;
  std::optional<std::uint32_t> auth_mechanism;
  std::optional<std::uint32_t> permission_groups;
  std::string fqdn;
  std::optional<std::string> tls_certificate_name;
  std::vector<std::string> tls_domain_capabilities;
  std::optional<bool> suppress_x_anonymous_tls;
  std::optional<bool> require_tls;
  std::optional<bool> domain_secure_enabled;
  std::optional<bool> enable_auth_gssapi;
  std::optional<bool> proxy_enabled;
  std::optional<Limit> max_inbound_connection;
  std::optional<Limit> max_inbound_connection_per_source;
  std::optional<std::int64_t> max_inbound_connection_percentage_per_source;
  std::optional<Limit> message_rate_limit;
  std::optional<int> message_rate_source;  // None, IPAddress, User, All
  std::optional<Limit> max_message_size;
  std::optional<Limit> max_header_size;
  std::optional<Limit> max_recipients_per_message;
  std::optional<Limit> max_protocol_errors;
  std::optional<std::int64_t> max_hop_count;
  std::optional<std::int64_t> max_local_hop_count;
  std::optional<std::int64_t> max_logon_failures;
  std::optional<std::int64_t> connection_timeout_seconds;
  std::optional<std::int64_t> connection_inactivity_timeout_seconds;
  std::optional<std::int64_t> tarpit_interval_seconds;
  std::optional<int> size_enabled;                // Disabled, Enabled, EnabledWithoutValue
  std::optional<int> protocol_logging_level;      // None, Verbose
  std::optional<int> extended_protection_policy;  // None, Allow, Require
  std::string comment;

  /// Can take part in connector selection: it has a role, bindings and remote ranges.
  bool selectable() const { return transport_role.has_value() && has_bindings && has_remote_ip_ranges; }
  bool has_auth(std::uint32_t flag) const { return auth_mechanism && (*auth_mechanism & flag) != 0; }
  bool has_permission(std::uint32_t flag) const { return permission_groups && (*permission_groups & flag) != 0; }
};

/// The directory holds about 1,200 RemoteIPRanges entries per connector; beyond it Set-ReceiveConnector
/// fails with "The administrative limit for this request was exceeded." (DOMAIN.md §7).
inline constexpr std::size_t kRemoteIPRangesLimit = 1200;

struct ExchangeServer {
  std::string name;  // NetBIOS name
  std::string fqdn;
  /// Where it connects from: the addresses given for it or resolved from its FQDN, deduplicated, in the order
  /// given. Never the addresses its connectors bind to (where it listens: a second NIC, a DAG network).
  std::vector<IpAddress> addresses;
  std::string address_note;                // why no address is known, as the caller says ("DNS ... failed")
  std::optional<ExchangeVersion> version;  // from AdminDisplayVersion / Version
  std::string server_role;                 // as given ("Mailbox", "Edge", "Mailbox, ClientAccess, HubTransport")
  bool edge_given = false;                 // IsEdgeServer was true
  bool given = false;                      // named by the request's servers (-ExchangeServer)
  bool has_connectors = false;             // some connector of the request belongs to it
  // Its connectors: positions in Organisation::connectors (the reader fills it; connectors_of reads it).
  std::vector<std::size_t> connector_indices;
  ServerProfile profile;  // what it runs, from what is given and its connectors (model/transport.h)
  /// The addresses of its network adapters ("LocalAddresses"), when given: every address a connector may bind to.
  /// Not where it connects from (`addresses`): a server listens on more addresses than it sends from.
  std::vector<IpAddress> local_addresses;
  bool local_addresses_given = false;
  /// Get-TransportService's InternalTransportCertificateThumbprint (or the same member on the server object);
  /// empty when given empty; nullopt when not given.
  std::optional<std::string> internal_transport_certificate;
  std::string internal_transport_certificate_pointer;  // where it was given in the request
};

/// Get-HybridConfiguration, when given: the certificate the hybrid wizard configured and the servers that
/// are expected to hold it (DOMAIN-SUPPLEMENT.md §C.3).
struct HybridConfiguration {
  std::optional<std::string> tls_certificate_name;  // "<I>issuer<S>subject"; nullopt when empty
  std::vector<std::string> transport_servers;       // SendingTransportServers and ReceivingTransportServers, names
  std::vector<std::string> edge_transport_servers;  // EdgeTransportServers, names
};

/// A queue handed in with the connectors (Get-Queue, or Resolve-SmtpError results): the symptom that
/// the analysis should explain. diagnose/queue.h fills in the derived fields.
struct Queue {
  std::string identity;    // "LEGACY01\\Submission" or "LEGACY01\\5"
  std::string server;      // the server holding the queue (Identity's prefix or given), may be empty
  std::string next_hop;    // NextHopDomain as given ("ex01.contoso.com"), may be empty
  std::string last_error;  // LastError as given
  std::string pointer;     // where it is in the request ("/queues/0")
  // Derived (diagnose/queue.h):
  bool failing = false;   // LastError holds a 4xx/5xx reply, or text that is no reply at all
  std::string target;     // the Exchange server the next hop names, empty when none of the request's
  std::string reply;      // the innermost reply, as text
  std::vector<int> rows;  // DOMAIN.md §5.2 rows that produce it
};

struct Organisation {
  std::vector<Connector> connectors;
  std::vector<ExchangeServer> servers;  // sorted by name (case-insensitive)
  std::vector<InputIssue> issues;
  std::vector<Queue> queues;
  std::vector<Certificate> certificates;      // Get-ExchangeCertificate objects, when given
  bool certificates_given = false;            // the request had "certificates" (even an empty list)
  std::optional<std::int64_t> as_of;          // "asOf": the time to judge expiry at, seconds since 1970 UTC
  bool transport_services_given = false;      // the request had "transportServices" (-TransportService)
  std::optional<HybridConfiguration> hybrid;  // "hybridConfiguration" (-HybridConfiguration)
  /// "loadBalancers" (-LoadBalancer): the addresses load balancers connect from when they translate the
  /// source address (SNAT); every sender behind one arrives from it.
  std::vector<IpAddress> load_balancers;
  bool load_balancers_given = false;

  const ExchangeServer* find_server(std::string_view name) const;
  std::vector<const Connector*> connectors_of(std::string_view server) const;
};

}  // namespace ecd
