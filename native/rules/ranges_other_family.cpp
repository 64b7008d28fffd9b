// ECD0802 ranges-other-family: every remote range of the connector is of the other address family than every
// binding, so it is registered under no key and never answers (DOMAIN.md §1.2 step 2, §1.5).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class RangesOtherFamily final : public Rule {
 public:
  static constexpr RuleInfo kInfo{"ECD0802",
                                  "ranges-other-family",
                                  Severity::Warning,
                                  "The connector's remote ranges are all of the other address family than its bindings",
                                  "The connector never answers; its senders land on another connector or get 421 4.3.2",
                                  {12}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.enabled || !c.selectable()) continue;
      std::set<Family> bound, ranged;
      for (const auto& b : c.bindings) bound.insert(b.address.family);
      for (const auto& r : c.remote_ip_ranges) ranged.insert(r.family());
      bool shared = false;
      for (Family f : bound) shared = shared || ranged.count(f) > 0;
      if (shared) continue;
      Family range_family = *ranged.begin();
      auto name = [](Family f) { return f == Family::IPv4 ? "IPv4" : "IPv6"; };
      std::set<std::uint16_t> ports;
      std::vector<std::string> now;
      for (const auto& b : c.bindings) {
        ports.insert(b.port);
        now.push_back(format_ip_binding(b));
      }
      std::vector<std::string> bindings;
      for (auto p : ports) bindings.push_back(format_ip_binding(IpBinding{wildcard_address(range_family), p}));
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' binds only {} addresses ({}) but all of its remote ranges are {}. Exchange registers a connector "
          "under a binding only with the ranges of the binding's family, so this connector is registered nowhere and "
          "never takes a connection; its senders land on another connector.",
          c.identity, name(*bound.begin()), fmt::join(now, ", "), name(range_family));
      f.remediation = fmt::format(
          "Bind it to the family of its ranges ({}), or write its ranges in the family of its bindings. Check first "
          "that it should really take those senders: once it answers, it wins for every address in its ranges.",
          fmt::join(bindings, ", "));
      ConnectorEdit edit;
      edit.remove_bindings = c.bindings;
      for (auto p : ports) edit.add_bindings.push_back(IpBinding{wildcard_address(range_family), p});
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      f.evidence["bindings"] = now;
      f.evidence["rangeFamily"] = name(range_family);
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_ranges_other_family_rule() {
  return std::make_unique<RangesOtherFamily>();
}

}  // namespace ecd
