// The rule interface: one rule per file, each with a stable id, a kebab name, a default severity,
// a title, the symptom it explains and a doc page (docs/rules/<id>.md). A rule reads the typed model
// and the selection index, never JSON.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "finding/finding.h"
#include "finding/rule_info.h"
#include "logs/summary.h"
#include "model/organisation.h"
#include "select/selection.h"

namespace ecd {

struct RuleContext {
  const Organisation& organisation;
  const SelectionIndex& selection;
  const LogSummary* protocol_log = nullptr;  // what the protocol logs show, when the request carries it
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const RuleContext& context, std::vector<Finding>& out) const = 0;

 protected:
  /// A finding stamped with this rule's id, name, default severity, symptom and cause rows.
  Finding finding() const { return finding_of(info()); }
};

/// Every check over the configuration, sorted by id (rules/registry.cpp).
std::vector<std::unique_ptr<const Rule>> make_rules();

/// Every rule's info, sorted by id: the checks and the two passes that are rules too (ECD0001, bad input, and
/// ECD1101, a failing queue no finding explains; diagnose/). The one list that Get-ReceiveConnectorRule, the rule
/// choice, the cause catalogue and the doc-page test read.
std::vector<RuleInfo> rule_catalogue();

/// The rules a request asks for by id or name (-Rule; all when empty) less those it excludes (-ExcludeRule).
/// ECD0001 is not among them: bad input is always reported (diagnose/input_issues.h). Names that are no rule are listed
/// in `unknown`.
struct RuleChoice {
  std::vector<const Rule*> checks;  // into `all`, in id order
  bool unexplained_queues = false;  // ECD1101
  struct Unknown {
    std::string key;  // "rules" or "excludeRules"
    std::size_t index = 0;
    std::string name;
    std::vector<std::string> nearest;  // the nearest rules by spelling, "name (id)", for the message
  };
  std::vector<Unknown> unknown;
};
RuleChoice choose_rules(const std::vector<std::unique_ptr<const Rule>>& all, const std::vector<std::string>& rules,
                        const std::vector<std::string>& exclude_rules);

}  // namespace ecd
