// ECD0001 invalid-input: what could not be read of the input (the model's input issues) as findings, one each, with
// where it is (source, JSON pointer, field) and what was left out. Reported whatever rules were chosen.
#pragma once

#include <vector>

#include "finding/finding.h"
#include "finding/rule_info.h"
#include "model/organisation.h"

namespace ecd {

const RuleInfo& invalid_input_rule();

/// One ECD0001 finding per input issue of `organisation`, appended to `out`.
void add_input_issue_findings(const Organisation& organisation, std::vector<Finding>& out);

}  // namespace ecd
