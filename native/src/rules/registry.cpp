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
  rules.push_back(make_invalid_input_rule());                    // ECD0001
  rules.push_back(make_exchange_addresses_unknown_rule());       // ECD0002
  rules.push_back(make_exchange_server_captured_rule());         // ECD0101
  rules.push_back(make_default_connector_exchange_auth_rule());  // ECD0102
  rules.push_back(make_queue_unexplained_rule());                 // ECD1101 (last: reads the findings before it)
  return rules;
}

}  // namespace ecd
