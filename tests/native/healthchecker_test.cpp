// What HealthChecker checks on receive connectors and their certificates (docs/HEALTHCHECKER.md), through the whole
// engine: the internal transport certificate (ECD1003), the 60/30-day thresholds (ECD1002), the hybrid receive
// connectors (ECD1004), and the relay rules that come with them (ECD0704, ECD0705, ECD0901).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "request_json.h"

namespace healthchecker_test {

namespace {

using json = nlohmann::json;

const std::vector<std::string> kAll{"0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
constexpr const char* kAllAuth = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";
constexpr const char* kMailName = "<I>CN=Contoso CA<S>CN=mail.contoso.com";

json default_frontend(const std::string& server) {
  auto c = ecd_test::connector(server, "Default Frontend " + server, "FrontendTransport", {"0.0.0.0:25", "[::]:25"},
                               kAll, kAllAuth, "AnonymousUsers, ExchangeServers, ExchangeLegacyServers");
  c["Fqdn"] = server + ".contoso.com";
  return c;
}

json certificate(const std::string& server, const std::string& thumbprint, const std::string& subject,
                 const std::string& issuer, const std::string& not_after) {
  return json{{"Thumbprint", thumbprint},
              {"Subject", subject},
              {"Issuer", issuer},
              {"NotAfter", not_after},
              {"Server", server}};
}

json request(json connectors) {
  return json{{"operation", "analyze"},
              {"connectors", std::move(connectors)},
              {"servers", json::array({"EX01=10.0.0.11", "EX02=10.0.0.12"})},
              {"asOf", "2026-01-15T00:00:00Z"}};
}

std::vector<json> findings_of(const json& req, const std::string& rule) {
  auto r = ecd::run_request(req.dump());
  EXPECT_TRUE(r.ok) << r.error;
  std::vector<json> out;
  if (!r.ok) return out;
  const json response = json::parse(r.response);  // kept alive: a temporary in the range-init would not be
  for (const auto& f : response["findings"])
    if (f["ruleId"] == rule) out.push_back(f);
  return out;
}

// ------------------------------------------------------------------------------------------------
// ECD1003

TEST(InternalTransportCertificate, AMissingCertificateIsAnErrorWithHealthCheckersCommandAsData) {
  json req = request(json::array({default_frontend("EX01")}));
  req["certificates"] = json::array({certificate("EX01", "AA11", "CN=EX01", "CN=EX01", "2030-01-01T00:00:00Z")});
  req["transportServices"] = json::array({json{{"Name", "EX01"}, {"InternalTransportCertificateThumbprint", "BB22"}}});
  auto f = findings_of(req, "ECD1003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Error");
  EXPECT_EQ(f[0]["server"], "EX01");
  EXPECT_EQ(f[0]["fix"]["cmdlet"], "New-ExchangeCertificate");
  json params = json::object();
  for (const auto& p : f[0]["fix"]["parameters"]) params[p["name"].get<std::string>()] = p["value"];
  EXPECT_EQ(params["Server"], "EX01");
  EXPECT_EQ(params["KeySize"], "2048");
  EXPECT_EQ(params["Services"], "SMTP");
  EXPECT_EQ(params["IncludeServerFQDN"], true);
  EXPECT_EQ(params["Force"], true);
  EXPECT_EQ(f[0]["remediationCommand"].get<std::string>().rfind("New-ExchangeCertificate -Server 'EX01'", 0), 0u);
}

TEST(InternalTransportCertificate, AnExpiredCertificateIsAWarningThatSaysTheSourcesDisagree) {
  json req = request(json::array({default_frontend("EX01")}));
  req["certificates"] = json::array({certificate("EX01", "AA11", "CN=EX01", "CN=EX01", "2026-01-01T00:00:00Z")});
  // The thumbprint on the -ExchangeServer object counts as well, in any case and with spaces.
  req["servers"] = json::array(
      {json{{"Name", "EX01"}, {"Address", "10.0.0.11"}, {"InternalTransportCertificateThumbprint", "aa 11"}}});
  auto f = findings_of(req, "ECD1003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Warning");
  EXPECT_NE(f[0]["message"].get<std::string>().find("disagree"), std::string::npos);
}

TEST(InternalTransportCertificate, AValidCertificatePasses) {
  json req = request(json::array({default_frontend("EX01")}));
  req["certificates"] = json::array({certificate("EX01", "AA11", "CN=EX01", "CN=EX01", "2030-01-01T00:00:00Z")});
  req["transportServices"] = json::array({json{{"Name", "EX01"}, {"InternalTransportCertificateThumbprint", "AA11"}}});
  EXPECT_TRUE(findings_of(req, "ECD1003").empty());
}

TEST(InternalTransportCertificate, WithoutThumbprintsTheSkippedCheckIsSaidOnceAndNothingIsClaimed) {
  json req = request(json::array({default_frontend("EX01"), default_frontend("EX02")}));
  req["certificates"] = json::array({certificate("EX01", "AA11", "CN=EX01", "CN=EX01", "2030-01-01T00:00:00Z")});
  auto f = findings_of(req, "ECD1003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Information");
  EXPECT_EQ(f[0]["server"], "");
  EXPECT_EQ(f[0]["evidence"]["notChecked"].size(), 2u);
  EXPECT_FALSE(f[0].contains("fix"));
}

TEST(InternalTransportCertificate, WithNeitherInputTheSkippedCheckIsSaidOnceAndNothingIsClaimed) {
  auto f = findings_of(request(json::array({default_frontend("EX01"), default_frontend("EX02")})), "ECD1003");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Information");
  EXPECT_EQ(f[0]["server"], "");
  EXPECT_EQ(f[0]["summary"], "Not checked: internal transport certificate");
  EXPECT_EQ(f[0]["evidence"]["notChecked"], json::array({"EX01", "EX02"}));
  EXPECT_NE(f[0]["message"].get<std::string>().find("neither"), std::string::npos);
  EXPECT_FALSE(f[0].contains("fix"));
}

// ------------------------------------------------------------------------------------------------
// ECD1002: HealthChecker's thresholds

class CertificateLifetime : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(CertificateLifetime, FollowsHealthCheckersSixtyAndThirtyDays) {
  auto c = default_frontend("EX01");
  c["TlsCertificateName"] = kMailName;
  json req = request(json::array({c}));
  req["certificates"] =
      json::array({certificate("EX01", "CC33", "CN=mail.contoso.com", "CN=Contoso CA", GetParam().first)});
  auto f = findings_of(req, "ECD1002");
  if (std::string(GetParam().second).empty()) {
    EXPECT_TRUE(f.empty());
  } else {
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0]["severity"], GetParam().second);
  }
}

INSTANTIATE_TEST_SUITE_P(Days, CertificateLifetime,
                         ::testing::Values(std::make_pair("2026-03-17T00:00:00Z", ""),         // 61 days
                                           std::make_pair("2026-03-01T00:00:00Z", "Warning"),  // 45 days
                                           std::make_pair("2026-02-14T00:00:00Z", "Warning"),  // 30 days
                                           std::make_pair("2026-02-04T00:00:00Z", "Error"),    // 20 days
                                           std::make_pair("2026-01-01T00:00:00Z", "Error")));  // expired

// ------------------------------------------------------------------------------------------------
// ECD1004

TEST(HybridReceiveConnector, NoTlsCertificateNameIsAnErrorAndTheHybridCertificateIsNamedWhenItIsThere) {
  auto c = default_frontend("EX01");
  c["TlsDomainCapabilities"] = json::array({"mail.protection.outlook.com:AcceptCloudServicesMail"});
  json req = request(json::array({c}));
  req["certificates"] =
      json::array({certificate("EX01", "CC33", "CN=mail.contoso.com", "CN=Contoso CA", "2030-01-01T00:00:00Z")});
  req["hybridConfiguration"] = json{{"TlsCertificateName", kMailName},
                                    {"ReceivingTransportServers", json::array({"CN=EX01,CN=Servers,CN=Exchange"})}};
  auto f = findings_of(req, "ECD1004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Error");
  EXPECT_EQ(f[0]["remediationCommand"],
            "Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName '" +
                std::string(kMailName) + "'");
}

TEST(HybridReceiveConnector, OnlyServersTheHybridConfigurationListsAreExpectedToHoldTheCertificate) {
  auto c = default_frontend("EX01");
  c["TlsDomainCapabilities"] = json::array({"mail.protection.outlook.com:AcceptCloudServicesMail"});
  json req = request(json::array({c}));
  req["hybridConfiguration"] =
      json{{"TlsCertificateName", kMailName}, {"SendingTransportServers", json::array({json{{"Name", "EX02"}}})}};
  EXPECT_TRUE(findings_of(req, "ECD1004").empty());
}

TEST(HybridReceiveConnector, ADisabledCloudEnabledConnectorIsAWarningThatEnablesIt) {
  auto c =
      ecd_test::connector("EX01", "Hybrid EX01", "FrontendTransport", {"10.0.0.11:25"}, kAll, "Tls", "AnonymousUsers");
  c["Enabled"] = false;
  c["TlsDomainCapabilities"] = json::array({"mail.protection.outlook.com:AcceptCloudServicesMail"});
  auto f = findings_of(request(json::array({c})), "ECD1004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Warning");
  EXPECT_EQ(f[0]["remediationCommand"], "Set-ReceiveConnector -Identity 'EX01\\Hybrid EX01' -Enabled:$true");
}

TEST(HybridReceiveConnector, AnEdgeServerOfTheHybridWithoutAcceptOorgProtocolIsAWarningThatAddsIt) {
  auto c = ecd_test::connector("EDGE01", "Default internal receive connector EDGE01", "HubTransport", {"0.0.0.0:25"},
                               {"0.0.0.0-255.255.255.255"}, "Tls, ExchangeServer",
                               "AnonymousUsers, ExchangeServers, Partners");
  c["Fqdn"] = "EDGE01.contoso.com";
  json req = request(json::array({c}));
  req["servers"] = json::array({json{{"Name", "EDGE01"},
                                     {"Fqdn", "EDGE01.contoso.com"},
                                     {"Address", "10.0.0.20"},
                                     {"Version", "15.2"},
                                     {"Role", "Edge"}}});
  req["hybridConfiguration"] =
      json{{"TlsCertificateName", kMailName}, {"EdgeTransportServers", json::array({"EDGE01"})}};
  auto f = findings_of(req, "ECD1004");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Warning");
  EXPECT_NE(f[0]["message"].get<std::string>().find("Fqdn 'EDGE01.contoso.com'"), std::string::npos);
  EXPECT_EQ(f[0]["remediationCommand"],
            "Set-ReceiveConnector -Identity 'EDGE01\\Default internal receive connector EDGE01' "
            "-TlsDomainCapabilities 'mail.protection.outlook.com:AcceptOorgProtocol'");
  // The documented shape passes.
  req["connectors"][0]["TlsDomainCapabilities"] = json::array({"mail.protection.outlook.com:AcceptOorgProtocol"});
  req["connectors"][0]["Fqdn"] = "mail.contoso.com";
  EXPECT_TRUE(findings_of(req, "ECD1004").empty());
}

// ------------------------------------------------------------------------------------------------
// ECD0704, ECD0901

TEST(RelayWithoutRelayRight, AWideAnonymousConnectorIsNoRelayAndIsNotReported) {
  auto c = ecd_test::connector("EX01", "Internet EX01", "FrontendTransport", {"10.0.0.11:25"},
                               {"0.0.0.0-255.255.255.255"}, "Tls", "AnonymousUsers");
  EXPECT_TRUE(findings_of(request(json::array({c})), "ECD0704").empty());
}

TEST(PerSourceThrottling, AnAnonymousRelayWithTheDefaultLimitsIsInformation) {
  auto c = ecd_test::connector("EX01", "Relay EX01", "FrontendTransport", {"0.0.0.0:25"}, {"10.0.1.10-10.0.1.20"},
                               "Tls", "AnonymousUsers, Custom");
  c["MaxInboundConnectionPerSource"] = "20";
  c["MaxInboundConnectionPercentagePerSource"] = 2;
  auto f = findings_of(request(json::array({c})), "ECD0901");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["severity"], "Information");
  EXPECT_EQ(f[0]["evidence"]["anonymousRelay"], true);
}

}  // namespace

}  // namespace healthchecker_test
