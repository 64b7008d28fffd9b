// A finding: what a rule found, for whom, why, and the command that fixes it. Serialised by
// report/response.cpp in a stable order so that golden files work.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ecd {

enum class Severity { Information = 0, Warning = 1, Error = 2 };
std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

struct Finding {
  std::string rule_id;
  std::string rule;
  Severity severity = Severity::Information;
  std::string server;
  std::string connector;  // identity, "SRV\Name"; empty when the finding is about a server
  std::string message;
  std::string symptom;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
  std::string remediation;
  std::string remediation_command;
};

}  // namespace ecd
