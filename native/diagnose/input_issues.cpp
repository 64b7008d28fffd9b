// ECD0001 invalid-input: a value in the input could not be read. The rest is still analysed; this
// finding says what was left out and where it is. Not a check over the configuration but one plain function
// over the model's input issues, run whatever rules were chosen.
#include "diagnose/input_issues.h"

#include "core/text.h"

#include <fmt/format.h>

namespace ecd {
namespace {

constexpr RuleInfo kInvalidInput{"ECD0001",
                                 "invalid-input",
                                 Severity::Warning,
                                 "A value in the input could not be read, so part of the analysis was left out",
                                 "none on the wire: the answer is incomplete until the input is fixed",
                                 {}};

}  // namespace

const RuleInfo& invalid_input_rule() {
  return kInvalidInput;
}

void add_input_issue_findings(const Organisation& organisation, std::vector<Finding>& out) {
  for (const auto& issue : organisation.issues) {
    Finding f = finding_of(kInvalidInput);
    f.server = issue.server;
    f.connector = issue.connector_identity;
    std::string where = issue.source == "request" ? std::string() : fmt::format("{}: ", issue.source);
    std::string what = issue.connector_identity.empty()
                           ? (issue.item ? fmt::format("input item {}", *issue.item) : std::string("input"))
                           : fmt::format("connector '{}'", issue.connector_identity);
    f.message = issue.field.empty() ? fmt::format("{}{}: {}", where, what, issue.message)
                                    : fmt::format("{}{}, {}: {}", where, what, issue.field, issue.message);
    // The table's line: the field and the text as given, or the start of the message for a whole item.
    const std::string shown = issue.text.size() > 30 ? utf8_prefix(issue.text, 29) + "..." : issue.text;
    f.summary = issue.field.empty() ? fmt::format("{}{}: cannot be read", where, what)
                                    : fmt::format("{} '{}' cannot be read", issue.field, shown);
    f.remediation =
        issue.connector_identity.empty()
            ? "Pass the objects that Get-ReceiveConnector returns (live, from Import-Clixml, or JSON with the same "
              "properties)."
            : fmt::format(
                  "Check {} of '{}' with Get-ReceiveConnector -Identity {} | Format-List {}; fix the value "
                  "in the export or on the server and run the check again.",
                  issue.field.empty() ? "the connector" : issue.field, issue.connector_identity,
                  "'" + issue.connector_identity + "'", issue.field.empty() ? "*" : issue.field);
    auto& e = f.evidence;
    e["source"] = issue.source;
    e["pointer"] = issue.pointer;
    e["field"] = issue.field;
    e["text"] = issue.text;
    if (issue.item) e["item"] = *issue.item;
    out.push_back(std::move(f));
  }
}

}  // namespace ecd
