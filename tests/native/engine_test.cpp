// Tests for engine.h: the whole pipeline through ecd::run_request, request JSON in, response JSON out.
#include "engine/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "request_json.h"

namespace engine_test {

namespace {

using json = nlohmann::json;

using ecd_test::connector;

const std::vector<std::string> kAll = {"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"};
const std::string kFullAuth = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";

// Two 2019 servers, a 2010 server and one whose addresses are unknown: a relay connector on EX01 that
// captures LEGACY on port 25 (ECD0101, Error) and EX02 (ECD0101, Warning: EX02 delivers on 2525), a default connector
// on EX02 without Exchange Server authentication (ECD0102, Error), EX03 without addresses (ECD0002, Information) and a
// bad range (ECD0001, Warning).
json mixed_request() {
  json connectors = json::array(
      {connector("EX01", "Default Frontend EX01", "FrontendTransport", {"[::]:25", "0.0.0.0:25"}, kAll, kFullAuth,
                 "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"),
       connector("EX01", "Default EX01", "HubTransport", {"[::]:2525", "0.0.0.0:2525"}, kAll, kFullAuth,
                 "ExchangeUsers, ExchangeServers, ExchangeLegacyServers"),
       connector("EX01", "Relay EX01", "FrontendTransport", {"0.0.0.0:25"}, {"10.0.0.0/24", "10.0.0.300"}, "Tls",
                 "AnonymousUsers"),
       connector("EX02", "Default Frontend EX02", "FrontendTransport", {"[::]:25", "0.0.0.0:25"}, kAll,
                 "Tls, BasicAuth, BasicAuthRequireTLS", "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"),
       connector("EX02", "Default EX02", "HubTransport", {"[::]:2525", "0.0.0.0:2525"}, kAll, kFullAuth,
                 "ExchangeUsers, ExchangeServers, ExchangeLegacyServers")});
  // Exchange 2016 with a 2010 server and an Edge: the Edge delivers to port 25 of the Mailbox servers.
  json servers = json::array({json{{"Name", "EX01"},
                                   {"AdminDisplayVersion", "Version 15.1 (Build 2507.6)"},
                                   {"ServerRole", "Mailbox"},
                                   {"Address", "10.0.0.11"}},
                              json{{"Name", "EX02"},
                                   {"AdminDisplayVersion", "Version 15.1 (Build 2507.6)"},
                                   {"ServerRole", "Mailbox"},
                                   {"Address", "10.0.0.12"}},
                              json{{"Name", "EDGE01"},
                                   {"AdminDisplayVersion", "Version 15.1 (Build 2507.6)"},
                                   {"ServerRole", "Edge"},
                                   {"Address", "10.0.0.30"}},
                              json{{"Name", "LEGACY"},
                                   {"AdminDisplayVersion", "Version 14.3 (Build 123.4)"},
                                   {"ServerRole", "Mailbox, ClientAccess, HubTransport"},
                                   {"Address", "10.0.0.20"}},
                              "EX03"});
  return json{{"operation", "analyze"}, {"connectors", connectors}, {"servers", servers}};
}

json run(const json& request) {
  auto r = ecd::run_request(request.dump());
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.error.empty());
  if (!r.ok) return json::object();
  return json::parse(r.response);
}

std::vector<std::string> rule_ids(const json& response) {
  std::vector<std::string> ids;
  for (const auto& f : response.at("findings")) ids.push_back(f.at("ruleId").get<std::string>());
  return ids;
}

std::set<std::string> rule_id_set(const json& response) {
  auto ids = rule_ids(response);
  return {ids.begin(), ids.end()};
}

std::set<std::string> severities(const json& response) {
  std::set<std::string> out;
  for (const auto& f : response.at("findings")) out.insert(f.at("severity").get<std::string>());
  return out;
}

// =================================================================================================
// The rule catalogue

TEST(EngineRules, ListsEveryRuleSortedByIdWithItsTexts) {
  json response = run(json{{"operation", "rules"}});
  ASSERT_TRUE(response.contains("version"));
  EXPECT_FALSE(response["version"].get<std::string>().empty());
  const json& rules = response.at("rules");
  ASSERT_GE(rules.size(), 4u);
  std::vector<std::string> ids;
  std::set<std::string> names;
  for (const auto& r : rules) {
    const std::string id = r.at("id").get<std::string>();
    ids.push_back(id);
    EXPECT_EQ(id.size(), 7u) << id;
    EXPECT_EQ(id.rfind("ECD", 0), 0u) << id;
    for (const char* key : {"name", "title", "symptom", "docPage", "severity"})
      EXPECT_FALSE(r.at(key).get<std::string>().empty()) << id << " " << key;
    EXPECT_TRUE(names.insert(r.at("name").get<std::string>()).second) << "duplicate name in " << id;
    const std::string severity = r.at("severity").get<std::string>();
    EXPECT_TRUE(severity == "Information" || severity == "Warning" || severity == "Error") << id;
    EXPECT_EQ(r.at("docPage").get<std::string>(), "docs/rules/" + id + ".md");
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate id";
  EXPECT_EQ(ids.front(), "ECD0001");
}

TEST(EngineRules, EveryDocPageExists) {
  const std::filesystem::path root = ECD_SOURCE_DIR;
  if (!std::filesystem::is_directory(root / "docs" / "rules"))
    GTEST_SKIP() << "no docs/rules folder yet under " << root;
  json response = run(json{{"operation", "rules"}});
  for (const auto& r : response.at("rules")) {
    const auto page = root / r.at("docPage").get<std::string>();
    EXPECT_TRUE(std::filesystem::is_regular_file(page)) << page;
  }
}

// =================================================================================================
// Analyze

TEST(EngineAnalyze, AnEmptyConnectorListGivesOneInvalidInputFinding) {
  for (const json& request :
       {json{{"operation", "analyze"}, {"connectors", json::array()}}, json{{"operation", "analyze"}}}) {
    json response = run(request);
    ASSERT_EQ(response.at("findings").size(), 1u) << response.dump(2);
    const json& f = response["findings"][0];
    EXPECT_EQ(f.at("ruleId"), "ECD0001");
    EXPECT_EQ(f.at("rule"), "invalid-input");
    EXPECT_NE(f.at("message").get<std::string>().find("no receive connectors"), std::string::npos) << f.dump();
    EXPECT_EQ(f.at("evidence").at("pointer"), "/connectors");
  }
}

TEST(EngineAnalyze, FindsWhatTheMixedRequestHolds) {
  json response = run(mixed_request());
  // ECD0704: the relay admits a few addresses anonymously without the relay right (Information); ECD1003: the
  // internal transport certificate was not checked (neither certificates nor transport services given).
  EXPECT_EQ(rule_id_set(response),
            (std::set<std::string>{"ECD0001", "ECD0002", "ECD0003", "ECD0101", "ECD0102", "ECD0704", "ECD1003"}))
      << response.dump(2);
  EXPECT_EQ(severities(response), (std::set<std::string>{"Information", "Warning", "Error"}));
  for (const auto& f : response["findings"])
    for (const char* key : {"ruleId", "rule", "severity", "server", "connector", "message", "symptom", "evidence",
                            "remediation", "remediationCommand"})
      EXPECT_TRUE(f.contains(key)) << key << " in " << f.dump();
}

TEST(EngineAnalyze, OutputIsByteIdenticalAcrossRuns) {
  const std::string request = mixed_request().dump();
  auto first = ecd::run_request(request);
  auto second = ecd::run_request(request);
  ASSERT_TRUE(first.ok && second.ok);
  EXPECT_EQ(first.response, second.response);
}

TEST(EngineAnalyze, OutputDoesNotDependOnTheOrderOfServers) {
  json request = mixed_request();
  auto original = ecd::run_request(request.dump());
  std::reverse(request["servers"].begin(), request["servers"].end());
  auto reversed = ecd::run_request(request.dump());
  std::rotate(request["servers"].begin(), request["servers"].begin() + 1, request["servers"].end());
  auto rotated = ecd::run_request(request.dump());
  ASSERT_TRUE(original.ok && reversed.ok && rotated.ok);
  EXPECT_EQ(original.response, reversed.response);
  EXPECT_EQ(original.response, rotated.response);
}

TEST(EngineAnalyze, FindingsAreSortedBySeverityThenServerConnectorAndRule) {
  json response = run(mixed_request());
  std::vector<std::tuple<int, std::string, std::string, std::string>> keys;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto weight = [](const json& severity) { return severity == "Error" ? 0 : severity == "Warning" ? 1 : 2; };
  for (const auto& f : response["findings"])
    keys.emplace_back(weight(f["severity"]), lower(f["server"]), lower(f["connector"]), f["ruleId"].get<std::string>());
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end())) << response.dump(2);
  EXPECT_EQ(std::get<0>(keys.front()), 0);
  EXPECT_EQ(std::get<0>(keys.back()), 2);
}

TEST(EngineAnalyze, EveryFindingHasAStableUniqueIdAndAOneLineSummary) {
  json response = run(mixed_request());
  std::set<std::string> ids;
  for (const auto& f : response["findings"]) {
    const std::string id = f.at("id").get<std::string>();
    EXPECT_EQ(id.rfind(f.at("ruleId").get<std::string>() + "-", 0), 0u) << id;
    ids.insert(id);
    const std::string summary = f.at("summary").get<std::string>();
    EXPECT_FALSE(summary.empty()) << f.dump();
    EXPECT_EQ(summary.find('\n'), std::string::npos) << summary;
    EXPECT_LT(summary.size(), f.at("message").get<std::string>().size()) << summary;
  }
  EXPECT_EQ(ids.size(), response["findings"].size());
  // The same finding keeps its id when other findings are filtered out.
  json request = mixed_request();
  request["minimumSeverity"] = "Error";
  const json filtered = run(request);  // kept: a range-for over run(...)["findings"] would outlive the temporary
  for (const auto& f : filtered["findings"]) EXPECT_EQ(ids.count(f.at("id").get<std::string>()), 1u) << f.dump();
}

TEST(EngineAnalyze, ACaptureSaysWhoLandsWhereOnWhichPortInItsSummary) {
  json response = run(mixed_request());
  std::set<std::string> summaries;
  for (const auto& f : response["findings"])
    if (f["ruleId"] == "ECD0101")
      summaries.insert(f["sender"].get<std::string>() + " | " + f["summary"].get<std::string>());
  EXPECT_EQ(summaries.count("EDGE01 | EDGE01 -> EX01:25 lands on 'Relay EX01': 451 5.7.3"), 1u) << response.dump(2);
}

TEST(EngineAnalyze, AnUnknownRuleNameNamesTheNearestRules) {
  json request = mixed_request();
  request["rules"] = json::array({"exchange-server-captureed"});
  json response = run(request);
  bool found = false;
  for (const auto& f : response["findings"])
    if (f["ruleId"] == "ECD0001" && f["evidence"]["pointer"] == "/rules/0") {
      found = true;
      EXPECT_NE(f["message"].get<std::string>().find("the nearest are exchange-server-captured (ECD0101)"),
                std::string::npos)
          << f["message"];
    }
  EXPECT_TRUE(found) << response.dump(2);
}

TEST(EngineAnalyze, SaysWhichAddressesEachServerConnectsFrom) {
  json response = run(mixed_request());
  std::map<std::string, json> servers;
  for (const auto& s : response.at("servers")) servers[s.at("name").get<std::string>()] = s;
  ASSERT_EQ(servers.count("EX01"), 1u);
  EXPECT_EQ(servers["EX01"]["addresses"], json::array({"10.0.0.11"}));
  EXPECT_EQ(servers["EX01"]["connectors"], 3);
  ASSERT_EQ(servers.count("EX03"), 1u);
  EXPECT_TRUE(servers["EX03"]["addresses"].empty());
}

TEST(EngineAnalyze, MinimumSeverityFiltersButKeepsInvalidInput) {
  json request = mixed_request();
  request["minimumSeverity"] = "Warning";
  json warning = run(request);
  EXPECT_EQ(rule_id_set(warning), (std::set<std::string>{"ECD0001", "ECD0002", "ECD0101", "ECD0102"}));
  EXPECT_EQ(severities(warning).count("Information"), 0u);

  request["minimumSeverity"] = "error";
  json error = run(request);
  EXPECT_EQ(rule_id_set(error), (std::set<std::string>{"ECD0001", "ECD0101", "ECD0102"}));
  for (const auto& f : error["findings"]) {
    if (f["ruleId"] != "ECD0001") {
      EXPECT_EQ(f["severity"], "Error") << f.dump();
    }
  }

  request["minimumSeverity"] = "Information";
  EXPECT_EQ(rule_id_set(run(request)),
            (std::set<std::string>{"ECD0001", "ECD0002", "ECD0003", "ECD0101", "ECD0102", "ECD0704", "ECD1003"}));
}

TEST(EngineAnalyze, AnUnknownMinimumSeverityIsInvalidInput) {
  json request = mixed_request();
  request["minimumSeverity"] = "Critical";
  json response = run(request);
  bool found = false;
  for (const auto& f : response["findings"])
    if (f["ruleId"] == "ECD0001" && f["evidence"]["pointer"] == "/minimumSeverity") found = true;
  EXPECT_TRUE(found) << response.dump(2);
  EXPECT_EQ(rule_id_set(response).count("ECD0002"), 1u);  // treated as Information
}

struct RuleChoiceCase {
  const char* label;
  std::vector<std::string> rules;
  std::vector<std::string> exclude;
  std::set<std::string> expected;
};
std::ostream& operator<<(std::ostream& os, const RuleChoiceCase& c) {
  return os << c.label;
}

class EngineRuleChoice : public testing::TestWithParam<RuleChoiceCase> {};

TEST_P(EngineRuleChoice, RunsTheChosenRulesAndAlwaysInvalidInput) {
  json request = mixed_request();
  if (!GetParam().rules.empty()) request["rules"] = GetParam().rules;
  if (!GetParam().exclude.empty()) request["excludeRules"] = GetParam().exclude;
  EXPECT_EQ(rule_id_set(run(request)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    EngineCases, EngineRuleChoice,
    testing::Values(
        RuleChoiceCase{"ById", {"ECD0102"}, {}, {"ECD0001", "ECD0102"}},
        RuleChoiceCase{"ByName", {"default-connector-exchange-auth"}, {}, {"ECD0001", "ECD0102"}},
        RuleChoiceCase{"ByIdAnyCase", {"ecd0101"}, {}, {"ECD0001", "ECD0101"}},
        RuleChoiceCase{
            "SeveralMixed", {"ECD0101", "exchange-addresses-unknown"}, {}, {"ECD0001", "ECD0002", "ECD0101"}},
        RuleChoiceCase{
            "ExcludeById", {}, {"ECD0101", "ECD0704", "ECD1003"}, {"ECD0001", "ECD0002", "ECD0003", "ECD0102"}},
        RuleChoiceCase{"ExcludeByName",
                       {},
                       {"exchange-server-captured", "ECD0002", "input-not-analysed", "relay-without-relay-right",
                        "internal-transport-certificate"},
                       {"ECD0001", "ECD0102"}},
        RuleChoiceCase{"IncludeThenExclude", {"ECD0101", "ECD0102"}, {"ECD0102"}, {"ECD0001", "ECD0101"}},
        RuleChoiceCase{"InvalidInputCannotBeExcluded",
                       {},
                       {"invalid-input"},
                       {"ECD0001", "ECD0002", "ECD0003", "ECD0101", "ECD0102", "ECD0704", "ECD1003"}}),
    [](const testing::TestParamInfo<RuleChoiceCase>& info) { return std::string(info.param.label); });

TEST(EngineRuleChoiceUnknown, AnUnknownRuleNameIsAnInvalidInputFinding) {
  json request = mixed_request();
  request["connectors"][2]["RemoteIPRanges"] = {"10.0.0.0/24"};  // no other bad input
  request["rules"] = {"ECD0102", "no-such-rule"};
  request["excludeRules"] = {"ECD9999"};
  json response = run(request);
  std::vector<std::string> texts;
  for (const auto& f : response["findings"])
    if (f["ruleId"] == "ECD0001")
      texts.push_back(f["evidence"]["pointer"].get<std::string>() + " " + f["message"].get<std::string>());
  ASSERT_EQ(texts.size(), 2u) << response.dump(2);
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts[0].rfind("/excludeRules/0 ", 0), 0u) << texts[0];
  EXPECT_NE(texts[0].find("ECD9999"), std::string::npos) << texts[0];
  EXPECT_EQ(texts[1].rfind("/rules/1 ", 0), 0u) << texts[1];
  EXPECT_NE(texts[1].find("no-such-rule"), std::string::npos) << texts[1];
  EXPECT_EQ(rule_id_set(response), (std::set<std::string>{"ECD0001", "ECD0102"}));
}

// =================================================================================================
// Resolve

TEST(EngineResolve, AnswersTheWorkedExample) {
  json connectors = json::array({connector("EX01", "Client Frontend EX01", "FrontendTransport", {"0.0.0.0:25"},
                                           {"0.0.0.0-255.255.255.255"}, kFullAuth, "ExchangeUsers"),
                                 connector("EX01", "Custom Connector A", "FrontendTransport", {"0.0.0.0:25"},
                                           {"192.168.1.0-192.168.1.255"}, "Tls", "AnonymousUsers"),
                                 connector("EX01", "Custom Connector B", "FrontendTransport", {"0.0.0.0:25"},
                                           {"192.168.1.75"}, "Tls", "AnonymousUsers")});
  json queries = json::array(
      {json{{"remoteAddress", "192.168.1.75"}, {"port", 25}}, json{{"remoteAddress", "192.168.1.100"}, {"port", 25}},
       json{{"remoteAddress", "10.1.1.1"}, {"port", 25}}, json{{"remoteAddress", "fd00::1"}, {"port", 25}},
       json{{"remoteAddress", "10.1.1.1"}, {"port", 587}}});
  json response = run(json{{"operation", "resolve"}, {"connectors", connectors}, {"queries", queries}});
  const json& r = response.at("resolutions");
  ASSERT_EQ(r.size(), 5u) << response.dump(2);
  EXPECT_EQ(r[0]["connector"], "EX01\\Custom Connector B");
  EXPECT_EQ(r[1]["connector"], "EX01\\Custom Connector A");
  EXPECT_EQ(r[1]["matchedRange"], "192.168.1.0-192.168.1.255");
  EXPECT_EQ(r[2]["connector"], "EX01\\Client Frontend EX01");
  EXPECT_EQ(r[2]["candidates"].size(), 3u);
  EXPECT_TRUE(r[3]["connector"].is_null());
  EXPECT_NE(r[3]["reason"].get<std::string>().find("421 4.3.2"), std::string::npos) << r[3].dump();
  EXPECT_TRUE(r[4]["connector"].is_null());
  EXPECT_EQ(r[4]["transportRole"], "");
  EXPECT_TRUE(response.at("findings").empty()) << response.dump(2);
}

// =================================================================================================
// Errors

TEST(EngineErrors, ARequestThatCannotBeReadIsNotOk) {
  for (const char* text : {"not json", "[]", R"({"operation":"fix"})", ""}) {
    auto r = ecd::run_request(text);
    EXPECT_FALSE(r.ok) << text;
    EXPECT_FALSE(r.error.empty()) << text;
    EXPECT_TRUE(r.response.empty()) << text;
  }
}

}  // namespace

// =================================================================================================
// Report: a check that could not run is said in the verdict, never read as a pass

namespace {

json healthy_connectors() {
  return json::array({connector("EX01", "Default Frontend EX01", "FrontendTransport", {"[::]:25", "0.0.0.0:25"}, kAll,
                                kFullAuth, "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"),
                      connector("EX01", "Default EX01", "HubTransport", {"[::]:2525", "0.0.0.0:2525"}, kAll, kFullAuth,
                                "ExchangeUsers, ExchangeServers, ExchangeLegacyServers")});
}

std::string report_html(const json& servers) {
  json response = run(json{{"operation", "report"}, {"connectors", healthy_connectors()}, {"servers", servers}});
  return response.value("html", std::string());
}

}  // namespace

TEST(EngineReport, AServerWithoutAddressesMakesTheVerdictSaySkippedNotHealthy) {
  std::string html = report_html(json::array({json{{"Name", "EX01"}}}));
  EXPECT_NE(html.find("Not every check could run."), std::string::npos);
  EXPECT_NE(html.find("skipped for EX01"), std::string::npos);
  EXPECT_EQ(html.find("No errors and no warnings"), std::string::npos);
}

TEST(EngineReport, AHealthyOrganisationWithEveryAddressIsSaidToBeHealthy) {
  std::string html = report_html(json::array({"EX01=10.0.0.11"}));
  EXPECT_NE(html.find("No errors and no warnings"), std::string::npos);
  EXPECT_EQ(html.find("Not every check could run."), std::string::npos);
}

}  // namespace engine_test
