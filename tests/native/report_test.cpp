// Tests for report/ at its own level: the geometry of a port map's picture (a pure function), the HTML page
// from typed findings, and findings read back from the JSON the response writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/html_report.h"
#include "report/map_layout.h"
#include "report/response.h"
#include "rules/rule.h"

namespace report_test {

namespace {

ecd::IpAddress ip(const char* text) {
  return *ecd::parse_ip_address(text).value;
}

// IPv4 port 25 of EX01: everything to Default Frontend except 10.0.0.1-10.0.0.30 (a relay), with `markers`
// Exchange addresses inside the relay's stretch (10.0.0.2, 10.0.0.3, ...: neighbours, the hard case for labels).
ecd::PortMap relay_map(std::size_t markers) {
  ecd::PortMap m;
  m.server = "EX01";
  m.port = 25;
  m.local = ip("0.0.0.0");
  m.segments = {{ip("0.0.0.0"), ip("10.0.0.0"), nullptr, std::nullopt, false},
                {ip("10.0.0.1"), ip("10.0.0.30"), nullptr, std::nullopt, true},
                {ip("10.0.0.31"), ip("10.0.0.31"), nullptr, std::nullopt, false},
                {ip("10.0.0.32"), ip("255.255.255.255"), nullptr, std::nullopt, false}};
  for (std::size_t i = 0; i < markers; ++i)
    m.markers.push_back({"EX" + std::to_string(i), ecd::ipv4(0x0A000002u + static_cast<std::uint32_t>(i)), 1, true});
  return m;
}

TEST(MapLayout, SegmentsTileTheWholeWidthInOrderAndASingleAddressStaysVisible) {
  const auto layout = ecd::layout_map(relay_map(3));
  ASSERT_EQ(layout.segments.size(), 4u);
  double at = 0;
  for (const auto& s : layout.segments) {
    EXPECT_DOUBLE_EQ(s.x, at);
    EXPECT_GT(s.w, 0.0);
    at += s.w;
  }
  EXPECT_NEAR(at, ecd::MapLayout::kWidth, 1e-9);
  // The single address 10.0.0.31 weighs 1 against 1 + 32 for the whole space: about 1/70 of the bar.
  EXPECT_GT(layout.segments[2].w, 10.0);
  EXPECT_LT(layout.segments[2].w, layout.segments[1].w);
}

TEST(MapLayout, MarkersPointInsideTheirSegmentAndLabelsStayOnThePicture) {
  const auto m = relay_map(12);
  const auto layout = ecd::layout_map(m);
  ASSERT_EQ(layout.markers.size(), 12u);
  for (std::size_t i = 0; i < layout.markers.size(); ++i) {
    const auto& p = layout.markers[i];
    const auto& s = layout.segments[m.markers[i].segment];
    EXPECT_GT(p.x, s.x);
    EXPECT_LT(p.x, s.x + s.w);
    EXPECT_GE(p.label_x, 0.0) << p.label;
    EXPECT_LE(p.label_x + p.label_w, ecd::MapLayout::kWidth) << p.label;
    EXPECT_EQ(p.label, "EX" + std::to_string(i) + " " + ecd::format_ip_address(m.markers[i].address));
  }
}

TEST(MapLayout, LabelsOfOneRowNeverOverlapAndRowsStayBelowTheLimit) {
  for (std::size_t n : {1u, 2u, 5u, 12u, 40u}) {
    const auto layout = ecd::layout_map(relay_map(n));
    EXPECT_LE(layout.rows, ecd::MapLayout::kMaxRows);
    if (layout.rows == ecd::MapLayout::kMaxRows) continue;  // full: labels share the emptiest row on purpose
    for (const auto& a : layout.markers)
      for (const auto& b : layout.markers) {
        if (&a == &b || a.row != b.row) continue;
        EXPECT_TRUE(a.label_x + a.label_w <= b.label_x || b.label_x + b.label_w <= a.label_x)
            << n << " markers: '" << a.label << "' and '" << b.label << "' overlap in row " << a.row;
      }
  }
}

TEST(MapLayout, AMarkersLineCrossesNoLabelInTheRowsBelowIt) {
  const auto layout = ecd::layout_map(relay_map(5));
  ASSERT_LT(layout.rows, ecd::MapLayout::kMaxRows);
  for (const auto& p : layout.markers)
    for (const auto& q : layout.markers)
      if (q.row < p.row) EXPECT_FALSE(p.x >= q.label_x && p.x <= q.label_x + q.label_w) << p.label << " / " << q.label;
}

TEST(MapLayout, TheBarSitsBelowTheLabelRowsAndTheHeightHoldsEverything) {
  const auto none = ecd::layout_map(relay_map(0));
  EXPECT_EQ(none.rows, 0u);
  EXPECT_DOUBLE_EQ(none.top, 8.0);
  const auto some = ecd::layout_map(relay_map(5));
  EXPECT_DOUBLE_EQ(some.top, 8 + ecd::MapLayout::kRowHeight * static_cast<double>(some.rows) + 8);
  EXPECT_DOUBLE_EQ(some.height, some.top + ecd::MapLayout::kBarHeight + 22);
  for (const auto& p : some.markers) EXPECT_LT(p.label_y, some.top);
}

// ---- the page --------------------------------------------------------------------------------------------------

ecd::Finding finding(const char* id, ecd::Severity severity, const std::string& server, const std::string& message) {
  const auto catalogue = ecd::rule_catalogue();
  auto info = std::find_if(catalogue.begin(), catalogue.end(), [&](const ecd::RuleInfo& r) { return r.id == id; });
  ecd::Finding f = ecd::finding_of(*info);
  f.severity = severity;
  f.server = server;
  f.message = message;
  return f;
}

std::string page(const std::vector<ecd::Finding>& findings) {
  ecd::Organisation org;
  return ecd::html_report(org, {}, findings, ecd::ReportOptions{"T", "", "0.0.0"});
}

TEST(HtmlReport, ShowsErrorsFirstAndCountsEachSeverity) {
  const std::string html = page({finding("ECD0802", ecd::Severity::Information, "EX01", "note"),
                                 finding("ECD0102", ecd::Severity::Warning, "EX01", "warn"),
                                 finding("ECD0101", ecd::Severity::Error, "EX01", "error")});
  const auto error = html.find("data-rule-id=\"ECD0101\""), warning = html.find("data-rule-id=\"ECD0102\""),
             note = html.find("data-rule-id=\"ECD0802\"");
  ASSERT_NE(error, std::string::npos);
  EXPECT_LT(error, warning);
  EXPECT_LT(warning, note);
  for (const char* severity : {"Error", "Warning", "Information"})
    EXPECT_NE(html.find(std::string("data-severity=\"") + severity + "\" data-count=\"1\""), std::string::npos);
  EXPECT_NE(html.find("<strong>1 error to fix.</strong>"), std::string::npos);
}

TEST(HtmlReport, AFindingThatSaysACheckCouldNotRunIsNeverAHealthyVerdict) {
  const std::string html = page({finding("ECD0002", ecd::Severity::Warning, "EX03", "no addresses")});
  EXPECT_NE(html.find("Not every check could run."), std::string::npos);
  EXPECT_NE(html.find("skipped for EX03"), std::string::npos);
  EXPECT_EQ(html.find("No errors and no warnings"), std::string::npos);
  EXPECT_NE(page({}).find("No errors and no warnings"), std::string::npos);
}

TEST(HtmlReport, EveryOtherCheckThatCouldNotRunIsSaidInItsOwnWordsNotAsASkippedCaptureCheck) {
  ecd::Finding certificate =
      finding("ECD1003", ecd::Severity::Information, "", "The internal transport certificate was not checked.");
  certificate.says_unchecked = true;
  ecd::Finding logging = finding("ECD1203", ecd::Severity::Warning, "EX01", "logging off");
  logging.connector = "EX01\\Relay EX01";
  logging.summary = "Protocol logging is off";
  const std::string html = page({certificate, logging});
  EXPECT_NE(html.find("<p class=\"verdict skipped\"><strong>Not checked.</strong></p><ul class=\"not-checked\">"
                      "<li>EX01\\Relay EX01: Protocol logging is off</li>"
                      "<li>The internal transport certificate was not checked.</li></ul>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("capture check (ECD0101) was skipped"), std::string::npos);
  // A healthy organisation whose certificate was not checked is not said to be healthy without the note.
  const std::string healthy = page({certificate});
  EXPECT_NE(healthy.find("No errors and no warnings."), std::string::npos);
  EXPECT_NE(healthy.find("<strong>Not checked.</strong> The internal transport certificate was not checked."),
            std::string::npos);
}

TEST(HtmlReport, EscapesEveryTextOfAFindingAndShowsTheQueuesItExplains) {
  ecd::Finding f = finding("ECD0101", ecd::Severity::Error, "EX01<b>", "<script>alert(1)</script> & 'x'");
  f.explains_queues = {"LEGACY01\\5"};
  f.evidence["sender"] = "\"LEGACY01\"";
  f.remediation_command = "Set-ReceiveConnector -Identity 'EX01\\Relay <EX01>'";
  const std::string html = page({f});
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;"), std::string::npos);
  EXPECT_NE(html.find("data-server=\"EX01&lt;b&gt;\""), std::string::npos);
  EXPECT_NE(html.find("data-explains-queues=\"LEGACY01\\5\""), std::string::npos);
  EXPECT_NE(html.find("<dd>&quot;LEGACY01&quot;</dd>"), std::string::npos);
  EXPECT_NE(html.find("Relay &lt;EX01&gt;"), std::string::npos);
}

TEST(HtmlReport, EvidenceIsLabelledInWordsNotByTheResponseKeys) {
  ecd::Finding f = finding("ECD0901", ecd::Severity::Information, "EX01", "limits");
  f.evidence["exchangeSenders"] = nlohmann::json::array({"EX02 (10.0.0.12)"});
  f.evidence["remoteIPRanges"] = "10.0.0.1-10.0.0.30";
  f.evidence["anonymousRelay"] = true;
  f.evidence["protocolLog"] = {{"lastSeen", "2026-01-10T08:00:00Z"}};
  const std::string html = page({f});
  EXPECT_NE(html.find("<dt>Exchange senders</dt><dd>EX02 (10.0.0.12)</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Remote IP ranges</dt>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Anonymous relay</dt><dd>yes</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd>Last seen: 2026-01-10T08:00:00Z</dd>"), std::string::npos);
  EXPECT_EQ(html.find("exchangeSenders"), std::string::npos);
  EXPECT_EQ(html.find("remoteIPRanges"), std::string::npos);
}

TEST(HtmlReport, FindingsThatShareOneCommandAreGroupedUnderItAndTheCommandIsShownOnce) {
  const std::string shared = "Set-ReceiveConnector -Identity 'EX01\\Relay EX01' -RemoteIPRanges 10.0.0.1-10.0.0.4";
  ecd::Finding a = finding("ECD0101", ecd::Severity::Error, "EX01", "LEGACY01 captured");
  ecd::Finding b = finding("ECD0101", ecd::Severity::Warning, "EX01", "EX02 captured");
  ecd::Finding c = finding("ECD0203", ecd::Severity::Warning, "EX02", "binding moved");
  a.connector = b.connector = "EX01\\Relay EX01";
  a.remediation_command = b.remediation_command = shared;
  c.remediation_command = "Set-ReceiveConnector -Identity 'EX02\\Default EX02' -Bindings 0.0.0.0:2525";
  const std::string html = page({a, c, b});
  const auto escaped = ecd::html_escape(shared);
  const auto first = html.find(escaped);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(html.find(escaped, first + 1), std::string::npos);  // once, for both findings
  const auto group = html.find("<section class=\"fix-group\"><h3>One command fixes these 2 findings");
  ASSERT_NE(group, std::string::npos);
  const auto end = html.find("</section>", group);
  EXPECT_NE(html.find("LEGACY01 captured", group), std::string::npos);
  EXPECT_LT(html.find("LEGACY01 captured", group), end);
  EXPECT_LT(html.find("EX02 captured", group), end);
  EXPECT_NE(html.find(ecd::html_escape(c.remediation_command)), std::string::npos);  // its own command, alone
  EXPECT_GT(html.find("binding moved"), end);
}

TEST(HtmlReport, TheStylesheetAndScriptAreEmbeddedAndNothingIsLoadedFromOutside) {
  const std::string html = page({});
  EXPECT_NE(html.find("<style>:root{"), std::string::npos);  // report/assets/report.css
  EXPECT_NE(html.find("button.copy"), std::string::npos);    // report/assets/report.js
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
}

// ---- findings back from JSON -----------------------------------------------------------------------------------

TEST(FindingsFromJson, WhatTheResponseWritesReadsBackTheSame) {
  ecd::Finding f = finding("ECD0101", ecd::Severity::Error, "EX01", "captured");
  f.connector = "EX01\\Relay EX01";
  f.evidence["sender"] = "LEGACY01";
  f.explains_queues = {"LEGACY01\\5", "LEGACY01\\6"};
  f.remediation = "Take the address out.";
  f.remediation_command = "Set-ReceiveConnector -Identity 'EX01\\Relay EX01' -RemoteIPRanges '10.0.0.1-10.0.0.4'";
  f.fix = ecd::Fix{
      "Set-ReceiveConnector",
      {{"Identity", "EX01\\Relay EX01"}, {"RemoteIPRanges", nlohmann::ordered_json::array({"10.0.0.1-10.0.0.4"})}}};
  const auto json = ecd::findings_json({f});
  const auto back = ecd::findings_from_json(json);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(ecd::findings_json(back), json);
  EXPECT_EQ(back[0].explains_queues, f.explains_queues);
  EXPECT_FALSE(back[0].evidence.contains("explainsQueues"));  // typed, not evidence
  EXPECT_EQ(back[0].rows, f.rows);                            // from the rule catalogue
}

TEST(FindingsFromJson, SkipsWhatIsNoFindingAndReadsAnUnknownSeverityAsInformation) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array(
      {42, "text", nlohmann::ordered_json{{"ruleId", "ECD9999"}, {"severity", "Fatal"}, {"message", 7}}});
  const auto back = ecd::findings_from_json(json);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].severity, ecd::Severity::Information);
  EXPECT_EQ(back[0].message, "7");
  EXPECT_TRUE(back[0].rows.empty());
  EXPECT_TRUE(ecd::findings_from_json(nlohmann::ordered_json::object()).empty());
}

}  // namespace

}  // namespace report_test
