// ECD1202 relay-narrowing-from-log: a relay connector (anonymous or externally secured, remote ranges narrower
// than everything) and the senders the protocol log saw on it: the list that keeps every sender seen and no
// Exchange server's address, and the ranges nothing used in the period. Said with the period the logs cover: a
// sender silent in that period is not kept, so the narrowing is offered as data and words, never folded into the
// connector's command (running every command of an analysis must break nothing). DOMAIN-SUPPLEMENT.md §A.3, §A.8.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/ip.h"
#include "core/text.h"
#include "finding/powershell_command.h"
#include "model/defaults.h"
#include "rules.h"
#include "rules/log_evidence.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

bool is_relay(const Connector& c) {
  if (!c.enabled || !c.has_remote_ip_ranges || c.remote_ip_ranges.empty()) return false;
  if (default_connector_kind(c) != DefaultConnector::None) return false;
  if (!c.has_permission(kPermAnonymousUsers) && !c.has_auth(kAuthExternalAuthoritative)) return false;
  for (const auto& r : c.remote_ip_ranges) {
    const Interval whole = whole_family(r.family());
    if (r.lower.value == whole.lower && r.upper.value == whole.upper) return false;  // an Internet connector
  }
  return true;
}

class RelayNarrowingFromLog final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD1202",
                                  "relay-narrowing-from-log",
                                  Severity::Information,
                                  "A relay connector admits more than the senders the protocol log saw on it",
                                  "Who still uses this relay connector before I narrow or remove it?",
                                  {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    if (!ctx.protocol_log) return;
    const LogSummary& log = *ctx.protocol_log;
    std::map<IpAddress, std::string> exchange;  // address -> server
    for (const auto& s : ctx.organisation.servers)
      for (const auto& a : s.addresses) exchange.emplace(a, s.name);
    for (const auto& c : ctx.organisation.connectors) {
      if (!is_relay(c)) continue;
      struct Seen {
        std::uint64_t sessions = 0;
        std::string last;
      };
      std::map<IpAddress, Seen> senders;
      for (const auto& [key, usage] : log.receive) {
        if (!iequals(key.server, c.server) || !iequals(trim(key.connector), trim(c.name)) || usage.sessions == 0)
          continue;
        const auto a = parse_ip_address(key.remote);
        if (!a) continue;
        Seen& s = senders[*a.value];
        s.sessions += usage.sessions;
        s.last = std::max(s.last, usage.last_seen);
      }
      if (senders.empty()) continue;  // nothing seen: ECD1203 says when its logging is off
      std::vector<std::string> keep, exchange_seen, seen_text, unused;
      for (const auto& [a, s] : senders) {
        const std::string text = format_ip_address(a);
        seen_text.push_back(fmt::format("{} ({} session{}, last {})", text, s.sessions, s.sessions == 1 ? "" : "s",
                                        log_time_text(s.last)));
        if (auto it = exchange.find(a); it != exchange.end())
          exchange_seen.push_back(fmt::format("{} ({})", it->second, text));
        else
          keep.push_back(text);
      }
      bool exchange_in_ranges = false;
      for (const auto& [a, name] : exchange)
        for (const auto& r : c.remote_ip_ranges)
          if (r.contains(a)) exchange_in_ranges = true;
      bool all_single_and_used = true;
      for (const auto& r : c.remote_ip_ranges) {
        bool used = false;
        for (const auto& [a, s] : senders)
          if (r.contains(a)) used = true;
        if (!used) unused.push_back(r.expression);
        if (!used || r.size() != Uint128::from_u64(1)) all_single_and_used = false;
      }
      if (all_single_and_used && !exchange_in_ranges && exchange_seen.empty()) continue;  // already as narrow

      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      const std::string period = fmt::format("{} to {}", log_time_text(log.first_seen), log_time_text(log.last_seen));
      f.message =
          fmt::format("In the period the protocol logs cover ({}), {} sender{} used the relay connector '{}': {}.",
                      period, senders.size(), senders.size() == 1 ? "" : "s", c.identity, fmt::join(seen_text, ", "));
      if (!exchange_seen.empty())
        f.message += fmt::format(" {} of them {} Exchange server{} ({}), which must not land on a relay connector.",
                                 exchange_seen.size(), exchange_seen.size() == 1 ? "is an" : "are",
                                 exchange_seen.size() == 1 ? "" : "s", fmt::join(exchange_seen, ", "));
      if (!unused.empty())
        f.message +=
            fmt::format(" Nothing used {} of its {} remote range{} in that period: {}.", unused.size(),
                        c.remote_ip_ranges.size(), c.remote_ip_ranges.size() == 1 ? "" : "s", fmt::join(unused, ", "));
      if (keep.empty()) {
        f.remediation = fmt::format(
            "Only Exchange servers used '{}' in that period: no list of senders to keep can be given. Take the "
            "Exchange servers' addresses out of it (ECD0101); if nothing else needs it, disable it after checking "
            "with the owners of its ranges.",
            c.identity);
      } else {
        PowerShellCommand command("Set-ReceiveConnector");
        command.arg("Identity", c.identity).arg("RemoteIPRanges", keep);
        f.evidence["narrowingCommand"] = command.text();
        f.remediation = fmt::format(
            "To narrow '{}' to what used it, keep exactly the senders seen and no Exchange server's address: {} "
            "This keeps every sender the logs show from {}; a sender that was silent in that period (a job that "
            "sends monthly or quarterly) is NOT kept and would be refused with 550 5.7.54. Check the unused ranges "
            "with their owners, or read logs of a longer period, before you run it: for that reason it is not part "
            "of the connector's fix.",
            c.identity, command.text(), period);
      }
      f.evidence["period"] = {{"from", log.first_seen}, {"to", log.last_seen}};
      f.evidence["keep"] = keep;
      f.evidence["exchangeServersSeen"] = exchange_seen;
      f.evidence["unusedRanges"] = unused;
      f.evidence["sendersSeen"] = seen_text;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_relay_narrowing_from_log_rule() {
  return std::make_unique<RelayNarrowingFromLog>();
}

}  // namespace ecd
