// ECD0302 duplicate-fqdn: a connector advertises another Exchange server's name, or the same Fqdn appears on
// connectors of different servers; a server that sees its own name in the reply takes it for a loop
// (DOMAIN.md §5.2 row 16).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class DuplicateFqdn final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0302",
      "duplicate-fqdn",
      Severity::Error,
      "A connector advertises another server's name, or one Fqdn is used on several servers",
      "554 5.3.5 System incorrectly configured (mail loop detected)",
      {16}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    std::map<std::string, const ExchangeServer*> names;  // lower-case FQDN or NetBIOS name -> server
    for (const auto& s : org.servers) {
      names[to_lower(s.name)] = &s;
      if (auto fqdn = server_fqdn(org, s); !fqdn.empty()) names[to_lower(fqdn)] = &s;
    }
    std::map<std::string, std::set<std::string>> servers_by_fqdn;  // lower-case Fqdn -> servers using it
    for (const auto& c : org.connectors)
      if (c.enabled && !c.fqdn.empty()) servers_by_fqdn[to_lower(c.fqdn)].insert(c.server);

    for (const auto& c : org.connectors) {
      if (!c.enabled || c.fqdn.empty()) continue;
      const ExchangeServer* own = org.find_server(c.server);
      auto named = names.find(to_lower(c.fqdn));
      if (named != names.end() && own && named->second != own) {
        out.push_back(other_server(org, c, *own, *named->second));
        continue;
      }
      const auto& users = servers_by_fqdn[to_lower(c.fqdn)];
      if (users.size() > 1 && named == names.end()) out.push_back(shared(c, users));
    }
  }

 private:
  Finding other_server(const Organisation& org, const Connector& c, const ExchangeServer& own,
                       const ExchangeServer& other) const {
    Finding f = finding();
    f.server = c.server;
    f.connector = c.identity;
    std::string own_fqdn = server_fqdn(org, own);
    std::string target = own_fqdn.empty() ? own.name : own_fqdn;
    f.message = fmt::format(
        "'{}' on {} advertises '{}', the name of the Exchange server {}. When {} connects here it reads its own name "
        "in the reply, takes the connection for a loop and fails the mail with 5.3.5 System incorrectly configured; "
        "other senders and Kerberos (SMTPSVC/{}) are sent to the wrong server.",
        c.identity, c.server, c.fqdn, other.name, other.name, c.fqdn);
    f.remediation = fmt::format("Let the connector advertise its own server's name ({}).", target);
    ConnectorEdit edit;
    edit.assign("Fqdn", target);
    f.edit = std::move(edit);
    f.edit_connector = c.index;
    f.evidence["fqdn"] = c.fqdn;
    f.evidence["nameOf"] = other.name;
    return f;
  }

  Finding shared(const Connector& c, const std::set<std::string>& users) const {
    Finding f = finding();
    f.severity = Severity::Information;
    f.server = c.server;
    f.connector = c.identity;
    std::vector<std::string> others;
    for (const auto& s : users)
      if (!iequals(s, c.server)) others.push_back(s);
    f.message = fmt::format(
        "'{}' advertises '{}', which connectors of {} advertise too. That is usual for an Internet-facing name "
        "(hybrid, a load-balanced MX), but a server whose Send connector uses the same name takes a reply with it "
        "for a loop (5.3.5 System incorrectly configured): keep the shared name off connectors that Exchange servers "
        "deliver to.",
        c.identity, c.fqdn, fmt::join(others, ", "));
    f.remediation =
        "Nothing to do if only Internet senders reach this connector; otherwise give it the server's own FQDN.";
    f.evidence["fqdn"] = c.fqdn;
    f.evidence["alsoOn"] = others;
    return f;
  }
};

}  // namespace

std::unique_ptr<const Rule> make_duplicate_fqdn_rule() {
  return std::make_unique<DuplicateFqdn>();
}

}  // namespace ecd
