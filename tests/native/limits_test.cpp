// Tests for parse/limits.h: the documented bounds of one request (docs/ROBUSTNESS.md). Beyond a
// whole-request bound the request is refused with a message that names the limit; beyond a per-value
// bound the value is shortened or left out, an InputIssue names the limit and where, and the rest of
// the request is still read. Invalid UTF-8 and numbers beyond double are refused with their byte offset.
#include "parse/limits.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parse/request.h"

namespace limits_test {

namespace {

using json = nlohmann::json;

json connector(const std::string& name, const json& ranges) {
  return json{{"Identity", "EX01\\" + name},
              {"TransportRole", "FrontendTransport"},
              {"Enabled", true},
              {"Bindings", {"0.0.0.0:25"}},
              {"RemoteIPRanges", ranges},
              {"AuthMechanism", "Tls"},
              {"PermissionGroups", "AnonymousUsers"}};
}

json ranges(std::size_t count) {
  json out = json::array();
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(std::to_string(10 + i / 65536) + "." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) +
                  ".1");
  return out;
}

std::string request_text(const json& connectors) {
  return json{{"operation", "analyze"}, {"connectors", connectors}}.dump();
}

const ecd::InputIssue* issue_with(const ecd::Request& r, const std::string& needle) {
  for (const auto& i : r.organisation.issues)
    if (i.message.find(needle) != std::string::npos) return &i;
  return nullptr;
}

TEST(Utf8, WellFormedTextHasNoInvalidByte) {
  for (std::string text : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC 5", "\xF0\x9D\x84\x9E", "\xEF\xBB\xBF{}",
                           "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF"})
    EXPECT_FALSE(ecd::first_invalid_utf8(text).has_value()) << text;
}

TEST(Utf8, EachKindOfMalformedSequenceIsFoundAtItsFirstByte) {
  struct Case {
    std::string text;
    std::size_t at;
  };
  for (const auto& c : std::vector<Case>{{"ab\xFF", 2},
                                         {"\x80", 0},              // continuation without a lead
                                         {"x\xC0\x80", 1},         // overlong NUL
                                         {"x\xC1\xBF", 1},         // overlong
                                         {"\xE0\x80\x80", 0},      // overlong 3-byte
                                         {"ok\xED\xA0\x80", 2},    // UTF-16 surrogate
                                         {"\xF0\x80\x80\x80", 0},  // overlong 4-byte
                                         {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
                                         {"\xF5\x80\x80\x80", 0},  // no such lead
                                         {"abc\xE2\x82", 3},       // truncated at the end
                                         {"\xE2\x28\xA1", 0}}) {   // bad continuation
    auto at = ecd::first_invalid_utf8(c.text);
    ASSERT_TRUE(at.has_value()) << c.at;
    EXPECT_EQ(*at, c.at);
  }
}

TEST(Utf8, BytesThatAreNotUtf8AreWrittenAsHexSoAMessageStaysUtf8) {
  EXPECT_EQ(ecd::escape_invalid_utf8("a\xCFz"), "a<0xCF>z");
  EXPECT_EQ(ecd::escape_invalid_utf8("abc\xE2\x82"), "abc<0xE2><0x82>");
  EXPECT_EQ(ecd::escape_invalid_utf8("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 <0xFF>");
  EXPECT_EQ(ecd::escape_invalid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(ecd::escape_invalid_utf8(""), "");
}

TEST(Utf8, APrefixIsCutAtACharacterBoundary) {
  EXPECT_EQ(ecd::utf8_prefix("caf\xC3\xA9", 4), "caf");
  EXPECT_EQ(ecd::utf8_prefix("caf\xC3\xA9", 5), "caf\xC3\xA9");
  EXPECT_EQ(ecd::utf8_prefix("\xE2\x82\xAC\xE2\x82\xAC", 5), "\xE2\x82\xAC");
  EXPECT_EQ(ecd::utf8_prefix("\xF0\x9D\x84\x9E", 3), "");
  EXPECT_EQ(ecd::utf8_prefix("abc", 2), "ab");
}

// Found by fuzz_request: nlohmann's "last read: '...'" stops at the bad byte, which here is the first of a
// two-byte character, so the message held a lone 0xCF; sorting findings (evidence.dump) then threw and the
// whole request came back as ECD_EINTERNAL.
TEST(RequestLimits, ADocumentParseErrorInsideACharacterGivesAUtf8Message) {
  json r{{"operation", "analyze"}, {"documents", {{{"source", "c.json"}, {"text", "[{\"A\":\"x\"\xCF\xA3]"}}}}};
  auto p = ecd::parse_request(r.dump());
  ASSERT_TRUE(p.request.has_value());
  ASSERT_EQ(p.request->organisation.issues.size(), 1u);
  const std::string& message = p.request->organisation.issues[0].message;
  EXPECT_NE(message.find("c.json is not valid JSON at byte 9"), std::string::npos) << message;
  EXPECT_NE(message.find("<0xCF>"), std::string::npos) << message;
  EXPECT_FALSE(ecd::first_invalid_utf8(message).has_value()) << message;
  EXPECT_EQ(p.request->organisation.issues[0].text, "\xCF\xA3]");
}

TEST(RequestLimits, TheExcerptOfADocumentParseErrorEndsAtACharacterBoundary) {
  std::string euros;
  for (int k = 0; k < 20; ++k) euros += "\xE2\x82\xAC";
  json r{{"operation", "analyze"}, {"documents", {{{"source", "c.json"}, {"text", "[1, t" + euros + "]"}}}}};
  auto p = ecd::parse_request(r.dump());
  ASSERT_TRUE(p.request.has_value());
  ASSERT_EQ(p.request->organisation.issues.size(), 1u);
  // The error is at the first euro sign (an invalid literal after 't'); 40 bytes from there are 13 euro signs
  // (39 bytes) and the first byte of the 14th: the excerpt stops before it.
  EXPECT_EQ(p.request->organisation.issues[0].text, euros.substr(0, 39));
}

TEST(RequestLimits, InvalidUtf8IsRefusedWithItsByteOffset) {
  const std::string text = "{\"connectors\":[{\"Identity\":\"EX01\\\\R\xFF\"}]}";
  auto p = ecd::parse_request(text);
  ASSERT_TRUE(p.error.has_value());
  const std::size_t at = text.find('\xFF');
  EXPECT_NE(p.error->message.find("invalid UTF-8 at byte " + std::to_string(at) + " (0xFF)"), std::string::npos)
      << p.error->message;
  EXPECT_EQ(p.error->offset, at);
}

TEST(RequestLimits, InvalidUtf8InADocumentNamesTheDocumentAndTheByte) {
  // A document's text is a JSON string, so it is UTF-8 by then; a bad byte in the request itself is refused.
  json r{{"operation", "analyze"}, {"documents", {{{"source", "c.json"}, {"text", "[{\"Identity\": 1e999}]"}}}}};
  auto p = ecd::parse_request(r.dump());
  ASSERT_TRUE(p.request.has_value());
  ASSERT_EQ(p.request->organisation.issues.size(), 1u);
  EXPECT_NE(p.request->organisation.issues[0].message.find("c.json is not valid JSON at byte 14: the number 1e999"),
            std::string::npos)
      << p.request->organisation.issues[0].message;
}

TEST(RequestLimits, ANumberBeyondDoubleIsAnErrorWithItsOffsetNotAnException) {
  const std::string text = R"({"connectors":[{"Identity":"A\\B","MaxHopCount":1e309}]})";
  auto p = ecd::parse_request(text);
  ASSERT_TRUE(p.error.has_value());
  EXPECT_EQ(p.error->message, "the request is not valid JSON at byte " + std::to_string(text.find("1e309")) +
                                  ": the number 1e309 is out of range");
}

TEST(RequestLimits, MoreConnectorsThanTheLimitRefuseTheRequestNamingTheLimit) {
  ecd::RequestLimits limits;
  limits.max_connectors = 3;
  json list = json::array();
  for (int i = 0; i < 4; ++i) list.push_back(connector("C" + std::to_string(i), {"10.0.0.1"}));
  auto p = ecd::parse_request(request_text(list), limits);
  ASSERT_TRUE(p.error.has_value());
  EXPECT_EQ(p.error->message,
            "the request holds more than 3 receive connectors, the limit per request (/connectors brings the count to "
            "4); split the organisation into several runs");
  list.erase(list.begin());
  EXPECT_TRUE(ecd::parse_request(request_text(list), limits).request.has_value());
}

TEST(RequestLimits, ConnectorsInDocumentsCountTowardsTheSameLimit) {
  ecd::RequestLimits limits;
  limits.max_connectors = 2;
  json doc = json::array({connector("A", {"10.0.0.1"}), connector("B", {"10.0.0.2"})});
  json r{{"connectors", {connector("C", {"10.0.0.3"})}},
         {"documents", {{{"source", "big.json"}, {"text", doc.dump()}}}}};
  auto p = ecd::parse_request(r.dump(), limits);
  ASSERT_TRUE(p.error.has_value());
  EXPECT_NE(p.error->message.find("big.json brings the count to 3"), std::string::npos) << p.error->message;
}

TEST(RequestLimits, TooManyServersOrQueriesRefuseTheRequest) {
  ecd::RequestLimits limits;
  limits.max_servers = 2;
  limits.max_queries = 1;
  auto p = ecd::parse_request(R"({"servers":["A=10.0.0.1","B","C"]})", limits);
  ASSERT_TRUE(p.error.has_value());
  EXPECT_EQ(p.error->message, "\"servers\" holds 3 entries, above the limit of 2 per request");
  p = ecd::parse_request(R"({"operation":"resolve","queries":[{"remoteAddress":"10.0.0.1"},{"remoteAddress":"::1"}]})",
                         limits);
  ASSERT_TRUE(p.error.has_value());
  EXPECT_EQ(p.error->message, "\"queries\" holds 2 entries, above the limit of 1 per request");
}

TEST(RequestLimits, RangesBeyondTheLimitAreCutWithAnIssueAndTheRestIsRead) {
  ecd::RequestLimits limits;
  limits.max_values_per_property = 5;
  auto p = ecd::parse_request(request_text({connector("Relay", ranges(7)), connector("Other", ranges(5))}), limits);
  ASSERT_TRUE(p.request.has_value());
  const auto& org = p.request->organisation;
  ASSERT_EQ(org.connectors.size(), 2u);
  EXPECT_EQ(org.connectors[0].remote_ip_ranges.size(), 5u);
  EXPECT_EQ(org.connectors[1].remote_ip_ranges.size(), 5u);
  ASSERT_EQ(org.issues.size(), 1u);
  const auto& i = org.issues[0];
  EXPECT_EQ(i.message, "RemoteIPRanges has 7 entries, above the limit of 5 per property; only the first 5 were read");
  EXPECT_EQ(i.pointer, "/connectors/0/RemoteIPRanges");
  EXPECT_EQ(i.connector_identity, "EX01\\Relay");
  EXPECT_EQ(i.server, "EX01");
}

TEST(RequestLimits, TheDefaultsAdmitTenThousandRangesAndNotOneMore) {
  auto p = ecd::parse_request(request_text(json::array({connector("Relay", ranges(10000))})));
  ASSERT_TRUE(p.request.has_value());
  EXPECT_TRUE(p.request->organisation.issues.empty());
  EXPECT_EQ(p.request->organisation.connectors[0].remote_ip_ranges.size(), 10000u);
  p = ecd::parse_request(request_text(json::array({connector("Relay", ranges(10001))})));
  ASSERT_TRUE(p.request.has_value());
  EXPECT_NE(issue_with(*p.request, "above the limit of 10,000 per property"), nullptr);
}

TEST(RequestLimits, AStringLongerThanTheLimitIsLeftOutWithAnIssueNamingWhere) {
  ecd::RequestLimits limits;
  limits.max_string_bytes = 24;
  json c = connector("Relay", {"10.0.0.1", std::string(40, '1'), "10.0.0.2"});
  c["Comment"] = std::string(25, 'x');
  auto p = ecd::parse_request(request_text(json::array({c})), limits);
  ASSERT_TRUE(p.request.has_value());
  const auto& org = p.request->organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  EXPECT_EQ(org.connectors[0].remote_ip_ranges.size(), 2u);  // the long entry is dropped, the others read
  EXPECT_EQ(org.connectors[0].comment, "");
  const auto* range = issue_with(*p.request, "at /connectors/0/RemoteIPRanges/1 is 40 bytes long");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->message,
            "the value at /connectors/0/RemoteIPRanges/1 is 40 bytes long, above the limit of 24 bytes per value; it "
            "was left out");
  EXPECT_EQ(range->field, "RemoteIPRanges");
  EXPECT_EQ(range->connector_identity, "EX01\\Relay");
  EXPECT_NE(issue_with(*p.request, "at /connectors/0/Comment is 25 bytes long"), nullptr);
}

TEST(RequestLimits, ADocumentsTextMayBeLongerThanOneValue) {
  ecd::RequestLimits limits;
  limits.max_string_bytes = 64;
  json doc = json::array({connector("A", {"10.0.0.1"})});
  ASSERT_GT(doc.dump().size(), 64u);
  json r{{"documents", {{{"source", "c.json"}, {"text", doc.dump()}}}}};
  auto p = ecd::parse_request(r.dump(), limits);
  ASSERT_TRUE(p.request.has_value());
  EXPECT_EQ(p.request->organisation.connectors.size(), 1u);
  EXPECT_TRUE(p.request->organisation.issues.empty());
}

}  // namespace

}  // namespace limits_test
