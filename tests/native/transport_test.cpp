// What a server runs (its profile, from what is given and from its connectors) and on which port one Exchange
// server delivers to another (model/transport.h): the port is chosen by the target, the legacy paths whose
// port is not documented are judged on both, and an unknown version is judged by its most likely case.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "model/transport.h"
#include "parse/request.h"

namespace transport_test {

namespace {

using json = nlohmann::json;
using ecd::Delivery;
using ecd::TransportKind;

const json kAll = json::array({"0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"});

json connector(const std::string& server, const std::string& name, const char* role,
               std::vector<std::string> bindings) {
  json c{{"Identity", server + "\\" + name},
         {"Enabled", true},
         {"Bindings", bindings},
         {"RemoteIPRanges", kAll},
         {"AuthMechanism", "Tls, ExchangeServer"},
         {"PermissionGroups", "ExchangeServers"}};
  if (role) c["TransportRole"] = role;
  return c;
}

/// The connectors setup gives a 2016/2019 Mailbox server.
std::vector<json> colocated(const std::string& s) {
  return {connector(s, "Default Frontend " + s, "FrontendTransport", {"0.0.0.0:25", "[::]:25"}),
          connector(s, "Default " + s, "HubTransport", {"0.0.0.0:2525", "[::]:2525"})};
}
/// An Exchange 2010 hub as its shell exports it: no TransportRole property.
std::vector<json> legacy_hub(const std::string& s) {
  return {connector(s, "Default " + s, nullptr, {"0.0.0.0:25"}), connector(s, "Client " + s, nullptr, {"0.0.0.0:587"})};
}
std::vector<json> edge(const std::string& s) {
  return {connector(s, "Default internal receive connector " + s, "HubTransport", {"0.0.0.0:25"})};
}
std::vector<json> mailbox_2013(const std::string& s) {
  return {connector(s, "Default " + s, "HubTransport", {"0.0.0.0:25", "[::]:25"})};
}

ecd::Organisation organisation(const std::vector<std::vector<json>>& connector_sets, json servers = json::array()) {
  json list = json::array();
  for (const auto& set : connector_sets)
    for (const auto& c : set) list.push_back(c);
  auto parsed = ecd::parse_request(json{{"connectors", list}, {"servers", servers}}.dump());
  EXPECT_TRUE(parsed.request.has_value());
  return parsed.request ? parsed.request->organisation : ecd::Organisation{};
}

const ecd::ExchangeServer& server(const ecd::Organisation& org, const char* name) {
  const auto* s = org.find_server(name);
  EXPECT_NE(s, nullptr) << name;
  return *s;
}

// ---- Profiles -------------------------------------------------------------------------------------

TEST(TransportProfile, FrontEndAndTransportConnectorsTogetherMeanBothServicesRunThere) {
  auto org = organisation({colocated("EX01")});
  const auto& p = server(org, "EX01").profile;
  EXPECT_TRUE(p.known());
  EXPECT_EQ(p.likely, TransportKind::Colocated);
  EXPECT_NE(p.basis.find("'Default Frontend EX01', 'Default EX01'"), std::string::npos) << p.basis;
}

TEST(TransportProfile, ConnectorsWithoutTransportRoleComeFromAn2010Shell) {
  auto org = organisation({legacy_hub("LEGACY01")});
  const auto& p = server(org, "LEGACY01").profile;
  EXPECT_TRUE(p.known());
  EXPECT_EQ(p.likely, TransportKind::LegacyHub);
  EXPECT_TRUE(org.issues.empty()) << "a missing TransportRole is not bad input";
  EXPECT_EQ(org.connectors[0].transport_role, ecd::TransportRole::HubTransport);
}

TEST(TransportProfile, TheEdgeDefaultConnectorMakesAnEdgeOfTheVersionItsShellTells) {
  auto org = organisation(
      {edge("EDGE01"), {connector("EDGE10", "Default internal receive connector EDGE10", nullptr, {"0.0.0.0:25"})}});
  EXPECT_EQ(server(org, "EDGE01").profile.likely, TransportKind::Edge);
  EXPECT_TRUE(server(org, "EDGE01").profile.is_edge());
  EXPECT_EQ(server(org, "EDGE10").profile.likely, TransportKind::LegacyEdge);
}

TEST(TransportProfile, DefaultOnPort25WithoutFrontEndIsMostLikelyA2013MailboxServerButNotKnown) {
  auto org = organisation({mailbox_2013("MBX01")});
  const auto& p = server(org, "MBX01").profile;
  EXPECT_FALSE(p.known()) << "a 2016 server whose Default Frontend was left out of the export looks the same";
  EXPECT_EQ(p.likely, TransportKind::Mailbox2013);
  EXPECT_TRUE(p.possible.has(TransportKind::Colocated));
}

TEST(TransportProfile, WhatExchangeServerSaysWinsOverTheConnectors) {
  auto org = organisation(
      {mailbox_2013("MBX01"), legacy_hub("EX02")},
      json::array(
          {json{{"Name", "MBX01"}, {"AdminDisplayVersion", "Version 15.0 (Build 1497.2)"}, {"ServerRole", "Mailbox"}},
           json{{"Name", "EX02"}, {"Version", "15.2"}}}));
  EXPECT_TRUE(server(org, "MBX01").profile.known());
  EXPECT_EQ(server(org, "MBX01").profile.likely, TransportKind::Mailbox2013);
  const auto& p = server(org, "EX02").profile;
  EXPECT_EQ(p.likely, TransportKind::Colocated);
  EXPECT_NE(p.basis.find("suggest otherwise"), std::string::npos) << p.basis;
}

TEST(TransportProfile, ARoleAloneNarrowsWhatAServerIs) {
  auto org = organisation(
      {}, json::array({json{{"Name", "HUB"}, {"Role", "HubTransport"}}, json{{"Name", "CAS"}, {"Role", "ClientAccess"}},
                       json{{"Name", "MBX"}, {"ServerRole", "Mailbox"}}, json{{"Name", "EDGE"}, {"Role", "Edge"}},
                       "NOTHING=10.0.0.9"}));
  EXPECT_EQ(server(org, "HUB").profile.likely, TransportKind::LegacyHub);
  EXPECT_TRUE(server(org, "HUB").profile.known());
  EXPECT_EQ(server(org, "CAS").profile.likely, TransportKind::ClientAccess2013);
  EXPECT_FALSE(server(org, "MBX").profile.known()) << "2016 and later, or a 2013 Mailbox-only server";
  EXPECT_TRUE(server(org, "EDGE").profile.is_edge());
  EXPECT_FALSE(server(org, "NOTHING").profile.known());
  EXPECT_EQ(server(org, "NOTHING").profile.likely, TransportKind::Colocated);
}

// ---- Delivery ---------------------------------------------------------------------------------------

using Connectors = std::vector<json> (*)(const std::string&);

struct PathCase {
  const char* name;
  Connectors sender;  // its connectors; nullptr: given only by name and address (version not known)
  Connectors target;
  std::uint16_t port;
  Delivery expected;
};

void PrintTo(const PathCase& c, std::ostream* os) {
  *os << c.name;
}

class DeliveryByTarget : public ::testing::TestWithParam<PathCase> {};

TEST_P(DeliveryByTarget, ThePortIsChosenByTheTarget) {
  const PathCase& c = GetParam();
  std::vector<std::vector<json>> sets{c.target("TARGET")};
  if (c.sender) sets.push_back(c.sender("SENDER"));
  auto org = organisation(sets, json::array({"SENDER=10.9.9.9"}));
  auto path = ecd::delivery_path(server(org, "SENDER"), server(org, "TARGET"), c.port);
  EXPECT_EQ(static_cast<int>(path.delivery), static_cast<int>(c.expected)) << path.reason;
  EXPECT_FALSE(path.reason.empty());
  EXPECT_EQ(ecd::delivery_of(server(org, "SENDER"), server(org, "TARGET"), c.port), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Paths, DeliveryByTarget,
    ::testing::Values(
        PathCase{"MailboxToMailboxOn2525", colocated, colocated, 2525, Delivery::Delivers},
        PathCase{"MailboxToMailboxNotOn25", colocated, colocated, 25, Delivery::DoesNotDeliver},
        PathCase{"MailboxToOutboundProxy", colocated, colocated, 717, Delivery::Delivers},
        PathCase{"MailboxToEdgeOn25", colocated, edge, 25, Delivery::Delivers},
        PathCase{"EdgeToMailboxOn25", edge, colocated, 25, Delivery::Delivers},
        PathCase{"EdgeToMailboxNotOn2525", edge, colocated, 2525, Delivery::DoesNotDeliver},
        PathCase{"MailboxTo2010HubOn25", colocated, legacy_hub, 25, Delivery::Delivers},
        PathCase{"Hub2010ToMailboxOn25Undocumented", legacy_hub, colocated, 25, Delivery::Undocumented},
        PathCase{"Hub2010ToMailboxOn2525Undocumented", legacy_hub, colocated, 2525, Delivery::Undocumented},
        PathCase{"Hub2010ToHub2010On25", legacy_hub, legacy_hub, 25, Delivery::Delivers},
        PathCase{"MailboxToLikely2013MailboxOnlyOn25", colocated, mailbox_2013, 25, Delivery::LikelyDelivers},
        PathCase{"UnknownSenderToMailboxOn2525IsTheLikelyCase", nullptr, colocated, 2525, Delivery::LikelyDelivers},
        PathCase{"UnknownSenderToMailboxOn25MayDeliver", nullptr, colocated, 25, Delivery::MayDeliver},
        PathCase{"UnknownSenderTo2010HubOn25", nullptr, legacy_hub, 25, Delivery::LikelyDelivers}),
    [](const ::testing::TestParamInfo<PathCase>& info) { return info.param.name; });

TEST(DeliveryToItself, FrontEndHandsMailToItsOwnTransportOn2525AndNothingOn25) {
  auto org = organisation({colocated("EX01")}, json::array({"EX01=10.0.0.11"}));
  const auto& s = server(org, "EX01");
  EXPECT_EQ(ecd::delivery_of(s, s, 2525), Delivery::Delivers);
  EXPECT_EQ(ecd::delivery_of(s, s, 717), Delivery::Delivers);
  EXPECT_EQ(ecd::delivery_of(s, s, 25), Delivery::DoesNotDeliver);
  EXPECT_NE(ecd::delivery_path(s, s, 2525).reason.find("its own Transport service"), std::string::npos);
}

TEST(DeliveryWords, AnUndocumentedPortSaysSoAndNamesBothPorts) {
  auto org = organisation({legacy_hub("LEGACY01"), colocated("EX01")});
  auto path = ecd::delivery_path(server(org, "LEGACY01"), server(org, "EX01"), 25);
  EXPECT_NE(path.reason.find("not documented"), std::string::npos) << path.reason;
  EXPECT_NE(path.reason.find("2525"), std::string::npos) << path.reason;
  EXPECT_FALSE(path.delivers());
}

TEST(DeliveryWords, AnUnknownVersionSaysWhatToGive) {
  auto org = organisation({colocated("EX01")}, json::array({"EX02=10.0.0.12"}));
  auto path = ecd::delivery_path(server(org, "EX02"), server(org, "EX01"), 2525);
  EXPECT_EQ(path.delivery, Delivery::LikelyDelivers);
  EXPECT_NE(path.reason.find("-ExchangeServer"), std::string::npos) << path.reason;
  EXPECT_NE(path.reason.find("most likely"), std::string::npos) << path.reason;
}

}  // namespace

}  // namespace transport_test
