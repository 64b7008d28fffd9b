// Tests for parse/ip.h: addresses, remote IP ranges, bindings, formatting and address subtraction.
#include "core/ip.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ip_test {

namespace {

using ecd::Family;
using ecd::IpAddress;
using ecd::IpRange;
using ecd::RangeFormat;
using ecd::Uint128;

constexpr std::uint64_t kAllOnes = ~std::uint64_t{0};
const Uint128 kTwoTo32 = Uint128::from_u64(std::uint64_t{1} << 32);

std::string hex(const Uint128& v) {
  std::ostringstream s;
  s << std::hex << v.hi << ':' << v.lo;
  return s.str();
}

const char* family_name(Family f) {
  return f == Family::IPv4 ? "IPv4" : "IPv6";
}

IpAddress addr(const std::string& text) {
  auto p = ecd::parse_ip_address(text);
  EXPECT_TRUE(p) << text << ": " << p.error;
  return p.value.value_or(IpAddress{});
}

IpRange range(const std::string& text) {
  auto p = ecd::parse_ip_range(text);
  EXPECT_TRUE(p) << text << ": " << p.error;
  return p.value.value_or(IpRange{});
}

std::vector<IpRange> ranges(const std::vector<std::string>& texts) {
  std::vector<IpRange> out;
  for (const auto& t : texts) out.push_back(range(t));
  return out;
}

std::vector<IpAddress> addrs(const std::vector<std::string>& texts) {
  std::vector<IpAddress> out;
  for (const auto& t : texts) out.push_back(addr(t));
  return out;
}

// A failure case: the input and a piece of text the error message must contain (the whole message
// when `exact`).
struct ErrorCase {
  const char* text;
  const char* message;
  bool exact = false;
};
std::ostream& operator<<(std::ostream& os, const ErrorCase& c) {
  return os << '"' << c.text << '"';
}

void expect_message(const std::string& error, const ErrorCase& c) {
  if (c.exact) {
    EXPECT_EQ(error, c.message);
  } else {
    EXPECT_NE(error.find(c.message), std::string::npos) << "error: " << error;
  }
}

// =================================================================================================
// Addresses

struct AddressCase {
  const char* text;
  const char* formatted;
  Family family;
  Uint128 value;
};
std::ostream& operator<<(std::ostream& os, const AddressCase& c) {
  return os << '"' << c.text << '"';
}

class IpAddressParse : public testing::TestWithParam<AddressCase> {};

TEST_P(IpAddressParse, ParsesAndFormats) {
  const AddressCase& c = GetParam();
  auto p = ecd::parse_ip_address(c.text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.error, "");
  EXPECT_EQ(family_name(p.value->family), family_name(c.family));
  EXPECT_EQ(hex(p.value->value), hex(c.value));
  EXPECT_EQ(ecd::format_ip_address(*p.value), c.formatted);
  // The canonical text parses back to the same address.
  auto again = ecd::parse_ip_address(c.formatted);
  ASSERT_TRUE(again) << again.error;
  EXPECT_EQ(*again.value, *p.value);
}

const Uint128 kMapped{0, 0xffff00000000};

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpAddressParse,
    testing::Values(
        AddressCase{"10.0.0.1", "10.0.0.1", Family::IPv4, {0, 0xffff0a000001}},
        AddressCase{"0.0.0.0", "0.0.0.0", Family::IPv4, kMapped},
        AddressCase{"255.255.255.255", "255.255.255.255", Family::IPv4, {0, 0xffffffffffff}},
        AddressCase{"010.0.0.1", "10.0.0.1", Family::IPv4, {0, 0xffff0a000001}},
        AddressCase{"192.168.001.010", "192.168.1.10", Family::IPv4, {0, 0xffffc0a8010a}},
        AddressCase{"::ffff:10.0.0.1", "10.0.0.1", Family::IPv4, {0, 0xffff0a000001}},
        AddressCase{"::FFFF:0a00:0001", "10.0.0.1", Family::IPv4, {0, 0xffff0a000001}},
        AddressCase{"0:0:0:0:0:ffff:0.0.0.0", "0.0.0.0", Family::IPv4, kMapped},
        AddressCase{"::", "::", Family::IPv6, {0, 0}}, AddressCase{"0:0:0:0:0:0:0:0", "::", Family::IPv6, {0, 0}},
        AddressCase{"::1", "::1", Family::IPv6, {0, 1}},
        AddressCase{"1::", "1::", Family::IPv6, {0x0001000000000000, 0}},
        AddressCase{"fe80::1%11", "fe80::1", Family::IPv6, {0xfe80000000000000, 1}},
        AddressCase{"fe80::1%eth0", "fe80::1", Family::IPv6, {0xfe80000000000000, 1}},
        AddressCase{"2001:db8::10.0.0.1", "2001:db8::a00:1", Family::IPv6, {0x20010db800000000, 0x0a000001}},
        AddressCase{"::1.2.3.4", "::102:304", Family::IPv6, {0, 0x01020304}},
        AddressCase{
            "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304", Family::IPv6, {0x0001000200030004, 0x0005000601020304}},
        AddressCase{"2001:DB8:0:0:0:0:0:1", "2001:db8::1", Family::IPv6, {0x20010db800000000, 1}},
        AddressCase{"2001:0db8:0000:0000:0001:0000:0000:0001",
                    "2001:db8::1:0:0:1",
                    Family::IPv6,
                    {0x20010db800000000, 0x0001000000000001}},
        AddressCase{"1:0:0:2:0:0:0:3", "1:0:0:2::3", Family::IPv6, {0x0001000000000002, 3}},
        AddressCase{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", Family::IPv6, {0x0001000200030004, 0x0005000600070008}},
        AddressCase{"1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8", Family::IPv6, {0x0001000000030004, 0x0005000600070008}},
        AddressCase{"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8", Family::IPv6, {0x0000000200030004, 0x0005000600070008}},
        AddressCase{"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", Family::IPv6, {0x0001000200030004, 0x0005000600070000}},
        AddressCase{"ABCD:EF01::", "abcd:ef01::", Family::IPv6, {0xabcdef0100000000, 0}},
        AddressCase{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                    Family::IPv6,
                    {kAllOnes, kAllOnes}}));

class IpAddressParseError : public testing::TestWithParam<ErrorCase> {};

TEST_P(IpAddressParseError, SaysWhatIsWrong) {
  const ErrorCase& c = GetParam();
  auto p = ecd::parse_ip_address(c.text);
  ASSERT_FALSE(p);
  EXPECT_FALSE(p.value.has_value());
  EXPECT_NE(p.error.find("'" + std::string(c.text) + "'"), std::string::npos) << p.error;
  expect_message(p.error, c);
}

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpAddressParseError,
    testing::Values(
        ErrorCase{"10.0.0.300", "'10.0.0.300' is not a valid IP address: 300 is above 255", true},
        ErrorCase{"10.0.0", "'10.0.0' is not a valid IP address: it has 3 parts, an IPv4 address has 4", true},
        ErrorCase{"1.2.3.4.5", "it has 5 parts"}, ErrorCase{"10..0.1", "part 2 is empty"},
        ErrorCase{"10.0.0.", "part 4 is empty"}, ErrorCase{"+1.2.3.4", "'+1' is not a decimal number"},
        ErrorCase{"1.2.3.-4", "'-4' is not a decimal number"},
        ErrorCase{"99999999999.0.0.1", "99999999999 is above 255"}, ErrorCase{" 10.0.0.1", "is not a decimal number"},
        ErrorCase{"hello", "'hello' is not a decimal number"}, ErrorCase{"", "it is empty"},
        ErrorCase{"10.0.0.1%3", "is not a decimal number"}, ErrorCase{"1:2:3:4:5:6:7:8:9", "more than 8 groups"},
        ErrorCase{"1:2:3:4:5:6:7:1.2.3.4", "more than 8 groups"},
        ErrorCase{"1:2:3:4:5:6:7", "it has 7 groups, an IPv6 address has 8"},
        ErrorCase{"1:2:3:4::5:6:7:8", "8 groups besides '::'"}, ErrorCase{"1::2::3", "more than one '::'"},
        ErrorCase{":::", "more than one '::'"}, ErrorCase{"12345::", "group '12345' has more than 4 hex digits"},
        ErrorCase{"g::1", "group 'g' is not a hex number"}, ErrorCase{":1::2", "empty group"},
        ErrorCase{"1::2:", "empty group"}, ErrorCase{"1.2.3.4::", "embedded IPv4 address must be the last 32 bits"},
        ErrorCase{"::1.2.3.4:5", "embedded IPv4 address must be the last 32 bits"},
        ErrorCase{"::1.2.3.400", "400 is above 255"}, ErrorCase{"::1.2.3", "has 3 parts"},
        ErrorCase{"fe80::1%", "zone id"}, ErrorCase{"%11", "is not a decimal number"}));

TEST(IpAddressMisc, Ipv4HelperBuildsMappedIpv4) {
  IpAddress a = ecd::ipv4(0x0a000001);
  EXPECT_EQ(a.family, Family::IPv4);
  EXPECT_EQ(a.value.hi, 0u);
  EXPECT_EQ(a.value.lo, 0x0000ffff0a000001u);
  EXPECT_EQ(a, addr("10.0.0.1"));
  EXPECT_EQ(ecd::format_ip_address(ecd::ipv4(0xffffffff)), "255.255.255.255");
}

TEST(IpAddressMisc, IsUnspecified) {
  EXPECT_TRUE(addr("0.0.0.0").is_unspecified());
  EXPECT_TRUE(addr("::").is_unspecified());
  EXPECT_TRUE(addr("::ffff:0.0.0.0").is_unspecified());
  EXPECT_FALSE(addr("0.0.0.1").is_unspecified());
  EXPECT_FALSE(addr("::1").is_unspecified());
  EXPECT_FALSE(addr("255.255.255.255").is_unspecified());
  // The 128-bit zero marked IPv4 is not 0.0.0.0 (which is ::ffff:0.0.0.0).
  EXPECT_FALSE((IpAddress{Uint128{}, Family::IPv4}).is_unspecified());
}

TEST(IpAddressMisc, OrdersByValue) {
  EXPECT_LT(addr("10.0.0.1"), addr("10.0.0.2"));
  EXPECT_LT(addr("9.255.255.255"), addr("10.0.0.0"));
  EXPECT_LT(addr("::1"), addr("0.0.0.0"));  // ::1 < ::ffff:0.0.0.0
  EXPECT_LT(addr("255.255.255.255"), addr("2001:db8::"));
}

// =================================================================================================
// Ranges

struct RangeCase {
  const char* text;
  const char* lower;
  const char* upper;
  RangeFormat format;
  Uint128 size;
  const char* expression;
};
std::ostream& operator<<(std::ostream& os, const RangeCase& c) {
  return os << '"' << c.text << '"';
}

class IpRangeParse : public testing::TestWithParam<RangeCase> {};

TEST_P(IpRangeParse, ParsesEveryForm) {
  const RangeCase& c = GetParam();
  auto p = ecd::parse_ip_range(c.text);
  ASSERT_TRUE(p) << p.error;
  const IpRange& r = *p.value;
  EXPECT_EQ(ecd::format_ip_address(r.lower), c.lower);
  EXPECT_EQ(ecd::format_ip_address(r.upper), c.upper);
  EXPECT_EQ(r.lower, addr(c.lower));
  EXPECT_EQ(r.upper, addr(c.upper));
  EXPECT_EQ(r.lower.family, r.upper.family);
  EXPECT_EQ(static_cast<int>(r.format), static_cast<int>(c.format));
  EXPECT_EQ(hex(r.size()), hex(c.size));
  EXPECT_EQ(r.expression, c.expression);
  EXPECT_TRUE(r.contains(r.lower));
  EXPECT_TRUE(r.contains(r.upper));
}

constexpr auto kSingle = RangeFormat::SingleAddress;
constexpr auto kLoHi = RangeFormat::LoHi;
constexpr auto kCidr = RangeFormat::Cidr;
constexpr auto kNetmask = RangeFormat::Netmask;
const Uint128 kOne = Uint128::from_u64(1);
const char* const kV6Max = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpRangeParse,
    testing::Values(
        // Single addresses; a bare 0.0.0.0 is one address, not everything.
        RangeCase{"10.0.0.5", "10.0.0.5", "10.0.0.5", kSingle, kOne, "10.0.0.5"},
        RangeCase{"0.0.0.0", "0.0.0.0", "0.0.0.0", kSingle, kOne, "0.0.0.0"},
        RangeCase{"  192.168.1.10\t", "192.168.1.10", "192.168.1.10", kSingle, kOne, "192.168.1.10"},
        RangeCase{"fe80::1%11", "fe80::1", "fe80::1", kSingle, kOne, "fe80::1%11"},
        RangeCase{"::", "::", "::", kSingle, kOne, "::"},
        // Lo-hi.
        RangeCase{"10.0.0.1-10.0.0.30", "10.0.0.1", "10.0.0.30", kLoHi, Uint128::from_u64(30), "10.0.0.1-10.0.0.30"},
        RangeCase{" 10.0.0.1 - 10.0.0.30 ", "10.0.0.1", "10.0.0.30", kLoHi, Uint128::from_u64(30),
                  "10.0.0.1 - 10.0.0.30"},
        RangeCase{"10.0.0.7-10.0.0.7", "10.0.0.7", "10.0.0.7", kLoHi, kOne, "10.0.0.7-10.0.0.7"},
        RangeCase{"0.0.0.0-255.255.255.255", "0.0.0.0", "255.255.255.255", kLoHi, kTwoTo32, "0.0.0.0-255.255.255.255"},
        RangeCase{"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", kV6Max, kLoHi, Uint128::max(),
                  "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
        RangeCase{"::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::1", kV6Max, kLoHi, Uint128::max(),
                  "::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
        RangeCase{"2001:db8::1-2001:DB8::FF", "2001:db8::1", "2001:db8::ff", kLoHi, Uint128::from_u64(255),
                  "2001:db8::1-2001:DB8::FF"},
        // CIDR: host bits masked off.
        RangeCase{"10.0.0.0/24", "10.0.0.0", "10.0.0.255", kCidr, Uint128::from_u64(256), "10.0.0.0/24"},
        RangeCase{"192.168.1.1/24", "192.168.1.0", "192.168.1.255", kCidr, Uint128::from_u64(256), "192.168.1.1/24"},
        RangeCase{"10.0.0.7/32", "10.0.0.7", "10.0.0.7", kCidr, kOne, "10.0.0.7/32"},
        RangeCase{"10.1.2.3/8", "10.0.0.0", "10.255.255.255", kCidr, Uint128::from_u64(1 << 24), "10.1.2.3/8"},
        RangeCase{"0.0.0.0/0", "0.0.0.0", "255.255.255.255", kCidr, kTwoTo32, "0.0.0.0/0"},
        RangeCase{"200.1.2.3/1", "128.0.0.0", "255.255.255.255", kCidr, Uint128::from_u64(std::uint64_t{1} << 31),
                  "200.1.2.3/1"},
        RangeCase{"::ffff:10.0.0.9/24", "10.0.0.0", "10.0.0.255", kCidr, Uint128::from_u64(256), "::ffff:10.0.0.9/24"},
        RangeCase{"2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", kCidr,
                  Uint128{std::uint64_t{1} << 32, 0}, "2001:db8::/32"},
        RangeCase{"2001:db8::1234/120", "2001:db8::1200", "2001:db8::12ff", kCidr, Uint128::from_u64(256),
                  "2001:db8::1234/120"},
        RangeCase{"2001:db8::1/128", "2001:db8::1", "2001:db8::1", kCidr, kOne, "2001:db8::1/128"},
        RangeCase{"2001:db8::1/64", "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff", kCidr, Uint128{1, 0},
                  "2001:db8::1/64"},
        RangeCase{"::/0", "::", kV6Max, kCidr, Uint128::max(), "::/0"},
        RangeCase{"fe80::1%11/10", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", kCidr,
                  Uint128{std::uint64_t{1} << 54, 0}, "fe80::1%11/10"},
        // Netmask.
        RangeCase{"10.0.0.0(255.255.255.0)", "10.0.0.0", "10.0.0.255", kNetmask, Uint128::from_u64(256),
                  "10.0.0.0(255.255.255.0)"},
        RangeCase{"10.1.2.3(255.255.0.0)", "10.1.0.0", "10.1.255.255", kNetmask, Uint128::from_u64(65536),
                  "10.1.2.3(255.255.0.0)"},
        RangeCase{"10.0.0.9(255.255.255.255)", "10.0.0.9", "10.0.0.9", kNetmask, kOne, "10.0.0.9(255.255.255.255)"},
        RangeCase{"10.0.0.9(0.0.0.0)", "0.0.0.0", "255.255.255.255", kNetmask, kTwoTo32, "10.0.0.9(0.0.0.0)"},
        RangeCase{"2001:db8::5(ffff:ffff::)", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", kNetmask,
                  Uint128{std::uint64_t{1} << 32, 0}, "2001:db8::5(ffff:ffff::)"},
        RangeCase{"2001:db8::5(::)", "::", kV6Max, kNetmask, Uint128::max(), "2001:db8::5(::)"}));

class IpRangeParseError : public testing::TestWithParam<ErrorCase> {};

TEST_P(IpRangeParseError, SaysWhatIsWrong) {
  const ErrorCase& c = GetParam();
  auto p = ecd::parse_ip_range(c.text);
  ASSERT_FALSE(p);
  expect_message(p.error, c);
}

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpRangeParseError,
    testing::Values(
        ErrorCase{"10.0.0.300", "'10.0.0.300' is not a valid IP address: 300 is above 255", true},
        ErrorCase{" 10.0.0.300 ", "'10.0.0.300' is not a valid IP address: 300 is above 255", true},
        ErrorCase{"10.0.0", "'10.0.0' is not a valid IP address"}, ErrorCase{"", "empty"}, ErrorCase{"   ", "empty"},
        ErrorCase{"10.0.0.9-10.0.0.1", "'10.0.0.9-10.0.0.1': the lower bound is above the upper bound", true},
        ErrorCase{"2001:db8::9-2001:db8::1", "'2001:db8::9-2001:db8::1': the lower bound is above the upper bound",
                  true},
        ErrorCase{"10.0.0.1-10.0.0.300",
                  "'10.0.0.1-10.0.0.300': '10.0.0.300' is not a valid IP address: 300 is above 255", true},
        ErrorCase{"10.0.0.1-::1", "'10.0.0.1-::1': the bounds are of different families"},
        ErrorCase{"::-255.255.255.255", "different families"},
        ErrorCase{"10.0.0.1-", "'10.0.0.1-': the upper bound is missing", true},
        ErrorCase{"-10.0.0.1", "'-10.0.0.1': the lower bound is missing", true},
        ErrorCase{"10.0.0.1-10.0.0.2-10.0.0.3", "'10.0.0.2-10.0.0.3' is not a valid IP address"},
        ErrorCase{"10.0.0.0/33", "'10.0.0.0/33': the prefix length 33 is above 32", true},
        ErrorCase{"::/129", "'::/129': the prefix length 129 is above 128", true},
        ErrorCase{"::ffff:10.0.0.0/120", "the prefix length 120 is above 32"},
        ErrorCase{"10.0.0.0/", "'10.0.0.0/': the prefix length after '/' is missing", true},
        ErrorCase{"10.0.0.0/x", "the prefix length 'x' is not a decimal number"},
        ErrorCase{"10.0.0.0/24/8", "the prefix length '24/8' is not a decimal number"},
        ErrorCase{"10.0.0/24", "'10.0.0/24': '10.0.0' is not a valid IP address: it has 3 parts"},
        ErrorCase{"10.0.0.0(255.0.255.0)", "'10.0.0.0(255.0.255.0)': the netmask '255.0.255.0' is not contiguous"},
        ErrorCase{"10.0.0.0(0.0.0.255)", "not contiguous"}, ErrorCase{"10.0.0.0(255.255.255.0", "parentheses"},
        ErrorCase{"10.0.0.0(255.255.255.0)x", "parentheses"}, ErrorCase{"10.0.0.0(::)", "not of the same family"},
        ErrorCase{"10.0.0.0(255.255.256.0)", "256 is above 255"},
        ErrorCase{"2001:db8::(ffff:0:ffff::)", "not contiguous"}));

// =================================================================================================
// Bindings

struct BindingCase {
  const char* text;
  const char* address;
  Family family;
  std::uint16_t port;
  bool wildcard;
  const char* formatted;
};
std::ostream& operator<<(std::ostream& os, const BindingCase& c) {
  return os << '"' << c.text << '"';
}

class IpBindingParse : public testing::TestWithParam<BindingCase> {};

TEST_P(IpBindingParse, ParsesAndFormats) {
  const BindingCase& c = GetParam();
  auto p = ecd::parse_ip_binding(c.text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(ecd::format_ip_address(p.value->address), c.address);
  EXPECT_EQ(family_name(p.value->address.family), family_name(c.family));
  EXPECT_EQ(p.value->port, c.port);
  EXPECT_EQ(p.value->is_wildcard(), c.wildcard);
  EXPECT_EQ(ecd::format_ip_binding(*p.value), c.formatted);
}

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpBindingParse,
    testing::Values(BindingCase{"0.0.0.0:25", "0.0.0.0", Family::IPv4, 25, true, "0.0.0.0:25"},
                    BindingCase{"[::]:25", "::", Family::IPv6, 25, true, "[::]:25"},
                    BindingCase{":::25", "::", Family::IPv6, 25, true, "[::]:25"},
                    BindingCase{":25", "0.0.0.0", Family::IPv4, 25, true, "0.0.0.0:25"},
                    BindingCase{"10.1.1.1:25", "10.1.1.1", Family::IPv4, 25, false, "10.1.1.1:25"},
                    BindingCase{"0.0.0.0:2525", "0.0.0.0", Family::IPv4, 2525, true, "0.0.0.0:2525"},
                    BindingCase{"[2001:db8::5]:2525", "2001:db8::5", Family::IPv6, 2525, false, "[2001:db8::5]:2525"},
                    BindingCase{"2001:db8::5:2525", "2001:db8::5", Family::IPv6, 2525, false, "[2001:db8::5]:2525"},
                    BindingCase{"[FE80::1%11]:587", "fe80::1", Family::IPv6, 587, false, "[fe80::1]:587"},
                    BindingCase{"[::ffff:10.0.0.1]:25", "10.0.0.1", Family::IPv4, 25, false, "10.0.0.1:25"},
                    BindingCase{"0.0.0.0:0", "0.0.0.0", Family::IPv4, 0, true, "0.0.0.0:0"},
                    BindingCase{"10.0.0.1:65535", "10.0.0.1", Family::IPv4, 65535, false, "10.0.0.1:65535"},
                    BindingCase{"10.0.0.1:00025", "10.0.0.1", Family::IPv4, 25, false, "10.0.0.1:25"},
                    BindingCase{" 10.0.0.1:25 ", "10.0.0.1", Family::IPv4, 25, false, "10.0.0.1:25"}));

class IpBindingParseError : public testing::TestWithParam<ErrorCase> {};

TEST_P(IpBindingParseError, SaysWhatIsWrong) {
  const ErrorCase& c = GetParam();
  auto p = ecd::parse_ip_binding(c.text);
  ASSERT_FALSE(p);
  expect_message(p.error, c);
}

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpBindingParseError,
    testing::Values(ErrorCase{"10.0.0.1", "'10.0.0.1' has no port (expected address:port, e.g. 0.0.0.0:25)", true},
                    ErrorCase{"10.0.0.1:", "'10.0.0.1:' has no port", false},
                    ErrorCase{"[::1]", "'[::1]' has no port", false}, ErrorCase{"", "has no port", false},
                    ErrorCase{"0.0.0.0:65536", "'0.0.0.0:65536': the port 65536 is above 65535", true},
                    ErrorCase{"0.0.0.0:99999999999999", "the port 99999999999999 is above 65535"},
                    ErrorCase{"0.0.0.0:ab", "the port 'ab' is not a decimal number"},
                    ErrorCase{"0.0.0.0:-1", "the port '-1' is not a decimal number"},
                    ErrorCase{"0.0.0.0: 25", "the port ' 25' is not a decimal number"},
                    ErrorCase{"10.0.0.300:25", "'10.0.0.300' is not a valid IP address: 300 is above 255"},
                    ErrorCase{"[::1:25", "not closed by ']'"},
                    ErrorCase{"[10.0.0.1:25]:25", "is not a valid IP address"}, ErrorCase{"::1::25", "empty group"}));

// =================================================================================================
// format_interval

struct IntervalCase {
  const char* lower;
  const char* upper;
  const char* expected;
};
std::ostream& operator<<(std::ostream& os, const IntervalCase& c) {
  return os << c.lower << " .. " << c.upper;
}

class IpFormatInterval : public testing::TestWithParam<IntervalCase> {};

TEST_P(IpFormatInterval, UsesSingleCidrOrLoHi) {
  const IntervalCase& c = GetParam();
  std::string text = ecd::format_interval(addr(c.lower), addr(c.upper));
  EXPECT_EQ(text, c.expected);
  // The notation parses back to the same interval.
  IpRange r = range(text);
  EXPECT_EQ(r.lower, addr(c.lower));
  EXPECT_EQ(r.upper, addr(c.upper));
}

INSTANTIATE_TEST_SUITE_P(
    IpCases, IpFormatInterval,
    testing::Values(
        IntervalCase{"10.0.0.1", "10.0.0.1", "10.0.0.1"}, IntervalCase{"0.0.0.0", "0.0.0.0", "0.0.0.0"},
        IntervalCase{"10.0.0.0", "10.0.0.255", "10.0.0.0/24"}, IntervalCase{"10.0.0.0", "10.0.0.1", "10.0.0.0/31"},
        IntervalCase{"10.0.0.128", "10.0.0.255", "10.0.0.128/25"},
        IntervalCase{"10.0.0.1", "10.0.0.2", "10.0.0.1-10.0.0.2"},
        IntervalCase{"10.0.0.0", "10.0.0.254", "10.0.0.0-10.0.0.254"},
        IntervalCase{"10.0.0.1", "10.0.0.255", "10.0.0.1-10.0.0.255"},
        IntervalCase{"10.0.0.128", "10.0.1.127", "10.0.0.128-10.0.1.127"},
        IntervalCase{"0.0.0.0", "255.255.255.255", "0.0.0.0/0"},
        IntervalCase{"128.0.0.0", "255.255.255.255", "128.0.0.0/1"},
        IntervalCase{"0.0.0.1", "255.255.255.255", "0.0.0.1-255.255.255.255"},
        IntervalCase{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0"},
        IntervalCase{"8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "8000::/1"},
        IntervalCase{"::", "::1", "::/127"}, IntervalCase{"::", "::ffff:ffff:ffff:ffff", "::/64"},
        IntervalCase{"2001:db8::", "2001:db8::ffff", "2001:db8::/112"},
        IntervalCase{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"},
        IntervalCase{"::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
        IntervalCase{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"},
        IntervalCase{"2001:db8::1", "2001:db8::1", "2001:db8::1"}));

TEST(IpFormatBinding, BracketsIpv6Only) {
  EXPECT_EQ(ecd::format_ip_binding({ecd::ipv4(0), 25}), "0.0.0.0:25");
  EXPECT_EQ(ecd::format_ip_binding({addr("::"), 25}), "[::]:25");
  EXPECT_EQ(ecd::format_ip_binding({addr("2001:db8::5"), 2525}), "[2001:db8::5]:2525");
}

// =================================================================================================
// subtract_addresses

using Strings = std::vector<std::string>;

Strings subtract(const Strings& range_texts, const Strings& address_texts) {
  return ecd::subtract_addresses(ranges(range_texts), addrs(address_texts));
}

TEST(IpSubtract, SplitsALoHiRangeAroundTheAddresses) {
  EXPECT_EQ(subtract({"10.0.0.1-10.0.0.30"}, {"10.0.0.5", "10.0.0.11", "10.0.0.12"}),
            (Strings{"10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.10", "10.0.0.13-10.0.0.30"}));
}

TEST(IpSubtract, AddressesMayBeUnsortedAndRepeated) {
  EXPECT_EQ(subtract({"10.0.0.1-10.0.0.30"}, {"10.0.0.12", "10.0.0.5", "10.0.0.12", "10.0.0.11", "10.0.0.5"}),
            (Strings{"10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.10", "10.0.0.13-10.0.0.30"}));
}

TEST(IpSubtract, RemovesTheBaseOfACidrBlock) {
  EXPECT_EQ(subtract({"10.0.0.0/24"}, {"10.0.0.0"}), (Strings{"10.0.0.1-10.0.0.255"}));
}

TEST(IpSubtract, RemovesTheMiddleOfACidrBlock) {
  EXPECT_EQ(subtract({"10.0.0.0/24"}, {"10.0.0.128"}), (Strings{"10.0.0.0/25", "10.0.0.129-10.0.0.255"}));
}

TEST(IpSubtract, RemovesTheTopOfACidrBlock) {
  EXPECT_EQ(subtract({"10.0.0.0/24"}, {"10.0.0.255"}), (Strings{"10.0.0.0-10.0.0.254"}));
  EXPECT_EQ(subtract({"10.0.0.0/24"}, {"10.0.0.255", "10.0.0.0"}), (Strings{"10.0.0.1-10.0.0.254"}));
}

TEST(IpSubtract, PiecesOfOneAddressAreWrittenAsSingleAddresses) {
  EXPECT_EQ(subtract({"10.0.0.1-10.0.0.5"}, {"10.0.0.2", "10.0.0.4"}), (Strings{"10.0.0.1", "10.0.0.3", "10.0.0.5"}));
}

TEST(IpSubtract, ARemovedSingleAddressRangeDisappears) {
  EXPECT_EQ(subtract({"10.0.0.5"}, {"10.0.0.5"}), Strings{});
  EXPECT_EQ(subtract({"0.0.0.0"}, {"0.0.0.0"}), Strings{});
  EXPECT_EQ(subtract({"10.0.0.1-10.0.0.3"}, {"10.0.0.3", "10.0.0.1", "10.0.0.2"}), Strings{});
  EXPECT_EQ(subtract({"10.0.0.5/32"}, {"10.0.0.5"}), Strings{});
}

TEST(IpSubtract, UntouchedRangesKeepTheirExpression) {
  EXPECT_EQ(subtract({"192.168.1.1/24", " 10.0.0.1 - 10.0.0.3 ", "10.0.0.9(255.255.255.0)", "fe80::1%11"},
                     {"10.0.1.0", "172.16.0.1", "fe80::2"}),
            (Strings{"192.168.1.1/24", "10.0.0.1 - 10.0.0.3", "10.0.0.9(255.255.255.0)", "fe80::1%11"}));
  EXPECT_EQ(subtract({"192.168.1.1/24", "10.0.0.0/8"}, {}), (Strings{"192.168.1.1/24", "10.0.0.0/8"}));
  EXPECT_EQ(subtract({}, {"10.0.0.1"}), Strings{});
}

TEST(IpSubtract, KeepsTheOrderOfTheRanges) {
  EXPECT_EQ(subtract({"172.16.0.0/12", "10.0.0.0/30", "10.0.0.9", "192.168.0.1-192.168.0.2", "1.2.3.4"},
                     {"10.0.0.9", "10.0.0.2", "192.168.0.2"}),
            (Strings{"172.16.0.0/12", "10.0.0.0/31", "10.0.0.3", "192.168.0.1", "1.2.3.4"}));
}

TEST(IpSubtract, OverlappingRangesAreEachSplit) {
  EXPECT_EQ(subtract({"10.0.0.0/29", "10.0.0.4-10.0.0.20"}, {"10.0.0.6"}),
            (Strings{"10.0.0.0-10.0.0.5", "10.0.0.7", "10.0.0.4/31", "10.0.0.7-10.0.0.20"}));
}

TEST(IpSubtract, AllIpv4) {
  EXPECT_EQ(subtract({"0.0.0.0/0"}, {"0.0.0.0", "255.255.255.255"}), (Strings{"0.0.0.1-255.255.255.254"}));
  EXPECT_EQ(subtract({"0.0.0.0-255.255.255.255"}, {"128.0.0.0"}), (Strings{"0.0.0.0/1", "128.0.0.1-255.255.255.255"}));
  EXPECT_EQ(subtract({"0.0.0.0-255.255.255.255"}, {"127.255.255.255"}),
            (Strings{"0.0.0.0-127.255.255.254", "128.0.0.0/1"}));
}

TEST(IpSubtract, Ipv6Ranges) {
  EXPECT_EQ(subtract({"2001:db8::/126"}, {"2001:db8::1"}), (Strings{"2001:db8::", "2001:db8::2/127"}));
  EXPECT_EQ(subtract({"2001:db8::/64"}, {"2001:db8::8000:0:0:0"}),
            (Strings{"2001:db8::/65", "2001:db8::8000:0:0:1-2001:db8::ffff:ffff:ffff:ffff"}));
  EXPECT_EQ(subtract({"fe80::1%11"}, {"fe80::1"}), Strings{});
}

TEST(IpSubtract, FullIpv6RangeAtBothEnds) {
  const std::string full = "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
  EXPECT_EQ(subtract({full}, {"::"}), (Strings{"::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
  EXPECT_EQ(subtract({full}, {kV6Max}), (Strings{"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"}));
  EXPECT_EQ(subtract({"::/0"}, {kV6Max, "::"}), (Strings{"::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"}));
  EXPECT_EQ(subtract({"::/0"}, {"8000::"}), (Strings{"::/1", "8000::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
  EXPECT_EQ(subtract({"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"}, {kV6Max}),
            (Strings{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"}));
  EXPECT_EQ(subtract({"::/127"}, {"::"}), (Strings{"::1"}));
  EXPECT_EQ(subtract({"::-::1"}, {"::1", "::"}), Strings{});
}

// ::ffff:0:0/96 reads as IPv4 (IPv4-mapped), so an IPv6 piece cannot have a bound there; no IPv6 address lies
// there either, so pieces leave that block out. Found by fuzz_ranges: "::/80" less "::1" gave
// "::2-::ffff:ffff:ffff", which does not parse ("bounds of different families").
TEST(IpSubtract, Ipv6PiecesNeverEndInsideTheIpv4MappedBlock) {
  EXPECT_EQ(subtract({"::/80"}, {"::1"}), (Strings{"::", "::2-::fffe:ffff:ffff"}));
  EXPECT_EQ(subtract({"::/0"}, {"::fffe:ffff:ffff"}),
            (Strings{"::-::fffe:ffff:fffe", "::1:0:0:0-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
  EXPECT_EQ(subtract({"::/0"}, {"::1:0:0:0"}),
            (Strings{"::-::fffe:ffff:ffff", "::1:0:0:1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
  // A piece wholly inside the block is left out; one that spans it is written whole.
  EXPECT_EQ(subtract({"::/80"}, {"::fffe:ffff:ffff"}), (Strings{"::-::fffe:ffff:fffe"}));
  EXPECT_EQ(subtract({"::/0"}, {"2001:db8::1"}),
            (Strings{"::-2001:db8::", "2001:db8::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
  for (const std::string& piece : subtract({"::/80", "::/64"}, {"::1", "::fffe:ffff:ffff", "::1:0:0:0"})) {
    auto parsed = ecd::parse_ip_range(piece);
    ASSERT_TRUE(parsed) << piece << ": " << parsed.error;
    EXPECT_EQ(parsed.value->family(), ecd::Family::IPv6) << piece;
  }
}

TEST(IpSubtract, FamiliesNeverMix) {
  // The whole IPv6 space holds ::ffff:10.0.0.5 numerically, but an IPv4 address never touches an IPv6 range.
  EXPECT_EQ(subtract({"::/0", "10.0.0.0/24"}, {"10.0.0.5"}),
            (Strings{"::/0", "10.0.0.0-10.0.0.4", "10.0.0.6-10.0.0.255"}));
  // ::1 (IPv6) and 0.0.0.1 (IPv4) differ numerically anyway; 0.0.0.1 must not touch ::-::ff.
  EXPECT_EQ(subtract({"::-::ff", "0.0.0.0/30"}, {"0.0.0.1"}), (Strings{"::-::ff", "0.0.0.0", "0.0.0.2/31"}));
  // An IPv6-family value equal to a mapped IPv4 one (no text parses to it) does not touch IPv4 ranges, and vice
  // versa; the IPv6 pieces around it leave the whole IPv4-mapped block out, as no bound can be written there.
  IpAddress v6_like_v4{ecd::ipv4(0x0a000007).value, Family::IPv6};
  IpRange v6_range{{Uint128{}, Family::IPv6}, {Uint128::max(), Family::IPv6}, RangeFormat::LoHi, "::-ffff::"};
  EXPECT_EQ(ecd::subtract_addresses({range("10.0.0.0/24"), v6_range}, {v6_like_v4, addr("10.0.0.9")}),
            (Strings{"10.0.0.0-10.0.0.8", "10.0.0.10-10.0.0.255", "::-::fffe:ffff:ffff",
                     "::1:0:0:0-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}));
}

// Reference: for one range, the pieces left after removing addresses found by a linear scan.
Strings brute_force_pieces(const IpRange& r, const std::vector<IpAddress>& addresses) {
  std::set<Uint128> hits;
  for (const IpAddress& a : addresses) {
    if (r.contains(a)) hits.insert(a.value);
  }
  if (hits.empty()) return {r.expression};
  Strings out;
  std::uint64_t next = r.lower.value.lo;  // the generated ranges never cross a 64-bit boundary
  for (const Uint128& h : hits) {
    if (next < h.lo)
      out.push_back(
          ecd::format_interval({{r.lower.value.hi, next}, r.family()}, {{r.lower.value.hi, h.lo - 1}, r.family()}));
    next = h.lo + 1;
  }
  if (next <= r.upper.value.lo) {
    out.push_back(ecd::format_interval({{r.lower.value.hi, next}, r.family()}, r.upper));
  }
  return out;
}

TEST(IpSubtract, LargeCaseMatchesBruteForce) {
  std::mt19937 rng(20240611);
  auto pick = [&rng](std::uint32_t lo, std::uint32_t hi) {
    return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng);
  };
  const std::uint32_t v4_base = 0x0a000000;  // 10.0.0.0, ranges within 10.0.0.0/18
  const IpAddress v6_base = addr("2001:db8::");
  auto v6 = [&v6_base](std::uint32_t offset) {
    return IpAddress{{v6_base.value.hi, v6_base.value.lo + offset}, Family::IPv6};
  };

  Strings texts;
  for (int i = 0; i < 5000; ++i) {
    bool is_v6 = pick(0, 4) == 0;
    std::uint32_t start = pick(0, 16000);
    std::uint32_t length = pick(0, 3) == 0 ? 0 : pick(1, 200);
    IpAddress lo = is_v6 ? v6(start) : ecd::ipv4(v4_base + start);
    IpAddress hi = is_v6 ? v6(start + length) : ecd::ipv4(v4_base + start + length);
    switch (pick(0, 3)) {
      case 0: texts.push_back(ecd::format_ip_address(lo)); break;
      case 1: texts.push_back(ecd::format_ip_address(lo) + "-" + ecd::format_ip_address(hi)); break;
      case 2:
        texts.push_back(ecd::format_ip_address(lo) + "/" + std::to_string(is_v6 ? pick(120, 128) : pick(24, 32)));
        break;
      default:
        texts.push_back(ecd::format_ip_address(lo) +
                        (is_v6 ? "(ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00)" : "(255.255.255.192)"));
        break;
    }
  }
  std::vector<IpRange> rs = ranges(texts);
  ASSERT_EQ(rs.size(), 5000u);

  std::vector<IpAddress> as;
  for (int i = 0; i < 1000; ++i) {
    std::uint32_t offset = pick(0, 16500);
    as.push_back(pick(0, 5) == 0 ? v6(offset) : ecd::ipv4(v4_base + offset));
  }
  for (int i = 0; i < 50; ++i) as.push_back(as[pick(0, 999)]);  // duplicates

  Strings actual = ecd::subtract_addresses(rs, as);

  // 1. Exactly the per-range reference, concatenated in range order, each expression once (a piece can equal
  //    a range or piece written before it; Set-ReceiveConnector refuses a list that holds a value twice).
  Strings expected;
  std::set<std::string> written;
  for (const IpRange& r : rs) {
    for (const std::string& piece : brute_force_pieces(r, as)) {
      if (written.insert(piece).second) expected.push_back(piece);
    }
  }
  ASSERT_EQ(actual.size(), expected.size());
  EXPECT_EQ(actual, expected);

  // 2. The pieces cover exactly the addresses of the ranges that were not removed, found by enumeration.
  std::set<std::pair<int, std::uint64_t>> removed;
  for (const IpAddress& a : as) removed.insert({static_cast<int>(a.family), a.value.lo});
  std::set<std::pair<int, std::uint64_t>> surviving;
  for (const IpRange& r : rs) {
    for (std::uint64_t v = r.lower.value.lo; v <= r.upper.value.lo; ++v) {
      if (!removed.count({static_cast<int>(r.family()), v})) surviving.insert({static_cast<int>(r.family()), v});
    }
  }
  std::set<std::pair<int, std::uint64_t>> covered;
  for (const std::string& piece : actual) {
    IpRange r = range(piece);
    ASSERT_EQ(r.size().hi, 0u);
    for (std::uint64_t v = r.lower.value.lo; v <= r.upper.value.lo; ++v) {
      EXPECT_FALSE(removed.count({static_cast<int>(r.family()), v})) << piece;
      covered.insert({static_cast<int>(r.family()), v});
    }
  }
  EXPECT_EQ(covered, surviving);
}

}  // namespace

}  // namespace ip_test
