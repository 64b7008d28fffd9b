// ECD0003 input-not-analysed: input that the analysis could not use is said, not silently ignored: servers
// given with -ExchangeServer whose connectors were not given (their own connectors are not checked), and
// certificates that name no server whose connectors were given.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class InputNotAnalysed final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD0003",
                                  "input-not-analysed",
                                  Severity::Information,
                                  "Servers or certificates were given that no connector of the input belongs to",
                                  "none: a note that part of the organisation was not checked",
                                  {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    if (org.connectors.empty()) return;  // nothing was analysed at all: ECD0001 says so
    std::vector<std::string> without;
    for (const auto& s : org.servers)
      if (!s.has_connectors) without.push_back(s.name);
    if (!without.empty()) {
      Finding f = finding();
      f.message = fmt::format(
          "No receive connector of {} was given, so {} own connectors were not checked; {} checked only as {} "
          "(whether {} addresses land on the connectors of the servers that were given).",
          first_items(without), without.size() == 1 ? "its" : "their", without.size() == 1 ? "it is" : "they are",
          without.size() == 1 ? "a sender" : "senders", without.size() == 1 ? "its" : "their");
      f.summary = fmt::format("Not checked: no connectors of {} given", first_items(without));
      f.remediation =
          "To check them too, give their connectors: Get-ReceiveConnector without -Server returns every server's.";
      f.evidence["serversWithoutConnectors"] = without;
      out.push_back(std::move(f));
    }
    // Certificates of servers whose connectors were not given: by the server they name.
    std::map<std::string, std::size_t> unused;
    for (const auto& cert : org.certificates) {
      if (cert.server.empty()) continue;  // a certificate of every server
      bool used = false;
      for (const auto& s : org.servers)
        if (s.has_connectors && certificate_on_server(cert, s.name, server_fqdn(org, s))) used = true;
      if (!used) ++unused[cert.server];
    }
    for (const auto& [server, count] : unused) {
      Finding f = finding();
      f.message = fmt::format(
          "{} certificate{} of '{}' {} given, but no connector of that server was, so {} not used: no "
          "TlsCertificateName was checked against {}.",
          count, count == 1 ? "" : "s", server, count == 1 ? "was" : "were", count == 1 ? "it was" : "they were",
          count == 1 ? "it" : "them");
      f.remediation = fmt::format(
          "Give the connectors of '{}' too, or check that the certificates carry the right server name (their "
          "Server property; objects from a remote session carry the session's server in PSComputerName).",
          server);
      f.summary = fmt::format("{} certificate{} of '{}' not used: its connectors were not given", count,
                              count == 1 ? "" : "s", server);
      f.evidence["certificateServer"] = server;
      f.evidence["certificates"] = count;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_input_not_analysed_rule() {
  return std::make_unique<InputNotAnalysed>();
}

}  // namespace ecd
