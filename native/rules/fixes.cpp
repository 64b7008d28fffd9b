#include "rules/fixes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "finding/powershell_command.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

/// The order of a Set-ReceiveConnector command's parameters after -Identity.
constexpr std::array<std::string_view, 12> kOrder{"Enabled",
                                                  "TransportRole",
                                                  "Bindings",
                                                  "RemoteIPRanges",
                                                  "AuthMechanism",
                                                  "PermissionGroups",
                                                  "Fqdn",
                                                  "SuppressXAnonymousTls",
                                                  "TlsCertificateName",
                                                  "TlsDomainCapabilities",
                                                  "MaxInboundConnectionPerSource",
                                                  "MaxInboundConnectionPercentagePerSource"};

std::size_t rank(std::string_view parameter) {
  auto it = std::find(kOrder.begin(), kOrder.end(), parameter);
  return static_cast<std::size_t>(it - kOrder.begin());
}

bool same_binding(const IpBinding& a, const IpBinding& b) {
  return a.port == b.port && a.address == b.address;
}

/// Why Exchange would refuse the connector as the edits leave it (DOMAIN.md §1.3, ValidateWrite), or empty.
std::string refused(const Organisation& org, const Connector& c, std::uint32_t auth, std::uint32_t permissions,
                    const std::string& fqdn) {
  if ((auth & kAuthExternalAuthoritative) &&
      (auth & (kAuthBasicAuth | kAuthBasicAuthRequireTls | kAuthExchangeServer | kAuthIntegrated)))
    return "ExternalAuthoritative cannot be combined with BasicAuth, BasicAuthRequireTLS, ExchangeServer or "
           "Integrated";
  if ((auth & kAuthExternalAuthoritative) && !(permissions & kPermExchangeServers))
    return "ExternalAuthoritative requires the ExchangeServers permission group";
  if ((auth & kAuthBasicAuthRequireTls) && (!(auth & kAuthBasicAuth) || !(auth & kAuthTls)))
    return "BasicAuthRequireTLS requires BasicAuth and Tls";
  if (auth & kAuthExchangeServer)
    if (const ExchangeServer* server = org.find_server(c.server);
        server && !fqdn_allowed_with_exchange_server(org, *server, fqdn))
      return fmt::format(
          "with ExchangeServer in AuthMechanism the Fqdn must be the server's FQDN or NetBIOS name, not '{}'", fqdn);
  return {};
}

/// What the edits of one connector's findings fold into: the parameters of one command, or why none can be given.
struct Folded {
  std::vector<std::pair<std::string, nlohmann::ordered_json>> params;
  std::vector<std::string> problems;
};

/// RemoteIPRanges: the entries dropped and added, then every address taken out (ranges split around them).
void fold_ranges(const Connector& c, const std::vector<Finding*>& list, Folded& out) {
  std::vector<Interval> remove;
  std::vector<IpRange> ranges = c.remote_ip_ranges;
  std::set<std::string> present;
  for (const auto& r : ranges) present.insert(to_lower(r.expression));
  bool touched = false;
  for (const Finding* f : list)
    for (const auto& entry : f->edit->remove_entries) {
      touched = true;
      std::erase_if(ranges, [&](const IpRange& r) { return iequals(r.expression, entry); });
    }
  for (const Finding* f : list) {
    remove.insert(remove.end(), f->edit->remove_addresses.begin(), f->edit->remove_addresses.end());
    touched = touched || !f->edit->remove_addresses.empty();
    for (const auto& text : f->edit->add_ranges) {
      auto parsed = parse_ip_range(text);
      touched = true;
      if (parsed && present.insert(to_lower(parsed.value->expression)).second) ranges.push_back(*parsed.value);
    }
  }
  if (!touched) return;
  std::vector<std::string> result = subtract_intervals(ranges, remove);
  std::vector<std::string> now;
  for (const auto& r : c.remote_ip_ranges) now.push_back(r.expression);
  if (result.empty())
    out.problems.push_back("no remote range would be left, and RemoteIPRanges cannot be empty");
  else if (result.size() > kRemoteIPRangesLimit)
    out.problems.push_back(fmt::format(
        "the rewritten RemoteIPRanges would have {} entries, more than the about {} the directory holds per "
        "connector (Set-ReceiveConnector would fail with \"The administrative limit for this request was "
        "exceeded.\"): join neighbouring addresses into ranges or move part of the list to a second connector "
        "with the same settings first",
        result.size(), kRemoteIPRangesLimit));
  else if (result != now)
    out.params.emplace_back("RemoteIPRanges", result);
}

/// Bindings: the ones taken away, then the ones added.
void fold_bindings(const Connector& c, const std::vector<Finding*>& list, Folded& out) {
  std::vector<IpBinding> bindings = c.bindings;
  bool touched = false;
  for (const Finding* f : list)
    for (const auto& b : f->edit->remove_bindings) {
      touched = true;
      std::erase_if(bindings, [&](const IpBinding& x) { return same_binding(x, b); });
    }
  for (const Finding* f : list)
    for (const auto& b : f->edit->add_bindings) {
      touched = true;
      if (std::none_of(bindings.begin(), bindings.end(), [&](const IpBinding& x) { return same_binding(x, b); }))
        bindings.push_back(b);
    }
  if (!touched) return;
  const bool same = bindings.size() == c.bindings.size() &&
                    std::equal(bindings.begin(), bindings.end(), c.bindings.begin(), same_binding);
  if (bindings.empty()) {
    out.problems.push_back("no binding would be left");
  } else if (!same) {
    std::vector<std::string> text;
    for (const auto& b : bindings) text.push_back(format_ip_binding(b));
    out.params.emplace_back("Bindings", text);
  }
}

/// AuthMechanism and PermissionGroups: what is added, less what is taken away. Custom is shown, never set.
/// Returns the flags the connector is left with (Custom kept in the permissions, for the refusal check).
std::pair<std::uint32_t, std::uint32_t> fold_flags(const Connector& c, const std::vector<Finding*>& list, Folded& out) {
  const std::uint32_t auth = c.auth_mechanism.value_or(0);
  const std::uint32_t perm = settable_permission_groups(c.permission_groups.value_or(0));
  std::uint32_t add_auth = 0, remove_auth = 0, add_perm = 0, remove_perm = 0;
  for (const Finding* f : list) {
    add_auth |= f->edit->add_auth;
    remove_auth |= f->edit->remove_auth;
    add_perm |= f->edit->add_permissions;
    remove_perm |= f->edit->remove_permissions;
  }
  const std::uint32_t new_auth = (auth | add_auth) & ~remove_auth;
  const std::uint32_t new_perm = settable_permission_groups((perm | add_perm) & ~remove_perm);
  if ((add_auth | remove_auth) && new_auth != auth)
    out.params.emplace_back("AuthMechanism", auth_mechanism_list(new_auth));
  if ((add_perm | remove_perm) && new_perm != perm)
    out.params.emplace_back("PermissionGroups", permission_group_list(new_perm));
  return {new_auth, new_perm | (c.permission_groups.value_or(0) & kPermCustom)};
}

/// Properties set to one value: two findings asking for two values cannot both be met. Returns the Fqdn the
/// connector is left with.
std::string fold_values(const Connector& c, const std::vector<Finding*>& list, Folded& out) {
  std::map<std::string, nlohmann::ordered_json> set;
  for (const Finding* f : list)
    for (const auto& [name, value] : f->edit->set) {
      auto [it, added] = set.emplace(name, value);
      if (!added && it->second != value)
        out.problems.push_back(fmt::format("two findings ask for different values of {} ({} and {})", name,
                                           it->second.dump(), value.dump()));
    }
  std::string fqdn = c.fqdn;
  for (const auto& [name, value] : set) {
    out.params.emplace_back(name, value);
    if (name == "Fqdn" && value.is_string()) fqdn = value.get<std::string>();
  }
  return fqdn;
}

std::string limit_text(const Limit& limit) {
  return limit.value ? std::to_string(*limit.value) : std::string("Unlimited");
}

/// The connector's value of a parameter before the fix, in the form the command gives it, or null.
nlohmann::ordered_json current_value(const Connector& c, std::string_view parameter) {
  using json = nlohmann::ordered_json;
  if (parameter == "Enabled") return c.enabled;
  if (parameter == "TransportRole")
    return c.transport_role ? json(std::string(transport_role_name(*c.transport_role))) : json();
  if (parameter == "Bindings") {
    std::vector<std::string> text;
    for (const auto& b : c.bindings) text.push_back(format_ip_binding(b));
    return text;
  }
  if (parameter == "RemoteIPRanges") {
    std::vector<std::string> text;
    for (const auto& r : c.remote_ip_ranges) text.push_back(r.expression);
    return text;
  }
  if (parameter == "AuthMechanism") return c.auth_mechanism ? json(auth_mechanism_list(*c.auth_mechanism)) : json();
  if (parameter == "PermissionGroups")
    return c.permission_groups ? json(permission_group_list(*c.permission_groups)) : json();
  if (parameter == "Fqdn") return c.fqdn;
  if (parameter == "SuppressXAnonymousTls")
    return c.suppress_x_anonymous_tls ? json(*c.suppress_x_anonymous_tls) : json();
  if (parameter == "TlsCertificateName") return c.tls_certificate_name ? json(*c.tls_certificate_name) : json();
  if (parameter == "MaxInboundConnectionPerSource")
    return c.max_inbound_connection_per_source ? json(limit_text(*c.max_inbound_connection_per_source)) : json();
  if (parameter == "MaxInboundConnectionPercentagePerSource")
    return c.max_inbound_connection_percentage_per_source
               ? json(std::to_string(*c.max_inbound_connection_percentage_per_source))
               : json();
  return json();
}

/// The one command of a connector on every finding that asked for a change of it, or on each why there is none.
void give_command(const Connector& c, const std::vector<Finding*>& list, Folded& folded) {
  std::vector<std::string> rules;  // the rules that share the command, for the words on each finding
  for (const Finding* f : list)
    if (std::find(rules.begin(), rules.end(), f->rule_id) == rules.end()) rules.push_back(f->rule_id);
  if (!folded.problems.empty()) {
    for (Finding* f : list) {
      f->remediation += fmt::format(" No command is given for '{}': {}.", c.identity, fmt::join(folded.problems, "; "));
      f->remediation_command.clear();
      f->fix.reset();
    }
    return;
  }
  if (folded.params.empty()) return;  // every edit is already in place
  std::stable_sort(folded.params.begin(), folded.params.end(),
                   [](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
  PowerShellCommand command("Set-ReceiveConnector");
  command.arg("Identity", c.identity);
  for (const auto& [name, value] : folded.params) command.arg(name, value);
  Fix fix = command.fix();
  for (const auto& [name, value] : folded.params) fix.before.emplace_back(name, current_value(c, name));
  for (Finding* f : list) {
    f->fix = fix;
    f->remediation_command = command.text();
    if (list.size() > 1)
      f->remediation += fmt::format(" One command makes the changes of all {} findings on '{}' ({}): run it once.",
                                    list.size(), c.identity, fmt::join(rules, ", "));
  }
}

}  // namespace

void fold_fixes(const Organisation& org, std::vector<Finding>& findings) {
  std::map<std::size_t, std::vector<Finding*>> by_connector;
  for (auto& f : findings)
    if (f.edit && f.edit_connector && *f.edit_connector < org.connectors.size())
      by_connector[*f.edit_connector].push_back(&f);
  for (auto& [index, list] : by_connector) {
    const Connector& c = org.connectors[index];
    Folded folded;
    fold_ranges(c, list, folded);
    fold_bindings(c, list, folded);
    const auto [auth, permissions] = fold_flags(c, list, folded);
    const std::string fqdn = fold_values(c, list, folded);
    if (folded.problems.empty())
      if (std::string why = refused(org, c, auth, permissions, fqdn); !why.empty())
        folded.problems.push_back(fmt::format("Exchange would refuse the result: {}", why));
    give_command(c, list, folded);
  }
}

}  // namespace ecd
