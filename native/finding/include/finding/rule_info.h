// What every rule is: a stable id, a kebab name, a default severity, a title, the symptom an administrator sees,
// and the rows of DOMAIN.md §5.2's cause catalogue that its findings explain (read by the queue pass,
// diagnose/queue.h, instead of the symptom's words). A rule's doc page is docs/rules/<id>.md.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "finding/finding.h"

namespace ecd {

struct RuleInfo {
  std::string_view id;    // "ECD0101"
  std::string_view name;  // "exchange-server-captured"
  Severity severity;      // the default; a finding may be lower when the rule says why
  std::string_view title;
  std::string_view symptom;         // the SMTP reply or event an administrator sees
  std::initializer_list<int> rows;  // DOMAIN.md §5.2 rows whose symptom its findings explain; empty for none
  bool says_unchecked = false;      // its findings say that a check could not run (never read as a pass)
};

/// The doc page of a rule, relative to the project root.
std::string doc_page(const RuleInfo& info);

/// A finding stamped with the rule's id, name, default severity, symptom and cause rows.
Finding finding_of(const RuleInfo& info);

}  // namespace ecd
