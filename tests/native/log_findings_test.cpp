// The protocol log joined with the configuration, end to end through ecd::run_request: the example organisation
// (examples/contoso-GetReceiveConnector.json: a printer relay on EX01 for 10.0.0.1-10.0.0.30 that holds LEGACY01's
// address) with the receive log of examples/contoso-SmtpReceive, where LEGACY01 is seen on the relay three times,
// two printers' sessions, and 10.0.0.50 on the relay although the relay's ranges do not hold it.
// Golden: tests/golden/logs/contoso-findings.json (ECD_UPDATE_GOLDEN=1 rewrites it; review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "engine/engine.h"
#include "logs/reader.h"
#include "logs/summary.h"
#include "test_files.h"

namespace log_findings_test {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using ecd_test::kRoot;
using ecd_test::read_text;

json contoso_request(bool with_log) {
  json request{{"operation", "analyze"},
               {"connectors", json::parse(read_text(kRoot / "examples" / "contoso-GetReceiveConnector.json"))},
               {"servers", {"EX01=10.0.0.11", "EX02=10.0.0.12", "LEGACY01=10.0.0.5"}}};
  if (with_log) {
    const auto read = ecd::read_log_paths({(kRoot / "examples" / "contoso-SmtpReceive").string()}, {});
    request["protocolLog"] = json::parse(ecd::summary_json(read.summary).dump());
  }
  return request;
}

json findings_of(const json& request) {
  const auto r = ecd::run_request(request.dump());
  EXPECT_TRUE(r.ok) << r.error;
  return json::parse(r.response)["findings"];
}

std::vector<json> of_rule(const json& findings, const std::string& id) {
  std::vector<json> out;
  for (const auto& f : findings)
    if (f["ruleId"] == id) out.push_back(f);
  return out;
}

TEST(LogFindings, TheRelayCaptureOfLegacy01IsConfirmedWithCountAndLastTime) {
  const json findings = findings_of(contoso_request(true));
  bool legacy = false;
  for (const auto& f : of_rule(findings, "ECD0101")) {
    if (f["evidence"]["sender"] != "LEGACY01") continue;
    legacy = true;
    EXPECT_EQ(f["evidence"]["protocolLog"]["confirmed"], true);
    EXPECT_EQ(f["evidence"]["protocolLog"]["sessions"], 3);
    EXPECT_EQ(f["evidence"]["protocolLog"]["lastSeen"], "2026-01-10T09:30:00.009Z");
    EXPECT_NE(
        f["message"].get<std::string>().find("seen on 'EX01\\Relay EX01' 3 times, last at 2026-01-10 09:30:00 UTC"),
        std::string::npos)
        << f["message"];
  }
  EXPECT_TRUE(legacy) << "no ECD0101 finding for LEGACY01";
  // EX02 is captured by the same relay in the simulation, but the log never saw it there: not confirmed.
  for (const auto& f : of_rule(findings, "ECD0101"))
    if (f["evidence"]["sender"] == "EX02") EXPECT_EQ(f["evidence"]["protocolLog"]["confirmed"], false);
}

TEST(LogFindings, WithoutALogNothingIsConfirmedAndNoLogRuleFires) {
  const json findings = findings_of(contoso_request(false));
  for (const auto& f : findings) {
    EXPECT_FALSE(f["evidence"].contains("protocolLog")) << f["message"];
    EXPECT_NE(f["ruleId"].get<std::string>().substr(0, 5), "ECD12") << f["message"];
  }
}

TEST(LogFindings, ALogThatContradictsTheSimulationIsAStaleExportWarningWithBothConnectors) {
  const auto stale = of_rule(findings_of(contoso_request(true)), "ECD1201");
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0]["severity"], "Warning");
  EXPECT_EQ(stale[0]["evidence"]["remoteAddress"], "10.0.0.50");
  EXPECT_EQ(stale[0]["evidence"]["loggedConnector"], "EX01\\Relay EX01");
  EXPECT_EQ(stale[0]["evidence"]["simulatedConnector"], "EX01\\Default Frontend EX01");
}

TEST(LogFindings, SafeNarrowingKeepsEveryLoggedSenderAndDropsTheExchangeAddresses) {
  const json findings = findings_of(contoso_request(true));
  const auto narrowing = of_rule(findings, "ECD1202");
  ASSERT_EQ(narrowing.size(), 1u);
  const json& e = narrowing[0]["evidence"];
  EXPECT_EQ(e["keep"], json({"10.0.0.21", "10.0.0.50"}));  // every non-Exchange sender seen, LEGACY01's 10.0.0.5 not
  EXPECT_EQ(e["exchangeServersSeen"], json({"LEGACY01 (10.0.0.5)"}));
  EXPECT_EQ(e["period"]["from"], "2026-01-10T08:10:00.000Z");
  EXPECT_EQ(e["narrowingCommand"],
            "Set-ReceiveConnector -Identity 'EX01\\Relay EX01' -RemoteIPRanges '10.0.0.21','10.0.0.50'");
  const std::string remediation = narrowing[0]["remediation"];
  EXPECT_NE(remediation.find("silent in that period"), std::string::npos);
  // Offered as words and data, never as the connector's command: every command of the analysis stays safe to run.
  for (const auto& f : findings)
    EXPECT_EQ(f["remediationCommand"].get<std::string>().find("'10.0.0.21'"), std::string::npos) << f["ruleId"];
}

TEST(LogFindings, GoldenFindingsOfTheContosoLog) {
  const std::string actual = findings_of(contoso_request(true)).dump(2) + "\n";
  const fs::path golden = kRoot / "tests" / "golden" / "logs" / "contoso-findings.json";
  const char* update = std::getenv("ECD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing (run with ECD_UPDATE_GOLDEN=1, then review it)";
  EXPECT_EQ(read_text(golden), actual) << golden << " differs (ECD_UPDATE_GOLDEN=1 rewrites it; review the diff)";
}

TEST(LogFindings, ABadProtocolLogIsAnInputIssueAndTheRestIsAnalysed) {
  json request = contoso_request(false);
  request["protocolLog"] = {{"receive", {{{"sessions", "many"}}}}};
  const json findings = findings_of(request);
  bool issue = false, capture = false;
  for (const auto& f : findings) {
    if (f["ruleId"] == "ECD0001" &&
        f["message"].get<std::string>().find("/protocolLog/receive/0/sessions") != std::string::npos)
      issue = true;
    if (f["ruleId"] == "ECD0101") capture = true;
  }
  EXPECT_TRUE(issue);
  EXPECT_TRUE(capture);
}

}  // namespace

}  // namespace log_findings_test
