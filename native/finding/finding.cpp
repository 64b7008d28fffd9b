#include "finding/finding.h"

#include <fmt/format.h>

#include "core/values.h"
#include "finding/rule_info.h"

namespace ecd {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Information: return "Information";
    case Severity::Warning: return "Warning";
    case Severity::Error: return "Error";
  }
  return "";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (auto s : {Severity::Information, Severity::Warning, Severity::Error})
    if (iequals(text, severity_name(s))) return s;
  return std::nullopt;
}

std::string doc_page(const RuleInfo& info) {
  return fmt::format("docs/rules/{}.md", info.id);
}

Finding finding_of(const RuleInfo& info) {
  Finding f;
  f.rule_id = std::string(info.id);
  f.rule = std::string(info.name);
  f.rows.assign(info.rows.begin(), info.rows.end());
  f.says_unchecked = info.says_unchecked;
  f.severity = info.severity;
  f.symptom = std::string(info.symptom);
  return f;
}

}  // namespace ecd
