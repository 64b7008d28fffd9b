// A finding: what a rule found, for whom, why, and the command that fixes it, as data. Later stages read its typed
// fields (the sender and port of a capture, how the sender delivers there, the cause rows of its rule, the queues
// it explains, the fix), never its words or its evidence; report/response.cpp writes it out in a stable order.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ip.h"
#include "model/transport.h"

namespace ecd {

enum class Severity { Information = 0, Warning = 1, Error = 2 };
/// "Information", "Warning", "Error"; and back (any case).
std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// A command as data: the cmdlet and its parameters with typed values (a string, a list of strings, a
/// boolean). The text an administrator pastes is made from it (report/powershell_command.h), so the two
/// cannot disagree.
struct Fix {
  std::string cmdlet;
  std::vector<std::pair<std::string, nlohmann::ordered_json>> parameters;
  /// The connector's value of each parameter before the fix, in the same form (null when the connector did
  /// not have the property), for "old -> new" (Repair-ReceiveConnector -WhatIf); not part of the command.
  std::vector<std::pair<std::string, nlohmann::ordered_json>> before;
};

/// What one finding asks of the connector it is about, as edits that compose with the edits of other
/// findings on the same connector (rules/fixes.h folds them into one command): addresses taken out of
/// RemoteIPRanges and entries added to it, bindings added and removed, flags added and taken away, and
/// properties set to a value.
struct ConnectorEdit {
  std::vector<Interval> remove_addresses;   ///< RemoteIPRanges: taken out, ranges split around them
  std::vector<std::string> add_ranges;      ///< RemoteIPRanges: entries added, in Exchange notation
  std::vector<std::string> remove_entries;  ///< RemoteIPRanges: entries dropped as written (a bare "0.0.0.0")
  std::vector<IpBinding> remove_bindings;
  std::vector<IpBinding> add_bindings;
  std::uint32_t add_auth = 0;  ///< AuthMechanism flags
  std::uint32_t remove_auth = 0;
  std::uint32_t add_permissions = 0;  ///< PermissionGroups flags
  std::uint32_t remove_permissions = 0;
  /// Other properties set to one value: Enabled, TransportRole, Fqdn, SuppressXAnonymousTls, TlsCertificateName,
  /// TlsDomainCapabilities, MaxInboundConnectionPerSource, MaxInboundConnectionPercentagePerSource.
  std::vector<std::pair<std::string, nlohmann::ordered_json>> set;

  ConnectorEdit& assign(std::string_view property, nlohmann::ordered_json value) {
    set.emplace_back(std::string(property), std::move(value));
    return *this;
  }
};

struct Finding {
  /// Stable across runs for the same input: the rule id and a short hash of what identifies the finding (rule,
  /// server, connector, sender, port; the evidence only to tell apart findings those leave equal). assign_ids sets it.
  std::string id;
  std::string rule_id;
  std::string rule;
  std::vector<int> rows;        // DOMAIN.md §5.2 rows its rule explains (RuleInfo::rows)
  bool says_unchecked = false;  // it says a check could not run (RuleInfo::says_unchecked)
  Severity severity = Severity::Information;
  std::string server;
  std::string connector;  // identity, "SRV\Name"; empty when the finding is about a server
  std::string message;
  /// One line for a table: what happened, in at most about 60 characters. finding_of starts it as the rule's
  /// title; a rule that knows more (the sender, the port, the reply) writes its own.
  std::string summary;
  std::string symptom;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
  std::string remediation;
  std::string remediation_command;
  std::optional<Fix> fix;  // the command as data, when it is one cmdlet call

  // What later stages read (the evidence says the same for people):
  std::string sender;                        // the Exchange server whose connection the finding is about, if any
  std::optional<std::uint16_t> port;         // the port of that connection
  std::optional<Delivery> delivery;          // whether the sender delivers on that port (model/transport.h)
  std::vector<std::string> explains_queues;  // the failing queues it explains (diagnose/queue.h)

  /// The change this finding asks of connector `edit_connector` (an index into Organisation::connectors);
  /// the fix pass turns the edits of all findings on that connector into `fix` and `remediation_command`.
  std::optional<ConnectorEdit> edit;
  std::optional<std::size_t> edit_connector;
};

/// Gives each finding its stable id (Finding::id): "<ruleId>-<8 hex digits>", from the rule id, server, connector
/// (case-insensitively, as Exchange compares names), sender and port; where two findings of the list agree on all
/// of those, their evidence is hashed as well. Message text is not hashed, so rewording a message keeps the ids.
void assign_ids(std::vector<Finding>& findings);

/// The order an administrator reads: Error, Warning, Information, then server, connector, rule and evidence
/// (stable: the same findings always come out in the same order).
void sort_findings(std::vector<Finding>& findings);

}  // namespace ecd
