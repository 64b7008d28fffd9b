// Tests for select/selection.h: receive connector selection as Exchange's transport does it
// (DOMAIN.md §1.1 worked example, §1.2 steps 5-11, §1.4 pseudocode). Organisations are built with
// ecd::parse_request from small JSON documents, so the tests see connectors exactly as the engine does.
#include "select/selection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parse/request.h"

namespace selection_test {

namespace {

using ecd::Family;
using ecd::IpAddress;
using ecd::LossReason;
using ecd::TransportRole;
using json = nlohmann::json;

// ---- building organisations --------------------------------------------------------------------

struct Conn {
  std::string name;
  std::vector<std::string> bindings = {"0.0.0.0:25"};
  std::vector<std::string> ranges = {"0.0.0.0-255.255.255.255"};
  std::string role = "FrontendTransport";
  bool enabled = true;
  std::string server = "EX01";
  bool has_ranges = true;  // false: RemoteIPRanges left out
};

// One connector as Get-ReceiveConnector | ConvertTo-Json writes it (the properties selection reads).
json connector_json(const Conn& c) {
  json j;
  j["Identity"] = c.server + "\\" + c.name;
  j["Name"] = c.name;
  j["Server"] = c.server;
  j["TransportRole"] = c.role;
  j["Enabled"] = c.enabled;
  j["Bindings"] = c.bindings;
  if (c.has_ranges) j["RemoteIPRanges"] = c.ranges;
  j["AuthMechanism"] = "Tls, ExchangeServer";
  j["PermissionGroups"] = "AnonymousUsers, ExchangeServers";
  return j;
}

IpAddress addr(const std::string& text) {
  auto p = ecd::parse_ip_address(text);
  EXPECT_TRUE(p) << text << ": " << p.error;
  return p.value.value_or(IpAddress{});
}

const char* reason_name(LossReason r) {
  switch (r) {
    case LossReason::None: return "None";
    case LossReason::Disabled: return "Disabled";
    case LossReason::OtherRole: return "OtherRole";
    case LossReason::NotSelectable: return "NotSelectable";
    case LossReason::NotListening: return "NotListening";
    case LossReason::NoRangeOfFamily: return "NoRangeOfFamily";
    case LossReason::NoRangeMatches: return "NoRangeMatches";
    case LossReason::LargerRange: return "LargerRange";
    case LossReason::TieLostToEarlier: return "TieLostToEarlier";
    case LossReason::WildcardLost: return "WildcardLost";
  }
  return "?";
}

// The parsed request and the selection index over its organisation (which the index refers to).
class World {
 public:
  explicit World(const std::vector<Conn>& connectors) {
    json request;
    request["operation"] = "resolve";
    request["connectors"] = json::array();
    for (const auto& c : connectors) request["connectors"].push_back(connector_json(c));
    init(request.dump());
  }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const ecd::Organisation& org() const { return request_->organisation; }
  const ecd::SelectionIndex& index() const { return *index_; }

  ecd::Selection select(const std::string& remote, const std::optional<std::string>& local = std::nullopt,
                        std::uint16_t port = 25, TransportRole role = TransportRole::FrontendTransport,
                        const std::string& server = "EX01") const {
    ecd::SelectionQuery q{server, role, port, addr(remote), std::nullopt};
    if (local) q.local = addr(*local);
    return index_->select_connector(q, true);
  }

  // The winner's name, or "(none)".
  std::string winner(const std::string& remote, const std::optional<std::string>& local = std::nullopt,
                     std::uint16_t port = 25, TransportRole role = TransportRole::FrontendTransport) const {
    auto s = select(remote, local, port, role);
    return s.winner ? s.winner->name : "(none)";
  }

 private:
  void init(const std::string& text) {
    auto parsed = ecd::parse_request(text);
    if (!parsed.request) {
      ADD_FAILURE() << "request not parsed: " << parsed.error->message;
      request_ = std::make_unique<ecd::Request>();
    } else {
      request_ = std::make_unique<ecd::Request>(std::move(*parsed.request));
    }
    index_ = std::make_unique<ecd::SelectionIndex>(request_->organisation);
  }

  std::unique_ptr<ecd::Request> request_;
  std::unique_ptr<ecd::SelectionIndex> index_;
};

const ecd::Candidate* candidate_of(const ecd::Selection& s, const std::string& name) {
  for (const auto& c : s.candidates)
    if (c.connector->name == name) return &c;
  return nullptr;
}

std::string reason_of(const ecd::Selection& s, const std::string& name) {
  const auto* c = candidate_of(s, name);
  return c ? reason_name(c->reason) : "(not a candidate)";
}

std::string matched(const ecd::Selection& s) {
  return s.winner ? s.range().expression : "(none)";
}
std::string binding(const ecd::Selection& s) {
  return s.binding ? ecd::format_ip_binding(*s.binding) : "(none)";
}

const std::string kAll4 = "0.0.0.0-255.255.255.255";
const std::string kAll6 = "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

// =================================================================================================
// DOMAIN.md §1.1: the worked example of the Microsoft documentation.

TEST(SelectionWorkedExample, MostSpecificRangeWinsIpv4) {
  World w({{"Client Frontend EX01", {"0.0.0.0:25"}, {kAll4}},
           {"Custom Connector A", {"0.0.0.0:25"}, {"192.168.1.0-192.168.1.255"}},
           {"Custom Connector B", {"0.0.0.0:25"}, {"192.168.1.75"}}});
  EXPECT_EQ(w.winner("192.168.1.75"), "Custom Connector B");
  EXPECT_EQ(w.winner("192.168.1.100"), "Custom Connector A");
  EXPECT_EQ(w.winner("10.1.1.1"), "Client Frontend EX01");
  auto s = w.select("192.168.1.100");
  EXPECT_EQ(matched(s), "192.168.1.0-192.168.1.255");
  EXPECT_EQ(binding(s), "0.0.0.0:25");
  EXPECT_EQ(reason_of(s, "Client Frontend EX01"), "LargerRange");
  EXPECT_EQ(reason_of(s, "Custom Connector B"), "NoRangeMatches");
}

TEST(SelectionWorkedExample, MostSpecificRangeWinsIpv6) {
  World w({{"Client Frontend EX01", {"[::]:25"}, {kAll6}},
           {"Custom Connector A", {"[::]:25"}, {"fd00:1::/64"}},
           {"Custom Connector B", {"[::]:25"}, {"fd00:1::75"}}});
  EXPECT_EQ(w.winner("fd00:1::75"), "Custom Connector B");
  EXPECT_EQ(w.winner("fd00:1::100"), "Custom Connector A");
  EXPECT_EQ(w.winner("2001:db8::1"), "Client Frontend EX01");
  EXPECT_EQ(binding(w.select("fd00:1::75")), "[::]:25");
}

TEST(SelectionWorkedExample, TheWinnerDoesNotDependOnInputOrder) {
  World w({{"Custom Connector B", {"0.0.0.0:25"}, {"192.168.1.75"}},
           {"Custom Connector A", {"0.0.0.0:25"}, {"192.168.1.0-192.168.1.255"}},
           {"Client Frontend EX01", {"0.0.0.0:25"}, {kAll4}}});
  EXPECT_EQ(w.winner("192.168.1.75"), "Custom Connector B");
  EXPECT_EQ(w.winner("192.168.1.100"), "Custom Connector A");
  EXPECT_EQ(w.winner("10.1.1.1"), "Client Frontend EX01");
}

// =================================================================================================
// §1.2 step 5: specificity is the size of the range, not its notation.

struct SizeCase {
  const char* label;
  const char* small;       // the smaller range (must win where both match)
  const char* large;       // the larger range
  const char* both;        // an address in both
  const char* only_large;  // an address in the larger only
};
std::ostream& operator<<(std::ostream& os, const SizeCase& c) {
  return os << c.label;
}

class SelectionSize : public testing::TestWithParam<SizeCase> {};

TEST_P(SelectionSize, SmallerRangeWinsWhateverItsNotation) {
  const SizeCase& c = GetParam();
  const std::string bind = std::string(c.both).find(':') != std::string::npos ? "[::]:25" : "0.0.0.0:25";
  for (bool small_first : {true, false}) {
    Conn small{"Small", {bind}, {c.small}}, large{"Large", {bind}, {c.large}};
    World w(small_first ? std::vector<Conn>{small, large} : std::vector<Conn>{large, small});
    EXPECT_EQ(w.winner(c.both), "Small") << "small first: " << small_first;
    EXPECT_EQ(w.winner(c.only_large), "Large") << "small first: " << small_first;
  }
}

INSTANTIATE_TEST_SUITE_P(
    SelectionCases, SelectionSize,
    testing::Values(SizeCase{"LoHi3BeatsCidr24", "10.0.0.1-10.0.0.3", "10.0.0.0/24", "10.0.0.2", "10.0.0.4"},
                    SizeCase{"Cidr30BeatsLoHi10", "10.0.0.0/30", "10.0.0.0-10.0.0.9", "10.0.0.2", "10.0.0.5"},
                    SizeCase{"Netmask4BeatsLoHi5", "10.0.0.0(255.255.255.252)", "10.0.0.0-10.0.0.4", "10.0.0.3",
                             "10.0.0.4"},
                    SizeCase{"SingleBeatsLoHi2", "10.0.0.7", "10.0.0.7-10.0.0.8", "10.0.0.7", "10.0.0.8"},
                    SizeCase{"LoHi255BeatsCidr24", "10.0.0.0-10.0.0.254", "10.0.0.0/24", "10.0.0.254", "10.0.0.255"},
                    SizeCase{"Ipv6LoHi3BeatsCidr120", "fd00::1-fd00::3", "fd00::/120", "fd00::2", "fd00::4"},
                    SizeCase{"Ipv6Cidr126BeatsLoHi10", "fd00::/126", "fd00::-fd00::9", "fd00::2", "fd00::5"},
                    SizeCase{"Ipv6Cidr1BeatsEverything", "::/1", kAll6.c_str(), "::1", "8000::1"}),
    [](const testing::TestParamInfo<SizeCase>& info) { return std::string(info.param.label); });

// =================================================================================================
// §1.2 step 9: a specific local binding against the wildcard binding.

struct BindingCase {
  const char* label;
  const char* specific_binding;  // "10.0.0.5:25"
  const char* specific_range;
  const char* wildcard_binding;  // "0.0.0.0:25"
  const char* wildcard_range;
  const char* remote;
  const char* local;
  const char* winner;  // "X" (specific) or "Y" (wildcard)
  const char* loser_reason;
};
std::ostream& operator<<(std::ostream& os, const BindingCase& c) {
  return os << c.label;
}

class SelectionStep9 : public testing::TestWithParam<BindingCase> {};

TEST_P(SelectionStep9, RemoteRangeSizeDominatesAndTheSpecificBindingWinsTies) {
  const BindingCase& c = GetParam();
  Conn x{"X", {c.specific_binding}, {c.specific_range}};
  Conn y{"Y", {c.wildcard_binding}, {c.wildcard_range}};
  // The decision does not depend on which connector comes first.
  for (bool x_first : {true, false}) {
    World w(x_first ? std::vector<Conn>{x, y} : std::vector<Conn>{y, x});
    auto s = w.select(c.remote, std::string(c.local));
    ASSERT_NE(s.winner, nullptr);
    EXPECT_EQ(s.winner->name, c.winner) << "X first: " << x_first;
    EXPECT_EQ(binding(s), std::string(c.winner) == "X" ? c.specific_binding : c.wildcard_binding);
    EXPECT_EQ(reason_of(s, std::string(c.winner) == "X" ? "Y" : "X"), c.loser_reason) << "X first: " << x_first;
  }
}

INSTANTIATE_TEST_SUITE_P(
    SelectionCases, SelectionStep9,
    testing::Values(
        // DOMAIN §1.2 step 9's own example: X bound to 10.0.0.5 with everything, Y on 0.0.0.0 with 10.0.0.20.
        BindingCase{"WildcardWithSmallerRangeWins", "10.0.0.5:25", kAll4.c_str(), "0.0.0.0:25", "10.0.0.20",
                    "10.0.0.20", "10.0.0.5", "Y", "LargerRange"},
        BindingCase{"SpecificWinsOnEqualRanges", "10.0.0.5:25", "10.0.0.20", "0.0.0.0:25", "10.0.0.20", "10.0.0.20",
                    "10.0.0.5", "X", "WildcardLost"},
        BindingCase{"SpecificWinsOnEqualSizeOtherNotation", "10.0.0.5:25", "10.0.0.0/24", "0.0.0.0:25",
                    "10.0.0.0-10.0.0.255", "10.0.0.20", "10.0.0.5", "X", "WildcardLost"},
        BindingCase{"SpecificWithSmallerRangeWins", "10.0.0.5:25", "10.0.0.16/28", "0.0.0.0:25", "10.0.0.0/24",
                    "10.0.0.20", "10.0.0.5", "X", "LargerRange"},
        BindingCase{"Ipv6WildcardWithSmallerRangeWins", "[fd00::5]:25", kAll6.c_str(), "[::]:25", "fd00::20",
                    "fd00::20", "fd00::5", "Y", "LargerRange"},
        BindingCase{"Ipv6SpecificWinsOnEqualRanges", "[fd00::5]:25", "fd00::/64", "[::]:25", "fd00::/64", "fd00::20",
                    "fd00::5", "X", "WildcardLost"},
        BindingCase{"Ipv6SpecificWithSmallerRangeWins", "[fd00::5]:25", "fd00::/120", "[::]:25", "fd00::/64",
                    "fd00::20", "fd00::5", "X", "LargerRange"}),
    [](const testing::TestParamInfo<BindingCase>& info) { return std::string(info.param.label); });

TEST(SelectionBindings, ASpecificBindingIsOnlyConsultedForItsOwnLocalAddress) {
  World w({{"X", {"10.0.0.5:25"}, {"10.0.0.20"}}, {"Y", {"0.0.0.0:25"}, {kAll4}}});
  EXPECT_EQ(w.winner("10.0.0.20", std::string("10.0.0.5")), "X");
  EXPECT_EQ(w.winner("10.0.0.20", std::string("10.0.0.6")), "Y");
  auto s = w.select("10.0.0.20");  // no local address: the wildcard binding's view
  EXPECT_EQ(s.winner->name, "Y");
  EXPECT_EQ(reason_of(s, "X"), "NotListening");
  EXPECT_EQ(w.winner("10.0.0.21", std::string("10.0.0.5")), "Y");
}

TEST(SelectionBindings, ASpecificBindingAloneTakesItsAddressOnly) {
  World w({{"X", {"10.0.0.5:25"}, {kAll4}}});
  EXPECT_EQ(w.winner("10.0.0.20", std::string("10.0.0.5")), "X");
  EXPECT_EQ(binding(w.select("10.0.0.20", std::string("10.0.0.5"))), "10.0.0.5:25");
  EXPECT_EQ(w.winner("10.0.0.20", std::string("10.0.0.6")), "(none)");
  EXPECT_EQ(w.winner("10.0.0.20"), "(none)");
}

TEST(SelectionBindings, ALocalAddressOfTheOtherFamilyIsIgnored) {
  World w({{"X", {"10.0.0.5:25"}, {"10.0.0.20"}}, {"Y", {"0.0.0.0:25"}, {kAll4}}});
  EXPECT_EQ(w.winner("10.0.0.20", std::string("fd00::5")), "Y");
}

// =================================================================================================
// §1.2 step 1: only enabled connectors of the role that owns the port.

TEST(SelectionMap, DisabledConnectorsAreIgnored) {
  World w({{"Catch-all", {"0.0.0.0:25", "[::]:25"}, {kAll4, kAll6}},
           {"Relay", {"0.0.0.0:25", "[::]:25"}, {"10.0.0.20", "fd00::20"}, "FrontendTransport", false}});
  for (const char* remote : {"10.0.0.20", "fd00::20"}) {
    auto s = w.select(remote);
    ASSERT_NE(s.winner, nullptr);
    EXPECT_EQ(s.winner->name, "Catch-all") << remote;
    EXPECT_EQ(reason_of(s, "Relay"), "Disabled") << remote;
  }
}

TEST(SelectionMap, ConnectorsOfTheOtherRoleAreIgnored) {
  World w({{"Default Frontend EX01", {"0.0.0.0:25", "[::]:25"}, {kAll4, kAll6}},
           {"Hub on 25", {"0.0.0.0:25", "[::]:25"}, {"10.0.0.20", "fd00::20"}, "HubTransport"}});
  for (const char* remote : {"10.0.0.20", "fd00::20"}) {
    auto s = w.select(remote);
    ASSERT_NE(s.winner, nullptr);
    EXPECT_EQ(s.winner->name, "Default Frontend EX01") << remote;
    EXPECT_EQ(reason_of(s, "Hub on 25"), "OtherRole") << remote;
    // Asked for the HubTransport role, the hub connector is the only one.
    EXPECT_EQ(w.winner(remote, std::nullopt, 25, TransportRole::HubTransport), "Hub on 25") << remote;
  }
  EXPECT_EQ(w.index().role_for_port("EX01", 25), TransportRole::FrontendTransport);
}

TEST(SelectionMap, ConnectorsOfAnotherServerAreIgnored) {
  World w({{"Catch-all", {"0.0.0.0:25"}, {kAll4}},
           {"Relay EX02", {"0.0.0.0:25"}, {"10.0.0.20"}, "FrontendTransport", true, "EX02"}});
  auto s = w.select("10.0.0.20");
  EXPECT_EQ(s.winner->name, "Catch-all");
  EXPECT_EQ(candidate_of(s, "Relay EX02"), nullptr);
  EXPECT_EQ(w.select("10.0.0.20", std::nullopt, 25, TransportRole::FrontendTransport, "ex02").winner->name,
            "Relay EX02");
}

// §1.2 step 2: ranges are filtered to the binding's family.
TEST(SelectionMap, FamiliesStayApart) {
  World w({{"V4 ranges on [::]", {"[::]:25"}, {"10.0.0.0/8"}}, {"V6 ranges on 0.0.0.0", {"0.0.0.0:25"}, {"fd00::/8"}}});
  auto s4 = w.select("10.0.0.1");
  EXPECT_EQ(s4.winner, nullptr);
  EXPECT_EQ(reason_of(s4, "V4 ranges on [::]"), "NotListening");
  EXPECT_EQ(reason_of(s4, "V6 ranges on 0.0.0.0"), "NoRangeOfFamily");
  auto s6 = w.select("fd00::1");
  EXPECT_EQ(s6.winner, nullptr);
  EXPECT_EQ(reason_of(s6, "V4 ranges on [::]"), "NoRangeOfFamily");
  EXPECT_EQ(reason_of(s6, "V6 ranges on 0.0.0.0"), "NotListening");
}

TEST(SelectionMap, EachBindingUsesTheRangesOfItsFamily) {
  World w({{"Dual", {"0.0.0.0:25", "[::]:25"}, {"fd00::/64", "10.0.0.0/24"}},
           {"Catch-all", {"0.0.0.0:25", "[::]:25"}, {kAll4, kAll6}}});
  auto s4 = w.select("10.0.0.9");
  EXPECT_EQ(s4.winner->name, "Dual");
  EXPECT_EQ(matched(s4), "10.0.0.0/24");
  EXPECT_EQ(binding(s4), "0.0.0.0:25");
  auto s6 = w.select("fd00::9");
  EXPECT_EQ(s6.winner->name, "Dual");
  EXPECT_EQ(matched(s6), "fd00::/64");
  EXPECT_EQ(binding(s6), "[::]:25");
}

TEST(SelectionMap, AnIpv4MappedRemoteAddressIsIpv4) {
  World w({{"Relay", {"0.0.0.0:25"}, {"10.0.0.0/24"}}, {"V6", {"[::]:25"}, {kAll6}}});
  EXPECT_EQ(w.winner("::ffff:10.0.0.9"), "Relay");
}

// §1.2 step 10: nothing matches -> no connector (421 4.3.2).
TEST(SelectionMap, NoMatchGivesNoWinner) {
  World w({{"Relay", {"0.0.0.0:25", "[::]:25"}, {"192.168.0.0/16", "fd00::/64"}}});
  for (const char* remote : {"10.0.0.1", "2001:db8::1"}) {
    auto s = w.select(remote);
    EXPECT_EQ(s.winner, nullptr) << remote;
    EXPECT_FALSE(s.matched_range.has_value());
    EXPECT_FALSE(s.binding.has_value());
    EXPECT_EQ(reason_of(s, "Relay"), "NoRangeMatches") << remote;
  }
  auto other_port = w.select("192.168.1.1", std::nullopt, 587);
  EXPECT_EQ(other_port.winner, nullptr);
  EXPECT_EQ(reason_of(other_port, "Relay"), "NotListening");
  EXPECT_EQ(w.select("10.0.0.1", std::nullopt, 25, TransportRole::FrontendTransport, "NOSUCHSERVER").winner, nullptr);
}

// §1.2 step 7: an exact tie on one binding goes to the connector that comes first.
struct TieCase {
  const char* label;
  const char* binding;
  const char* first_range;
  const char* second_range;
  const char* remote;
  const char* local;  // "" = none
};
std::ostream& operator<<(std::ostream& os, const TieCase& c) {
  return os << c.label;
}

class SelectionTie : public testing::TestWithParam<TieCase> {};

TEST_P(SelectionTie, FirstInInputOrderWinsAndTheOtherLosesTheTie) {
  const TieCase& c = GetParam();
  std::optional<std::string> local = *c.local ? std::optional<std::string>(c.local) : std::nullopt;
  for (bool swap : {false, true}) {
    Conn t1{"T1", {c.binding}, {c.first_range}}, t2{"T2", {c.binding}, {c.second_range}};
    World w(swap ? std::vector<Conn>{t2, t1} : std::vector<Conn>{t1, t2});
    const std::string first = swap ? "T2" : "T1", second = swap ? "T1" : "T2";
    auto s = w.select(c.remote, local);
    ASSERT_NE(s.winner, nullptr);
    EXPECT_EQ(s.winner->name, first);
    EXPECT_EQ(reason_of(s, first), "None");
    EXPECT_EQ(reason_of(s, second), "TieLostToEarlier");
  }
}

INSTANTIATE_TEST_SUITE_P(
    SelectionCases, SelectionTie,
    testing::Values(
        TieCase{"SameRange", "0.0.0.0:25", "10.0.0.0/24", "10.0.0.0/24", "10.0.0.9", ""},
        TieCase{"SameSizeOtherNotation", "0.0.0.0:25", "10.0.0.0/24", "10.0.0.0-10.0.0.255", "10.0.0.9", ""},
        TieCase{"SameSizeOverlapping", "0.0.0.0:25", "10.0.0.0-10.0.0.9", "10.0.0.5-10.0.0.14", "10.0.0.7", ""},
        TieCase{"SpecificBinding", "10.0.0.5:25", "10.0.0.9", "10.0.0.9", "10.0.0.9", "10.0.0.5"},
        TieCase{"Ipv6SameRange", "[::]:25", "fd00::/64", "fd00::/64", "fd00::9", ""},
        TieCase{"Ipv6SpecificBinding", "[fd00::5]:25", "fd00::/120", "fd00::-fd00::ff", "fd00::9", "fd00::5"}),
    [](const testing::TestParamInfo<TieCase>& info) { return std::string(info.param.label); });

// =================================================================================================
// Candidates: every connector of the server, each with why it lost.

TEST(SelectionCandidates, ListEveryConnectorOfTheServerWithItsLossReason) {
  World w({{"Winner", {"10.0.0.5:25"}, {"10.0.0.0/24"}},
           {"Disabled", {"0.0.0.0:25"}, {"10.0.0.9"}, "FrontendTransport", false},
           {"Hub", {"0.0.0.0:2525"}, {"10.0.0.9"}, "HubTransport"},
           {"Port 587", {"0.0.0.0:587"}, {"10.0.0.9"}},
           {"Only IPv6 ranges", {"0.0.0.0:25"}, {"fd00::/64"}},
           {"Elsewhere", {"0.0.0.0:25"}, {"192.168.0.0/16"}},
           {"Catch-all", {"0.0.0.0:25"}, {kAll4}},
           {"Wildcard same size", {"0.0.0.0:25"}, {"10.0.0.0-10.0.0.255"}},
           {"Later same binding", {"10.0.0.5:25"}, {"10.0.0.0(255.255.255.0)"}},
           {"No ranges", {"0.0.0.0:25"}, {}, "FrontendTransport", true, "EX01", false},
           {"Other server", {"0.0.0.0:25"}, {"10.0.0.9"}, "FrontendTransport", true, "EX02"}});
  auto s = w.select("10.0.0.9", std::string("10.0.0.5"));
  ASSERT_NE(s.winner, nullptr);
  EXPECT_EQ(s.winner->name, "Winner");
  std::vector<std::string> got;
  for (const auto& c : s.candidates) got.push_back(c.connector->name + ": " + reason_name(c.reason));
  EXPECT_EQ(got,
            (std::vector<std::string>{"Winner: None", "Disabled: Disabled", "Hub: OtherRole", "Port 587: NotListening",
                                      "Only IPv6 ranges: NoRangeOfFamily", "Elsewhere: NoRangeMatches",
                                      "Catch-all: LargerRange", "Wildcard same size: WildcardLost",
                                      "Later same binding: TieLostToEarlier", "No ranges: NotSelectable"}));
  // Those that matched say with which range and binding.
  const auto* winner = candidate_of(s, "Winner");
  ASSERT_TRUE(winner->matched_range && winner->binding);
  EXPECT_EQ(ecd::format_ip_binding(*winner->binding), "10.0.0.5:25");
  const auto* larger = candidate_of(s, "Catch-all");
  ASSERT_TRUE(larger->matched_range && larger->binding);
  EXPECT_EQ(larger->connector->remote_ip_ranges[*larger->matched_range].expression, kAll4);
  EXPECT_EQ(ecd::format_ip_binding(*larger->binding), "0.0.0.0:25");
  const auto* tie = candidate_of(s, "Later same binding");
  ASSERT_TRUE(tie->binding);
  EXPECT_EQ(ecd::format_ip_binding(*tie->binding), "10.0.0.5:25");
  EXPECT_FALSE(candidate_of(s, "Elsewhere")->matched_range.has_value());
  EXPECT_FALSE(candidate_of(s, "Disabled")->matched_range.has_value());
  // Every reason has words.
  for (const auto& c : s.candidates) EXPECT_FALSE(ecd::loss_reason_text(c.reason).empty());
}

TEST(SelectionCandidates, AreOnlyGivenWhenAsked) {
  World w({{"Catch-all", {"0.0.0.0:25"}, {kAll4}}, {"Relay", {"0.0.0.0:25"}, {"10.0.0.9"}}});
  ecd::SelectionQuery q{"EX01", TransportRole::FrontendTransport, 25, addr("10.0.0.9"), std::nullopt};
  auto without = w.index().select_connector(q);
  EXPECT_TRUE(without.candidates.empty());
  ASSERT_NE(without.winner, nullptr);
  EXPECT_EQ(without.winner->name, "Relay");
  auto with = w.index().select_connector(q, true);
  EXPECT_EQ(with.candidates.size(), 2u);
  EXPECT_EQ(with.winner, without.winner);
  EXPECT_EQ(with.matched_range, without.matched_range);
}

// =================================================================================================
// Ranges inside one connector.

TEST(SelectionRanges, ABare0000RangeMatchesOnly0000) {
  World w({{"Bare", {"0.0.0.0:25", "[::]:25"}, {"0.0.0.0", "::"}},
           {"Catch-all", {"0.0.0.0:25", "[::]:25"}, {kAll4, kAll6}}});
  const auto& bare = w.org().connectors[0];
  ASSERT_EQ(bare.remote_ip_ranges.size(), 2u);
  for (const auto& r : bare.remote_ip_ranges) {
    EXPECT_EQ(r.size(), ecd::Uint128::from_u64(1)) << r.expression;
    EXPECT_TRUE(r.contains(ecd::wildcard_address(r.family()))) << r.expression;
  }
  for (const char* remote : {"10.0.0.1", "0.0.0.1", "255.255.255.255", "1.2.3.4", "::1", "fd00::1"}) {
    auto s = w.select(remote);
    ASSERT_NE(s.winner, nullptr) << remote;
    EXPECT_EQ(s.winner->name, "Catch-all") << remote;
    EXPECT_EQ(reason_of(s, "Bare"), "NoRangeMatches") << remote;
  }
}

TEST(SelectionRanges, OverlappingRangesInsideOneConnectorPickItsSmallest) {
  World w({{"Many", {"0.0.0.0:25", "[::]:25"}, {"10.0.0.5", "10.0.0.0/8", "fd00::/16", "10.0.0.0/24", "fd00::5"}},
           {"Middle", {"0.0.0.0:25"}, {"10.0.0.0/16"}}});
  EXPECT_EQ(matched(w.select("10.0.0.5")), "10.0.0.5");
  EXPECT_EQ(matched(w.select("10.0.0.6")), "10.0.0.0/24");
  EXPECT_EQ(w.winner("10.0.1.1"), "Middle");
  EXPECT_EQ(matched(w.select("10.1.0.1")), "10.0.0.0/8");
  EXPECT_EQ(matched(w.select("fd00::5")), "fd00::5");
  EXPECT_EQ(matched(w.select("fd00::6")), "fd00::/16");
  // The candidate entry of a loser names its own smallest matching range too.
  auto s = w.select("10.0.1.1");
  const auto* many = candidate_of(s, "Many");
  ASSERT_TRUE(many && many->matched_range);
  EXPECT_EQ(many->connector->remote_ip_ranges[*many->matched_range].expression, "10.0.0.0/8");
  EXPECT_EQ(reason_name(many->reason), std::string("LargerRange"));
}

TEST(SelectionRanges, TheFullIpv6RangeIsTheLargest) {
  World w({{"All", {"[::]:25"}, {kAll6}}, {"Half", {"[::]:25"}, {"8000::/1"}}, {"Zero", {"[::]:25"}, {"::/0"}}});
  EXPECT_EQ(w.winner("8000::1"), "Half");
  auto s = w.select("::1");
  EXPECT_EQ(s.winner->name, "All");  // "::/0" is as large: the earlier one keeps it
  EXPECT_EQ(reason_of(s, "Zero"), "TieLostToEarlier");
}

// =================================================================================================
// Ports and roles.

TEST(SelectionPorts, RoleForPortAndListeningPorts) {
  World w({{"Default Frontend EX01", {"0.0.0.0:25", "[::]:25"}, {kAll4, kAll6}},
           {"Client Frontend EX01", {"0.0.0.0:587", "[::]:587"}, {kAll4, kAll6}},
           {"Outbound Proxy Frontend EX01", {"0.0.0.0:717", "[::]:717"}, {kAll4, kAll6}},
           {"Default EX01", {"0.0.0.0:2525", "[::]:2525"}, {kAll4, kAll6}, "HubTransport"},
           {"Client Proxy EX01", {"0.0.0.0:465", "[::]:465"}, {kAll4, kAll6}, "HubTransport"},
           {"Hub relay on 25", {"10.0.0.5:25"}, {"10.0.0.9"}, "HubTransport"},
           {"Frontend on 2525", {"10.0.0.5:2525"}, {"10.0.0.9"}},
           {"Disabled", {"0.0.0.0:9999"}, {kAll4}, "FrontendTransport", false},
           {"Edge 25", {"0.0.0.0:25"}, {kAll4}, "HubTransport", true, "EDGE01"}});
  const auto& idx = w.index();
  EXPECT_EQ(idx.role_for_port("EX01", 25), TransportRole::FrontendTransport);
  EXPECT_EQ(idx.role_for_port("EX01", 587), TransportRole::FrontendTransport);
  EXPECT_EQ(idx.role_for_port("EX01", 717), TransportRole::FrontendTransport);
  EXPECT_EQ(idx.role_for_port("EX01", 2525), TransportRole::HubTransport);
  EXPECT_EQ(idx.role_for_port("EX01", 465), TransportRole::HubTransport);
  EXPECT_EQ(idx.role_for_port("ex01", 25), TransportRole::FrontendTransport);
  EXPECT_EQ(idx.role_for_port("EX01", 9999), std::nullopt);
  EXPECT_EQ(idx.role_for_port("EX01", 26), std::nullopt);
  EXPECT_EQ(idx.role_for_port("EDGE01", 25), TransportRole::HubTransport);
  EXPECT_EQ(idx.role_for_port("NOSUCH", 25), std::nullopt);
  EXPECT_EQ(idx.listening_ports("EX01"), (std::vector<std::uint16_t>{25, 465, 587, 717, 2525}));
  EXPECT_EQ(idx.listening_ports("edge01"), (std::vector<std::uint16_t>{25}));
  EXPECT_TRUE(idx.listening_ports("NOSUCH").empty());
  auto specific = idx.specific_local_addresses("EX01", TransportRole::HubTransport, 25);
  ASSERT_EQ(specific.size(), 1u);
  EXPECT_EQ(specific[0], addr("10.0.0.5"));
  EXPECT_TRUE(idx.specific_local_addresses("EX01", TransportRole::FrontendTransport, 25).empty());
}

// DOMAIN §1.2 step 4: the listening sockets are the union of all bindings of the enabled connectors of
// the role, whether or not a binding has ranges of its family (step 2 only keeps it out of the map): a
// connection there is answered with 421 4.3.2, not refused.
TEST(SelectionPorts, ABindingWithoutRangesOfItsFamilyStillListens) {
  World w({{"Default Frontend EX01", {"0.0.0.0:25"}, {kAll4}},
           {"V6 only on an IPv4 binding", {"0.0.0.0:2525"}, {"fd00::/64"}, "HubTransport"}});
  EXPECT_EQ(w.index().listening_ports("EX01"), (std::vector<std::uint16_t>{25, 2525}));
  EXPECT_EQ(w.index().role_for_port("EX01", 2525), TransportRole::HubTransport);
}

TEST(SelectionPorts, WildcardAddressOfEachFamily) {
  EXPECT_EQ(ecd::format_ip_address(ecd::wildcard_address(Family::IPv4)), "0.0.0.0");
  EXPECT_EQ(ecd::format_ip_address(ecd::wildcard_address(Family::IPv6)), "::");
  EXPECT_EQ(ecd::wildcard_address(Family::IPv4), addr("0.0.0.0"));
  EXPECT_EQ(ecd::wildcard_address(Family::IPv6), addr("::"));
}

// =================================================================================================
// Brute force: select_connector against a direct transcription of DOMAIN.md §1.4's pseudocode.

struct Pick {
  std::size_t connector;
  std::size_t range;
  ecd::Uint128 size;
};

// pick(key_ip) of §1.4: among enabled candidates of the role, the connector whose best_in() is the
// smallest; on an equal size the first in AD (input) order. Inside one connector the first smallest range.
std::optional<Pick> reference_pick(const ecd::Organisation& org, const std::string& server, TransportRole role,
                                   std::uint16_t port, const IpAddress& key_ip, const IpAddress& remote) {
  std::optional<Pick> best;
  for (const auto& c : org.connectors) {
    if (!ecd::iequals(c.server, server) || !c.enabled || !c.transport_role || *c.transport_role != role) continue;
    std::optional<Pick> mine;
    for (const auto& b : c.bindings) {
      if (!(b.address == key_ip) || b.port != port) continue;
      for (std::size_t ri = 0; ri < c.remote_ip_ranges.size(); ++ri) {
        const auto& r = c.remote_ip_ranges[ri];
        if (r.family() != b.address.family || !r.contains(remote)) continue;
        if (!mine || r.size() < mine->size) mine = Pick{c.index, ri, r.size()};
      }
    }
    if (mine && (!best || mine->size < best->size)) best = mine;
  }
  return best;
}

struct Reference {
  std::optional<Pick> winner;
  bool specific = false;
};

Reference reference_select(const ecd::Organisation& org, const ecd::SelectionQuery& q) {
  std::optional<Pick> a;
  if (q.local && !q.local->is_unspecified() && q.local->family == q.remote.family)
    a = reference_pick(org, q.server, q.role, q.port, *q.local, q.remote);
  std::optional<Pick> b =
      reference_pick(org, q.server, q.role, q.port, ecd::wildcard_address(q.remote.family), q.remote);
  if (a && (!b || a->size <= b->size)) return {a, true};
  return {b, false};
}

// A random IPv4 range inside 10.0.0.0/16 (so that ranges nest, overlap and miss), as text.
std::string random_v4_range(std::mt19937& rng) {
  auto below = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  const std::uint32_t base = 0x0a000000;
  switch (below(4)) {
    case 0: {  // CIDR /16../32
      unsigned prefix = 16 + below(17);
      std::uint32_t mask = prefix == 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
      std::uint32_t a = (base | below(65536)) & mask;
      return ecd::format_ip_address(ecd::ipv4(a)) + "/" + std::to_string(prefix);
    }
    case 1: {  // a-b of random length
      std::uint32_t a = base | below(65536);
      std::uint32_t len = below(4) == 0 ? below(8) : below(1u << (below(16) + 1));
      std::uint32_t b = std::min<std::uint32_t>(a + len, base | 0xffff);
      return ecd::format_ip_address(ecd::ipv4(a)) + "-" + ecd::format_ip_address(ecd::ipv4(b));
    }
    case 2:  // a single address
      return ecd::format_ip_address(ecd::ipv4(base | below(65536)));
    default: {  // a netmask range
      unsigned prefix = 16 + below(17);
      std::uint32_t mask = prefix == 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1);
      std::uint32_t a = (base | below(65536)) & mask;
      return ecd::format_ip_address(ecd::ipv4(a)) + "(" + ecd::format_ip_address(ecd::ipv4(mask)) + ")";
    }
  }
}

// A random IPv6 range inside fd00::/112.
std::string random_v6_range(std::mt19937& rng) {
  auto below = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  auto v6 = [](std::uint32_t low16) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "fd00::%x", low16);
    return std::string(buf);
  };
  switch (below(3)) {
    case 0: {
      unsigned prefix = 112 + below(17);
      std::uint32_t mask = prefix == 128 ? 0xffffu : (0xffffu & ~((1u << (128 - prefix)) - 1));
      return v6(below(65536) & mask) + "/" + std::to_string(prefix);
    }
    case 1: {
      std::uint32_t a = below(65536);
      std::uint32_t b = std::min<std::uint32_t>(a + below(1u << (below(16) + 1)), 0xffff);
      return v6(a) + "-" + v6(b);
    }
    default: return v6(below(65536));
  }
}

TEST(SelectionBruteForce, MatchesTheReferencePseudocodeOn5000RandomQueries) {
  std::mt19937 rng(20240611);
  auto below = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  const std::vector<std::string> locals4 = {"10.255.0.1", "10.255.0.2", "10.255.0.3"};
  const std::vector<std::string> locals6 = {"fd00:ffff::1", "fd00:ffff::2"};
  std::vector<Conn> conns;
  for (int i = 0; i < 40; ++i) {
    Conn c;
    c.name = "C" + std::to_string(i);
    c.bindings.clear();
    c.ranges.clear();
    // Bindings: mostly the wildcards, some specific local addresses, now and then another port.
    if (below(10) < 7) c.bindings.push_back("0.0.0.0:25");
    if (below(10) < 5) c.bindings.push_back("[::]:25");
    if (below(10) < 2) c.bindings.push_back(locals4[below(3)] + ":25");
    if (below(10) < 2) c.bindings.push_back("[" + locals6[below(2)] + "]:25");
    if (below(10) < 1) c.bindings.push_back("0.0.0.0:587");
    if (c.bindings.empty()) c.bindings.push_back(below(2) ? "0.0.0.0:25" : locals4[below(3)] + ":25");
    int n4 = static_cast<int>(below(4)), n6 = static_cast<int>(below(3));
    for (int k = 0; k < n4; ++k) c.ranges.push_back(random_v4_range(rng));
    for (int k = 0; k < n6; ++k) c.ranges.push_back(random_v6_range(rng));
    if (c.ranges.empty()) c.ranges.push_back(random_v4_range(rng));
    if (i == 3) c.ranges = {kAll4, kAll6};                                    // a catch-all
    if (i == 17) c.ranges = conns[5].ranges, c.bindings = conns[5].bindings;  // an exact duplicate: ties
    c.enabled = below(10) != 0;
    c.role = below(10) == 0 ? "HubTransport" : "FrontendTransport";
    conns.push_back(c);
  }
  World w(conns);
  ASSERT_EQ(w.org().connectors.size(), 40u);
  ASSERT_TRUE(w.org().issues.empty()) << w.org().issues[0].message;

  int with_winner = 0, specific_wins = 0;
  for (int i = 0; i < 5000; ++i) {
    ecd::SelectionQuery q;
    q.server = "EX01";
    q.role = below(20) == 0 ? TransportRole::HubTransport : TransportRole::FrontendTransport;
    q.port = below(20) == 0 ? 587 : 25;
    bool v6 = below(3) == 0;
    if (v6) {
      // Mostly inside fd00::/112, where the ranges are; now and then just outside it.
      q.remote = addr("fd00::");
      q.remote.value.lo = (below(4) == 0 ? std::uint64_t{below(16)} << 16 : 0u) | below(65536);
      switch (below(4)) {
        case 0: break;
        case 1: q.local = addr("fd00:ffff::9"); break;
        default: q.local = addr(locals6[below(2)]);
      }
    } else {
      q.remote = ecd::ipv4(0x0a000000 | below(below(4) == 0 ? 1u << 20 : 65536));
      switch (below(4)) {
        case 0: break;
        case 1: q.local = addr("10.255.0.9"); break;
        default: q.local = addr(locals4[below(3)]);
      }
    }
    bool with_candidates = i % 10 == 0;
    auto got = w.index().select_connector(q, with_candidates);
    auto want = reference_select(w.org(), q);
    std::string what = ecd::format_ip_address(q.remote) + " -> " + (q.local ? ecd::format_ip_address(*q.local) : "*") +
                       ":" + std::to_string(q.port);
    ASSERT_EQ(got.winner != nullptr, want.winner.has_value()) << what;
    if (!want.winner) continue;
    ++with_winner;
    if (want.specific) ++specific_wins;
    ASSERT_EQ(got.winner->index, want.winner->connector) << what;
    ASSERT_EQ(got.matched_range, want.winner->range) << what;
    ASSERT_TRUE(got.binding) << what;
    EXPECT_EQ(got.binding->is_wildcard(), !want.specific) << what;
    EXPECT_TRUE(got.range().contains(q.remote)) << what;
    if (with_candidates) {
      // Candidates agree with the winner: one None, every matching loser's range at least as large.
      int winners = 0;
      for (const auto& c : got.candidates) {
        if (c.reason == LossReason::None) {
          ++winners;
          EXPECT_EQ(c.connector, got.winner) << what;
          continue;
        }
        if (c.reason == LossReason::LargerRange || c.reason == LossReason::TieLostToEarlier ||
            c.reason == LossReason::WildcardLost) {
          ASSERT_TRUE(c.matched_range) << what;
          auto size = c.connector->remote_ip_ranges[*c.matched_range].size();
          if (c.reason == LossReason::LargerRange) {
            EXPECT_GT(size, want.winner->size) << what;
          } else {
            EXPECT_EQ(size, want.winner->size) << what << " " << c.connector->name;
          }
          if (c.reason == LossReason::TieLostToEarlier && c.binding && got.binding &&
              c.binding->is_wildcard() == got.binding->is_wildcard()) {
            EXPECT_GT(c.connector->index, got.winner->index) << what;
          }
        }
      }
      EXPECT_EQ(winners, 1) << what;
      EXPECT_EQ(got.candidates.size(), 40u);
    }
  }
  // The generated data exercises the interesting paths.
  EXPECT_GT(with_winner, 1000);
  EXPECT_GT(specific_wins, 20);
}

}  // namespace

}  // namespace selection_test
