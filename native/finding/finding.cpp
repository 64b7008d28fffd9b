#include "finding/finding.h"

#include <fmt/format.h>
#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include "core/text.h"
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
  f.summary = std::string(info.title);
  return f;
}

namespace {

constexpr auto kReplace = nlohmann::ordered_json::error_handler_t::replace;  // a key must never throw

/// FNV-1a, 64 bits: the same bytes give the same value on every platform and run.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

/// What identifies a finding, fields separated by a byte no name holds.
std::string identity_key(const Finding& f) {
  return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", f.rule_id, to_lower(f.server), to_lower(f.connector),
                     to_lower(f.sender), f.port ? std::to_string(*f.port) : std::string());
}

}  // namespace

void assign_ids(std::vector<Finding>& findings) {
  std::map<std::string, int> seen;
  for (const auto& f : findings) ++seen[identity_key(f)];
  for (auto& f : findings) {
    std::string key = identity_key(f);
    if (seen[key] > 1) key += "\x1f" + f.evidence.dump(-1, ' ', false, kReplace);
    // Folded to 32 bits: 8 hex digits are short enough to say on the phone and to paste into a ticket.
    const std::uint64_t h = fnv1a(key);
    f.id = fmt::format("{}-{:08x}", f.rule_id, static_cast<std::uint32_t>(h ^ (h >> 32)));
  }
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::make_tuple(-static_cast<int>(a.severity), to_lower(a.server), to_lower(a.connector), a.rule_id,
                           a.evidence.dump(-1, ' ', false, kReplace)) <
           std::make_tuple(-static_cast<int>(b.severity), to_lower(b.server), to_lower(b.connector), b.rule_id,
                           b.evidence.dump(-1, ' ', false, kReplace));
  });
}

}  // namespace ecd
