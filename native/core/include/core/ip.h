// IP addresses, remote IP ranges and local bindings, parsed from the notations Exchange prints
// and accepts (DOMAIN.md §6.2). IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d), the way
// Exchange's IPvxAddress does, but every value keeps its family so that callers keep them apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/uint128.h"

namespace ecd {

enum class Family { IPv4, IPv6 };

struct IpAddress {
  Uint128 value;  // IPv4: ::ffff:a.b.c.d
  Family family = Family::IPv4;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend auto operator<=>(const IpAddress& a, const IpAddress& b) { return a.value <=> b.value; }
  bool is_unspecified() const;  // 0.0.0.0 or ::
};

/// The result of a parse: a value, or a message that says what is wrong with the text.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;
  explicit operator bool() const { return value.has_value(); }
};

template <class T>
Parsed<T> parsed_value(T value) {
  return Parsed<T>{std::move(value), {}};
}

template <class T>
Parsed<T> parse_error(std::string message) {
  return Parsed<T>{std::nullopt, std::move(message)};
}

/// Parses "10.0.0.1", "::1", "fe80::1%11" (zone id dropped), "::ffff:10.0.0.1" (IPv4 family),
/// "2001:db8::10.0.0.1". No surrounding spaces allowed.
Parsed<IpAddress> parse_ip_address(std::string_view text);
/// Canonical text: dotted quad for IPv4, RFC 5952 (lowercase, longest zero run as ::) for IPv6.
std::string format_ip_address(const IpAddress& address);
IpAddress ipv4(std::uint32_t host_order);  // helper for tests and generators

enum class RangeFormat { SingleAddress, LoHi, Cidr, Netmask };

struct IpRange {
  IpAddress lower;
  IpAddress upper;
  RangeFormat format = RangeFormat::SingleAddress;
  std::string expression;  // the text as written (trimmed)

  Family family() const { return lower.family; }
  Uint128 size() const { return range_size(lower.value, upper.value); }
  bool contains(const IpAddress& a) const {
    return a.family == family() && lower.value <= a.value && a.value <= upper.value;
  }
};

/// Parses one RemoteIPRanges entry: "10.0.0.5" (a bare 0.0.0.0 is ONE address), "10.0.0.1-10.0.0.30"
/// (same family, lower <= upper), "10.0.0.0/24" (host bits masked, /0../32 or /0../128),
/// "10.0.0.0(255.255.255.0)" (contiguous mask only), IPv6 forms of each. Surrounding spaces trimmed.
Parsed<IpRange> parse_ip_range(std::string_view text);

struct IpBinding {
  IpAddress address;  // 0.0.0.0 or :: for "all local addresses of that family"
  std::uint16_t port = 0;
  bool is_wildcard() const { return address.is_unspecified(); }
};

/// Parses "0.0.0.0:25", "[::]:25", ":::25", "10.1.1.1:25", "[2001:db8::5]:2525". Splits at the LAST ':';
/// an empty address means 0.0.0.0 (Exchange's IPBinding.Parse). Port 0..65535.
Parsed<IpBinding> parse_ip_binding(std::string_view text);
std::string format_ip_binding(const IpBinding& binding);  // "0.0.0.0:25", "[::]:25"

/// Exchange notation for [lower, upper] of one family: a single address, CIDR where the interval is
/// exactly one aligned block, otherwise "a-b".
std::string format_interval(const IpAddress& lower, const IpAddress& upper);

/// [lower, upper] of one family as expressions that parse back to the same addresses, appended to `out`:
/// one, written by format_interval, except for an IPv6 interval with a bound inside ::ffff:0:0/96. Text
/// there reads as IPv4 (IPv4-mapped), so such a bound cannot be written; and no IPv6 address lies there,
/// so the bound is moved out of that block (nothing is appended when nothing is left). Pieces computed
/// from ranges such as ::/80 would otherwise come out as "::2-::ffff:ffff:ffff", which does not parse.
void append_interval(Family family, Uint128 lower, Uint128 upper, std::vector<std::string>& out);

/// A closed interval of addresses of one family.
struct Interval {
  Family family;
  Uint128 lower;
  Uint128 upper;
};

/// The first and last address of a family's whole space (0.0.0.0-255.255.255.255 as IPv4-mapped; ::-ffff:...).
Interval whole_family(Family family);
/// Sorted, merged (overlapping and adjacent joined) intervals of one family.
std::vector<Interval> merge_intervals(std::vector<Interval> intervals);
/// The parts of the family's space that `covered` (merged, one family) leaves out.
std::vector<Interval> complement(const std::vector<Interval>& covered, Family family);
/// Exchange notation of an interval ("10.0.0.0/24", "10.0.0.1-10.0.0.30", "10.0.0.5").
std::string format_interval(const Interval& interval);
/// Number of addresses in an interval (saturating).
Uint128 interval_size(const Interval& interval);

/// `ranges` with `remove` taken out: untouched ranges keep their expression; cut ones are split into
/// pieces written by append_interval; duplicates (a piece equal to a range written elsewhere) are kept once.
/// O((r + i) log i).
std::vector<std::string> subtract_intervals(const std::vector<IpRange>& ranges, std::vector<Interval> remove);
/// subtract_intervals with single addresses: `ranges` without `addresses` (in any order, repeated or not). Ranges
/// and addresses of different families never touch.
std::vector<std::string> subtract_addresses(const std::vector<IpRange>& ranges,
                                            const std::vector<IpAddress>& addresses);

}  // namespace ecd
