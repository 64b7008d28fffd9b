// Tests for parse/smtp_reply.h and diagnose/smtp_cause.h: the texts of issue 6 and DOMAIN.md §5 (event
// DiagnosticInfo, queue LastError wrappers, NDRs), chains, replies without enhanced codes, garbage; and
// the smtp operation through run_request.
#include "parse/smtp_reply.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diagnose/smtp_cause.h"
#include "engine/engine.h"
#include "rules/rule.h"

namespace smtp_reply_test {

namespace {

using ecd::SmtpReply;

struct Expected {
  int code;
  std::string enhanced;
  std::string text;
  std::size_t depth;
};

struct ParseCase {
  std::string name;
  std::string text;
  std::vector<Expected> replies;
  std::size_t innermost;  // index of the innermost reply (ignored when there are none)
};

const std::string kEvent =
    "EventData : {, [DiagnosticInfo, Error: RetrySmtp, Diagnostic Information:\n"
    "    Stage:UpdateMsgIdToPoisonContextMapping, SmtpResponse:451 4.4.395 Target host responded with error. -> 451\n"
    "    5.7.3 Cannot achieve Exchange Server authentication, details:FailedRecipientCount:0;\n"
    "    RetryRecipientCount:0], [DeliveryPriority, Normal]}";
const std::string kQueue =
    "451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange Server authentication";
const std::string kPrimary =
    "451 4.4.0 Primary target IP address responded with: \"451 5.7.3 Cannot achieve Exchange Server "
    "authentication.\" Attempted failover to alternate host, but that did not succeed. Either there are no alternate "
    "hosts, or delivery failed to all alternate hosts. The last endpoint attempted was 10.0.0.11:25";
const std::string kLed =
    "[{LRT=11/18/2020 9:41:54 AM};{LED=451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve "
    "Exchange Server authentication};{FQDN=ex01.contoso.com};{IP=10.0.0.11}]";
const std::string kProxy =
    "450 4.7.0 Proxy session setup failed on Frontend with '451 4.4.0 Primary target IP address responded with: "
    "\"451 5.7.3 Cannot achieve Exchange Server authentication.\" Attempted failover to alternate host, but that did "
    "not succeed.'";
const std::string kAuth = "Cannot achieve Exchange Server authentication";

const std::vector<ParseCase> kParseCases{
    {"QueueLastErrorArrowChain",
     kQueue,
     {{451, "4.4.395", "Target host responded with error.", 0}, {451, "5.7.3", kAuth, 1}},
     1},
    {"EventDiagnosticInfoWithALineBreakInsideTheReply",
     kEvent,
     {{451, "4.4.395", "Target host responded with error.", 0}, {451, "5.7.3", kAuth, 1}},
     1},
    {"PrimaryTargetWrapperWithQuotedInnerReply",
     kPrimary,
     {{451, "4.4.0", "Primary target IP address responded with:", 0}, {451, "5.7.3", kAuth + ".", 1}},
     1},
    {"Exchange2016QueueListFormat",
     kLed,
     {{451, "4.4.395", "Target host responded with error.", 0}, {451, "5.7.3", kAuth, 1}},
     1},
    {"FrontendProxyWrapsTwoLevels",
     kProxy,
     {{450, "4.7.0", "Proxy session setup failed on Frontend with", 0},
      {451, "4.4.0", "Primary target IP address responded with:", 1},
      {451, "5.7.3", kAuth + ".", 2}},
     2},
    {"SubmitDeferWithSmtpResponsePrefix",
     "SUBMITDEFER SmtpResponse:451 4.4.395 Target host responded with error. -> 451 5.7.3 Cannot achieve Exchange "
     "Server authentication",
     {{451, "4.4.395", "Target host responded with error.", 0}, {451, "5.7.3", kAuth, 1}},
     1},
    {"InternalTransportCertificate",
     "451 5.7.3 Cannot load Internal Transport Certificate. Exchange Server authentication failed.",
     {{451, "5.7.3", "Cannot load Internal Transport Certificate. Exchange Server authentication failed.", 0}},
     0},
    {"NdrRemoteServerReturnedSingleQuoted",
     "Remote Server returned '550 5.7.1 Unable to relay'",
     {{550, "5.7.1", "Unable to relay", 0}},
     0},
    {"NdrSmtpSemicolon",
     "#550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain ##",
     {{550, "5.7.54", "SMTP; Unable to relay recipient in non-accepted domain ##", 0}},
     0},
    {"ReplyWithoutEnhancedCodeAtStart",
     "421 Service not available, closing transmission channel",
     {{421, "", "Service not available, closing transmission channel", 0}},
     0},
    {"ReplyWithoutEnhancedCodeAfterArrow",
     "451 4.4.0 Remote host said -> 554 Transaction failed",
     {{451, "4.4.0", "Remote host said", 0}, {554, "", "Transaction failed", 1}},
     1},
    {"TwoErrorsOnTwoLinesAreTwoChains",
     kQueue + "\n421 4.3.2 Service not available",
     {{451, "4.4.395", "Target host responded with error.", 0},
      {451, "5.7.3", kAuth, 1},
      {421, "4.3.2", "Service not available", 0}},
     1},
    {"RuleSymptomListsSeveralReplies",
     "451 5.7.3 Cannot achieve Exchange Server authentication; 535 5.7.3 Authentication unsuccessful (event 1018); "
     "550 5.7.1 Client does not have permissions to submit to this server",
     {{451, "5.7.3", kAuth + ";", 0},
      {535, "5.7.3", "Authentication unsuccessful (event 1018);", 0},
      {550, "5.7.1", "Client does not have permissions to submit to this server", 0}},
     0},
    {"MultilineEhloLineIsAReply", "250-SIZE 37748736", {{250, "", "SIZE 37748736", 0}}, 0},
    {"EnhancedCodeWithThreeDigitParts", "550 5.100.100 odd but legal", {{550, "5.100.100", "odd but legal", 0}}, 0},
    {"SuccessCodeWithFailureClassIsNoReply", "250 5.7.1 nonsense", {}, 0},
    {"Empty", "", {}, 0},
    {"OnlySpaces", " \r\n\t ", {}, 0},
    {"NumbersThatAreNoReplies",
     "12345 10.0.0.250 Build 15.2.986.5 at 12:34:56 on 11/18/2020 port 2525 There are 250 messages 4.4.395 alone "
     "10.0.0.11:250",
     {},
     0},
    {"CodeFollowedByDigitsIsNoReply", "4511 5.7.3 x", {}, 0},
    {"EnhancedCodeWithFourDigitsIsNotEnhanced", "451 5.7.3333 text", {}, 0},
    {"TruncatedAfterCode", "451", {}, 0},
    {"TruncatedInEnhanced", "451 5.7.", {}, 0},
    {"Binary", std::string("\x00\xff\xfe 451\x01 5.7.3\x02", 15), {}, 0},
};

class SmtpReplyParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(SmtpReplyParse, FindsEveryReplyWithItsCodesTextAndNesting) {
  const auto& c = GetParam();
  auto replies = ecd::parse_smtp_replies(c.text);
  ASSERT_EQ(replies.size(), c.replies.size()) << c.text;
  for (std::size_t i = 0; i < replies.size(); ++i) {
    EXPECT_EQ(replies[i].code, c.replies[i].code) << i;
    EXPECT_EQ(replies[i].enhanced, c.replies[i].enhanced) << i;
    EXPECT_EQ(replies[i].text, c.replies[i].text) << i;
    EXPECT_EQ(replies[i].depth, c.replies[i].depth) << i;
    // The offset points at the basic code in the original text.
    ASSERT_LT(replies[i].offset + 3, c.text.size() + 1);
    EXPECT_EQ(c.text.substr(replies[i].offset, 3), std::to_string(c.replies[i].code)) << i;
  }
  const SmtpReply* inner = ecd::innermost_reply(replies);
  if (replies.empty())
    EXPECT_EQ(inner, nullptr);
  else
    EXPECT_EQ(inner, &replies[c.innermost]);
}

INSTANTIATE_TEST_SUITE_P(Texts, SmtpReplyParse, ::testing::ValuesIn(kParseCases),
                         [](const auto& info) { return info.param.name; });

struct CauseCase {
  std::string name;
  std::string text;
  std::vector<int> rows;  // empty: no cause
  bool outside;
  std::vector<std::string> rules;  // must be among the cause's rules
};

const std::vector<CauseCase> kCauseCases{
    {"ExchangeAuthenticationQueue", kQueue, {2, 1, 3, 4, 7, 8}, true, {"ECD0101", "ECD0102"}},
    {"ExchangeAuthenticationEvent", kEvent, {2, 1, 3, 4, 7, 8}, true, {"ECD0101", "ECD0102"}},
    {"ExchangeAuthenticationPrimaryTarget", kPrimary, {2, 1, 3, 4, 7, 8}, true, {"ECD0101"}},
    {"ExchangeAuthenticationProxy", kProxy, {2, 1, 3, 4, 7, 8}, true, {"ECD0101"}},
    {"InternalTransportCertificate",
     "451 5.7.3 Cannot load Internal Transport Certificate. Exchange Server authentication failed.",
     {5},
     true,
     {}},
    {"ServiceNotAvailable", "421 4.3.2 Service not available", {12, 13, 14}, false, {}},
    {"ServiceNotAvailableWithoutEnhancedCode", "421 Service not available", {12, 13, 14}, false, {}},
    {"TooManyConnections",
     "421 4.3.2 The maximum number of concurrent connections has exceeded a limit, closing transmission channel",
     {14},
     false,
     {}},
    {"ClientNotAuthenticated", "530 5.7.1 Client was not authenticated", {9}, false, {}},
    {"UnableToRelay", "550 5.7.1 Unable to relay", {11}, false, {}},
    {"UnableToRelayNewerBuilds", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", {11}, false, {}},
    {"SubmitDenied",
     "550 5.7.1 Client does not have permissions to submit to this server",
     {3, 10},
     false,
     {"ECD0102"}},
    {"AuthenticationUnsuccessful", "535 5.7.3 Authentication unsuccessful", {3, 15}, true, {"ECD0102"}},
    {"TemporaryAuthenticationFailure", "454 4.7.0 Temporary authentication failure", {15}, true, {}},
    {"MailLoop", "554 5.3.5 System incorrectly configured", {16}, false, {}},
    {"StartTlsRequired", "451 5.7.3 STARTTLS is required to send mail", {6}, false, {}},
    {"UnrecognizedCommand", "500 5.3.3 Unrecognized command", {1}, false, {}},
    {"WrapperOnly", "451 4.4.395 Target host responded with error.", {}, false, {}},
    {"UnknownReply", "550 5.1.1 User unknown", {}, false, {}},
    {"Garbage", "The queue is empty; nothing failed.", {}, false, {}},
};

class SmtpCause : public ::testing::TestWithParam<CauseCase> {};

TEST_P(SmtpCause, ClassifiesTheInnermostReplyIntoTheCauseCatalogue) {
  const auto& c = GetParam();
  auto d = ecd::diagnose_smtp_text(c.text, "EX01", ecd::rule_catalogue());
  if (c.rows.empty()) {
    EXPECT_FALSE(d.cause.has_value()) << d.cause->title;
    return;
  }
  ASSERT_TRUE(d.cause.has_value());
  EXPECT_EQ(d.cause->rows, c.rows);
  EXPECT_EQ(d.cause->outside_receive_connectors, c.outside);
  for (const auto& rule : c.rules)
    EXPECT_NE(std::find(d.cause->rules.begin(), d.cause->rules.end(), rule), d.cause->rules.end()) << rule;
  EXPECT_NE(d.cause->next.find("EX01"), std::string::npos) << d.cause->next;
  for (int row : d.cause->rows) EXPECT_NE(ecd::cause_row(row), nullptr) << row;
}

INSTANTIATE_TEST_SUITE_P(Replies, SmtpCause, ::testing::ValuesIn(kCauseCases),
                         [](const auto& info) { return info.param.name; });

// The common replies outside the cause catalogue (docs/SMTP-REPLIES.md): each has a meaning, says whether its cause
// lies outside receive connectors, names the rules that check what receive connectors can do about it, and a next step
// that names the next hop and the queue's own server.
struct OtherReplyCase {
  std::string name;
  std::string text;
  bool outside;
  std::vector<std::string> rules;  // exactly the cause's rules
  std::string title_says;          // words of the meaning
};

const std::vector<OtherReplyCase> kOtherReplyCases{
    {"ConnectionRefused",
     "451 4.4.316 Connection refused [Message=Socket error code 10061]",
     false,
     {"ECD0202", "ECD0203", "ECD0204"},
     "refused the connection"},
    {"ConnectionRefusedWrapped",
     "451 4.4.0 Primary target IP address responded with: \"4.4.316 Connection refused [Message=Socket error code "
     "10061]\". Attempted failover to alternate host, but that did not succeed.",
     false,
     {"ECD0202", "ECD0203", "ECD0204"},
     "refused the connection"},
    {"SocketError", "421 4.4.2 Connection dropped due to SocketError", true, {}, "Outside receive connectors"},
    {"CannotConnect", "450 4.4.317 Cannot connect to remote server", true, {}, "Outside receive connectors"},
    {"MessageDelayed", "Remote Server returned '400 4.4.7 Message delayed'", true, {}, "expired"},
    {"MessageExpired", "Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'", true, {}, "expired"},
    // Texts without a reply code: what their words and a leading enhanced code say.
    {"MessageDelayedWithoutReplyCode", "4.4.7 Message delayed", true, {}, "expired"},
    {"WinsockTimeout",
     "Failed to connect. Winsock error code: 10060, Win32 error code: 10060.",
     true,
     {},
     "could not connect"},
    {"WinsockRefused",
     "Failed to connect. Winsock error code: 10061, Win32 error code: 10061.",
     false,
     {"ECD0202", "ECD0203", "ECD0204"},
     "refused the connection"},
    {"Prx5",
     "451 4.7.0 Temporary server error. Please try again later. PRX5",
     true,
     {"ECD0102", "ECD0202", "ECD0203"},
     "Front End Transport"},
    {"Prx1",
     "451 4.7.0 Temporary server error. Please try again later. PRX1",
     true,
     {"ECD0102", "ECD0202", "ECD0203"},
     "PRX number"},
    {"TenantAttribution", "550 5.7.64 TenantAttribution; Relay Access Denied", true, {}, "Outside receive connectors"},
    {"ClientNotAuthenticatedOnline",
     "530 5.7.57 Client not authenticated to send mail",
     true,
     {},
     "Outside receive connectors"},
    {"ClientNotAuthenticatedAnonymousOnline",
     "530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM",
     true,
     {},
     "Exchange Online"},
};

class SmtpOtherReply : public ::testing::TestWithParam<OtherReplyCase> {};

TEST_P(SmtpOtherReply, HasAMeaningTheRulesThatCheckItAndANextStepNamingBothServers) {
  const auto& c = GetParam();
  auto d = ecd::diagnose_smtp_text(c.text, "EX01", ecd::rule_catalogue(), "LEGACY01");
  ASSERT_TRUE(d.cause.has_value()) << c.text;
  EXPECT_NE(d.cause->title.find(c.title_says), std::string::npos) << d.cause->title;
  EXPECT_EQ(d.cause->outside_receive_connectors, c.outside);
  EXPECT_EQ(d.cause->rules, c.rules);
  if (c.outside && c.rules.empty()) EXPECT_EQ(d.cause->title.find("Outside receive connectors"), 0u) << d.cause->title;
  const bool names_hop = d.cause->next.find("EX01") != std::string::npos;
  const bool names_queue_server = d.cause->next.find("LEGACY01") != std::string::npos;
  EXPECT_TRUE(names_hop || names_queue_server) << d.cause->next;
}

INSTANTIATE_TEST_SUITE_P(Replies, SmtpOtherReply, ::testing::ValuesIn(kOtherReplyCases),
                         [](const auto& info) { return info.param.name; });

TEST(SmtpOtherReply, ARefusedConnectionNamesTheQueueServerAndTheNextHop) {
  auto d = ecd::diagnose_smtp_text("451 4.4.316 Connection refused [Message=Socket error code 10061]", "EX01",
                                   ecd::rule_catalogue(), "LEGACY01");
  ASSERT_TRUE(d.cause);
  EXPECT_NE(d.cause->next.find("from LEGACY01: Test-NetConnection EX01 -Port 25"), std::string::npos) << d.cause->next;
  auto unknown = ecd::diagnose_smtp_text("451 4.4.316 Connection refused", "", ecd::rule_catalogue());
  ASSERT_TRUE(unknown.cause);
  EXPECT_NE(unknown.cause->next.find("from <sending server>: Test-NetConnection <next hop server> -Port 25"),
            std::string::npos)
      << unknown.cause->next;
  auto delayed = ecd::diagnose_smtp_text("400 4.4.7 Message delayed", "", ecd::rule_catalogue());
  ASSERT_TRUE(delayed.cause);
  EXPECT_NE(delayed.cause->next.find("Get-Queue -Server <sending server> |"), std::string::npos) << delayed.cause->next;
}

TEST(SmtpOtherReply, ATextWithoutAReplyClaimsNoReplyButShowsItsOwnWordsAsTheReply) {
  auto d = ecd::diagnose_smtp_text("  4.4.7   Message\r\n delayed ", "", ecd::rule_catalogue());
  EXPECT_TRUE(d.replies.empty());
  EXPECT_FALSE(d.innermost.has_value());
  ASSERT_TRUE(d.cause);
  EXPECT_EQ(d.cause->reply, "4.4.7 Message delayed");
  // A long text (a whole event) is cut where it is shown, never inside a UTF-8 character.
  const std::string event = "Failed to connect. Winsock error code: 10060. " + std::string(400, 'x') + "\xc3\xa9";
  auto long_text = ecd::diagnose_smtp_text(event, "", ecd::rule_catalogue());
  ASSERT_TRUE(long_text.cause);
  EXPECT_LE(long_text.cause->reply.size(), 303u);
  EXPECT_EQ(long_text.cause->reply.substr(long_text.cause->reply.size() - 3), "...");
}

TEST(SmtpReplyParser, ABareStatusReadsALeadingEnhancedCodeOnly) {
  EXPECT_EQ(ecd::bare_status("4.4.7 Message delayed").enhanced, "4.4.7");
  EXPECT_EQ(ecd::bare_status("4.4.7 Message delayed").text, "Message delayed");
  EXPECT_EQ(ecd::bare_status("Error 4.4.7 later").enhanced, "");
  EXPECT_EQ(ecd::bare_status("4.4.7.1 version").enhanced, "");
  EXPECT_EQ(ecd::bare_status("").text, "");
  EXPECT_EQ(ecd::reply_text(ecd::bare_status("4.4.7 Message delayed")), "4.4.7 Message delayed");
}

TEST(SmtpOtherReply, AnUnknown571IsExplainedByTheSubmitRelayAndAnonymousRows) {
  auto d = ecd::diagnose_smtp_text("550 5.7.1 Message rejected", "EX01", ecd::rule_catalogue());
  ASSERT_TRUE(d.cause);
  EXPECT_EQ(d.cause->rows, (std::vector<int>{10, 11, 9}));
  EXPECT_FALSE(d.cause->outside_receive_connectors);
}

TEST(SmtpNextHop, ReadsFqdnAndAddressFromTheExchange2016QueueFormat) {
  auto hop = ecd::next_hop_in_text(kLed);
  EXPECT_EQ(hop.host, "ex01.contoso.com");
  EXPECT_EQ(hop.address, "10.0.0.11");
}

TEST(SmtpNextHop, ReadsTheLastEndpointAttemptedWithoutItsPort) {
  EXPECT_EQ(ecd::next_hop_in_text(kPrimary).address, "10.0.0.11");
  EXPECT_EQ(ecd::next_hop_in_text("The last endpoint attempted was [fd00::11]:25.").address, "fd00::11");
}

TEST(SmtpNextHop, IsEmptyWhenTheTextNamesNone) {
  auto hop = ecd::next_hop_in_text(kQueue);
  EXPECT_TRUE(hop.host.empty());
  EXPECT_TRUE(hop.address.empty());
}

TEST(SmtpCause, TheNextCommandSaysWhereToLookWhenTheNextHopIsUnknown) {
  auto d = ecd::diagnose_smtp_text(kQueue, "", ecd::rule_catalogue());
  ASSERT_TRUE(d.cause);
  EXPECT_NE(d.cause->next.find("<next hop server>"), std::string::npos);
  auto led = ecd::diagnose_smtp_text(kLed, "", ecd::rule_catalogue());
  ASSERT_TRUE(led.cause);
  EXPECT_NE(led.cause->next.find("ex01.contoso.com"), std::string::npos);
}

TEST(SmtpCause, EveryExchangeAuthenticationRuleSymptomIsRecognised) {
  for (const auto& info : ecd::rule_catalogue()) {
    if (info.id != std::string_view("ECD0101") && info.id != std::string_view("ECD0102")) continue;
    auto rows = ecd::rows_of_text(info.symptom);
    EXPECT_FALSE(rows.empty()) << info.id;
  }
}

// A rule's cause rows (RuleInfo::rows, what the queue pass and the cause catalogue read) are rows that the replies
// its symptom names can produce: a rule claims no cause its symptom does not show. A rule that only says what
// could not be checked (Information, or says_unchecked like ECD0002: addresses unknown) explains no row, and the rules
// of the Exchange-authentication failure each explain one.
TEST(SmtpCause, EveryRulesCauseRowsAreRowsOfItsSymptom) {
  for (const auto& info : ecd::rule_catalogue()) {
    const auto from_symptom = ecd::rows_of_text(info.symptom);
    for (int row : info.rows)
      EXPECT_NE(std::find(from_symptom.begin(), from_symptom.end(), row), from_symptom.end())
          << info.id << " claims row " << row << " that its symptom does not show: " << info.symptom;
    if (info.severity == ecd::Severity::Information || info.says_unchecked) EXPECT_EQ(info.rows.size(), 0u) << info.id;
    if (info.id == std::string_view("ECD0101") || info.id == std::string_view("ECD0102"))
      EXPECT_GT(info.rows.size(), 0u) << info.id;
  }
}

TEST(SmtpOperation, AnswersEachTextWithItsRepliesInnermostCauseAndSource) {
  nlohmann::json request{{"operation", "smtp"},
                         {"texts", {{{"text", kEvent}, {"source", "event 1"}, {"nextHop", "EX01"}}, kLed, 42}}};
  auto r = ecd::run_request(request.dump());
  ASSERT_TRUE(r.ok) << r.error;
  auto out = nlohmann::json::parse(r.response);
  ASSERT_EQ(out["replies"].size(), 3u);  // 42 is no text: an empty answer and an ECD0001 finding
  const auto& first = out["replies"][0];
  EXPECT_EQ(first["source"], "event 1");
  EXPECT_EQ(first["replies"].size(), 2u);
  EXPECT_EQ(first["innermost"]["code"], 451);
  EXPECT_EQ(first["innermost"]["enhanced"], "5.7.3");
  EXPECT_EQ(first["innermost"]["text"], kAuth);
  EXPECT_EQ(first["cause"]["row"], 2);
  EXPECT_EQ(first["cause"]["outsideReceiveConnectors"], true);
  EXPECT_EQ(first["nextHop"]["host"], "EX01");
  EXPECT_NE(first["cause"]["next"].get<std::string>().find("-Server EX01"), std::string::npos);
  const auto& second = out["replies"][1];
  EXPECT_EQ(second["nextHop"]["host"], "ex01.contoso.com");
  EXPECT_EQ(second["nextHop"]["address"], "10.0.0.11");
}

TEST(SmtpOperation, AnswersOncePerTextAndReportsTheOnesThatCannotBeRead) {
  nlohmann::json request{{"operation", "smtp"},
                         {"texts", {kQueue, 42, {{"text", std::string(70 * 1024, 'x')}, {"source", "long"}}, kLed}}};
  auto r = ecd::run_request(request.dump());
  ASSERT_TRUE(r.ok) << r.error;
  auto out = nlohmann::json::parse(r.response);
  // Aligned with the texts given as objects (as the module sends them), so callers can pair them by position;
  // a text above the request's per-value limit is left out and answered empty.
  ASSERT_EQ(out["replies"].size(), 4u);
  EXPECT_EQ(out["replies"][0]["innermost"]["enhanced"], "5.7.3");
  EXPECT_TRUE(out["replies"][1]["innermost"].is_null());
  EXPECT_TRUE(out["replies"][2]["innermost"].is_null());
  EXPECT_EQ(out["replies"][3]["nextHop"]["host"], "ex01.contoso.com");
  ASSERT_GE(out["findings"].size(), 2u);
  for (const auto& f : out["findings"]) EXPECT_EQ(f["ruleId"], "ECD0001");
}

}  // namespace

}  // namespace smtp_reply_test
