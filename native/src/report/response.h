// The response JSON: findings, resolutions, the rule catalogue. Stable order and stable keys.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "report/finding.h"
#include "rules/rule.h"
#include "select/selection.h"

namespace ecd {

/// Sorts findings by server, connector, rule and evidence, so that output is deterministic.
void sort_findings(std::vector<Finding>& findings);
nlohmann::ordered_json finding_json(const Finding& finding);
nlohmann::ordered_json rule_json(const RuleInfo& info);

struct Resolution {
  std::string server;
  std::uint16_t port = 0;
  std::optional<TransportRole> role;
  std::string local_address;  // as asked; empty = the wildcard binding's view
  std::string remote_address;
  Selection selection;
};
nlohmann::ordered_json resolution_json(const Resolution& resolution);

}  // namespace ecd
