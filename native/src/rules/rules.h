// Factories of the rules, one per rule file; the registry (registry.cpp) lists them in id order.
#pragma once

#include <memory>

#include "rules/rule.h"

namespace ecd {

std::unique_ptr<const Rule> make_invalid_input_rule();
std::unique_ptr<const Rule> make_exchange_addresses_unknown_rule();
std::unique_ptr<const Rule> make_exchange_server_captured_rule();
std::unique_ptr<const Rule> make_default_connector_exchange_auth_rule();
std::unique_ptr<const Rule> make_queue_unexplained_rule();

}  // namespace ecd
