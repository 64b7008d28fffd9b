// Remediation commands. Every RemediationCommand is built here: values are single-quoted for
// PowerShell with every kind of single quote doubled, so no name can expand or end the string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ecd {

/// 'text' with ' (and the Unicode single quotes PowerShell also accepts) doubled.
std::string ps_quote(std::string_view text);

class PowerShellCommand {
 public:
  explicit PowerShellCommand(std::string_view cmdlet);
  PowerShellCommand& arg(std::string_view parameter, std::string_view value);
  PowerShellCommand& arg(std::string_view parameter, const std::vector<std::string>& values);
  PowerShellCommand& arg(std::string_view parameter, bool value);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace ecd
