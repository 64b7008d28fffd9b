// add_protocol_log_evidence (rules/log_evidence.h): captures the protocol logs confirm.
#include "rules/log_evidence.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/ip.h"

namespace ecd {

std::string log_time_text(const std::string& iso) {
  if (iso.size() < 19) return iso;
  return fmt::format("{} {} UTC", iso.substr(0, 10), iso.substr(11, 8));
}

LogSightings log_sightings(const LogSummary& log, const std::string& identity,
                           const std::vector<IpAddress>& addresses) {
  LogSightings out;
  const auto slash = identity.find('\\');
  const std::string server = slash == std::string::npos ? "" : identity.substr(0, slash);
  const std::string name = slash == std::string::npos ? identity : identity.substr(slash + 1);
  for (const auto& a : addresses) {
    const std::string text = format_ip_address(a);
    const auto it = log.receive.find(ReceiveKey{server, name, text});
    if (it == log.receive.end() || it->second.sessions == 0) continue;
    out.sessions += it->second.sessions;
    if (it->second.last_seen > out.last_seen) out.last_seen = it->second.last_seen;
    out.addresses.push_back(text);
  }
  return out;
}

void add_protocol_log_evidence(const RuleContext& context, std::vector<Finding>& findings) {
  if (!context.protocol_log) return;
  const LogSummary& log = *context.protocol_log;
  for (Finding& f : findings) {
    if (f.rule_id != "ECD0101" || f.sender.empty() || !f.evidence.contains("connector")) continue;
    const ExchangeServer* sender = context.organisation.find_server(f.sender);
    if (!sender) continue;
    const std::string identity = f.evidence["connector"].get<std::string>();
    const LogSightings seen = log_sightings(log, identity, sender->addresses);
    nlohmann::ordered_json e;
    e["period"] = {{"from", log.first_seen}, {"to", log.last_seen}};
    if (seen.sessions == 0) {
      e["confirmed"] = false;
      e["sessions"] = 0;
      f.evidence["protocolLog"] = std::move(e);
      continue;
    }
    e["confirmed"] = true;
    e["sessions"] = seen.sessions;
    e["lastSeen"] = seen.last_seen;
    e["addresses"] = seen.addresses;
    f.evidence["protocolLog"] = std::move(e);
    f.message += fmt::format(
        " Confirmed by the protocol log, not only simulated: {} ({}) was seen on '{}' {} time{}, last at {}.",
        sender->name, fmt::join(seen.addresses, ", "), identity, seen.sessions, seen.sessions == 1 ? "" : "s",
        log_time_text(seen.last_seen));
  }
}

}  // namespace ecd
