// Tests for diagnose/ at its own level: the queue pass over typed findings (which finding explains which failing
// queue, and what a queue confirms), the queues no finding explains (ECD1101), the input issues as findings
// (ECD0001), and the focus on the queues' targets. Findings are built here by hand, not by the rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diagnose/input_issues.h"
#include "diagnose/queue.h"
#include "parse/request.h"
#include "rules/rule.h"

namespace diagnose_test {

namespace {

using json = nlohmann::json;

const char* const kAuthError =
    "451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication";

// EX01 and EX02 (2016) and LEGACY01 (2010), EX01's connectors given; one failing queue on LEGACY01 to EX01.
ecd::Organisation organisation(const std::string& queue_identity = "LEGACY01\\5",
                               const std::string& error = kAuthError) {
  json connectors = json::array({json{{"Identity", "EX01\\Default Frontend EX01"},
                                      {"Name", "Default Frontend EX01"},
                                      {"Server", "EX01"},
                                      {"TransportRole", "FrontendTransport"},
                                      {"Bindings", {"0.0.0.0:25"}},
                                      {"RemoteIPRanges", {"0.0.0.0-255.255.255.255"}},
                                      {"AuthMechanism", "Tls, ExchangeServer"},
                                      {"PermissionGroups", "AnonymousUsers, ExchangeServers"}}});
  json request{
      {"connectors", connectors},
      {"servers", {"EX01=10.0.0.11", "EX02=10.0.0.12", "LEGACY01=10.0.0.5"}},
      {"queues", {json{{"identity", queue_identity}, {"nextHopDomain", "ex01.contoso.com"}, {"lastError", error}}}}};
  auto parsed = ecd::parse_request(request.dump());
  EXPECT_TRUE(parsed.request);
  ecd::Organisation org = std::move(parsed.request->organisation);
  ecd::diagnose_queues(org);
  return org;
}

const ecd::RuleInfo& info(std::string_view id) {
  static const auto catalogue = ecd::rule_catalogue();
  return *std::find_if(catalogue.begin(), catalogue.end(), [&](const ecd::RuleInfo& r) { return r.id == id; });
}

// A capture of `sender` on EX01's port 25, as ECD0101 writes it.
ecd::Finding capture(const std::string& sender, ecd::Delivery delivery, ecd::Severity severity) {
  ecd::Finding f = ecd::finding_of(info("ECD0101"));
  f.server = "EX01";
  f.connector = "EX01\\Relay EX01";
  f.severity = severity;
  f.sender = sender;
  f.port = 25;
  f.delivery = delivery;
  f.message = "Captured.";
  return f;
}

TEST(DiagnoseQueues, TiesTheNextHopToItsServerAndTheErrorToItsCauseRows) {
  const auto org = organisation();
  ASSERT_EQ(org.queues.size(), 1u);
  const auto& q = org.queues[0];
  EXPECT_TRUE(q.failing);
  EXPECT_EQ(q.target, "EX01");      // ex01.contoso.com: the first label names the server
  EXPECT_EQ(q.server, "LEGACY01");  // the identity's prefix
  EXPECT_EQ(q.reply, "451 5.7.3 Cannot achieve Exchange Server authentication");
  EXPECT_NE(std::find(q.rows.begin(), q.rows.end(), 2), q.rows.end());
}

TEST(ExplainQueues, AnUncertainCaptureThatTheQueueConfirmsBecomesAnError) {
  const auto org = organisation();
  std::vector<ecd::Finding> findings{capture("LEGACY01", ecd::Delivery::Undocumented, ecd::Severity::Warning)};
  ecd::explain_queues(findings, org);
  EXPECT_EQ(findings[0].explains_queues, std::vector<std::string>{"LEGACY01\\5"});
  EXPECT_EQ(findings[0].severity, ecd::Severity::Error);
  EXPECT_NE(findings[0].message.find("Queue LEGACY01\\5 fails with this error, which confirms it."), std::string::npos);
}

TEST(ExplainQueues, ACertainCaptureExplainsTheQueueAndKeepsItsWords) {
  const auto org = organisation();
  std::vector<ecd::Finding> findings{capture("LEGACY01", ecd::Delivery::Delivers, ecd::Severity::Error)};
  ecd::explain_queues(findings, org);
  EXPECT_EQ(findings[0].explains_queues.size(), 1u);
  EXPECT_EQ(findings[0].message, "Captured.");
}

TEST(ExplainQueues, AFindingAboutAnotherSenderDoesNotExplainTheQueue) {
  const auto org = organisation();
  std::vector<ecd::Finding> findings{capture("EX02", ecd::Delivery::Delivers, ecd::Severity::Error)};
  ecd::explain_queues(findings, org);
  EXPECT_TRUE(findings[0].explains_queues.empty());
}

TEST(ExplainQueues, ACaptureOnAPortTheSenderDoesNotUseExplainsNothing) {
  const auto org = organisation();
  std::vector<ecd::Finding> findings{capture("LEGACY01", ecd::Delivery::DoesNotDeliver, ecd::Severity::Warning)};
  ecd::explain_queues(findings, org);
  EXPECT_TRUE(findings[0].explains_queues.empty());
  EXPECT_EQ(findings[0].severity, ecd::Severity::Warning);
}

TEST(ExplainQueues, InformationAndRulesOfOtherCausesExplainNothing) {
  const auto org = organisation();
  ecd::Finding note = capture("LEGACY01", ecd::Delivery::Delivers, ecd::Severity::Information);
  ecd::Finding throttling = ecd::finding_of(info("ECD0901"));  // row 14: another reply
  throttling.server = "EX01";
  throttling.severity = ecd::Severity::Warning;
  std::vector<ecd::Finding> findings{note, throttling};
  ecd::explain_queues(findings, org);
  EXPECT_TRUE(findings[0].explains_queues.empty());
  EXPECT_TRUE(findings[1].explains_queues.empty());
}

TEST(ExplainQueues, AFindingOnAnotherServerExplainsNothing) {
  const auto org = organisation();
  ecd::Finding f = capture("LEGACY01", ecd::Delivery::Delivers, ecd::Severity::Error);
  f.server = "EX02";
  std::vector<ecd::Finding> findings{f};
  ecd::explain_queues(findings, org);
  EXPECT_TRUE(findings[0].explains_queues.empty());
}

TEST(UnexplainedQueues, AQueueNoFindingExplainsGetsOneInformationFinding) {
  const auto org = organisation();
  std::vector<ecd::Finding> findings;
  ecd::add_unexplained_queue_findings(org, ecd::rule_catalogue(), findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "ECD1101");
  EXPECT_EQ(findings[0].severity, ecd::Severity::Information);
  EXPECT_EQ(findings[0].server, "EX01");
  EXPECT_EQ(findings[0].evidence["queue"], "LEGACY01\\5");
  EXPECT_NE(findings[0].message.find("for LEGACY01 as the sender"), std::string::npos);
}

TEST(UnexplainedQueues, AnExplainedQueueGetsNone) {
  const auto org = organisation();
  std::vector<ecd::Finding> findings{capture("LEGACY01", ecd::Delivery::Delivers, ecd::Severity::Error)};
  ecd::explain_queues(findings, org);
  ecd::add_unexplained_queue_findings(org, ecd::rule_catalogue(), findings);
  EXPECT_EQ(findings.size(), 1u);
}

TEST(UnexplainedQueues, AQueueThatIsNotFailingIsNotReported) {
  const auto org = organisation("LEGACY01\\5", "");
  std::vector<ecd::Finding> findings;
  ecd::add_unexplained_queue_findings(org, ecd::rule_catalogue(), findings);
  EXPECT_TRUE(findings.empty());
}

TEST(FocusOnQueueTargets, KeepsTheTargetsFindingsBadInputAndQueueFindings) {
  const auto org = organisation();
  ecd::Finding other = capture("LEGACY01", ecd::Delivery::Delivers, ecd::Severity::Error);
  other.server = "EX02";
  ecd::Finding input = ecd::finding_of(ecd::invalid_input_rule());
  input.server = "EX02";
  ecd::Finding queue = ecd::finding_of(ecd::queue_unexplained_rule());
  queue.server = "EX02";
  std::vector<ecd::Finding> findings{capture("LEGACY01", ecd::Delivery::Delivers, ecd::Severity::Error), other, input,
                                     queue};
  ecd::focus_on_queue_targets(findings, org);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].server, "EX01");
  EXPECT_EQ(findings[1].rule_id, "ECD0001");
  EXPECT_EQ(findings[2].rule_id, "ECD1101");
}

TEST(InputIssueFindings, OneWarningPerIssueSayingWhereAndWhat) {
  ecd::Organisation org;
  ecd::Connector c;
  c.index = 0;
  c.server = "EX01";
  c.identity = "EX01\\Relay EX01";
  org.issues.push_back(ecd::InputIssue::at("export.xml", "/0/RemoteIPRanges/1")
                           .about("RemoteIPRanges", "10.0.0.300", "300 is above 255; the range is left out")
                           .in(c));
  org.issues.push_back(ecd::InputIssue::at("request", "/connectors").about("", "", "no receive connectors were given"));
  std::vector<ecd::Finding> findings;
  ecd::add_input_issue_findings(org, findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule_id, "ECD0001");
  EXPECT_EQ(findings[0].severity, ecd::Severity::Warning);
  EXPECT_EQ(findings[0].server, "EX01");
  EXPECT_EQ(findings[0].message,
            "export.xml: connector 'EX01\\Relay EX01', RemoteIPRanges: 300 is above 255; the range is left out");
  EXPECT_EQ(findings[0].evidence["pointer"], "/0/RemoteIPRanges/1");
  EXPECT_EQ(findings[1].message, "input: no receive connectors were given");  // the request names no source
}

}  // namespace

}  // namespace diagnose_test
