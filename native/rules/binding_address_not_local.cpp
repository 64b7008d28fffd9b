// ECD0807 binding-address-not-local: a connector bound to a specific local address that is none of its server's
// network adapters' addresses (given as the server's LocalAddresses). Set-ReceiveConnector's documentation: "If you
// specify an invalid local IP address, the Microsoft Exchange Transport service might fail to start when the
// service is restarted."
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class BindingAddressNotLocal final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0807",
      "binding-address-not-local",
      Severity::Warning,
      "A connector is bound to a local address that its server does not have",
      "The Microsoft Exchange Transport service may fail to start after a restart; the connector "
      "never receives a connection",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    for (const auto& c : org.connectors) {
      if (!c.enabled) continue;
      const ExchangeServer* server = org.find_server(c.server);
      if (!server || !server->local_addresses_given || server->local_addresses.empty()) continue;  // not known
      std::vector<std::string> foreign;
      for (const auto& b : c.bindings) {
        if (b.is_wildcard()) continue;
        const auto& local = server->local_addresses;
        const bool loopback = b.address.family == Family::IPv4 ? format_ip_address(b.address).rfind("127.", 0) == 0
                                                               : format_ip_address(b.address) == "::1";
        if (loopback || std::find(local.begin(), local.end(), b.address) != local.end()) continue;
        foreign.push_back(format_ip_binding(b));
      }
      if (foreign.empty()) continue;
      std::vector<std::string> local_text;
      for (const auto& a : server->local_addresses) local_text.push_back(format_ip_address(a));
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' is bound to {}, but {} has no such address (its network adapters have {}). The Transport service "
          "cannot listen there: it may fail to start when it is restarted, and the connector never receives a "
          "connection.",
          c.identity, fmt::join(foreign, ", "), c.server, fmt::join(local_text, ", "));
      f.remediation = fmt::format(
          "Bind the connector to one of {}'s addresses (Set-ReceiveConnector -Bindings), or disable it if its network "
          "is gone. Which address it should use is not known here, so no command is given.",
          c.server);
      f.evidence["bindings"] = foreign;
      f.evidence["localAddresses"] = local_text;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_binding_address_not_local_rule() {
  return std::make_unique<BindingAddressNotLocal>();
}

}  // namespace ecd
