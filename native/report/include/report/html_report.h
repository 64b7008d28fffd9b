// The HTML report (Export-ReceiveConnectorReport): one self-contained page with a summary by
// severity, the findings with their fix commands, and for each server and port a picture of which
// connector takes which remote addresses, Exchange servers' addresses marked. No external assets:
// inline CSS, inline SVG, a few lines of inline script for the copy buttons; a Content-Security-Policy
// that forbids loading anything. Every text from the input is escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "finding/finding.h"
#include "model/organisation.h"
#include "select/partition_map.h"

namespace ecd {

struct ReportOptions {
  std::string title;         // empty: "Receive connector report"
  std::string generated_at;  // as the caller writes it; empty: left out
  std::string version;       // the engine's version
};

/// The page of `findings` (shown by severity, errors first) and `maps` (port_maps).
std::string html_report(const Organisation& organisation, const std::vector<PortMap>& maps,
                        const std::vector<Finding>& findings, const ReportOptions& options);

/// Text for HTML content and attribute values: & < > " ' escaped; invalid UTF-8 bytes replaced.
std::string html_escape(std::string_view text);

}  // namespace ecd
