// ECD0806 remote-ip-ranges-near-limit: RemoteIPRanges with 1,000 entries or more, near the directory's limit of
// about 1,200; the next addition fails (DOMAIN.md §7).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

constexpr std::size_t kWarnAt = 1000;  // a sixth of the room left (model/organisation.h holds the limit)

class RemoteIpRangesNearLimit final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0806",
      "remote-ip-ranges-near-limit",
      Severity::Warning,
      "RemoteIPRanges is near the directory's limit of about 1,200 entries",
      "Set-ReceiveConnector / New-ReceiveConnector: \"The administrative limit for this request was exceeded.\"",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      std::size_t n = c.remote_ip_ranges.size();
      if (n < kWarnAt) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' has {} RemoteIPRanges entries; the directory holds about {} entries per connector (each single "
          "address, a-b range or CIDR block counts as one). {}",
          c.identity, format_count(Uint128::from_u64(n)), format_count(Uint128::from_u64(kRemoteIPRangesLimit)),
          n >= kRemoteIPRangesLimit
              ? "It is at the limit: adding any entry fails with \"The administrative limit for this request "
                "was exceeded.\""
              : fmt::format("About {} more entries fit; after that Set-ReceiveConnector fails with \"The "
                            "administrative limit for this request was exceeded.\"",
                            kRemoteIPRangesLimit - n));
      f.remediation =
          "Write neighbouring single addresses as a-b ranges or CIDR blocks where that admits no unwanted host (mind "
          "that a larger range is less specific in connector selection), or split the list across several connectors "
          "with the same settings. Which addresses may be joined cannot be read from the connector, so no command is "
          "given.";
      f.evidence["entries"] = n;
      f.evidence["warnAt"] = kWarnAt;
      f.evidence["limit"] = kRemoteIPRangesLimit;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_remote_ip_ranges_near_limit_rule() {
  return std::make_unique<RemoteIpRangesNearLimit>();
}

}  // namespace ecd
