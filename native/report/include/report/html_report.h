// The HTML report (Export-ReceiveConnectorReport): one self-contained page with a summary by
// severity, the findings with their fix commands, and for each server and port a picture of which
// connector takes which remote addresses, Exchange servers' addresses marked. No external assets:
// inline CSS, inline SVG, a few lines of inline script for the copy buttons; a Content-Security-Policy
// that forbids loading anything. Every text from the input is escaped.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/organisation.h"
#include "select/partition_map.h"

namespace ecd {

struct ReportOptions {
  std::string title;         // empty: "Receive connector report"
  std::string generated_at;  // as the caller writes it; empty: left out
  std::string version;       // the engine's version
};

/// `findings` is the array that analyze returns (ruleId, rule, severity, server, connector, message,
/// symptom, evidence, remediation, remediationCommand); anything else in it is shown as text or skipped.
std::string html_report(const Organisation& organisation, const std::vector<PortMap>& maps,
                        const nlohmann::ordered_json& findings, const ReportOptions& options);

/// Text for HTML content and attribute values: & < > " ' escaped; invalid UTF-8 bytes replaced.
std::string html_escape(std::string_view text);

}  // namespace ecd
