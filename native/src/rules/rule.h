// The rule interface: one rule per file, each with a stable id, a kebab name, a default severity,
// a title, the symptom it explains and a doc page (docs/rules/<id>.md). A rule reads the typed model
// and the selection index, never JSON.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "model/organisation.h"
#include "report/finding.h"
#include "select/selection.h"

namespace ecd {

struct RuleInfo {
  std::string_view id;    // "ECD0101"
  std::string_view name;  // "exchange-server-captured"
  Severity severity;      // the default; a finding may be lower when the rule says why
  std::string_view title;
  std::string_view symptom;  // the SMTP reply or event an administrator sees
};

struct RuleContext {
  const Organisation& organisation;
  const SelectionIndex& selection;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const RuleContext& context, std::vector<Finding>& out) const = 0;

 protected:
  /// A finding stamped with this rule's id, name, default severity and symptom.
  Finding finding() const;
};

/// Every rule, sorted by id. The one list: the catalogue, Get-ReceiveConnectorRule and the doc-page
/// test all read it.
std::vector<std::unique_ptr<const Rule>> make_rules();

/// The doc page of a rule, relative to the project root.
std::string doc_page(const RuleInfo& info);

}  // namespace ecd
