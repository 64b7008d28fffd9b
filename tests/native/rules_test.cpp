// Keeps the rule catalogue in step: every registered rule has its doc page, a failing and a passing fixture
// (tests/fixtures/rules/<id>/) and a golden (tests/golden/rules/<id>.json), and nothing there is orphaned.
// Set ECD_UPDATE_GOLDEN=1 to rewrite the goldens from the engine's output; review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/ip.h"
#include "engine/engine.h"
#include "model/certificate.h"
#include "rules/rule.h"
#include "rules/rule_support.h"
#include "test_files.h"

namespace rules_test {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using ecd_test::kRoot;
using ecd_test::read_text;

std::vector<ecd::RuleInfo> registered() {
  return ecd::rule_catalogue();  // the checks and the two passes (ECD0001, ECD1101)
}

std::vector<std::string> registered_ids() {
  std::vector<std::string> out;
  for (const auto& info : registered()) out.emplace_back(info.id);
  return out;
}

json run_fixture(const fs::path& path) {
  json request = json::parse(read_text(path));
  request.erase("expectAlso");
  auto r = ecd::run_request(request.dump());
  EXPECT_TRUE(r.ok) << path << ": " << r.error;
  return r.ok ? json::parse(r.response) : json::object({{"findings", json::array()}});
}

// ------------------------------------------------------------------------------------------------
// Per rule

class RuleInStep : public ::testing::TestWithParam<std::string> {
 protected:
  fs::path fixtures() const { return kRoot / "tests" / "fixtures" / "rules" / GetParam(); }
};

TEST_P(RuleInStep, HasADocPageWithEverySection) {
  fs::path page = kRoot / "docs" / "rules" / (GetParam() + ".md");
  ASSERT_TRUE(fs::exists(page)) << page;
  std::string text = read_text(page);
  EXPECT_EQ(text.rfind("# " + GetParam() + " ", 0), 0u) << "the page starts with '# <id> <name>'";
  for (const char* section : {"## Symptom", "## Why", "## How it is detected", "## Fix", "## Sources"})
    EXPECT_NE(text.find(section), std::string::npos) << page << " lacks " << section;
}

TEST_P(RuleInStep, FailingFixtureYieldsTheRuleAndNoUnrelatedError) {
  fs::path path = fixtures() / "fail.json";
  ASSERT_TRUE(fs::exists(path)) << path;
  json request = json::parse(read_text(path));
  std::set<std::string> allowed{GetParam()};
  if (request.contains("expectAlso"))
    for (const auto& id : request["expectAlso"]) allowed.insert(id.get<std::string>());
  json response = run_fixture(path);
  int own = 0;
  for (const auto& f : response["findings"]) {
    if (f["ruleId"] == GetParam()) ++own;
    if (f["severity"] == "Error")
      EXPECT_TRUE(allowed.count(f["ruleId"].get<std::string>()))
          << "unrelated Error " << f["ruleId"] << ": " << f["message"];
  }
  EXPECT_GT(own, 0) << "the failing fixture yields no " << GetParam() << " finding";
}

TEST_P(RuleInStep, PassingFixtureYieldsNoFindingOfTheRule) {
  fs::path path = fixtures() / "pass.json";
  ASSERT_TRUE(fs::exists(path)) << path;
  json response = run_fixture(path);
  for (const auto& f : response["findings"])
    EXPECT_NE(f["ruleId"], GetParam()) << "the passing fixture yields: " << f["message"];
}

TEST_P(RuleInStep, GoldenMatchesTheFindingsOfTheFailingFixture) {
  fs::path path = fixtures() / "fail.json";
  ASSERT_TRUE(fs::exists(path)) << path;
  fs::path golden = kRoot / "tests" / "golden" / "rules" / (GetParam() + ".json");
  std::string actual = run_fixture(path)["findings"].dump(2) + "\n";
  const char* update = std::getenv("ECD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing (run with ECD_UPDATE_GOLDEN=1, then review it)";
  EXPECT_EQ(read_text(golden), actual) << golden << " differs (ECD_UPDATE_GOLDEN=1 rewrites it; review the diff)";
}

INSTANTIATE_TEST_SUITE_P(Registry, RuleInStep, ::testing::ValuesIn(registered_ids()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// ------------------------------------------------------------------------------------------------
// The catalogue as a whole

TEST(RuleCatalogue, IsSortedByIdWithUniqueIdsAndKebabNames) {
  auto rules = registered();
  std::set<std::string> names;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) EXPECT_LT(rules[i - 1].id, rules[i].id);
    std::string name(rules[i].name);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"), std::string::npos) << name;
    EXPECT_FALSE(rules[i].symptom.empty()) << rules[i].id;
    EXPECT_FALSE(rules[i].title.empty()) << rules[i].id;
  }
}

TEST(RuleCatalogue, NoDocPageFixtureOrGoldenIsOrphaned) {
  auto ids = registered_ids();
  std::set<std::string> known(ids.begin(), ids.end());
  for (const auto& e : fs::directory_iterator(kRoot / "docs" / "rules"))
    if (e.path().extension() == ".md") EXPECT_TRUE(known.count(e.path().stem().string())) << e.path();
  for (const auto& e : fs::directory_iterator(kRoot / "tests" / "fixtures" / "rules"))
    if (e.is_directory()) EXPECT_TRUE(known.count(e.path().filename().string())) << e.path();
  for (const auto& e : fs::directory_iterator(kRoot / "tests" / "golden" / "rules"))
    EXPECT_TRUE(e.path().extension() == ".json" && known.count(e.path().stem().string())) << e.path();
}

// Every source file of rules/ and diagnose/ is listed in its folder's CMakeLists.txt (no glob: a file left out does
// not build), and every rule a file defines (its RuleInfo) is in the catalogue: a rule left out of the registry is
// caught here rather than silently never run.
TEST(RuleCatalogue, EveryRuleFileIsBuiltAndRegistered) {
  auto ids = registered_ids();
  std::set<std::string> known(ids.begin(), ids.end());
  std::size_t defined = 0;
  for (const char* layer : {"rules", "diagnose"}) {
    const fs::path folder = kRoot / "native" / layer;
    const std::string cmake = read_text(folder / "CMakeLists.txt");
    for (const auto& e : fs::directory_iterator(folder)) {
      if (e.path().extension() != ".cpp") continue;
      const std::string name = e.path().filename().string();
      EXPECT_NE(cmake.find(" " + name), std::string::npos) << name << " is not listed in " << folder / "CMakeLists.txt";
      const std::string text = read_text(e.path());
      const auto info = text.find("constexpr RuleInfo k");
      if (info == std::string::npos) continue;
      const auto at = text.find("\"ECD", info);
      ASSERT_NE(at, std::string::npos) << name;
      const std::string id = text.substr(at + 1, 7);
      ++defined;
      EXPECT_TRUE(known.count(id)) << name << " defines " << id
                                   << ", which the registry (rules/registry.cpp) leaves out";
    }
  }
  EXPECT_EQ(defined, known.size()) << "a rule of the catalogue is defined outside rules/ and diagnose/";
}

TEST(RuleCatalogue, ExampleOrganisationIsFlaggedOnlyForItsRelay) {
  // examples/: EX01 and EX02 (2019), LEGACY01 (2010) and a printer relay on EX01 for 10.0.0.1-10.0.0.30 that
  // holds LEGACY01's, EX01's and EX02's addresses. Only the capture and its consequences may show.
  json connectors = json::parse(read_text(kRoot / "examples" / "contoso-GetReceiveConnector.json"));
  json request{{"operation", "analyze"},
               {"connectors", connectors},
               {"servers", {"EX01=10.0.0.11", "EX02=10.0.0.12", "LEGACY01=10.0.0.5"}}};
  auto r = ecd::run_request(request.dump());
  ASSERT_TRUE(r.ok) << r.error;
  std::set<std::string> allowed{"ECD0101", "ECD0901"};
  json response = json::parse(r.response);
  for (const auto& f : response["findings"]) {
    if (f["severity"] == "Information") continue;
    EXPECT_TRUE(allowed.count(f["ruleId"].get<std::string>())) << f["ruleId"] << ": " << f["message"];
    if (f["ruleId"] == "ECD0901" || f["ruleId"] == "ECD0101") EXPECT_EQ(f["connector"], "EX01\\Relay EX01");
  }
}

// ------------------------------------------------------------------------------------------------
// Helpers the rules share

ecd::IpRange range(const char* text) {
  return *ecd::parse_ip_range(text).value;
}

ecd::Interval interval(const char* lower, const char* upper) {
  auto lo = *ecd::parse_ip_address(lower).value;
  return {lo.family, lo.value, ecd::parse_ip_address(upper).value->value};
}

TEST(RuleSupport, SubtractIntervalsSplitsOnlyTheRangesItTouches) {
  std::vector<ecd::IpRange> ranges{range("10.0.0.1-10.0.0.30"), range("192.168.1.0/24"), range("fd00::/64")};
  auto kept = ecd::subtract_intervals(ranges, {interval("10.0.0.5", "10.0.0.10"), interval("10.0.0.25", "10.0.0.40")});
  EXPECT_EQ(kept,
            (std::vector<std::string>{"10.0.0.1-10.0.0.4", "10.0.0.11-10.0.0.24", "192.168.1.0/24", "fd00::/64"}));
  EXPECT_TRUE(ecd::subtract_intervals({range("10.0.0.1-10.0.0.3")}, {interval("10.0.0.0", "10.0.0.9")}).empty());
}

TEST(RuleSupport, SubtractIntervalsLeavesTheIpv4MappedBlockOutOfIpv6Pieces) {
  // "::ffff:ffff:ffff" reads as IPv4, so "::2-::ffff:ffff:ffff" would not parse; no IPv6 address lies there.
  ecd::Interval first_two{ecd::Family::IPv6, ecd::Uint128{}, ecd::Uint128(0, 1)};
  EXPECT_EQ(ecd::subtract_intervals({range("::/80")}, {first_two}), (std::vector<std::string>{"::2-::fffe:ffff:ffff"}));
}

TEST(RuleSupport, ComplementOfTheUnionIsWrittenInExchangeNotation) {
  auto merged = ecd::merge_intervals({interval("0.0.0.0", "9.255.255.255"), interval("11.0.0.0", "255.255.255.255"),
                                      interval("10.0.0.0", "10.0.0.255")});
  auto gap = ecd::complement(merged, ecd::Family::IPv4);
  ASSERT_EQ(gap.size(), 1u);
  EXPECT_EQ(ecd::format_interval(gap[0]), "10.0.1.0-10.255.255.255");
  auto v6 = ecd::complement(ecd::merge_intervals({interval("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")}),
                            ecd::Family::IPv6);
  EXPECT_TRUE(v6.empty());
  EXPECT_EQ(ecd::format_interval(ecd::complement({}, ecd::Family::IPv4).at(0)), "0.0.0.0/0");
}

TEST(RuleSupport, WideAndPublicRangesFollowTheDocumentedThreshold) {
  EXPECT_FALSE(ecd::is_wide(range("10.0.0.0/24")));
  EXPECT_TRUE(ecd::is_wide(range("10.0.0.0/23")));
  EXPECT_FALSE(ecd::is_wide(range("fd00::/64")));
  EXPECT_TRUE(ecd::is_wide(range("fd00::/63")));
  EXPECT_FALSE(ecd::is_public(range("10.0.0.1-10.0.0.30")));
  EXPECT_FALSE(ecd::is_public(range("172.16.0.0/12")));
  EXPECT_TRUE(ecd::is_public(range("172.16.0.0/11")));
  EXPECT_TRUE(ecd::is_public(range("203.0.113.5")));
  EXPECT_FALSE(ecd::is_public(range("fe80::1")));
  EXPECT_TRUE(ecd::is_public(range("2001:db8::/32")));
}

TEST(RuleSupport, UtcTimesAreReadFromIso8601AndTheJsonDateForm) {
  EXPECT_EQ(ecd::parse_utc_time("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ecd::parse_utc_time("2026-01-15T00:00:00.0000000Z"), 1768435200);
  EXPECT_EQ(ecd::parse_utc_time("2026-01-15T01:00:00+01:00"), 1768435200);
  EXPECT_EQ(ecd::parse_utc_time("2026-01-15"), 1768435200);
  EXPECT_EQ(ecd::parse_utc_time("/Date(1768435200000)/"), 1768435200);
  EXPECT_FALSE(ecd::parse_utc_time("15.01.2026"));
  EXPECT_FALSE(ecd::parse_utc_time("2026-13-01"));
  EXPECT_EQ(ecd::format_utc_date(1768435200), "2026-01-15");
}

TEST(RuleSupport, DistinguishedNamesCompareWithoutCaseOrSpacesAroundCommas) {
  EXPECT_TRUE(ecd::same_distinguished_name("CN=Contoso CA, DC=contoso, DC=com", "cn=contoso ca,dc=CONTOSO,dc=com"));
  EXPECT_FALSE(ecd::same_distinguished_name("CN=EX01", "CN=EX02"));
}

// ------------------------------------------------------------------------------------------------
// ECD0101 and the directory's limit of about 1,200 RemoteIPRanges entries (ECD0806)

json capture_request(std::size_t singles) {
  auto kAll = json::array({"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"});
  json ranges = json::array();
  for (std::size_t i = 0; i < singles; ++i)
    ranges.push_back("10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1));
  ranges.push_back("10.0.0.1-10.0.0.200");  // holds LEGACY01 (10.0.0.5) and EX01 (10.0.0.11)
  json connectors = json::array({{{"Identity", "EX01\\Default Frontend EX01"},
                                  {"TransportRole", "FrontendTransport"},
                                  {"Enabled", true},
                                  {"Bindings", {"0.0.0.0:25", "[::]:25"}},
                                  {"RemoteIPRanges", kAll},
                                  {"AuthMechanism", "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer"},
                                  {"PermissionGroups", "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"}},
                                 {{"Identity", "EX01\\Relay EX01"},
                                  {"TransportRole", "FrontendTransport"},
                                  {"Enabled", true},
                                  {"Bindings", {"0.0.0.0:25"}},
                                  {"RemoteIPRanges", ranges},
                                  {"AuthMechanism", "Tls"},
                                  {"PermissionGroups", "AnonymousUsers, Custom"}}});
  return json{{"operation", "analyze"},
              {"connectors", connectors},
              {"servers", {"EX01=10.0.0.11", "LEGACY01=10.0.0.5"}},
              {"rules", {"ECD0101"}}};
}

json capture_finding(std::size_t singles) {
  auto r = ecd::run_request(capture_request(singles).dump());
  EXPECT_TRUE(r.ok) << r.error;
  json response = json::parse(r.response);
  for (const auto& f : response["findings"])
    if (f["ruleId"] == "ECD0101" && f["evidence"]["sender"] == "LEGACY01") return f;
  ADD_FAILURE() << "no ECD0101 finding for LEGACY01";
  return json::object();
}

/// The RemoteIPRanges value of a finding's fix, as data.
json fixed_ranges(const json& f) {
  if (!f.contains("fix")) return json();
  for (const auto& p : f["fix"]["parameters"])
    if (p["name"] == "RemoteIPRanges") return p["value"];
  return json();
}

TEST(CaptureAndTheRangeLimit, ASmallRewriteIsOneCommandWithTheRangesAsData) {
  json f = capture_finding(10);
  EXPECT_FALSE(f["remediationCommand"].get<std::string>().empty());
  EXPECT_EQ(f["fix"]["cmdlet"], "Set-ReceiveConnector");
  // 10 singles + the range split around LEGACY01's 10.0.0.5; EX01's own 10.0.0.11 stays, since EX01 does not deliver
  // to itself on port 25 (an application on EX01 may relay through it).
  EXPECT_EQ(fixed_ranges(f).size(), 12u);
  EXPECT_EQ(fixed_ranges(f).back(), "10.0.0.6-10.0.0.200");
  EXPECT_EQ(f["remediation"].get<std::string>().find("administrative limit"), std::string::npos);
}

TEST(CaptureAndTheRangeLimit, ARewriteUpToTheLimitStillGivesTheCommand) {
  json f = capture_finding(1100);  // 1,100 + the range split around 10.0.0.5 => 1,102
  EXPECT_EQ(fixed_ranges(f).size(), 1102u);
  EXPECT_FALSE(f["remediationCommand"].get<std::string>().empty());
}

TEST(CaptureAndTheRangeLimit, ARewritePastTheLimitSaysWhyAndGivesNoCommand) {
  json f = capture_finding(1199);  // 1,199 + 2 pieces => 1,201 entries
  EXPECT_NE(f["remediation"].get<std::string>().find("1201 entries"), std::string::npos) << f["remediation"];
  EXPECT_NE(f["remediation"].get<std::string>().find("administrative limit"), std::string::npos) << f["remediation"];
  EXPECT_TRUE(f["remediationCommand"].get<std::string>().empty());
  EXPECT_FALSE(f.contains("fix"));
}

}  // namespace

}  // namespace rules_test
