// The change operation: the organisation analysed as it is, and again with a planned Set-ReceiveConnector or
// New-ReceiveConnector (parse/change.h) and/or the analysis' own fixes applied to the model; the answer is the
// difference: the findings that appear and disappear, and the Exchange senders that land on another connector.
// No rule or selection logic here: both sides are the engine's own analysis and landings.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "analysis.h"
#include "core/text.h"
#include "parse/change.h"
#include "report/response.h"
#include "select/landings.h"
#include "select/selection.h"

namespace ecd {
namespace {

using ordered_json = nlohmann::ordered_json;

/// A finding is the same before and after when its rule, severity, server, connector, sender and port are.
std::string finding_key(const Finding& f) {
  return fmt::format("{}|{}|{}|{}|{}|{}", f.rule_id, static_cast<int>(f.severity), to_lower(f.server),
                     to_lower(f.connector), to_lower(f.sender), f.port ? static_cast<int>(*f.port) : -1);
}

/// The findings of `of` that `against` does not have (as many times as `of` has them more).
std::vector<Finding> not_in(const std::vector<Finding>& of, const std::vector<Finding>& against) {
  std::map<std::string, int> count;
  for (const auto& f : against) ++count[finding_key(f)];
  std::vector<Finding> out;
  for (const auto& f : of)
    if (--count[finding_key(f)] < 0) out.push_back(f);
  return out;
}

/// Where each Exchange sender lands: (target, port, sender, address, local address) -> connector and delivery.
using LandingKey = std::tuple<std::string, std::uint16_t, std::string, std::string, std::string>;
struct Landed {
  std::string connector;  // identity, empty: no connector takes it (421 4.3.2)
  Delivery delivery = Delivery::DoesNotDeliver;
};
std::map<LandingKey, Landed> landings(const Organisation& org) {
  std::map<LandingKey, Landed> out;
  const SelectionIndex index(org);
  for_each_exchange_landing(org, index, [&](const Landing& l) {
    LandingKey key{l.target->name, l.path.port, l.sender->name, format_ip_address(l.address),
                   l.local ? format_ip_address(*l.local) : std::string()};
    out[key] = Landed{l.connector ? l.connector->identity : std::string(), l.delivery};
  });
  return out;
}

std::string_view delivery_word(Delivery d) {
  switch (d) {
    case Delivery::Delivers: return "Delivers";
    case Delivery::LikelyDelivers: return "LikelyDelivers";
    case Delivery::Undocumented: return "Undocumented";
    case Delivery::MayDeliver: return "MayDeliver";
    case Delivery::DoesNotDeliver: return "DoesNotDeliver";
  }
  return "";
}

/// The senders that land on another connector, on paths where they may deliver.
ordered_json moves_json(const std::map<LandingKey, Landed>& before, const std::map<LandingKey, Landed>& after) {
  std::map<LandingKey, std::pair<Landed, Landed>> both;
  for (const auto& [k, v] : before) both[k].first = v;
  for (const auto& [k, v] : after) both[k].second = v;
  auto list = ordered_json::array();
  for (const auto& [k, v] : both) {
    const auto& [was, is] = v;
    if (iequals(was.connector, is.connector)) continue;
    if (was.delivery == Delivery::DoesNotDeliver && is.delivery == Delivery::DoesNotDeliver) continue;
    const auto& [target, port, sender, address, local] = k;
    ordered_json m;
    m["sender"] = sender;
    m["senderAddress"] = address;
    m["server"] = target;
    m["port"] = port;
    m["localAddress"] = local;
    m["before"] = was.connector.empty() ? ordered_json() : ordered_json(was.connector);
    m["after"] = is.connector.empty() ? ordered_json() : ordered_json(is.connector);
    m["delivery"] = std::string(delivery_word(is.delivery == Delivery::DoesNotDeliver ? was.delivery : is.delivery));
    list.push_back(std::move(m));
  }
  return list;
}

/// The difference between two states: appeared, disappeared, moves, and whether a Warning or Error appeared.
void write_difference(ordered_json& out, const Request& before, const std::vector<Finding>& found_before,
                      const Request& after, const std::vector<Finding>& found_after) {
  const auto appeared = not_in(found_after, found_before);
  bool worse = false;
  for (const auto& f : appeared) worse = worse || f.severity >= Severity::Warning;
  out["addsProblems"] = worse;
  out["appeared"] = findings_json(appeared);
  out["disappeared"] = findings_json(not_in(found_before, found_after));
  out["moves"] = moves_json(landings(before.organisation), landings(after.organisation));
}

/// The analysis of a copy of `request` (the analysis adds input issues and queue diagnoses to what it reads).
std::vector<Finding> analyse(const Request& request) {
  Request copy = request;
  return analysis(copy);
}

/// A fix as a change: its parameters (but Identity) set on its connector.
ConnectorChange change_of(const std::string& connector, const Fix& fix) {
  ConnectorChange change;
  change.identity = connector;
  change.pointer = "/applyFixes";
  for (const auto& [name, value] : fix.parameters)
    if (!iequals(name, "Identity")) change.parameters[name] = nlohmann::json::parse(value.dump());
  return change;
}

ordered_json outcome_json(const ChangeOutcome& o, const Organisation& org) {
  ordered_json j;
  j["applied"] = o.applied;
  j["connector"] = o.connector ? ordered_json(org.connectors[*o.connector].identity) : ordered_json();
  j["properties"] = o.properties;
  j["notModelled"] = o.not_modelled;
  return j;
}

}  // namespace

ordered_json change_response(const Request& request, ordered_json out) {
  const auto found_before = analyse(request);
  Request after = request;
  if (request.change)
    out["change"] = outcome_json(apply_change(after.organisation, *request.change), after.organisation);
  if (request.apply_fixes) {
    // One fix per connector (every finding on a connector carries the same one): each is checked alone on the
    // organisation as the change leaves it, then all are applied together.
    const Request base = after;
    const auto found_base = request.change ? analyse(base) : found_before;
    std::map<std::string, const Finding*> fixes;  // lower-case identity -> a finding with its fix
    for (const auto& f : found_base)
      if (f.fix && !f.connector.empty()) fixes.try_emplace(to_lower(f.connector), &f);
    auto list = ordered_json::array();
    for (const auto& entry_of_fix : fixes) {
      const Finding* f = entry_of_fix.second;  // not a structured binding: clang 14 cannot capture one
      if (!request.fix_connectors.empty() &&
          std::none_of(request.fix_connectors.begin(), request.fix_connectors.end(),
                       [&](const std::string& c) { return iequals(c, f->connector); }))
        continue;
      ordered_json entry;
      entry["connector"] = f->connector;
      entry["fix"] = finding_json(*f)["fix"];
      if (f->fix->cmdlet != "Set-ReceiveConnector") {
        entry["checked"] = false;
        entry["reason"] = fmt::format("the engine checks Set-ReceiveConnector only, not {}", f->fix->cmdlet);
        list.push_back(std::move(entry));
        continue;
      }
      Request alone = base;
      const ChangeOutcome o = apply_change(alone.organisation, change_of(f->connector, *f->fix));
      apply_change(after.organisation, change_of(f->connector, *f->fix));
      entry["checked"] = o.applied && o.not_modelled.empty();
      if (!o.not_modelled.empty())
        entry["reason"] = fmt::format("the engine does not model {}", fmt::join(o.not_modelled, ", "));
      write_difference(entry, base, found_base, alone, analyse(alone));
      list.push_back(std::move(entry));
    }
    out["fixes"] = std::move(list);
  }
  write_difference(out, request, found_before, after, analyse(after));
  out["findings"] = findings_json(found_before);
  return out;
}

}  // namespace ecd
