#include <fmt/format.h>

#include "rules/rule.h"
#include "rules/rules.h"

namespace ecd {

Finding Rule::finding() const {
  Finding f;
  f.rule_id = std::string(info().id);
  f.rule = std::string(info().name);
  f.severity = info().severity;
  f.symptom = std::string(info().symptom);
  return f;
}

std::string doc_page(const RuleInfo& info) {
  return fmt::format("docs/rules/{}.md", info.id);
}

std::vector<std::unique_ptr<const Rule>> make_rules() {
  std::vector<std::unique_ptr<const Rule>> rules;
  // Keep sorted by id.
  rules.push_back(make_invalid_input_rule());                            // ECD0001
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
  rules.push_back(make_bare_unspecified_address_rule());                 // ECD0801
  rules.push_back(make_ranges_other_family_rule());                      // ECD0802
  rules.push_back(make_suppress_x_anonymous_tls_rule());                 // ECD0803
  rules.push_back(make_basic_auth_without_tls_rule());                   // ECD0804
  rules.push_back(make_tls_certificate_name_syntax_rule());              // ECD0805
  rules.push_back(make_remote_ip_ranges_near_limit_rule());              // ECD0806
  rules.push_back(make_per_source_throttling_rule());                    // ECD0901
  rules.push_back(make_tls_certificate_not_found_rule());                // ECD1001
  rules.push_back(make_tls_certificate_expiring_rule());                 // ECD1002
  rules.push_back(make_queue_unexplained_rule());                        // ECD1101 (last: reads the findings before it)
  return rules;
}

}  // namespace ecd
