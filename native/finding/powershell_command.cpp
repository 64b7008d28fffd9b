#include "finding/powershell_command.h"

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

std::string command_text(const Fix& fix) {
  std::string text = fix.cmdlet;
  for (const auto& [name, value] : fix.parameters) {
    text += " -";
    text += name;
    if (value.is_boolean()) {
      text += value.get<bool>() ? ":$true" : ":$false";
      continue;
    }
    text += ' ';
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (i > 0) text += ',';
        text += ps_quote(value[i].is_string() ? value[i].get_ref<const std::string&>() : value[i].dump());
      }
    } else {
      text += ps_quote(value.is_string() ? value.get_ref<const std::string&>() : value.dump());
    }
  }
  return text;
}

PowerShellCommand::PowerShellCommand(std::string_view cmdlet) {
  fix_.cmdlet = std::string(cmdlet);
}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, const nlohmann::ordered_json& value) {
  fix_.parameters.emplace_back(std::string(parameter), value);
  return *this;
}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, std::string_view value) {
  return arg(parameter, nlohmann::ordered_json(std::string(value)));
}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, const std::vector<std::string>& values) {
  return arg(parameter, nlohmann::ordered_json(values));
}

PowerShellCommand& PowerShellCommand::arg(std::string_view parameter, bool value) {
  return arg(parameter, nlohmann::ordered_json(value));
}

}  // namespace ecd
