// IP address, range and binding parsing/formatting (DOMAIN.md §1.2, §1.5, §6.2).
#include "core/ip.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <set>
#include <tuple>
#include <utility>

namespace ecd {
namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers

constexpr std::uint64_t kMappedPrefix = std::uint64_t{0xffff} << 32;  // ::ffff:0:0 in the low word
constexpr Uint128 kOne = Uint128::from_u64(1);

std::string quoted(std::string_view text) {
  std::string s = "'";
  s.append(text);
  s += '\'';
  return s;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

/// Without the spaces and tabs around it (line breaks are not allowed in an address).
std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class DecimalError { None, Empty, NotDecimal, TooLarge };

struct Decimal {
  std::uint32_t value = 0;
  DecimalError error = DecimalError::None;
};

// Digits only (no sign, no spaces); leading zeros allowed; value <= max.
Decimal parse_decimal(std::string_view s, std::uint32_t max) {
  Decimal d;
  if (s.empty()) {
    d.error = DecimalError::Empty;
    return d;
  }
  std::uint64_t v = 0;
  bool too_large = false;
  for (char c : s) {
    if (!is_digit(c)) {
      d.error = DecimalError::NotDecimal;
      return d;
    }
    if (!too_large) {
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
      if (v > max) too_large = true;
    }
  }
  if (too_large) {
    d.error = DecimalError::TooLarge;
    return d;
  }
  d.value = static_cast<std::uint32_t>(v);
  return d;
}

bool is_mapped_ipv4(const Uint128& v) {
  return v.hi == 0 && (v.lo >> 32) == 0xffff;
}

IpAddress make_address(Uint128 value) {
  return {value, is_mapped_ipv4(value) ? Family::IPv4 : Family::IPv6};
}

unsigned width_of(Family f) {
  return f == Family::IPv4 ? 32u : 128u;
}

// All the bits an address of the family varies in: the low 32 for IPv4, all 128 for IPv6.
Uint128 family_bits(Family f) {
  return prefix_mask(width_of(f), width_of(f));
}

// The host bits of a /prefix block of the family's width (the low `width - prefix` bits set).
Uint128 host_mask(unsigned prefix, Family f) {
  return family_bits(f) & ~prefix_mask(prefix, width_of(f));
}

// ---------------------------------------------------------------------------------------------
// Address parsing. The internal parsers return the reason only; the caller adds the quoted text.

Parsed<std::uint32_t> parse_ipv4_reason(std::string_view text) {
  if (text.empty()) return parse_error<std::uint32_t>("it is empty");
  std::uint32_t value = 0;
  std::size_t parts = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? text.size() - start : dot - start);
    ++parts;
    Decimal d = parse_decimal(part, 255);
    switch (d.error) {
      case DecimalError::Empty: return parse_error<std::uint32_t>("part " + std::to_string(parts) + " is empty");
      case DecimalError::NotDecimal: return parse_error<std::uint32_t>(quoted(part) + " is not a decimal number");
      case DecimalError::TooLarge: return parse_error<std::uint32_t>(std::string(part) + " is above 255");
      case DecimalError::None: break;
    }
    if (parts <= 4) value = (value << 8) | d.value;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts != 4) {
    return parse_error<std::uint32_t>("it has " + std::to_string(parts) + " parts, an IPv4 address has 4");
  }
  return parsed_value(value);
}

struct Groups {
  std::array<std::uint16_t, 8> g{};
  std::size_t count = 0;
};

// Parses the ':'-separated groups of one side of '::' (or the whole address when there is none).
// `may_end_in_ipv4`: the last group may be an embedded dotted quad (the last 32 bits of the address).
std::string parse_groups(std::string_view side, bool may_end_in_ipv4, Groups& out) {
  if (side.empty()) return {};
  std::size_t start = 0;
  while (true) {
    std::size_t colon = side.find(':', start);
    bool last = colon == std::string_view::npos;
    std::string_view group = side.substr(start, last ? side.size() - start : colon - start);
    if (group.empty()) return "it has an empty group (a lone ':' at the start or the end)";
    if (group.find('.') != std::string_view::npos) {
      if (!last || !may_end_in_ipv4) return "an embedded IPv4 address must be the last 32 bits";
      Parsed<std::uint32_t> v4 = parse_ipv4_reason(group);
      if (!v4) return "embedded IPv4 address " + quoted(group) + ": " + v4.error;
      if (out.count + 2 > 8) return "it has more than 8 groups";
      out.g[out.count++] = static_cast<std::uint16_t>(*v4.value >> 16);
      out.g[out.count++] = static_cast<std::uint16_t>(*v4.value & 0xffff);
    } else {
      if (group.size() > 4) return "group " + quoted(group) + " has more than 4 hex digits";
      unsigned v = 0;
      for (char c : group) {
        int h = hex_value(c);
        if (h < 0) return "group " + quoted(group) + " is not a hex number";
        v = (v << 4) | static_cast<unsigned>(h);
      }
      if (out.count + 1 > 8) return "it has more than 8 groups";
      out.g[out.count++] = static_cast<std::uint16_t>(v);
    }
    if (last) break;
    start = colon + 1;
  }
  return {};
}

Uint128 value_of(const std::array<std::uint16_t, 8>& g) {
  Uint128 v;
  for (std::size_t i = 0; i < 4; ++i) {
    v.hi = (v.hi << 16) | g[i];
    v.lo = (v.lo << 16) | g[i + 4];
  }
  return v;
}

Parsed<Uint128> parse_ipv6_reason(std::string_view text) {
  std::size_t percent = text.find('%');
  if (percent != std::string_view::npos) {
    if (percent + 1 == text.size()) return parse_error<Uint128>("the zone id after '%' is empty");
    text = text.substr(0, percent);
  }
  if (text.empty()) return parse_error<Uint128>("it is empty");
  std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    Groups all;
    std::string reason = parse_groups(text, true, all);
    if (!reason.empty()) return parse_error<Uint128>(reason);
    if (all.count != 8) {
      return parse_error<Uint128>("it has " + std::to_string(all.count) +
                                  " groups, an IPv6 address has 8 (or uses '::')");
    }
    return parsed_value(value_of(all.g));
  }
  if (text.find("::", gap + 1) != std::string_view::npos) return parse_error<Uint128>("it has more than one '::'");
  std::string_view head_text = text.substr(0, gap);
  std::string_view tail_text = text.substr(gap + 2);
  Groups head;
  Groups tail;
  std::string reason = parse_groups(head_text, false, head);  // '::' follows: never the last 32 bits
  if (reason.empty()) reason = parse_groups(tail_text, true, tail);
  if (!reason.empty()) return parse_error<Uint128>(reason);
  if (head.count + tail.count > 7) {
    return parse_error<Uint128>("it has " + std::to_string(head.count + tail.count) +
                                " groups besides '::', at most 7 are possible");
  }
  std::array<std::uint16_t, 8> g{};
  std::copy_n(head.g.begin(), head.count, g.begin());
  std::copy_n(tail.g.begin(), tail.count, g.begin() + static_cast<std::ptrdiff_t>(8 - tail.count));
  return parsed_value(value_of(g));
}

// ---------------------------------------------------------------------------------------------
// Formatting

std::string format_ipv4(std::uint32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (shift != 24) s += '.';
    s += std::to_string((v >> shift) & 0xff);
  }
  return s;
}

std::string format_ipv6(const Uint128& v) {
  std::array<std::uint16_t, 8> g{};
  for (std::size_t i = 0; i < 4; ++i) {
    g[i] = static_cast<std::uint16_t>(v.hi >> (48 - 16 * i));
    g[i + 4] = static_cast<std::uint16_t>(v.lo >> (48 - 16 * i));
  }
  // Longest run of two or more zero groups; the first one on a tie (RFC 5952 §4.2).
  std::size_t best_start = 8;
  std::size_t best_len = 1;
  for (std::size_t i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string s;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best_start) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    if (!s.empty() && s.back() != ':') s += ':';
    char buf[8];
    auto res = std::to_chars(buf, buf + sizeof buf, g[i], 16);
    s.append(buf, res.ptr);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Range forms

Parsed<IpAddress> parse_bound(std::string_view expression, std::string_view text) {
  Parsed<IpAddress> a = parse_ip_address(text);
  if (!a) a.error = quoted(expression) + ": " + a.error;
  return a;
}

Parsed<IpRange> parse_lohi(std::string_view expression, std::size_t dash) {
  std::string_view lo_text = trim_blanks(expression.substr(0, dash));
  std::string_view hi_text = trim_blanks(expression.substr(dash + 1));
  if (lo_text.empty()) return parse_error<IpRange>(quoted(expression) + ": the lower bound is missing");
  if (hi_text.empty()) return parse_error<IpRange>(quoted(expression) + ": the upper bound is missing");
  Parsed<IpAddress> lo = parse_bound(expression, lo_text);
  if (!lo) return parse_error<IpRange>(lo.error);
  Parsed<IpAddress> hi = parse_bound(expression, hi_text);
  if (!hi) return parse_error<IpRange>(hi.error);
  if (lo.value->family != hi.value->family) {
    return parse_error<IpRange>(quoted(expression) + ": the bounds are of different families (one IPv4, one IPv6)");
  }
  if (hi.value->value < lo.value->value) {
    return parse_error<IpRange>(quoted(expression) + ": the lower bound is above the upper bound");
  }
  return parsed_value(IpRange{*lo.value, *hi.value, RangeFormat::LoHi, std::string(expression)});
}

Parsed<IpRange> parse_cidr(std::string_view expression, std::size_t slash) {
  Parsed<IpAddress> base = parse_bound(expression, expression.substr(0, slash));
  if (!base) return parse_error<IpRange>(base.error);
  std::string_view len_text = expression.substr(slash + 1);
  unsigned width = width_of(base.value->family);
  Decimal len = parse_decimal(len_text, width);
  switch (len.error) {
    case DecimalError::Empty:
      return parse_error<IpRange>(quoted(expression) + ": the prefix length after '/' is missing");
    case DecimalError::NotDecimal:
      return parse_error<IpRange>(quoted(expression) + ": the prefix length " + quoted(len_text) +
                                  " is not a decimal number");
    case DecimalError::TooLarge:
      return parse_error<IpRange>(quoted(expression) + ": the prefix length " + std::string(len_text) + " is above " +
                                  std::to_string(width));
    case DecimalError::None: break;
  }
  Family f = base.value->family;
  Uint128 host = host_mask(len.value, f);
  IpAddress lower{base.value->value & ~host, f};
  IpAddress upper{base.value->value | host, f};
  return parsed_value(IpRange{lower, upper, RangeFormat::Cidr, std::string(expression)});
}

Parsed<IpRange> parse_netmask(std::string_view expression, std::size_t open) {
  if (expression.back() != ')') {
    return parse_error<IpRange>(quoted(expression) +
                                ": the netmask must be written in parentheses at the end, e.g. "
                                "10.0.0.0(255.255.255.0)");
  }
  Parsed<IpAddress> base = parse_bound(expression, expression.substr(0, open));
  if (!base) return parse_error<IpRange>(base.error);
  std::string_view mask_text = expression.substr(open + 1, expression.size() - open - 2);
  Parsed<IpAddress> mask = parse_bound(expression, mask_text);
  if (!mask) return parse_error<IpRange>(mask.error);
  Family f = base.value->family;
  if (mask.value->family != f) {
    return parse_error<IpRange>(quoted(expression) + ": the netmask " + quoted(mask_text) +
                                " is not of the same family as the address");
  }
  // Within the family's width, the host part of the mask must be a run of low one bits.
  Uint128 host = family_bits(f) & ~mask.value->value;
  if ((host & (host + kOne)) != Uint128{}) {
    return parse_error<IpRange>(quoted(expression) + ": the netmask " + quoted(mask_text) +
                                " is not contiguous (its one bits must all come before its zero bits)");
  }
  IpAddress lower{base.value->value & ~host, f};
  IpAddress upper{base.value->value | host, f};
  return parsed_value(IpRange{lower, upper, RangeFormat::Netmask, std::string(expression)});
}

}  // namespace

// -------------------------------------------------------------------------------------------------
// Public API

bool IpAddress::is_unspecified() const {
  if (family == Family::IPv4) return value == Uint128(0, kMappedPrefix);
  return value == Uint128{};
}

IpAddress ipv4(std::uint32_t host_order) {
  return {Uint128(0, kMappedPrefix | host_order), Family::IPv4};
}

Parsed<IpAddress> parse_ip_address(std::string_view text) {
  if (text.find(':') == std::string_view::npos) {
    Parsed<std::uint32_t> v4 = parse_ipv4_reason(text);
    if (!v4) return parse_error<IpAddress>(quoted(text) + " is not a valid IP address: " + v4.error);
    return parsed_value(ipv4(*v4.value));
  }
  Parsed<Uint128> v6 = parse_ipv6_reason(text);
  if (!v6) return parse_error<IpAddress>(quoted(text) + " is not a valid IP address: " + v6.error);
  return parsed_value(make_address(*v6.value));
}

std::string format_ip_address(const IpAddress& address) {
  if (address.family == Family::IPv4) return format_ipv4(static_cast<std::uint32_t>(address.value.lo));
  return format_ipv6(address.value);
}

Parsed<IpRange> parse_ip_range(std::string_view text) {
  std::string_view expression = trim_blanks(text);
  if (expression.empty()) return parse_error<IpRange>("an empty IP range");
  if (std::size_t dash = expression.find('-'); dash != std::string_view::npos) return parse_lohi(expression, dash);
  if (std::size_t slash = expression.find('/'); slash != std::string_view::npos) {
    return parse_cidr(expression, slash);
  }
  if (std::size_t open = expression.find('('); open != std::string_view::npos) {
    return parse_netmask(expression, open);
  }
  Parsed<IpAddress> single = parse_ip_address(expression);
  if (!single) return parse_error<IpRange>(single.error);
  return parsed_value(IpRange{*single.value, *single.value, RangeFormat::SingleAddress, std::string(expression)});
}

Parsed<IpBinding> parse_ip_binding(std::string_view text) {
  std::string_view binding = trim_blanks(text);
  std::size_t colon = binding.rfind(':');
  // "[v6]" alone has its last ':' inside the brackets: that is a missing port too.
  if (colon == std::string_view::npos || colon + 1 == binding.size() ||
      (binding.front() == '[' && binding.back() == ']')) {
    return parse_error<IpBinding>(quoted(binding) + " has no port (expected address:port, e.g. 0.0.0.0:25)");
  }
  std::string_view address_text = binding.substr(0, colon);
  std::string_view port_text = binding.substr(colon + 1);
  IpBinding result;
  if (address_text.empty()) {
    result.address = ipv4(0);
  } else {
    bool bracketed = address_text.front() == '[';
    if (bracketed) {
      if (address_text.size() < 2 || address_text.back() != ']') {
        return parse_error<IpBinding>(quoted(binding) + ": the '[' before the address is not closed by ']'");
      }
      address_text = address_text.substr(1, address_text.size() - 2);
    }
    Parsed<IpAddress> address = parse_ip_address(address_text);
    if (!address) return parse_error<IpBinding>(quoted(binding) + ": " + address.error);
    result.address = *address.value;
  }
  Decimal port = parse_decimal(port_text, 65535);
  switch (port.error) {
    case DecimalError::Empty:  // not reachable: an empty port is reported above
    case DecimalError::NotDecimal:
      return parse_error<IpBinding>(quoted(binding) + ": the port " + quoted(port_text) + " is not a decimal number");
    case DecimalError::TooLarge:
      return parse_error<IpBinding>(quoted(binding) + ": the port " + std::string(port_text) + " is above 65535");
    case DecimalError::None: break;
  }
  result.port = static_cast<std::uint16_t>(port.value);
  return parsed_value(result);
}

std::string format_ip_binding(const IpBinding& binding) {
  std::string out;
  if (binding.address.family == Family::IPv6) out += '[';
  out += format_ip_address(binding.address);
  if (binding.address.family == Family::IPv6) out += ']';
  out += ':';
  out += std::to_string(binding.port);
  return out;
}

std::string format_interval(const IpAddress& lower, const IpAddress& upper) {
  if (lower.value == upper.value) return format_ip_address(lower);
  if (lower.value < upper.value) {
    Uint128 span = upper.value - lower.value;  // size - 1: a block iff it is 2^k - 1 and lower is aligned
    bool block = (span & (span + kOne)) == Uint128{} && (lower.value & span) == Uint128{};
    unsigned host_bits = static_cast<unsigned>(std::popcount(span.hi) + std::popcount(span.lo));
    unsigned width = width_of(lower.family);
    if (block && host_bits <= width) {
      return format_ip_address(lower) + "/" + std::to_string(width - host_bits);
    }
  }
  return format_ip_address(lower) + "-" + format_ip_address(upper);
}

void append_interval(Family family, Uint128 lower, Uint128 upper, std::vector<std::string>& out) {
  if (family == Family::IPv6) {
    const Uint128 mapped_first(0, kMappedPrefix), mapped_last(0, kMappedPrefix | 0xffffffffu);
    if (mapped_first <= lower && lower <= mapped_last) {
      if (upper <= mapped_last) return;
      lower = mapped_last + kOne;
    }
    if (mapped_first <= upper && upper <= mapped_last) upper = mapped_first - kOne;  // lower < mapped_first here
  }
  out.push_back(format_interval({lower, family}, {upper, family}));
}

std::vector<std::string> subtract_addresses(const std::vector<IpRange>& ranges,
                                            const std::vector<IpAddress>& addresses) {
  std::vector<Interval> remove;
  remove.reserve(addresses.size());
  for (const auto& a : addresses) remove.push_back({a.family, a.value, a.value});
  return subtract_intervals(ranges, std::move(remove));
}

Interval whole_family(Family family) {
  if (family == Family::IPv4) return {family, Uint128{0, 0x0000ffff00000000ull}, Uint128{0, 0x0000ffffffffffffull}};
  return {family, Uint128{}, Uint128::max()};
}

std::vector<Interval> merge_intervals(std::vector<Interval> intervals) {
  std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
    return std::tie(a.lower, a.upper) < std::tie(b.lower, b.upper);
  });
  std::vector<Interval> out;
  for (const auto& i : intervals) {
    if (!out.empty() && (out.back().upper.is_max() || i.lower <= out.back().upper + kOne)) {
      if (i.upper > out.back().upper) out.back().upper = i.upper;
      continue;
    }
    out.push_back(i);
  }
  return out;
}

std::vector<Interval> complement(const std::vector<Interval>& covered, Family family) {
  Interval space = whole_family(family);
  std::vector<Interval> out;
  Uint128 next = space.lower;
  bool done = false;
  for (const auto& c : covered) {
    if (c.upper < space.lower || c.lower > space.upper) continue;
    if (c.lower > next) out.push_back({family, next, c.lower - kOne});
    if (c.upper >= space.upper) {
      done = true;
      break;
    }
    if (c.upper + kOne > next) next = c.upper + kOne;
  }
  if (!done) out.push_back({family, next, space.upper});
  return out;
}

std::string format_interval(const Interval& i) {
  return format_interval(IpAddress{i.lower, i.family}, IpAddress{i.upper, i.family});
}

Uint128 interval_size(const Interval& i) {
  return range_size(i.lower, i.upper);
}

std::vector<std::string> subtract_intervals(const std::vector<IpRange>& ranges, std::vector<Interval> remove) {
  std::vector<std::string> out;
  std::vector<Interval> v4, v6;
  for (const auto& r : remove) (r.family == Family::IPv4 ? v4 : v6).push_back(r);
  v4 = merge_intervals(std::move(v4));
  v6 = merge_intervals(std::move(v6));
  for (const auto& range : ranges) {
    const auto& cuts = range.family() == Family::IPv4 ? v4 : v6;
    // The first cut that may touch the range: the last one starting at or before its lower bound.
    auto it = std::upper_bound(cuts.begin(), cuts.end(), range.lower.value,
                               [](const Uint128& v, const Interval& i) { return v < i.lower; });
    if (it != cuts.begin()) --it;
    Uint128 next = range.lower.value;
    bool touched = false, exhausted = false;
    std::vector<std::string> pieces;
    for (; it != cuts.end() && it->lower <= range.upper.value; ++it) {
      if (it->upper < next) continue;
      touched = true;
      if (it->lower > next) append_interval(range.family(), next, it->lower - kOne, pieces);
      if (it->upper >= range.upper.value) {
        exhausted = true;
        break;
      }
      next = it->upper + kOne;
    }
    if (!touched) {
      out.push_back(range.expression);
      continue;
    }
    if (!exhausted) append_interval(range.family(), next, range.upper.value, pieces);
    out.insert(out.end(), pieces.begin(), pieces.end());
  }
  // Keep the first of duplicates (a piece may equal a range written elsewhere).
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (auto& s : out) {
    std::string key = s;  // expressions compare without case ("FD00::1" is "fd00::1")
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (seen.insert(std::move(key)).second) unique.push_back(std::move(s));
  }
  return unique;
}

}  // namespace ecd
