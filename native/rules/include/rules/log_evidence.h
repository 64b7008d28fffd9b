// What the protocol logs add to the findings of the checks: a capture the logs show (the sender's address seen on
// the capturing connector) is confirmed, "seen N times, last at T", not only simulated. Reads the typed summary
// (logs/summary.h) that the request carries; nothing when it carries none.
#pragma once

#include <vector>

#include "finding/finding.h"
#include "rules/rule.h"

namespace ecd {

void add_protocol_log_evidence(const RuleContext& context, std::vector<Finding>& findings);

/// The sessions of `addresses` on connector `identity` ("SRV\Name") in the summary, and the last time seen.
struct LogSightings {
  std::uint64_t sessions = 0;
  std::string last_seen;
  std::vector<std::string> addresses;  // the addresses seen
};
LogSightings log_sightings(const LogSummary& log, const std::string& identity, const std::vector<IpAddress>& addresses);

/// "2024-05-01 10:00:00 UTC" from the log's ISO time.
std::string log_time_text(const std::string& iso);

}  // namespace ecd
