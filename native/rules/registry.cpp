// The registry: every rule file's factory, in id order, and the choice of rules a request makes.
#include <fmt/format.h>
#include <algorithm>
#include <string_view>
#include <utility>

#include "core/text.h"

#include "core/values.h"
#include "diagnose/input_issues.h"
#include "diagnose/queue.h"
#include "rules.h"
#include "rules/rule.h"

namespace ecd {

std::vector<std::unique_ptr<const Rule>> make_rules() {
  std::vector<std::unique_ptr<const Rule>> rules;
  // Keep sorted by id. ECD0001 (diagnose/input_issues.h) and ECD1101 (diagnose/queue.h) are passes, not checks.
  rules.push_back(make_exchange_addresses_unknown_rule());               // ECD0002
  rules.push_back(make_input_not_analysed_rule());                       // ECD0003
  rules.push_back(make_exchange_server_captured_rule());                 // ECD0101
  rules.push_back(make_default_connector_exchange_auth_rule());          // ECD0102
  rules.push_back(make_default_frontend_anonymous_missing_rule());       // ECD0201
  rules.push_back(make_default_connector_disabled_or_missing_rule());    // ECD0202
  rules.push_back(make_default_connector_binding_changed_rule());        // ECD0203
  rules.push_back(make_default_connector_role_changed_rule());           // ECD0204
  rules.push_back(make_client_connector_exchange_users_missing_rule());  // ECD0205
  rules.push_back(make_exchange_legacy_servers_missing_rule());          // ECD0206
  rules.push_back(make_exchange_auth_fqdn_mismatch_rule());              // ECD0301
  rules.push_back(make_duplicate_fqdn_rule());                           // ECD0302
  rules.push_back(make_transport_role_port_conflict_rule());             // ECD0401
  rules.push_back(make_ambiguous_selection_rule());                      // ECD0501
  rules.push_back(make_coverage_gap_rule());                             // ECD0601
  rules.push_back(make_external_authoritative_open_relay_rule());        // ECD0701
  rules.push_back(make_anonymous_custom_wide_range_rule());              // ECD0702
  rules.push_back(make_external_authoritative_with_anonymous_rule());    // ECD0703
  rules.push_back(make_relay_without_relay_right_rule());                // ECD0704
  rules.push_back(make_load_balancer_in_relay_range_rule());             // ECD0705
  rules.push_back(make_bare_unspecified_address_rule());                 // ECD0801
  rules.push_back(make_ranges_other_family_rule());                      // ECD0802
  rules.push_back(make_suppress_x_anonymous_tls_rule());                 // ECD0803
  rules.push_back(make_basic_auth_without_tls_rule());                   // ECD0804
  rules.push_back(make_tls_certificate_name_syntax_rule());              // ECD0805
  rules.push_back(make_remote_ip_ranges_near_limit_rule());              // ECD0806
  rules.push_back(make_binding_address_not_local_rule());                // ECD0807
  rules.push_back(make_per_source_throttling_rule());                    // ECD0901
  rules.push_back(make_tls_certificate_not_found_rule());                // ECD1001
  rules.push_back(make_tls_certificate_expiring_rule());                 // ECD1002
  rules.push_back(make_internal_transport_certificate_rule());           // ECD1003
  rules.push_back(make_hybrid_receive_connector_rule());                 // ECD1004
  rules.push_back(make_tls_certificate_weak_key_rule());                 // ECD1005
  rules.push_back(make_log_contradicts_selection_rule());                // ECD1201
  rules.push_back(make_relay_narrowing_from_log_rule());                 // ECD1202
  rules.push_back(make_protocol_logging_off_rule());                     // ECD1203
  rules.push_back(make_log_per_source_limit_rule());                     // ECD1204
  rules.push_back(make_x_exps_stripped_rule());                          // ECD1205
  return rules;
}

std::vector<RuleInfo> rule_catalogue() {
  std::vector<RuleInfo> out{invalid_input_rule(), queue_unexplained_rule()};
  for (const auto& r : make_rules()) out.push_back(r->info());
  std::sort(out.begin(), out.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
  return out;
}

namespace {

bool rule_named(const RuleInfo& info, std::string_view text) {
  return iequals(info.id, text) || iequals(info.name, text);
}

bool named_in(const RuleInfo& info, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return rule_named(info, n); });
}

/// Levenshtein distance, case-insensitive: how many letters to change, add or drop to get from one to the other.
std::size_t distance(std::string_view a, std::string_view b) {
  const std::string x = to_lower(a), y = to_lower(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

/// The three rules whose id or name is nearest to `text`, as "name (id)".
std::vector<std::string> nearest_rules(const std::vector<RuleInfo>& catalogue, std::string_view text) {
  std::vector<std::pair<std::size_t, const RuleInfo*>> ranked;
  for (const auto& r : catalogue) ranked.emplace_back(std::min(distance(text, r.id), distance(text, r.name)), &r);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
    out.push_back(fmt::format("{} ({})", ranked[i].second->name, ranked[i].second->id));
  return out;
}

}  // namespace

RuleChoice choose_rules(const std::vector<std::unique_ptr<const Rule>>& all, const std::vector<std::string>& rules,
                        const std::vector<std::string>& exclude_rules) {
  RuleChoice choice;
  const auto catalogue = rule_catalogue();
  auto check_names = [&](const std::vector<std::string>& names, const char* key) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (std::none_of(catalogue.begin(), catalogue.end(), [&](const RuleInfo& r) { return rule_named(r, names[i]); }))
        choice.unknown.push_back(RuleChoice::Unknown{key, i, names[i], nearest_rules(catalogue, names[i])});
  };
  check_names(rules, "rules");
  check_names(exclude_rules, "excludeRules");
  auto chosen = [&](const RuleInfo& info) {
    return (rules.empty() || named_in(info, rules)) && !named_in(info, exclude_rules);
  };
  for (const auto& r : all)
    if (chosen(r->info())) choice.checks.push_back(r.get());
  choice.unexplained_queues = chosen(queue_unexplained_rule());
  return choice;
}

}  // namespace ecd
