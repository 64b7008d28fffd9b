#include "report/powershell_command.h"

#include <array>

namespace ecd {

std::string ps_quote(std::string_view text) {
  // PowerShell treats U+2018, U+2019, U+201A and U+201B like the ASCII apostrophe.
  static constexpr std::array<std::string_view, 4> kUnicodeQuotes{"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9A",
                                                                  "\xE2\x80\x9B"};
  std::string out = "'";
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\'') {
      out += "''";
      ++i;
      continue;
    }
    bool quote = false;
    for (auto q : kUnicodeQuotes) {
      if (text.substr(i, q.size()) == q) {
        out += q;
        out += q;
        i += q.size();
        quote = true;
        break;
      }
    }
    if (!quote) out += text[i++];
  }
  out += "'";
  return out;
}

PowerShellCommand::PowerShellCommand(std::string_view cmdlet) : text_(cmdlet) {}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, std::string_view value) {
  text_ += " -";
  text_ += parameter;
  text_ += ' ';
  text_ += ps_quote(value);
  return *this;
}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, const std::vector<std::string>& values) {
  text_ += " -";
  text_ += parameter;
  text_ += ' ';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text_ += ',';
    text_ += ps_quote(values[i]);
  }
  return *this;
}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, bool value) {
  text_ += " -";
  text_ += parameter;
  text_ += value ? ":$true" : ":$false";
  return *this;
}

}  // namespace ecd
