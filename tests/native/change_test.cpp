// Tests for the change operation (engine/change.cpp, parse/change.h) and the fix as data: a planned
// Set-ReceiveConnector or New-ReceiveConnector applied to the organisation model, the analysis before and after,
// and what differs; the folded fixes applied the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "request_json.h"

namespace change_test {

namespace {

using json = nlohmann::json;
using ecd_test::connector;

const std::vector<std::string> kAll = {"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"};
const std::string kFullAuth = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";

json server(const std::string& name, const std::string& version, const std::string& role, const std::string& address) {
  return json{{"Name", name}, {"AdminDisplayVersion", version}, {"ServerRole", role}, {"Address", address}};
}

// EX01 and EX02 on Exchange 2016 with their default connectors, LEGACY on 2010 (10.0.0.5), EDGE01 (10.0.0.20): no
// relay yet, nothing wrong.
json healthy(const std::string& operation = "change") {
  json connectors = json::array();
  for (std::string s : {"EX01", "EX02"}) {
    connectors.push_back(connector(s, "Default Frontend " + s, "FrontendTransport", {"[::]:25", "0.0.0.0:25"}, kAll,
                                   kFullAuth, "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"));
    connectors.push_back(connector(s, "Default " + s, "HubTransport", {"[::]:2525", "0.0.0.0:2525"}, kAll, kFullAuth,
                                   "ExchangeUsers, ExchangeServers, ExchangeLegacyServers"));
  }
  json servers =
      json::array({server("EX01", "Version 15.1 (Build 2507.6)", "Mailbox", "10.0.0.11"),
                   server("EX02", "Version 15.1 (Build 2507.6)", "Mailbox", "10.0.0.12"),
                   server("EDGE01", "Version 15.1 (Build 2507.6)", "Edge", "10.0.0.20"),
                   server("LEGACY", "Version 14.3 (Build 123.4)", "Mailbox, ClientAccess, HubTransport", "10.0.0.5")});
  return json{{"operation", operation}, {"connectors", connectors}, {"servers", servers}};
}

json new_relay(const std::vector<std::string>& ranges) {
  return json{{"new", true},
              {"server", "EX01"},
              {"name", "Relay EX01"},
              {"parameters",
               {{"TransportRole", "FrontendTransport"},
                {"Bindings", {"0.0.0.0:25"}},
                {"RemoteIPRanges", ranges},
                {"PermissionGroups", "AnonymousUsers"}}}};
}

json run(const json& request) {
  auto r = ecd::run_request(request.dump());
  EXPECT_TRUE(r.ok) << r.error;
  if (!r.ok) return json::object();
  return json::parse(r.response);
}

std::vector<json> with_rule(const json& list, const std::string& id) {
  std::vector<json> out;
  for (const auto& f : list)
    if (f.at("ruleId") == id) out.push_back(f);
  return out;
}

bool names(const json& finding, const std::string& sender) {
  return finding.at("evidence").value("sender", std::string()) == sender;
}

TEST(Change, ANewRelayOverExchangeServersAddsErrorsAndMovesTheSenders) {
  json request = healthy();
  request["change"] = new_relay({"10.0.0.1-10.0.0.30"});
  const json out = run(request);
  EXPECT_TRUE(out.at("change").at("applied"));
  EXPECT_EQ(out.at("change").at("connector"), "EX01\\Relay EX01");
  EXPECT_TRUE(out.at("addsProblems"));
  const auto captures = with_rule(out.at("appeared"), "ECD0101");
  // The Edge delivers to EX01 on port 25: an Error; LEGACY too (the 2010 path is judged, at Warning or Error).
  EXPECT_TRUE(std::any_of(captures.begin(), captures.end(), [](const json& f) {
    return names(f, "EDGE01") && f.at("severity") == "Error";
  })) << out.at("appeared").dump(2);
  EXPECT_TRUE(std::any_of(captures.begin(), captures.end(), [](const json& f) { return names(f, "LEGACY"); }));
  EXPECT_TRUE(out.at("disappeared").empty());
  // EDGE01 landed on Default Frontend EX01 on port 25 and now lands on the relay.
  const auto& moves = out.at("moves");
  EXPECT_TRUE(std::any_of(moves.begin(), moves.end(), [](const json& m) {
    return m.at("sender") == "EDGE01" && m.at("server") == "EX01" && m.at("port") == 25 &&
           m.at("before") == "EX01\\Default Frontend EX01" && m.at("after") == "EX01\\Relay EX01";
  })) << moves.dump(2);
  // The findings of the organisation as it is come back too: none for the healthy one but Information.
  for (const auto& f : out.at("findings")) EXPECT_EQ(f.at("severity"), "Information") << f.dump();
}

TEST(Change, ANewRelayThatLeavesExchangeServersOutAddsNothing) {
  json request = healthy();
  request["change"] =
      new_relay({"10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.10", "10.0.0.13-10.0.0.19", "10.0.0.21-10.0.0.30"});
  const json out = run(request);
  EXPECT_TRUE(out.at("change").at("applied"));
  EXPECT_FALSE(out.at("addsProblems")) << out.at("appeared").dump(2);
  for (const auto& f : out.at("appeared")) EXPECT_EQ(f.at("severity"), "Information") << f.dump();
  EXPECT_TRUE(out.at("moves").empty()) << out.at("moves").dump(2);
}

TEST(Change, SettingRangesOnAnExistingConnectorMakesItsCaptureDisappear) {
  json request = healthy();
  request["connectors"].push_back(
      connector("EX01", "Relay EX01", "FrontendTransport", {"0.0.0.0:25"}, {"10.0.0.0/24"}, "Tls", "AnonymousUsers"));
  request["change"] =
      json{{"identity", "ex01\\relay ex01"}, {"parameters", {{"RemoteIPRanges", {"10.0.0.100-10.0.0.120"}}}}};
  const json out = run(request);
  EXPECT_TRUE(out.at("change").at("applied"));
  EXPECT_EQ(out.at("change").at("properties"), json::array({"RemoteIPRanges"}));
  EXPECT_FALSE(out.at("addsProblems")) << out.at("appeared").dump(2);
  EXPECT_FALSE(with_rule(out.at("disappeared"), "ECD0101").empty());
  const auto& moves = out.at("moves");
  EXPECT_TRUE(std::any_of(moves.begin(), moves.end(), [](const json& m) {
    return m.at("sender") == "LEGACY" && m.at("before") == "EX01\\Relay EX01" &&
           m.at("after") == "EX01\\Default Frontend EX01";
  })) << moves.dump(2);
}

TEST(Change, DisablingADefaultConnectorIsANewError) {
  json request = healthy();
  request["change"] = json{{"identity", "EX01\\Default EX01"}, {"parameters", {{"Enabled", false}}}};
  const json out = run(request);
  EXPECT_TRUE(out.at("addsProblems"));
  bool error = false;
  for (const auto& f : out.at("appeared")) error = error || f.at("severity") == "Error";
  EXPECT_TRUE(error) << out.at("appeared").dump(2);
}

TEST(Change, AConnectorThatIsNotThereIsSaidAndCountsAsAProblem) {
  json request = healthy();
  request["change"] = json{{"identity", "EX01\\Nope"}, {"parameters", {{"Enabled", false}}}};
  const json out = run(request);
  EXPECT_FALSE(out.at("change").at("applied"));
  EXPECT_TRUE(out.at("addsProblems"));
  const auto issues = with_rule(out.at("appeared"), "ECD0001");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].at("message").get<std::string>().find("EX01\\Nope"), std::string::npos);
}

TEST(Change, ABadValueIsAnInputIssueAtItsPlaceInTheChange) {
  json request = healthy();
  request["change"] = new_relay({"10.0.0.300"});
  const json out = run(request);
  const auto issues = with_rule(out.at("appeared"), "ECD0001");
  ASSERT_FALSE(issues.empty());
  EXPECT_TRUE(std::any_of(issues.begin(), issues.end(), [](const json& f) {
    return f.at("evidence").value("pointer", std::string()) == "/change/parameters/RemoteIPRanges/0";
  })) << out.at("appeared").dump(2);
}

TEST(Change, ParametersTheEngineDoesNotModelAreListed) {
  json request = healthy();
  request["change"] =
      json{{"identity", "EX01\\Default EX01"}, {"parameters", {{"Banner", "220 hello"}, {"Name", "X"}}}};
  const json out = run(request);
  EXPECT_EQ(out.at("change").at("notModelled"), json::array({"Banner", "Name"}));
  EXPECT_FALSE(out.at("addsProblems"));
}

TEST(Change, NewConnectorDefaultsComeFromItsUsageType) {
  // -Internal gives Tls, ExchangeServer and ExchangeServers, ExchangeLegacyServers: no capture.
  json request = healthy();
  json relay = new_relay({"10.0.0.1-10.0.0.30"});
  relay["usage"] = "Internal";
  relay["parameters"].erase("PermissionGroups");
  request["change"] = relay;
  json out = run(request);
  EXPECT_TRUE(with_rule(out.at("appeared"), "ECD0101").empty()) << out.at("appeared").dump(2);
  // -Internet gives AnonymousUsers and Tls only: the Edge is captured.
  relay["usage"] = "Internet";
  request["change"] = relay;
  out = run(request);
  EXPECT_FALSE(with_rule(out.at("appeared"), "ECD0101").empty());
  relay["usage"] = "Sideways";
  request["change"] = relay;
  out = run(request);
  EXPECT_FALSE(out.at("change").at("applied"));
  EXPECT_FALSE(with_rule(out.at("appeared"), "ECD0001").empty());
}

TEST(Change, ANewConnectorWithoutBindingsIsSaidNotGuessed) {
  json request = healthy();
  json relay = new_relay({"10.0.0.1-10.0.0.30"});
  relay["parameters"].erase("Bindings");
  request["change"] = relay;
  const json out = run(request);
  const auto issues = with_rule(out.at("appeared"), "ECD0001");
  EXPECT_TRUE(std::any_of(issues.begin(), issues.end(), [](const json& f) {
    return f.at("evidence").value("field", std::string()) == "Bindings";
  })) << out.at("appeared").dump(2);
}

TEST(Change, ANewConnectorThatExistsAlreadyIsRefused) {
  json request = healthy();
  json relay = new_relay({"10.0.0.1-10.0.0.30"});
  relay["name"] = "Default EX01";
  request["change"] = relay;
  const json out = run(request);
  EXPECT_FALSE(out.at("change").at("applied"));
  EXPECT_TRUE(out.at("addsProblems"));
}

// A relay capturing LEGACY and EDGE01, and a default connector on EX02 without Exchange Server authentication.
json broken() {
  json request = healthy();
  request["connectors"].push_back(connector("EX01", "Relay EX01", "FrontendTransport", {"0.0.0.0:25"},
                                            {"10.0.0.1-10.0.0.30"}, "Tls", "AnonymousUsers"));
  request["connectors"][2]["AuthMechanism"] = "Tls, BasicAuth, BasicAuthRequireTLS";  // Default Frontend EX02
  return request;
}

TEST(FixAsData, EachParameterCarriesTheValueBeforeTheFix) {
  json request = broken();
  request["operation"] = "analyze";
  const json out = run(request);
  bool seen_relay = false, seen_default = false;
  for (const auto& f : out.at("findings")) {
    if (!f.contains("fix")) continue;
    const auto& fix = f.at("fix");
    EXPECT_EQ(fix.at("cmdlet"), "Set-ReceiveConnector");
    EXPECT_EQ(fix.at("parameters").at(0).at("name"), "Identity");
    EXPECT_FALSE(fix.at("parameters").at(0).contains("before"));
    for (const auto& p : fix.at("parameters")) {
      if (p.at("name") == "RemoteIPRanges") {
        seen_relay = true;
        EXPECT_EQ(p.at("before"), json::array({"10.0.0.1-10.0.0.30"}));
        EXPECT_NE(p.at("value"), p.at("before"));
      }
      if (p.at("name") == "AuthMechanism" && f.at("connector") == "EX02\\Default Frontend EX02") {
        seen_default = true;
        EXPECT_EQ(p.at("before"), json::array({"Tls", "BasicAuth", "BasicAuthRequireTLS"}));
        const auto& value = p.at("value");
        EXPECT_NE(std::find(value.begin(), value.end(), "ExchangeServer"), value.end());
      }
    }
  }
  EXPECT_TRUE(seen_relay);
  EXPECT_TRUE(seen_default);
}

TEST(FixAsData, ApplyingEveryFixRemovesWhatTheyClaimAndAddsNothing) {
  json request = broken();
  request["applyFixes"] = true;
  const json out = run(request);
  ASSERT_EQ(out.at("fixes").size(), 2u) << out.at("fixes").dump(2);
  for (const auto& fix : out.at("fixes")) {
    EXPECT_TRUE(fix.at("checked")) << fix.dump(2);
    EXPECT_FALSE(fix.at("addsProblems")) << fix.at("appeared").dump(2);
    EXPECT_FALSE(fix.at("disappeared").empty());
  }
  EXPECT_FALSE(out.at("addsProblems")) << out.at("appeared").dump(2);
  // Every Warning and Error that had a fix is gone.
  for (const auto& f : out.at("findings"))
    if (f.contains("fix") && f.at("severity") != "Information") {
      const auto& gone = out.at("disappeared");
      EXPECT_TRUE(std::any_of(gone.begin(), gone.end(), [&](const json& g) {
        return g.at("ruleId") == f.at("ruleId") && g.at("connector") == f.at("connector") &&
               g.at("evidence") == f.at("evidence");
      })) << f.dump(2);
    }
}

TEST(FixAsData, OnlyTheFixesOfTheConnectorsAskedForAreApplied) {
  json request = broken();
  request["applyFixes"] = json::array({"ex01\\relay ex01"});
  const json out = run(request);
  ASSERT_EQ(out.at("fixes").size(), 1u);
  EXPECT_EQ(out.at("fixes").at(0).at("connector"), "EX01\\Relay EX01");
  EXPECT_FALSE(with_rule(out.at("disappeared"), "ECD0101").empty());
  EXPECT_TRUE(with_rule(out.at("disappeared"), "ECD0102").empty());
}

TEST(FixAsData, AFixThatWouldAddAnErrorIsFlagged) {
  // A fix checked against a change that makes it harmful: after moving Default Frontend EX01 off port 25, the
  // relay's fix would leave EDGE01's addresses on port 25 of EX01 to no connector at all (421 4.3.2).
  json request = broken();
  request["change"] = json{{"identity", "EX01\\Default Frontend EX01"}, {"parameters", {{"Enabled", false}}}};
  request["applyFixes"] = json::array({"EX01\\Relay EX01"});
  const json out = run(request);
  ASSERT_EQ(out.at("fixes").size(), 1u) << out.dump(2);
  const auto& fix = out.at("fixes").at(0);
  EXPECT_TRUE(fix.at("addsProblems")) << fix.at("appeared").dump(2);
}

}  // namespace

}  // namespace change_test
