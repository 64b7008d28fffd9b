// ECD1205 x-exps-stripped: the receiving server's protocol log shows its EHLO reply offering X-EXPS, but a Send log
// shows the reply that reached the sender without it: something between them (firewall SMTP inspection or fixup)
// strips the ESMTP verbs, and Exchange Server authentication fails with 451 5.7.3 whatever the connectors say.
// DOMAIN-SUPPLEMENT.md §A.6 #6, §A.7 (KB 979175).
#include <fmt/format.h>

#include "core/ip.h"
#include "rules.h"
#include "rules/log_evidence.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

/// The address of a local endpoint "10.0.0.11:2525" or "[fd00::1]:25", canonical; "" when it does not parse.
std::string endpoint_address(const std::string& endpoint) {
  if (const auto b = parse_ip_binding(endpoint)) return format_ip_address(b.value->address);
  return "";
}

class XExpsStripped final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1205",
      "x-exps-stripped",
      Severity::Warning,
      "X-EXPS offered by the receiving server is missing from the EHLO reply the sender got",
      "451 4.4.0 Primary target IP address responded with: \"451 5.7.3 Cannot achieve Exchange Server "
      "authentication.\"",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    if (!ctx.protocol_log) return;
    const LogSummary& log = *ctx.protocol_log;
    for (const auto& [send_key, sent] : log.send) {
      if (sent.ehlo_replies <= sent.offered_x_exps || sent.ehlo_reply.text.empty()) continue;
      // The receiving side: sessions that reached this target address and were offered X-EXPS.
      const ReceiveKey* offered_key = nullptr;
      const ReceiveUsage* offered = nullptr;
      for (const auto& [key, usage] : log.receive) {
        if (usage.offered_x_exps == 0) continue;
        for (const auto& [endpoint, n] : usage.local)
          if (endpoint_address(endpoint) == send_key.remote && (!offered || usage.ehlo_reply > offered->ehlo_reply)) {
            offered_key = &key;
            offered = &usage;
          }
      }
      if (!offered) continue;
      Finding f = finding();
      f.server = offered_key->server;
      f.connector = fmt::format("{}\\{}", offered_key->server, offered_key->connector);
      f.message = fmt::format(
          "{}'s protocol log shows its EHLO reply offering X-EXPS on '{}' ({}: {}), but the Send log of '{}' shows "
          "{} of {} EHLO replies from {} without it ({}: {}). Something between the servers strips ESMTP verbs "
          "(firewall SMTP inspection or fixup), so Exchange Server authentication cannot start and mail queues with "
          "451 5.7.3{}.",
          offered_key->server, f.connector, log_time_text(offered->ehlo_reply.at), offered->ehlo_reply.text,
          send_key.connector, sent.ehlo_replies - sent.offered_x_exps, sent.ehlo_replies, send_key.remote,
          log_time_text(sent.ehlo_reply.at), sent.ehlo_reply.text,
          sent.queued_exchange_auth ? fmt::format(" (the Send log shows {} such replies)", sent.queued_exchange_auth)
                                    : std::string());
      f.remediation =
          "Turn off SMTP inspection (ESMTP fixup) for traffic between Exchange servers on the firewalls between "
          "them: X-ANONYMOUSTLS, X-EXPS and GSSAPI must pass (KB 979175). Nothing on the receive connectors "
          "needs to change.";
      f.evidence["receiveEhloReply"] = {{"at", offered->ehlo_reply.at}, {"text", offered->ehlo_reply.text}};
      f.evidence["sendConnector"] = send_key.connector;
      f.evidence["target"] = send_key.remote;
      f.evidence["sendEhloReply"] = {{"at", sent.ehlo_reply.at}, {"text", sent.ehlo_reply.text}};
      f.evidence["queuedExchangeAuthentication"] = sent.queued_exchange_auth;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_x_exps_stripped_rule() {
  return std::make_unique<XExpsStripped>();
}

}  // namespace ecd
