// One command per connector (rules/fixes.h): the edits of every finding on a connector become one
// Set-ReceiveConnector command that makes them all, written on each of those findings; edits compose
// instead of replacing a whole property; what Exchange would refuse gets no command and says why.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "parse/request.h"
#include "rules/fixes.h"

namespace fixes_test {

namespace {

using json = nlohmann::json;

const json kAll = json::array({"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"});
constexpr const char* kFullAuth = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";

json connector(const std::string& server, const std::string& name, const char* role, json bindings, json ranges,
               const char* auth, const char* permissions) {
  return json{{"Identity", server + "\\" + name},
              {"TransportRole", role},
              {"Enabled", true},
              {"Bindings", bindings},
              {"RemoteIPRanges", ranges},
              {"AuthMechanism", auth},
              {"PermissionGroups", permissions},
              {"Fqdn", server + ".contoso.com"}};
}

json defaults(const std::string& s) {
  return json::array({connector(s, "Default Frontend " + s, "FrontendTransport", {"0.0.0.0:25", "[::]:25"}, kAll,
                                kFullAuth, "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"),
                      connector(s, "Default " + s, "HubTransport", {"0.0.0.0:2525", "[::]:2525"}, kAll, kFullAuth,
                                "ExchangeUsers, ExchangeServers, ExchangeLegacyServers")});
}

json analyze(json connectors, json servers) {
  auto r = ecd::run_request(json{{"operation", "analyze"}, {"connectors", connectors}, {"servers", servers}}.dump());
  EXPECT_TRUE(r.ok) << r.error;
  return r.ok ? json::parse(r.response)["findings"] : json::array();
}

std::vector<json> of_rule(const json& findings, const char* id) {
  std::vector<json> out;
  for (const auto& f : findings)
    if (f["ruleId"] == id) out.push_back(f);
  return out;
}

json parameter(const json& finding, const char* name) {
  for (const auto& p : finding["fix"]["parameters"])
    if (p["name"] == name) return p["value"];
  return json();
}

TEST(OneCommandPerConnector, ThreeSendersCapturedByOneRelayGetOneCommandThatFreesAllThree) {
  json connectors = json::array();
  for (const char* s : {"EX01", "EX02", "EX03"})
    for (const auto& c : defaults(s)) connectors.push_back(c);
  // A Transport (Hub) relay on EX01's port 2525: every Mailbox server delivers there.
  connectors.push_back(connector("EX01", "Internal Relay EX01", "HubTransport", {"0.0.0.0:2525"}, {"10.0.0.0/24"},
                                 "Tls", "AnonymousUsers"));
  auto captures = of_rule(analyze(connectors, {"EX01=10.0.0.11", "EX02=10.0.0.12", "EX03=10.0.0.13"}), "ECD0101");
  ASSERT_EQ(captures.size(), 3u);
  std::set<std::string> commands;
  for (const auto& f : captures) commands.insert(f["remediationCommand"].get<std::string>());
  ASSERT_EQ(commands.size(), 1u) << "one command for the connector, the same string on each finding";
  EXPECT_EQ(*commands.begin(),
            "Set-ReceiveConnector -Identity 'EX01\\Internal Relay EX01' -RemoteIPRanges "
            "'10.0.0.0-10.0.0.10','10.0.0.14-10.0.0.255'");
  for (const auto& f : captures) EXPECT_EQ(f["severity"], "Error") << f["message"];
}

TEST(OneCommandPerConnector, CoverageGapsOfBothFamiliesComposeIntoOneList) {
  json connectors = defaults("EX01");
  connectors[0]["RemoteIPRanges"] = {"10.0.0.0/8", "fd00::/8"};  // Default Frontend lost both full ranges
  auto gaps = of_rule(analyze(connectors, {"EX01=10.0.0.11"}), "ECD0601");
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0]["remediationCommand"], gaps[1]["remediationCommand"]);
  EXPECT_EQ(parameter(gaps[0], "RemoteIPRanges"), json::array({"10.0.0.0/8", "fd00::/8", "0.0.0.0-255.255.255.255",
                                                               "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}))
      << "running one family's fix after the other's must not drop the first";
}

TEST(OneCommandPerConnector, ReAddingExchangeServerAlsoSetsTheServersOwnFqdn) {
  json connectors = defaults("EX01");
  connectors[0]["AuthMechanism"] = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS";
  connectors[0]["Fqdn"] = "mail.contoso.com";
  json servers = {json{{"Name", "EX01"}, {"Fqdn", "EX01.contoso.com"}, {"Version", "15.1"}, {"Address", "10.0.0.11"}},
                  json{{"Name", "EDGE01"}, {"Version", "15.1"}, {"Role", "Edge"}, {"Address", "10.0.0.50"}}};
  auto f = of_rule(analyze(connectors, servers), "ECD0102");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Error") << "the Edge delivers to port 25: " << f[0]["message"];
  EXPECT_EQ(f[0]["remediationCommand"],
            "Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -AuthMechanism "
            "'Tls','Integrated','BasicAuth','BasicAuthRequireTLS','ExchangeServer' -Fqdn 'EX01.contoso.com'");
  EXPECT_NE(f[0]["remediation"].get<std::string>().find("TlsCertificateName"), std::string::npos);
}

// ---- The fold itself, on findings made by hand ------------------------------------------------------

ecd::Organisation organisation(json connectors) {
  auto parsed = ecd::parse_request(json{{"connectors", connectors}, {"servers", {"EX01=10.0.0.11"}}}.dump());
  EXPECT_TRUE(parsed.request);
  return parsed.request->organisation;
}

ecd::Finding with_edit(const char* rule, std::size_t connector, ecd::ConnectorEdit edit) {
  ecd::Finding f;
  f.rule_id = rule;
  f.edit = std::move(edit);
  f.edit_connector = connector;
  return f;
}

TEST(FoldFixes, TwoValuesForOnePropertyGiveNoCommandAndSayWhy) {
  auto org = organisation(defaults("EX01"));
  std::vector<ecd::Finding> findings;
  ecd::ConnectorEdit a, b;
  a.assign("Fqdn", "EX01.contoso.com");
  b.assign("Fqdn", "EX01");
  findings.push_back(with_edit("ECD0301", 0, a));
  findings.push_back(with_edit("ECD0302", 0, b));
  ecd::fold_fixes(org, findings);
  for (const auto& f : findings) {
    EXPECT_TRUE(f.remediation_command.empty());
    EXPECT_FALSE(f.fix);
    EXPECT_NE(f.remediation.find("different values of Fqdn"), std::string::npos) << f.remediation;
  }
}

TEST(FoldFixes, ANeverEmptyRemoteIPRangesIsKept) {
  auto org = organisation(defaults("EX01"));
  ecd::ConnectorEdit edit;
  edit.remove_entries = {"0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
  std::vector<ecd::Finding> findings{with_edit("ECD0801", 0, edit)};
  ecd::fold_fixes(org, findings);
  EXPECT_TRUE(findings[0].remediation_command.empty());
  EXPECT_NE(findings[0].remediation.find("cannot be empty"), std::string::npos) << findings[0].remediation;
}

TEST(FoldFixes, ACombinationExchangeRefusesGetsNoCommand) {
  auto org = organisation(defaults("EX01"));
  ecd::ConnectorEdit edit;
  edit.add_auth = ecd::kAuthExternalAuthoritative;  // next to ExchangeServer: refused (DOMAIN.md §1.3)
  std::vector<ecd::Finding> findings{with_edit("ECD0000", 1, edit)};
  ecd::fold_fixes(org, findings);
  EXPECT_TRUE(findings[0].remediation_command.empty());
  EXPECT_NE(findings[0].remediation.find("Exchange would refuse"), std::string::npos) << findings[0].remediation;
}

TEST(FoldFixes, EditsAlreadyInPlaceGiveNoCommand) {
  auto org = organisation(defaults("EX01"));
  ecd::ConnectorEdit edit;
  edit.add_permissions = ecd::kPermExchangeServers;
  edit.add_ranges = {"0.0.0.0-255.255.255.255"};
  std::vector<ecd::Finding> findings{with_edit("ECD0000", 0, edit)};
  ecd::fold_fixes(org, findings);
  EXPECT_TRUE(findings[0].remediation_command.empty());
  EXPECT_FALSE(findings[0].fix);
}

TEST(FoldFixes, FlagsAreAddedAndTakenAwayKeepingTheRestAndNeverSettingCustom) {
  json connectors = defaults("EX01");
  connectors[0]["PermissionGroups"] = "AnonymousUsers, Custom";
  auto org = organisation(connectors);
  ecd::ConnectorEdit a, b;
  a.add_permissions = ecd::kPermExchangeServers;
  b.add_permissions = ecd::kPermExchangeLegacyServers;
  std::vector<ecd::Finding> findings{with_edit("ECD0102", 0, a), with_edit("ECD0206", 0, b)};
  ecd::fold_fixes(org, findings);
  EXPECT_EQ(findings[0].remediation_command,
            "Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -PermissionGroups "
            "'AnonymousUsers','ExchangeServers','ExchangeLegacyServers'");
  EXPECT_EQ(findings[1].remediation_command, findings[0].remediation_command);
  EXPECT_NE(findings[0].remediation.find("all 2 findings"), std::string::npos) << findings[0].remediation;
}

}  // namespace

}  // namespace fixes_test
