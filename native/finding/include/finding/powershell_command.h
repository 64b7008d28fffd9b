// Remediation commands. Every RemediationCommand is built here, as data first (report/finding.h's Fix:
// the cmdlet and its typed parameters) and text second: values are single-quoted for PowerShell with every
// kind of single quote doubled, so no name can expand or end the string.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "finding/finding.h"

namespace ecd {

/// 'text' with ' (and the Unicode single quotes PowerShell also accepts) doubled.
std::string ps_quote(std::string_view text);

/// The text of a command: -Name 'value', -Name 'a','b', -Name:$true.
std::string command_text(const Fix& fix);

class PowerShellCommand {
 public:
  explicit PowerShellCommand(std::string_view cmdlet);
  PowerShellCommand& arg(std::string_view parameter, std::string_view value);
  PowerShellCommand& arg(std::string_view parameter, const std::string& value) {
    return arg(parameter, std::string_view(value));
  }
  PowerShellCommand& arg(std::string_view parameter, const char* value) {
    return arg(parameter, std::string_view(value));
  }
  PowerShellCommand& arg(std::string_view parameter, const std::vector<std::string>& values);
  PowerShellCommand& arg(std::string_view parameter, bool value);
  /// A value of the kinds above held as JSON: a string, an array of strings, or a boolean.
  PowerShellCommand& arg(std::string_view parameter, const nlohmann::ordered_json& value);
  const Fix& fix() const { return fix_; }
  std::string text() const { return command_text(fix_); }

 private:
  Fix fix_;
};

}  // namespace ecd
