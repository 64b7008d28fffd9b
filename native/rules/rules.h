// Factories of the checks, one per rule file; the registry (registry.cpp) lists them in id order.
#pragma once

#include <memory>

#include "rules/rule.h"

namespace ecd {

std::unique_ptr<const Rule> make_exchange_addresses_unknown_rule();
std::unique_ptr<const Rule> make_input_not_analysed_rule();
std::unique_ptr<const Rule> make_exchange_server_captured_rule();
std::unique_ptr<const Rule> make_default_connector_exchange_auth_rule();
std::unique_ptr<const Rule> make_default_frontend_anonymous_missing_rule();
std::unique_ptr<const Rule> make_default_connector_disabled_or_missing_rule();
std::unique_ptr<const Rule> make_default_connector_binding_changed_rule();
std::unique_ptr<const Rule> make_default_connector_role_changed_rule();
std::unique_ptr<const Rule> make_client_connector_exchange_users_missing_rule();
std::unique_ptr<const Rule> make_exchange_legacy_servers_missing_rule();
std::unique_ptr<const Rule> make_exchange_auth_fqdn_mismatch_rule();
std::unique_ptr<const Rule> make_duplicate_fqdn_rule();
std::unique_ptr<const Rule> make_transport_role_port_conflict_rule();
std::unique_ptr<const Rule> make_ambiguous_selection_rule();
std::unique_ptr<const Rule> make_coverage_gap_rule();
std::unique_ptr<const Rule> make_external_authoritative_open_relay_rule();
std::unique_ptr<const Rule> make_anonymous_custom_wide_range_rule();
std::unique_ptr<const Rule> make_external_authoritative_with_anonymous_rule();
std::unique_ptr<const Rule> make_relay_without_relay_right_rule();
std::unique_ptr<const Rule> make_load_balancer_in_relay_range_rule();
std::unique_ptr<const Rule> make_bare_unspecified_address_rule();
std::unique_ptr<const Rule> make_ranges_other_family_rule();
std::unique_ptr<const Rule> make_suppress_x_anonymous_tls_rule();
std::unique_ptr<const Rule> make_basic_auth_without_tls_rule();
std::unique_ptr<const Rule> make_tls_certificate_name_syntax_rule();
std::unique_ptr<const Rule> make_remote_ip_ranges_near_limit_rule();
std::unique_ptr<const Rule> make_binding_address_not_local_rule();
std::unique_ptr<const Rule> make_per_source_throttling_rule();
std::unique_ptr<const Rule> make_tls_certificate_not_found_rule();
std::unique_ptr<const Rule> make_tls_certificate_expiring_rule();
std::unique_ptr<const Rule> make_internal_transport_certificate_rule();
std::unique_ptr<const Rule> make_hybrid_receive_connector_rule();
std::unique_ptr<const Rule> make_tls_certificate_weak_key_rule();
std::unique_ptr<const Rule> make_log_contradicts_selection_rule();
std::unique_ptr<const Rule> make_relay_narrowing_from_log_rule();
std::unique_ptr<const Rule> make_protocol_logging_off_rule();
std::unique_ptr<const Rule> make_log_per_source_limit_rule();
std::unique_ptr<const Rule> make_x_exps_stripped_rule();

}  // namespace ecd
