// Fuzz target: RemoteIPRanges entries and addresses (parse_ip_range, parse_ip_address) and the split
// that builds remediation commands (subtract_addresses over subtract_intervals). The input is lines of text; each line is
// read as a range and as an address.
// Invariants: a parsed range has lower <= upper of one family; a range written back by format_interval
// and an address written by format_ip_address parse to the same values; subtract_addresses returns
// ranges that parse, hold none of the removed addresses, and lie inside the ranges they came from.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "core/ip.h"

namespace {

std::vector<std::string_view> lines_of(std::string_view text, std::size_t max_lines) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size() && out.size() < max_lines) {
    std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecd;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<IpRange> ranges;
  std::vector<IpAddress> addresses;
  for (std::string_view line : lines_of(text, 64)) {
    if (auto r = parse_ip_range(line)) {
      const IpRange& range = *r.value;
      ECD_FUZZ_CHECK(range.lower.family == range.upper.family);
      ECD_FUZZ_CHECK(range.lower.value <= range.upper.value);
      ECD_FUZZ_CHECK(range.contains(range.lower) && range.contains(range.upper));
      auto again = parse_ip_range(format_interval(range.lower, range.upper));
      ECD_FUZZ_CHECK(again && again.value->lower == range.lower && again.value->upper == range.upper);
      ranges.push_back(range);
    } else {
      ECD_FUZZ_CHECK(!r.error.empty());
    }
    if (auto a = parse_ip_address(line)) {
      auto again = parse_ip_address(format_ip_address(*a.value));
      ECD_FUZZ_CHECK(again && *again.value == *a.value);
      addresses.push_back(*a.value);
    }
  }
  for (const std::string& piece : subtract_addresses(ranges, addresses)) {
    auto r = parse_ip_range(piece);
    ECD_FUZZ_CHECK(r.value.has_value());
    for (const auto& a : addresses) ECD_FUZZ_CHECK(!r.value->contains(a));
    bool inside = false;
    for (const auto& from : ranges) inside = inside || (from.contains(r.value->lower) && from.contains(r.value->upper));
    ECD_FUZZ_CHECK(inside);
  }
  return 0;
}
