// The response JSON of every operation, from typed data: findings, the rule catalogue, resolutions, port maps and
// SMTP diagnoses. Stable order and stable keys (docs/REQUEST.md); nothing else writes JSON for the caller.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "diagnose/smtp_cause.h"
#include "finding/finding.h"
#include "finding/rule_info.h"
#include "model/query.h"
#include "rules/rule.h"
#include "select/partition_map.h"
#include "select/resolve.h"

namespace ecd {

/// {id, ruleId, rule, severity, server, connector, sender, summary, message, symptom, evidence (with explainsQueues),
/// remediation, remediationCommand, fix}.
nlohmann::ordered_json finding_json(const Finding& finding);
/// The findings of a list, in its order.
nlohmann::ordered_json findings_json(const std::vector<Finding>& findings);
/// The other way, for findings handed back (Test-ReceiveConnector | Export-ReceiveConnectorReport): each object of
/// `json` that finding_json wrote becomes a Finding again (its rule's cause rows from the catalogue, explainsQueues
/// out of the evidence); items that are not objects are skipped, a missing key reads as empty and an unknown
/// severity as Information.
std::vector<Finding> findings_from_json(const nlohmann::ordered_json& json);
nlohmann::ordered_json rule_json(const RuleInfo& info);
/// The servers as the analysis saw them, for -Verbose and the report: [{name, kind (version and role in words),
/// addresses (where it connects from), addressNote (why none is known), given (named by -ExchangeServer),
/// connectors (how many of the input are its)}], in the organisation's order.
nlohmann::ordered_json servers_json(const Organisation& organisation);
nlohmann::ordered_json resolution_json(const Resolution& resolution);

/// The `map` operation's answer: [{server, transportRole, port, localAddress, family, exchangePort,
/// segments: [{start, end, range (Exchange notation), size, connector, connectorRange, captures}],
/// exchangeAddresses: [{server, address, connector, captured}]}].
nlohmann::ordered_json port_maps_json(const std::vector<PortMap>& maps);

nlohmann::ordered_json smtp_reply_json(const SmtpReply& reply);
nlohmann::ordered_json smtp_cause_json(const SmtpCause& cause);
/// The answer to one text: {source, queueServer, replies, innermost, reply (the innermost as text), nextHop, cause}.
nlohmann::ordered_json smtp_diagnosis_json(const SmtpText& text, const SmtpDiagnosis& diagnosis);

}  // namespace ecd
