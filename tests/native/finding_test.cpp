// Tests for finding/finding.h: the stable id of a finding (assign_ids) and the order an administrator reads
// (sort_findings), on findings made by hand, so that each property is checked apart from any rule.
#include "finding/finding.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace finding_test {

namespace {

ecd::Finding make(std::string rule, ecd::Severity severity, std::string server, std::string connector,
                  std::string sender = {}, std::optional<std::uint16_t> port = {}) {
  ecd::Finding f;
  f.rule_id = std::move(rule);
  f.severity = severity;
  f.server = std::move(server);
  f.connector = std::move(connector);
  f.sender = std::move(sender);
  f.port = port;
  f.message = "a message";
  return f;
}

TEST(FindingId, IsTheRuleIdAndEightHexDigits) {
  std::vector<ecd::Finding> list{make("ECD0101", ecd::Severity::Error, "EX01", "EX01\\Relay", "EDGE01", 25)};
  ecd::assign_ids(list);
  EXPECT_TRUE(std::regex_match(list[0].id, std::regex("ECD0101-[0-9a-f]{8}"))) << list[0].id;
}

TEST(FindingId, DependsOnWhatIdentifiesTheFindingNotOnItsWordsOrCase) {
  std::vector<ecd::Finding> a{make("ECD0101", ecd::Severity::Error, "EX01", "EX01\\Relay", "EDGE01", 25)};
  std::vector<ecd::Finding> b{make("ECD0101", ecd::Severity::Warning, "ex01", "ex01\\relay", "edge01", 25)};
  b[0].message = "reworded";
  b[0].remediation = "reworded too";
  ecd::assign_ids(a);
  ecd::assign_ids(b);
  EXPECT_EQ(a[0].id, b[0].id);
  std::vector<ecd::Finding> other_port{make("ECD0101", ecd::Severity::Error, "EX01", "EX01\\Relay", "EDGE01", 2525)};
  std::vector<ecd::Finding> other_sender{make("ECD0101", ecd::Severity::Error, "EX01", "EX01\\Relay", "EX02", 25)};
  ecd::assign_ids(other_port);
  ecd::assign_ids(other_sender);
  EXPECT_NE(a[0].id, other_port[0].id);
  EXPECT_NE(a[0].id, other_sender[0].id);
}

TEST(FindingId, FindingsEqualInEveryIdentifyingFieldAreToldApartByTheirEvidenceAndStayStable) {
  auto one = make("ECD0001", ecd::Severity::Warning, "EX01", "EX01\\Relay");
  one.evidence["pointer"] = "/connectors/1/RemoteIPRanges/0";
  auto two = one;
  two.evidence["pointer"] = "/connectors/1/RemoteIPRanges/1";
  std::vector<ecd::Finding> list{one, two};
  ecd::assign_ids(list);
  EXPECT_NE(list[0].id, list[1].id);
  std::vector<ecd::Finding> reversed{two, one};
  ecd::assign_ids(reversed);
  EXPECT_EQ(reversed[0].id, list[1].id);
  EXPECT_EQ(reversed[1].id, list[0].id);
}

TEST(FindingOrder, ErrorsFirstThenWarningsThenInformationThenServerAndConnector) {
  std::vector<ecd::Finding> list{make("ECD0003", ecd::Severity::Information, "A", ""),
                                 make("ECD0101", ecd::Severity::Warning, "EX02", "EX02\\b"),
                                 make("ECD0101", ecd::Severity::Error, "ex02", "EX02\\a"),
                                 make("ECD0102", ecd::Severity::Warning, "EX01", "EX01\\z"),
                                 make("ECD0102", ecd::Severity::Error, "EX01", "EX01\\Default EX01")};
  ecd::sort_findings(list);
  std::vector<std::string> order;
  for (const auto& f : list) order.push_back(std::string(ecd::severity_name(f.severity)) + " " + f.connector);
  EXPECT_EQ(order, (std::vector<std::string>{"Error EX01\\Default EX01", "Error EX02\\a", "Warning EX01\\z",
                                             "Warning EX02\\b", "Information "}));
}

}  // namespace

}  // namespace finding_test
