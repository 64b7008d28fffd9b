// Tests for the logs layer (logs/reader.h, logs/summary.h): the real lines of DOMAIN-SUPPLEMENT.md §A.6/§A.7
// (tests/fixtures/logs/real, golden summary in tests/golden/logs), each quirk of the format, the merge's
// associativity, the JSON round trip, and the files read from folders on several threads.
// Set ECD_UPDATE_GOLDEN=1 to rewrite the golden summary from the reader's output; review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "logs/reader.h"
#include "logs/summary.h"
#include "test_files.h"

namespace logs_test {

namespace {

namespace fs = std::filesystem;
using namespace ecd;

using ecd_test::kRoot;
using ecd_test::read_text;
const fs::path kReal = kRoot / "tests" / "fixtures" / "logs" / "real";

const std::string kHeader =
    "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Receive Protocol Log\r\n"
    "#Date: 2024-05-01T00:00:00.000Z\r\n"
    "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";
const std::string kSendHeader =
    "#Software: Microsoft Exchange Server\n#Version: 15.0.0.0\n#Log-type: SMTP Send Protocol Log\n"
    "#Date: 2024-05-01T00:00:00.000Z\n"
    "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n";

LogSummary read(const std::string& text, const std::string& name = "RECV20240501-1.LOG", LogReadOptions options = {}) {
  LogSummary s;
  read_log_text(text, name, options, s);
  return s;
}

const ReceiveUsage& usage(const LogSummary& s, const std::string& server, const std::string& connector,
                          const std::string& remote) {
  const auto it = s.receive.find(ReceiveKey{server, connector, remote});
  if (it == s.receive.end()) throw std::runtime_error("no usage for " + server + "\\" + connector + " " + remote);
  return it->second;
}

std::string dump(const LogSummary& s) {
  return summary_json(s).dump();
}

/// A line of a receive log of connector EX01\Relay EX01 (fields given from session-id on).
std::string line(const std::string& at, const std::string& rest) {
  return "2024-05-01T" + at + "Z,EX01\\Relay EX01," + rest + "\r\n";
}

// ---- the real lines ----

TEST(LogsReal, Exchange2016DefaultFrontendSessionIsReadWithItsQuotedCommasAndCapabilities) {
  const LogSummary s = read(read_text(kReal / "RECV2023011116-1.LOG"), "RECV2023011116-1.LOG");
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_EQ(s.lines, 7u);
  ASSERT_EQ(s.receive.size(), 1u);
  const auto& u = usage(s, "SERVER-HOSTNAME", "Default Frontend SERVER-HOSTNAME", "95.10.20.33");
  EXPECT_EQ(u.sessions, 1u);
  EXPECT_EQ(u.first_seen, "2023-01-11T15:59:51.433Z");
  EXPECT_EQ(u.last_seen, "2023-01-11T16:00:10.644Z");
  EXPECT_EQ(u.ehlo.at("[95.10.20.33]"), 1u);
  EXPECT_EQ(u.tls_sessions, 1u);
  EXPECT_EQ(u.offered_x_exps, 1u);
  EXPECT_EQ(u.offered_anonymous_tls, 1u);
  EXPECT_EQ(u.authentication.at("Anonymous"), 1u);  // AUTH LOGIN failed
  EXPECT_EQ(u.local.at("10.10.10.10:25"), 1u);
  EXPECT_NE(u.ehlo_reply.text.find("X-EXPS GSSAPI NTLM"), std::string::npos);
}

TEST(LogsReal, Exchange2010AnonymousPermissionSetAndTrailingSpaceConnectorAreKept) {
  LogSummary s = read(read_text(kReal / "RECV20190125-1.LOG"), "RECV20190125-1.LOG");
  const auto& u = usage(s, "TAIL-EXCH-1", "Internet Mail", "185.234.217.220");
  EXPECT_EQ(u.sessions, 1u);
  EXPECT_EQ(u.permissions.at("SMTPSubmit SMTPAcceptAnySender SMTPAcceptAuthoritativeDomainSender AcceptRoutingHeaders"),
            1u);
  EXPECT_EQ(u.peak_concurrent, 1u);

  const LogSummary t = read(read_text(kReal / "RECV20161214-1.LOG"), "RECV20161214-1.LOG");
  const auto& d = usage(t, "EX", "Default ", "91.112.61.94");  // "EX\Default " keeps its trailing space
  EXPECT_EQ(d.sessions, 1u);
  EXPECT_EQ(d.ehlo.at("ylmf-pc"), 1u);
  EXPECT_EQ(d.refused.at("504 5.7.4"), 1u);
  EXPECT_EQ(t.malformed, 0u);
  ASSERT_EQ(t.issues.size(), 1u);  // no #Fields: the documented order was assumed, and said
  EXPECT_NE(t.issues[0].message.find("no #Fields"), std::string::npos);
}

TEST(LogsReal, SendLogsAreKeyedByConnectorAndTarget) {
  const LogSummary a = read(read_text(kReal / "SEND20171212-1.LOG"), "SEND20171212-1.LOG");
  EXPECT_TRUE(a.receive.empty());
  ASSERT_EQ(a.send.count(SendKey{"<InboundProxy>", "172.17.99.125"}), 1u);
  const LogSummary b = read(read_text(kReal / "SEND20190321-1.LOG"), "SEND20190321-1.LOG");
  EXPECT_EQ(b.malformed, 0u);
  EXPECT_EQ(b.send.at(SendKey{"Outbound to Office 365", "x.x.x.x"}).sessions, 1u);
  EXPECT_EQ(b.send.at(SendKey{"Outbound to Office 365", "216.32.181.234"}).sessions, 1u);  // quoted commas
}

TEST(LogsReal, GoldenSummaryOfTheRealFixtures) {
  LogReadOptions options;
  options.threads = 2;
  LogReadResult r = read_log_paths({(kReal).string()}, options);
  // The golden holds file names relative to the fixtures folder, whatever the checkout's path.
  for (auto& i : r.summary.issues) i.file = fs::path(i.file).filename().string();
  const std::string actual = summary_json(r.summary).dump(2) + "\n";
  const fs::path golden = kRoot / "tests" / "golden" / "logs" / "real-summary.json";
  const char* update = std::getenv("ECD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing (run with ECD_UPDATE_GOLDEN=1, then review it)";
  EXPECT_EQ(read_text(golden), actual) << golden << " differs (ECD_UPDATE_GOLDEN=1 rewrites it; review the diff)";
}

// ---- quirks ----

TEST(LogsQuirks, HeaderVariantsAreReadFromTheirNamesNotCounted) {
  // The documented #Log-Type spelling, no #Version, a BOM, extra spaces after #Fields:, LF line ends.
  const std::string text =
      "\xEF\xBB\xBF#Software: Microsoft Exchange Server\n#Log-Type: SMTP Send Protocol Log\n"
      "#Fields:   date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n"
      "2024-05-01T10:00:00.000Z,To Internet,08D6A8D416004F77,0,10.0.0.1:5000,192.0.2.7:25,+,,\n";
  const LogSummary s = read(text, "x.log");  // no SEND in the name: the header says Send
  EXPECT_EQ(s.send.size(), 1u);
  EXPECT_TRUE(s.receive.empty());
  EXPECT_EQ(s.malformed, 0u);
}

TEST(LogsQuirks, QuotedFieldsWithCommasAndEscapedQuotesAreOneField) {
  const std::string text = kHeader + line("10:00:00.000", "A1,0,10.0.0.1:25,10.1.1.1:5000,+,,") +
                           line("10:00:00.100", "A1,1,10.0.0.1:25,10.1.1.1:5000,<,\"EHLO a,b\",") +
                           line("10:00:00.200", "A1,2,10.0.0.1:25,10.1.1.1:5000,*,\"say \"\"hi\"\", ok\",\"x,y\"") +
                           line("10:00:00.300", "A1,3,10.0.0.1:25,10.1.1.1:5000,-,,Local");
  const LogSummary s = read(text);
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "10.1.1.1").ehlo.at("a,b"), 1u);
}

TEST(LogsQuirks, Ipv6EndpointsAreCanonicalAddresses) {
  const std::string text = kHeader + line("10:00:00.000", "B1,0,[2001:db8::1]:25,[2001:DB8:0:0::7]:6000,+,,") +
                           line("10:00:01.000", "B1,1,[2001:db8::1]:25,[2001:DB8:0:0::7]:6000,-,,Remote");
  const LogSummary s = read(text);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "2001:db8::7").sessions, 1u);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "2001:db8::7").local.count("[2001:db8::1]:25"), 1u);
}

TEST(LogsQuirks, ATruncatedLastLineIsCountedNotMalformed) {
  const std::string text = kHeader + line("10:00:00.000", "C1,0,10.0.0.1:25,10.1.1.2:5000,+,,") +
                           "2024-05-01T10:00:01.000Z,EX01\\Relay EX01,C1,1,10.0.0.1:25,10.1.";
  const LogSummary s = read(text);
  EXPECT_EQ(s.truncated, 1u);
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "10.1.1.2").sessions, 1u);
}

TEST(LogsQuirks, AMalformedLineIsReportedWithFileAndLineAndTheRestIsRead) {
  const std::string text = kHeader + line("10:00:00.000", "D1,0,10.0.0.1:25,10.1.1.3:5000,+,,") +
                           "this is not a log line\r\n" + line("10:00:00.500", "D1,1,10.0.0.1:25,10.1.1.3:5000,?,,") +
                           "2024-05-01T10:00:00.600Z,EX01\\Relay EX01,D1,2,10.0.0.1:25,\"unclosed,<,x,\r\n" +
                           line("10:00:01.000", "D1,3,10.0.0.1:25,10.1.1.3:5000,<,EHLO app01,") +
                           line("10:00:02.000", "D1,4,10.0.0.1:25,10.1.1.3:5000,-,,Remote");
  const LogSummary s = read(text, "RECV-bad.LOG");
  EXPECT_EQ(s.malformed, 3u);
  ASSERT_EQ(s.issues.size(), 3u);
  EXPECT_EQ(s.issues[0].file, "RECV-bad.LOG");
  EXPECT_EQ(s.issues[0].line, 7u);  // 5 header lines, then the good line, then this one
  EXPECT_EQ(s.issues[1].line, 8u);
  EXPECT_NE(s.issues[1].message.find("not an event"), std::string::npos);
  EXPECT_NE(s.issues[2].message.find("quoted field"), std::string::npos);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "10.1.1.3").ehlo.at("app01"), 1u);
}

TEST(LogsQuirks, AReorderedFieldsLineIsFollowed) {
  const std::string text =
      "#Log-type: SMTP Receive Protocol Log\n"
      "#Fields: event,remote-endpoint,date-time,session-id,connector-id,data,context,local-endpoint,sequence-number\n"
      "+,10.1.1.4:5000,2024-05-01T10:00:00.000Z,E1,EX01\\Relay EX01,,,10.0.0.1:25,0\n"
      "<,10.1.1.4:5000,2024-05-01T10:00:00.100Z,E1,EX01\\Relay EX01,EHLO scanner01,,10.0.0.1:25,1\n";
  const LogSummary s = read(text);
  EXPECT_EQ(s.malformed, 0u);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "10.1.1.4").ehlo.at("scanner01"), 1u);
}

TEST(LogsQuirks, AnExchange2010EhloReplyOfOneLinePerCapabilityOffersXExps) {
  const std::string text = kHeader + line("10:00:00.000", "F1,0,10.0.0.1:25,10.0.0.20:5000,+,,") +
                           line("10:00:00.100", "F1,1,10.0.0.1:25,10.0.0.20:5000,<,EHLO legacy01.contoso.com,") +
                           line("10:00:00.101", "F1,2,10.0.0.1:25,10.0.0.20:5000,>,250-EX01.contoso.com Hello,") +
                           line("10:00:00.101", "F1,3,10.0.0.1:25,10.0.0.20:5000,>,250-X-ANONYMOUSTLS,") +
                           line("10:00:00.101", "F1,4,10.0.0.1:25,10.0.0.20:5000,>,250-X-EXPS GSSAPI NTLM,") +
                           line("10:00:00.101", "F1,5,10.0.0.1:25,10.0.0.20:5000,>,250 XRDST,");
  const LogSummary s = read(text);
  const auto& u = usage(s, "EX01", "Relay EX01", "10.0.0.20");
  EXPECT_EQ(u.offered_x_exps, 1u);
  EXPECT_EQ(u.offered_anonymous_tls, 1u);
  EXPECT_NE(u.ehlo_reply.text.find("250-X-EXPS GSSAPI NTLM"), std::string::npos);
}

TEST(LogsQuirks, ALineLongerThanTheBufferIsMalformedAndReadingGoesOn) {
  LogReadOptions small;
  small.buffer_size = 256;
  const std::string text =
      kHeader + line("10:00:00.000", "G1,0,10.0.0.1:25,10.1.1.5:5000,<,EHLO " + std::string(400, 'x') + ",") +
      line("10:00:01.000", "G1,1,10.0.0.1:25,10.1.1.5:5000,<,EHLO short,");
  const LogSummary s = read(text, "RECV.LOG", small);
  EXPECT_EQ(s.malformed, 1u);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "10.1.1.5").ehlo.at("short"), 1u);
}

// ---- what a session shows ----

TEST(LogsSessions, PeakConcurrencyAndThrottlingRepliesPerSource) {
  std::string text = kHeader;
  for (int i = 0; i < 3; ++i)
    text += line("10:00:0" + std::to_string(i) + ".000",
                 "H" + std::to_string(i) + ",0,10.0.0.1:25,10.2.2.2:500" + std::to_string(i) + ",+,,");
  text += line("10:00:04.000", "H3,0,10.0.0.1:25,10.2.2.2:5009,+,,");
  text += line(
      "10:00:04.001",
      "H3,1,10.0.0.1:25,10.2.2.2:5009,>,421 4.3.2 The maximum number of concurrent connections has exceeded a limit,");
  text += line("10:00:04.002", "H3,2,10.0.0.1:25,10.2.2.2:5009,-,,Local");
  for (int i = 0; i < 3; ++i)
    text += line("10:00:1" + std::to_string(i) + ".000",
                 "H" + std::to_string(i) + ",9,10.0.0.1:25,10.2.2.2:500" + std::to_string(i) + ",-,,Remote");
  const LogSummary s = read(text);
  const auto& u = usage(s, "EX01", "Relay EX01", "10.2.2.2");
  EXPECT_EQ(u.sessions, 4u);
  EXPECT_EQ(u.peak_concurrent, 4u);
  EXPECT_EQ(u.refused.at("421 4.3.2"), 1u);
}

TEST(LogsSessions, AuthenticationMessagesAndRelayRefusals) {
  const std::string text =
      kHeader + line("10:00:00.000", "J1,0,10.0.0.1:25,10.0.0.5:5000,+,,") +
      line("10:00:00.100", "J1,1,10.0.0.1:25,10.0.0.5:5000,<,X-EXPS GSSAPI,") +
      line("10:00:00.200", "J1,2,10.0.0.1:25,10.0.0.5:5000,*,CONTOSO\\EX02$,authenticated") +
      line("10:00:00.300", "J1,3,10.0.0.1:25,10.0.0.5:5000,>,235 2.7.0 Authentication successful,") +
      line("10:00:00.400", "J1,4,10.0.0.1:25,10.0.0.5:5000,>,250 2.1.5 Recipient OK,") +
      line("10:00:00.500",
           "J1,5,10.0.0.1:25,10.0.0.5:5000,>,250 2.6.0 <id@contoso.com> [InternalId=1] Queued mail for delivery,") +
      line("10:00:00.600", "J1,6,10.0.0.1:25,10.0.0.5:5000,-,,Remote") +
      line("10:01:00.000", "J2,0,10.0.0.1:25,10.0.0.6:5000,+,,") +
      line("10:01:00.100", "J2,1,10.0.0.1:25,10.0.0.6:5000,*,CONTOSO\\svc-scan,authenticated") +
      line("10:01:00.200",
           "J2,2,10.0.0.1:25,10.0.0.6:5000,>,550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain,") +
      line("10:01:00.300", "J2,3,10.0.0.1:25,10.0.0.6:5000,-,,Remote");
  const LogSummary s = read(text);
  const auto& ex = usage(s, "EX01", "Relay EX01", "10.0.0.5");
  EXPECT_EQ(ex.authentication.at("ExchangeServer"), 1u);
  EXPECT_EQ(ex.messages, 1u);
  EXPECT_EQ(ex.recipients, 1u);
  const auto& user = usage(s, "EX01", "Relay EX01", "10.0.0.6");
  EXPECT_EQ(user.authentication.at("User"), 1u);
  EXPECT_EQ(user.users.at("CONTOSO\\svc-scan"), 1u);
  EXPECT_EQ(user.refused.at("550 5.7.54"), 1u);
}

TEST(LogsSessions, SendLogShowsTheEhloReplyWithoutXExpsTlsFailuresAndQueuedMail) {
  const std::string l = "2024-05-01T10:00:00.000Z,To EX2010,K1,";
  const std::string text =
      kSendHeader + l + "0,10.0.0.1:5000,10.0.0.20:25,+,,\n" + l +
      "1,10.0.0.1:5000,10.0.0.20:25,>,EHLO EX01.contoso.com,\n" + l +
      "2,10.0.0.1:5000,10.0.0.20:25,<,250  legacy01 Hello [10.0.0.1] SIZE PIPELINING STARTTLS,\n" + l +
      "3,10.0.0.1:5000,10.0.0.20:25,*,,TLS negotiation failed with error UnknownCredentials\n" + l +
      "4,10.0.0.1:5000,10.0.0.20:25,<,451 5.7.3 Cannot achieve Exchange Server authentication.,\n" + l +
      "5,10.0.0.1:5000,10.0.0.20:25,-,,Local\n";
  const LogSummary s = read(text, "SEND20240501-1.LOG");
  const SendUsage& u = s.send.at(SendKey{"To EX2010", "10.0.0.20"});
  EXPECT_EQ(u.ehlo_replies, 1u);
  EXPECT_EQ(u.offered_x_exps, 0u);
  EXPECT_EQ(u.tls_failures, 1u);
  EXPECT_EQ(u.queued_exchange_auth, 1u);
  EXPECT_NE(u.ehlo_reply.text.find("legacy01 Hello"), std::string::npos);
}

TEST(LogsSessions, SinceAndUntilKeepOnlyTheLinesOfThePeriod) {
  const std::string text = kHeader + line("09:00:00.000", "L1,0,10.0.0.1:25,10.3.3.1:5000,+,,") +
                           line("11:00:00.000", "L2,0,10.0.0.1:25,10.3.3.2:5000,+,,") +
                           line("13:00:00.000", "L3,0,10.0.0.1:25,10.3.3.3:5000,+,,");
  LogReadOptions o;
  o.since = "2024-05-01T10:00:00.000Z";
  o.until = "2024-05-01T12:00:00.000Z";
  const LogSummary s = read(text, "RECV.LOG", o);
  EXPECT_EQ(s.receive.size(), 1u);
  EXPECT_EQ(usage(s, "EX01", "Relay EX01", "10.3.3.2").sessions, 1u);
  EXPECT_EQ(s.first_seen, "2024-05-01T11:00:00.000Z");
}

// ---- merge ----

std::vector<std::string> three_logs() {
  std::vector<std::string> logs;
  for (int f = 0; f < 3; ++f) {
    std::string text = kHeader;
    for (int i = 0; i < 20; ++i) {
      const std::string id = "S" + std::to_string(f) + "_" + std::to_string(i);
      const std::string remote = "10.9.0." + std::to_string((i * 7 + f) % 5) + ":5000";
      const std::string t = "1" + std::to_string(f) + ":" + std::to_string(10 + i) + ":00.000";
      text += line(t, id + ",0,10.0.0.1:25," + remote + ",+,,");
      text += line(t, id + ",1,10.0.0.1:25," + remote + ",<,EHLO host" + std::to_string(i % 3) + ",");
      if (i % 4 == 0) text += line(t, id + ",2,10.0.0.1:25," + remote + ",>,550 5.7.54 Unable to relay,");
      text += line(t, id + ",3,10.0.0.1:25," + remote + ",-,,Remote");
    }
    logs.push_back(text);
  }
  return logs;
}

TEST(LogsMerge, MergeIsAssociativeAndEqualsReadingTheFilesTogether) {
  const auto logs = three_logs();
  std::vector<LogSummary> part;
  for (int f = 0; f < 3; ++f) part.push_back(read(logs[f], "RECV-" + std::to_string(f) + ".LOG"));
  LogSummary left = part[0];
  merge(left, part[1]);
  merge(left, part[2]);  // (a + b) + c
  LogSummary bc = part[1];
  merge(bc, part[2]);
  LogSummary right = part[0];
  merge(right, bc);  // a + (b + c)
  LogSummary swapped = part[2];
  merge(swapped, part[0]);
  merge(swapped, part[1]);  // (c + a) + b
  LogSummary together;      // one reader over the three files in turn
  for (int f = 0; f < 3; ++f) read_log_text(logs[f], "RECV-" + std::to_string(f) + ".LOG", {}, together);
  EXPECT_EQ(dump(left), dump(right));
  EXPECT_EQ(dump(left), dump(swapped));
  EXPECT_EQ(dump(left), dump(together));
  EXPECT_EQ(left.receive.size(), 5u);
}

TEST(LogsMerge, CappedNameListsMergeAssociatively) {
  LogSummary a, b, c;
  for (int i = 0; i < 40; ++i) {
    LogSummary& s = i % 3 == 0 ? a : (i % 3 == 1 ? b : c);
    auto& u = s.receive[ReceiveKey{"EX01", "Relay", "10.0.0.1"}];
    ++u.ehlo["host" + std::to_string(100 + (i * 17) % 40)];
    cap_names(u.ehlo);
  }
  LogSummary l = a, r = b;
  merge(l, b);
  merge(l, c);
  merge(r, c);
  LogSummary r2 = a;
  merge(r2, r);
  EXPECT_EQ(dump(l), dump(r2));
  EXPECT_EQ(l.receive.begin()->second.ehlo.size(), kLogMaxNames);
}

TEST(LogsMerge, JsonRoundTripKeepsEverything) {
  LogSummary s = read(three_logs()[0]);
  merge(s, read(read_text(kReal / "RECV2023011116-1.LOG"), "RECV2023011116-1.LOG"));
  merge(s, read(read_text(kReal / "SEND20190321-1.LOG"), "SEND20190321-1.LOG"));
  const auto j = summary_json(s);
  EXPECT_EQ(summary_json(summary_from_json(nlohmann::json::parse(j.dump()))).dump(), j.dump());
}

TEST(LogsMerge, ABadSummaryIsRefusedWithItsPointer) {
  const auto bad = nlohmann::json::parse(R"({"receive":[{"sessions":-1}]})");
  try {
    (void)summary_from_json(bad, "/summaries/0");
    FAIL() << "a negative count was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/summaries/0/receive/0/sessions"), std::string::npos) << e.what();
  }
}

// ---- files ----

TEST(LogsFiles, FoldersAreReadOnSeveralThreadsAndMissingPathsAreCounted) {
  const fs::path dir = fs::temp_directory_path() / fs::path(u8"ecd-logs-test-\u00e9\u00e8");
  fs::remove_all(dir);
  fs::create_directories(dir / "SmtpReceive");
  const auto logs = three_logs();
  for (int f = 0; f < 3; ++f)
    std::ofstream(dir / "SmtpReceive" / ("RECV2024050" + std::to_string(f) + "-1.LOG"), std::ios::binary) << logs[f];
  std::ofstream(dir / "SmtpReceive" / "notes.txt") << "not a log";
  LogReadOptions o;
  o.threads = 3;
  int calls = 0;
  const std::string dir_utf8(reinterpret_cast<const char*>(dir.u8string().c_str()));
  LogReadResult r = read_log_paths({dir_utf8, dir_utf8 + "/missing"}, o, [&](std::uint64_t done, std::uint64_t total) {
    ++calls;
    EXPECT_LE(done, total);
    return true;
  });
  EXPECT_FALSE(r.cancelled);
  EXPECT_GE(calls, 1);
  EXPECT_EQ(r.summary.files, 3u);
  EXPECT_EQ(r.summary.unreadable, 1u);
  LogSummary expected;
  for (int f = 0; f < 3; ++f) read_log_text(logs[f], "x", {}, expected);
  EXPECT_EQ(summary_json(r.summary)["receive"].dump(), summary_json(expected)["receive"].dump());
  LogReadResult stopped = read_log_paths({dir_utf8}, o, [](std::uint64_t, std::uint64_t) { return false; });
  EXPECT_TRUE(stopped.cancelled);
  fs::remove_all(dir);
}

TEST(LogsEngine, ReadLogsMergesGivenSummariesAndRefusesBadRequests) {
  const auto given = summary_json(read(three_logs()[1]));
  nlohmann::json request = {{"summaries", nlohmann::json::array({given, given})}};
  const EngineResult r = read_logs(request.dump(), {});
  ASSERT_TRUE(r.ok) << r.error;
  const auto out = nlohmann::json::parse(r.response);
  EXPECT_EQ(out["cancelled"], false);
  EXPECT_EQ(out["summary"]["receive"][0]["sessions"].get<int>(), 2 * given["receive"][0]["sessions"].get<int>());
  EXPECT_FALSE(read_logs(R"({"since":"yesterday"})", {}).ok);
  EXPECT_FALSE(read_logs("[1]", {}).ok);
  EXPECT_FALSE(read_logs("{", {}).ok);
}

}  // namespace

}  // namespace logs_test
