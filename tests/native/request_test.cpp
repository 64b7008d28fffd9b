// Tests for parse/request.h: reading a request (UTF-8 JSON) into the typed model. Whole-request
// problems are a RequestError; a bad value inside one connector or server is an InputIssue and the
// rest is still read.
#include "parse/request.h"
#include "model/defaults.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "select/selection.h"

namespace request_test {

namespace {

using ecd::InputIssue;
using ecd::Organisation;
using json = nlohmann::json;

// A complete FrontendTransport connector on EX01, as Get-ReceiveConnector | ConvertTo-Json writes it.
json connector(const std::string& name = "Relay EX01", const std::string& server = "EX01") {
  return json{{"Identity", server + "\\" + name},     {"Name", name},           {"Server", server},
              {"TransportRole", "FrontendTransport"}, {"Enabled", true},        {"Bindings", {"0.0.0.0:25"}},
              {"RemoteIPRanges", {"10.0.0.0/24"}},    {"AuthMechanism", "Tls"}, {"PermissionGroups", "AnonymousUsers"}};
}

json request_with(const json& connectors) {
  return json{{"operation", "analyze"}, {"connectors", connectors}};
}

ecd::Request parse_ok(const std::string& text) {
  auto p = ecd::parse_request(text);
  EXPECT_TRUE(p.request.has_value()) << (p.error ? p.error->message : "");
  EXPECT_FALSE(p.error.has_value());
  return p.request ? std::move(*p.request) : ecd::Request{};
}

ecd::Request parse_ok(const json& request) {
  return parse_ok(request.dump());
}
ecd::Request parse_ok(const char* text) {
  return parse_ok(std::string(text));
}

ecd::RequestError parse_error(const std::string& text, const ecd::RequestLimits& limits = {}) {
  auto p = ecd::parse_request(text, limits);
  EXPECT_FALSE(p.request.has_value()) << "accepted: " << text.substr(0, 80);
  EXPECT_TRUE(p.error.has_value());
  return p.error.value_or(ecd::RequestError{});
}

std::string describe(const std::vector<InputIssue>& issues) {
  std::string out;
  for (const auto& i : issues)
    out += "\n  " + i.source + " " + i.pointer + " [" + i.field + "] '" + i.text + "': " + i.message;
  return out;
}

// The issues whose field is `field`.
std::vector<InputIssue> issues_on(const Organisation& org, const std::string& field) {
  std::vector<InputIssue> out;
  for (const auto& i : org.issues)
    if (i.field == field) out.push_back(i);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// =================================================================================================
// Whole-request errors

struct RequestErrorCase {
  const char* label;
  std::string text;
  const char* message;  // must appear in the error message
};
std::ostream& operator<<(std::ostream& os, const RequestErrorCase& c) {
  return os << c.label;
}

class RequestWholeError : public testing::TestWithParam<RequestErrorCase> {};

TEST_P(RequestWholeError, IsARequestErrorThatSaysWhatIsWrong) {
  auto e = parse_error(GetParam().text);
  EXPECT_TRUE(contains(e.message, GetParam().message)) << e.message;
}

INSTANTIATE_TEST_SUITE_P(
    RequestCases, RequestWholeError,
    testing::Values(RequestErrorCase{"NotJson", "not json", "not valid JSON at byte"},
                    RequestErrorCase{"Empty", "", "not valid JSON at byte 0"},
                    RequestErrorCase{"Truncated", R"({"operation":"rules")", "not valid JSON at byte"},
                    RequestErrorCase{"TrailingComma", R"({"operation":"rules",})", "not valid JSON at byte"},
                    RequestErrorCase{"TooDeep", std::string(100, '[') + std::string(100, ']'),
                                     "nesting deeper than 64 levels at byte 64"},
                    RequestErrorCase{
                        "TooDeepInside",
                        R"({"operation":"analyze","connectors":)" + std::string(100, '[') + std::string(100, ']') + "}",
                        "nesting deeper than 64 levels"},
                    RequestErrorCase{"Array", "[]", "must be a JSON object"},
                    RequestErrorCase{"Number", "42", "must be a JSON object"},
                    RequestErrorCase{"String", R"("rules")", "must be a JSON object"},
                    RequestErrorCase{"Null", "null", "must be a JSON object"},
                    RequestErrorCase{
                        "UnknownOperation", R"({"operation":"fix"})",
                        "unknown operation 'fix' (expected analyze, resolve, rules, smtp, map, report or change)"}),
    [](const testing::TestParamInfo<RequestErrorCase>& info) { return std::string(info.param.label); });

TEST(RequestWholeErrorOffset, TheMessageGivesTheByteOffsetOfTheError) {
  //                 0123456789012345678901234
  std::string text = R"({"operation":"rules", x})";
  auto e = parse_error(text);
  EXPECT_EQ(e.offset, 22u) << e.message;
  EXPECT_TRUE(contains(e.message, "at byte " + std::to_string(e.offset))) << e.message;
}

TEST(RequestWholeErrorOffset, TooDeepGivesTheOffsetOfTheBracketPastTheLimit) {
  std::string text = R"({"a":)" + std::string(100, '[') + std::string(100, ']') + "}";
  auto e = parse_error(text);
  EXPECT_EQ(e.offset, 5u + 63u) << e.message;  // the 65th '[' or '{' (the object is the first)
  EXPECT_TRUE(contains(e.message, "at byte 68")) << e.message;
}

TEST(RequestWholeErrorOffset, BracketsInsideStringsDoNotCountAsNesting) {
  json r = request_with(json::array({connector()}));
  r["connectors"][0]["Comment"] = std::string(200, '[') + "\\\"" + std::string(200, '{');
  auto req = parse_ok(r);
  EXPECT_EQ(req.organisation.connectors.size(), 1u);
}

TEST(RequestLimits, SizeAndDepthLimitsAreConfigurable) {
  ecd::RequestLimits small;
  small.max_bytes = 10;
  EXPECT_TRUE(contains(parse_error(R"({"operation":"rules"})", small).message, "above the limit of 10 bytes"));
  ecd::RequestLimits shallow;
  shallow.max_depth = 2;
  EXPECT_TRUE(contains(parse_error(R"({"a":[[1]]})", shallow).message, "nesting deeper than 2 levels"));
  EXPECT_TRUE(ecd::parse_request(R"({"a":[1]})", shallow).request.has_value());
}

TEST(RequestOperation, NamesAnyCaseAndAnalyzeByDefault) {
  EXPECT_EQ(parse_ok(R"({"operation":"rules"})").operation, ecd::Operation::Rules);
  EXPECT_EQ(parse_ok(R"({"operation":"RESOLVE"})").operation, ecd::Operation::Resolve);
  EXPECT_EQ(parse_ok(R"({"operation":"Analyze"})").operation, ecd::Operation::Analyze);
  EXPECT_EQ(parse_ok(R"({})").operation, ecd::Operation::Analyze);
}

// =================================================================================================
// Issues inside a connector

TEST(RequestConnectorIssue, ABadRangeIsAnIssueAndTheOtherRangesStay) {
  json c = connector();
  c["RemoteIPRanges"] = {"10.0.0.1", "10.0.0.300", "10.0.1.0/24"};
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  const auto& conn = org.connectors[0];
  ASSERT_EQ(conn.remote_ip_ranges.size(), 2u);
  EXPECT_EQ(conn.remote_ip_ranges[0].expression, "10.0.0.1");
  EXPECT_EQ(conn.remote_ip_ranges[1].expression, "10.0.1.0/24");
  EXPECT_TRUE(conn.selectable());
  ASSERT_EQ(org.issues.size(), 1u) << describe(org.issues);
  const auto& i = org.issues[0];
  EXPECT_EQ(i.pointer, "/connectors/0/RemoteIPRanges/1");
  EXPECT_EQ(i.field, "RemoteIPRanges");
  EXPECT_EQ(i.text, "10.0.0.300");
  EXPECT_EQ(i.source, "request");
  EXPECT_EQ(i.connector, 0u);
  EXPECT_EQ(i.item, 0u);
  EXPECT_EQ(i.server, "EX01");
  EXPECT_EQ(i.connector_identity, "EX01\\Relay EX01");
  EXPECT_TRUE(contains(i.message, "300 is above 255")) << i.message;
  EXPECT_TRUE(contains(i.message, "left out")) << i.message;
}

TEST(RequestConnectorIssue, PointersFollowTheActualPropertyNameAndIndex) {
  json c0 = connector("A");
  json c1 = connector("B");
  c1.erase("RemoteIPRanges");
  c1["remoteipranges"] = {"fd00::/64", "fd00::1-fd00::0"};
  auto req = parse_ok(request_with(json::array({c0, c1})));
  auto issues = issues_on(req.organisation, "RemoteIPRanges");
  ASSERT_EQ(issues.size(), 1u) << describe(req.organisation.issues);
  EXPECT_EQ(issues[0].pointer, "/connectors/1/remoteipranges/1");
  EXPECT_EQ(issues[0].connector, 1u);
  EXPECT_EQ(req.organisation.connectors[1].remote_ip_ranges.size(), 1u);
}

TEST(RequestConnectorIssue, ABindingWithoutAPortIsAnIssueOnBindings) {
  json c = connector();
  c["Bindings"] = {"0.0.0.0:25", "10.0.0.5"};
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  ASSERT_EQ(org.connectors[0].bindings.size(), 1u);
  EXPECT_TRUE(org.connectors[0].has_bindings);
  auto issues = issues_on(org, "Bindings");
  ASSERT_EQ(issues.size(), 1u) << describe(org.issues);
  EXPECT_EQ(issues[0].pointer, "/connectors/0/Bindings/1");
  EXPECT_EQ(issues[0].text, "10.0.0.5");
  EXPECT_TRUE(contains(issues[0].message, "has no port")) << issues[0].message;
}

TEST(RequestConnectorIssue, AConnectorWithoutBindingsIsKeptButNotSelectable) {
  for (bool empty_array : {false, true}) {
    json c = connector();
    if (empty_array)
      c["Bindings"] = json::array();
    else
      c.erase("Bindings");
    auto req = parse_ok(request_with(json::array({c})));
    const auto& org = req.organisation;
    ASSERT_EQ(org.connectors.size(), 1u);
    EXPECT_FALSE(org.connectors[0].has_bindings);
    EXPECT_FALSE(org.connectors[0].selectable());
    auto issues = issues_on(org, "Bindings");
    ASSERT_EQ(issues.size(), 1u) << describe(org.issues);
    EXPECT_EQ(issues[0].pointer, "/connectors/0/Bindings");
    EXPECT_TRUE(contains(issues[0].message, "has no Bindings")) << issues[0].message;
    ecd::SelectionIndex index(org);
    auto s = index.select_connector(
        {"EX01", ecd::TransportRole::FrontendTransport, 25, ecd::ipv4(0x0a000001), std::nullopt}, true);
    EXPECT_EQ(s.winner, nullptr);
    ASSERT_EQ(s.candidates.size(), 1u);
    EXPECT_EQ(s.candidates[0].reason, ecd::LossReason::NotSelectable);
    EXPECT_TRUE(index.listening_ports("EX01").empty());
  }
}

// An item of a multi-valued property that is not a scalar (null, an array, an object without the
// members ConvertTo-Json writes) is an issue whose text and message show what was given, not a NUL.
TEST(RequestConnectorIssue, ANonScalarItemIsReportedWithoutANulCharacter) {
  json c = connector();
  c["Bindings"] = json::array({"0.0.0.0:25", nullptr});
  c["RemoteIPRanges"] = json::array({"10.0.0.1", json::array({"10.0.0.2"}), json::object()});
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  EXPECT_EQ(org.connectors[0].bindings.size(), 1u);
  EXPECT_EQ(org.connectors[0].remote_ip_ranges.size(), 1u);
  ASSERT_EQ(org.issues.size(), 3u) << describe(org.issues);
  for (const auto& i : org.issues) {
    EXPECT_FALSE(i.text.empty()) << i.pointer;
    EXPECT_EQ(i.text.find('\0'), std::string::npos) << i.pointer;
    EXPECT_EQ(i.message.find('\0'), std::string::npos) << i.pointer << ": " << i.message;
  }
}

TEST(RequestConnectorIssue, MissingRangesAreAnIssueButAMissingRoleIsTheDirectorysDefault) {
  json c = connector();
  c.erase("TransportRole");  // as an Exchange 2010/2007 shell exports it
  c.erase("RemoteIPRanges");
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  EXPECT_EQ(org.connectors[0].transport_role, ecd::TransportRole::HubTransport);
  EXPECT_FALSE(org.connectors[0].transport_role_given);
  EXPECT_FALSE(org.connectors[0].selectable());
  EXPECT_TRUE(issues_on(org, "TransportRole").empty()) << describe(org.issues);
  EXPECT_EQ(issues_on(org, "RemoteIPRanges").size(), 1u) << describe(org.issues);
}

TEST(RequestConnectorIssue, AnUnreadableRoleIsStillAnIssue) {
  json c = connector();
  c["TransportRole"] = "Sideways";
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  EXPECT_TRUE(org.connectors[0].transport_role_given);
  EXPECT_FALSE(org.connectors[0].transport_role.has_value());
  EXPECT_EQ(issues_on(org, "TransportRole").size(), 1u) << describe(org.issues);
}

TEST(RequestConnectorIssue, BadScalarValuesAreIssuesWithTheirPointer) {
  json c = connector();
  c["AuthMechanism"] = "Tls, Kerberos";
  c["Enabled"] = "maybe";
  c["MaxMessageSize"] = "lots";
  c["ConnectionTimeout"] = "forever";
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  const auto& conn = org.connectors[0];
  EXPECT_FALSE(conn.auth_mechanism.has_value());
  EXPECT_TRUE(conn.enabled);  // taken to be enabled
  EXPECT_FALSE(conn.max_message_size.has_value());
  EXPECT_FALSE(conn.connection_timeout_seconds.has_value());
  for (const char* field : {"AuthMechanism", "Enabled", "MaxMessageSize", "ConnectionTimeout"}) {
    auto issues = issues_on(org, field);
    ASSERT_EQ(issues.size(), 1u) << field << describe(org.issues);
    EXPECT_EQ(issues[0].pointer, std::string("/connectors/0/") + field);
  }
  EXPECT_TRUE(contains(issues_on(org, "AuthMechanism")[0].message, "'Kerberos'"));
}

TEST(RequestConnectorIssue, AStringItemIsAnIssueAndNoConnector) {
  auto req = parse_ok(request_with(json::array({"EX01\\Default Frontend EX01", connector()})));
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);
  EXPECT_EQ(org.connectors[0].item, 1u);
  EXPECT_EQ(org.connectors[0].index, 0u);
  ASSERT_EQ(org.issues.size(), 1u) << describe(org.issues);
  const auto& i = org.issues[0];
  EXPECT_EQ(i.pointer, "/connectors/0");
  EXPECT_EQ(i.text, "EX01\\Default Frontend EX01");
  EXPECT_EQ(i.field, "");
  EXPECT_FALSE(i.connector.has_value());
  EXPECT_EQ(i.item, 0u);
  EXPECT_TRUE(contains(i.message, "not a receive connector")) << i.message;
}

TEST(RequestConnectorIssue, AnObjectThatIsNotAConnectorIsAnIssueAndNoConnector) {
  json server_object{{"Name", "EX01"}, {"AdminDisplayVersion", "Version 15.2 (Build 986.5)"}};
  auto req = parse_ok(request_with(json::array({server_object, 42})));
  const auto& org = req.organisation;
  EXPECT_TRUE(org.connectors.empty());
  ASSERT_EQ(org.issues.size(), 2u) << describe(org.issues);
  EXPECT_EQ(org.issues[0].pointer, "/connectors/0");
  EXPECT_TRUE(contains(org.issues[0].message, "is not a receive connector")) << org.issues[0].message;
  EXPECT_EQ(org.issues[1].pointer, "/connectors/1");
  EXPECT_TRUE(contains(org.issues[1].message, "not a receive connector")) << org.issues[1].message;
}

TEST(RequestConnectorIssue, AConnectorWithoutIdentityCannotBePlaced) {
  json c = connector();
  c.erase("Identity");
  c.erase("Server");
  auto req = parse_ok(request_with(json::array({c})));
  EXPECT_TRUE(req.organisation.connectors.empty());
  auto issues = issues_on(req.organisation, "Identity");
  ASSERT_EQ(issues.size(), 1u) << describe(req.organisation.issues);
  EXPECT_EQ(issues[0].pointer, "/connectors/0");
}

TEST(RequestConnector, ServerAndNameComeFromTheIdentity) {
  json c = connector();
  c.erase("Server");
  c.erase("Name");
  c["Identity"] = "EX02\\Relay";
  auto req = parse_ok(request_with(json::array({c})));
  ASSERT_EQ(req.organisation.connectors.size(), 1u);
  EXPECT_EQ(req.organisation.connectors[0].server, "EX02");
  EXPECT_EQ(req.organisation.connectors[0].name, "Relay");
}

TEST(RequestConnector, ASingleObjectIsOneConnector) {
  auto req = parse_ok(request_with(connector()));
  ASSERT_EQ(req.organisation.connectors.size(), 1u);
  EXPECT_TRUE(req.organisation.issues.empty()) << describe(req.organisation.issues);
}

TEST(RequestConnector, ReadsEveryPropertyOfACompleteConnector) {
  json c = connector("Default Frontend EX01");
  c["Bindings"] = {"[::]:25", "0.0.0.0:25"};
  c["RemoteIPRanges"] = {"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"};
  c["AuthMechanism"] = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";
  c["PermissionGroups"] = "AnonymousUsers, ExchangeServers, ExchangeLegacyServers";
  c["Fqdn"] = "ex01.contoso.com";
  c["TlsCertificateName"] = "<I>CN=CA<S>CN=ex01.contoso.com";
  c["MaxMessageSize"] = "36 MB (37,748,736 bytes)";
  c["MessageRateLimit"] = "Unlimited";
  c["MaxInboundConnectionPerSource"] = "20";
  c["ConnectionTimeout"] = "00:10:00";
  c["MessageRateSource"] = "IPAddress";
  c["RequireTLS"] = false;
  auto req = parse_ok(request_with(json::array({c})));
  ASSERT_EQ(req.organisation.connectors.size(), 1u);
  EXPECT_TRUE(req.organisation.issues.empty()) << describe(req.organisation.issues);
  const auto& conn = req.organisation.connectors[0];
  EXPECT_EQ(conn.bindings.size(), 2u);
  EXPECT_EQ(conn.remote_ip_ranges.size(), 2u);
  EXPECT_EQ(conn.auth_mechanism, 31u);
  EXPECT_EQ(conn.permission_groups, 13u);
  EXPECT_EQ(conn.fqdn, "ex01.contoso.com");
  EXPECT_EQ(conn.tls_certificate_name, "<I>CN=CA<S>CN=ex01.contoso.com");
  ASSERT_TRUE(conn.max_message_size);
  EXPECT_EQ(conn.max_message_size->value, 37748736);
  ASSERT_TRUE(conn.message_rate_limit);
  EXPECT_TRUE(conn.message_rate_limit->unlimited());
  EXPECT_EQ(conn.max_inbound_connection_per_source->value, 20);
  EXPECT_EQ(conn.connection_timeout_seconds, 600);
  EXPECT_EQ(conn.message_rate_source, 1);
  EXPECT_EQ(conn.require_tls, false);
  EXPECT_EQ(ecd::default_connector_kind(conn), ecd::DefaultConnector::DefaultFrontend);
}

// =================================================================================================
// Documents: connector lists inside the request as JSON text (-Path files).

TEST(RequestDocuments, ReadsTheConnectorsInsideTheText) {
  json inner = json::array({connector("A"), connector("B")});
  inner[1]["RemoteIPRanges"] = {"10.0.0.1", "bad"};
  json r{{"operation", "analyze"},
         {"documents", json::array({json{{"source", "connectors.json"}, {"text", inner.dump()}}})}};
  auto req = parse_ok(r);
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 2u);
  EXPECT_EQ(org.connectors[0].name, "A");
  EXPECT_EQ(org.connectors[1].name, "B");
  EXPECT_EQ(org.connectors[1].index, 1u);
  ASSERT_EQ(org.issues.size(), 1u) << describe(org.issues);
  EXPECT_EQ(org.issues[0].source, "connectors.json");
  EXPECT_EQ(org.issues[0].pointer, "/1/RemoteIPRanges/1");
  EXPECT_EQ(org.issues[0].text, "bad");
}

TEST(RequestDocuments, FollowTheRequestsOwnConnectorsInOrder) {
  json r{
      {"operation", "analyze"},
      {"connectors", json::array({connector("First")})},
      {"documents", json::array({json{{"source", "one.json"}, {"text", connector("Second").dump()}},
                                 json{{"source", "two.json"}, {"text", json::array({connector("Third")}).dump()}}})}};
  auto req = parse_ok(r);
  ASSERT_EQ(req.organisation.connectors.size(), 3u);
  EXPECT_EQ(req.organisation.connectors[0].name, "First");
  EXPECT_EQ(req.organisation.connectors[1].name, "Second");
  EXPECT_EQ(req.organisation.connectors[2].name, "Third");
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(req.organisation.connectors[i].index, i);
}

TEST(RequestDocuments, BrokenTextIsAnIssueThatNamesTheSource) {
  json r{{"operation", "analyze"},
         {"documents", json::array({json{{"source", "C:\\exports\\broken.json"}, {"text", "[{\"Identity\": }"}},
                                    json{{"source", "good.json"}, {"text", json::array({connector()}).dump()}}})}};
  auto req = parse_ok(r);
  const auto& org = req.organisation;
  ASSERT_EQ(org.connectors.size(), 1u);  // the other document is still read
  ASSERT_EQ(org.issues.size(), 1u) << describe(org.issues);
  EXPECT_EQ(org.issues[0].source, "C:\\exports\\broken.json");
  EXPECT_TRUE(contains(org.issues[0].message, "C:\\exports\\broken.json")) << org.issues[0].message;
  EXPECT_TRUE(contains(org.issues[0].message, "not valid JSON at byte")) << org.issues[0].message;
}

TEST(RequestDocuments, ADocumentWithoutSourceIsNamedByItsPosition) {
  json r{{"operation", "analyze"}, {"documents", json::array({json{{"text", "nope"}}})}};
  auto req = parse_ok(r);
  ASSERT_EQ(req.organisation.issues.size(), 1u);
  EXPECT_EQ(req.organisation.issues[0].source, "document 0");
}

// =================================================================================================
// Exchange servers

TEST(RequestServers, StringsAndObjectsMergeByNameCaseInsensitively) {
  json r{{"operation", "analyze"},
         {"servers", json::array({"EX01=10.0.0.11,fd00::11",
                                  json{{"Name", "ex01"},
                                       {"AdminDisplayVersion", "Version 15.2 (Build 986.5)"},
                                       {"ServerRole", "Mailbox"},
                                       {"Fqdn", "ex01.contoso.com"}},
                                  json{{"Name", "LEGACY"},
                                       {"AdminDisplayVersion", "Version 14.3 (Build 123.4)"},
                                       {"ServerRole", "Mailbox, ClientAccess, HubTransport"},
                                       {"Addresses", {"10.0.0.20"}}},
                                  json{{"Name", "EDGE01"}, {"IsEdgeServer", true}, {"Address", "192.0.2.1"}},
                                  "Ex01=10.0.0.11, 10.0.0.12", "BARE"})}};
  auto req = parse_ok(r);
  const auto& org = req.organisation;
  EXPECT_TRUE(org.issues.empty()) << describe(org.issues);
  ASSERT_EQ(org.servers.size(), 4u);
  // Sorted by name.
  EXPECT_EQ(org.servers[0].name, "BARE");
  EXPECT_EQ(org.servers[1].name, "EDGE01");
  EXPECT_EQ(org.servers[2].name, "EX01");
  EXPECT_EQ(org.servers[3].name, "LEGACY");
  const auto* ex01 = org.find_server("ex01");
  ASSERT_NE(ex01, nullptr);
  std::vector<std::string> addresses;
  for (const auto& a : ex01->addresses) addresses.push_back(ecd::format_ip_address(a));
  EXPECT_EQ(addresses, (std::vector<std::string>{"10.0.0.11", "fd00::11", "10.0.0.12"}));
  ASSERT_TRUE(ex01->version);
  EXPECT_EQ(ex01->version->product(), "Exchange 2019");
  EXPECT_EQ(ex01->version->build, 986);
  EXPECT_EQ(ex01->server_role, "Mailbox");
  EXPECT_EQ(ex01->fqdn, "ex01.contoso.com");
  EXPECT_TRUE(ex01->given);
  EXPECT_TRUE(ex01->profile.known());
  EXPECT_EQ(ex01->profile.likely, ecd::TransportKind::Colocated);
  EXPECT_FALSE(ex01->has_connectors);
  const auto* legacy = org.find_server("LEGACY");
  ASSERT_TRUE(legacy && legacy->version);
  EXPECT_EQ(legacy->version->product(), "Exchange 2010");
  EXPECT_TRUE(legacy->profile.known());
  EXPECT_EQ(legacy->profile.likely, ecd::TransportKind::LegacyHub);
  ASSERT_EQ(legacy->addresses.size(), 1u);
  const auto* edge = org.find_server("edge01");
  ASSERT_NE(edge, nullptr);
  EXPECT_TRUE(edge->profile.is_edge());
  EXPECT_FALSE(edge->profile.known()) << "without a version it may be a 2010 or a later Edge";
  EXPECT_EQ(ecd::format_ip_address(edge->addresses.at(0)), "192.0.2.1");
  EXPECT_FALSE(org.find_server("BARE")->profile.known());
  EXPECT_TRUE(org.find_server("BARE")->addresses.empty());
  EXPECT_EQ(org.find_server("nosuch"), nullptr);
}

TEST(RequestServers, EdgeIsAlsoReadFromTheServerRole) {
  auto req = parse_ok(json{{"servers", json::array({json{{"Name", "EDGE02"}, {"ServerRole", "Edge"}}})}});
  ASSERT_EQ(req.organisation.servers.size(), 1u);
  EXPECT_TRUE(req.organisation.servers[0].profile.is_edge());
}

TEST(RequestServers, BadAddressesAndVersionsAreIssues) {
  json r{{"servers", json::array({"EX01=10.0.0.11,10.0.0.300",
                                  json{{"Name", "EX02"}, {"AdminDisplayVersion", "garbage"}}, "=10.0.0.1", 42})}};
  auto req = parse_ok(r);
  const auto& org = req.organisation;
  auto address = issues_on(org, "Address");
  ASSERT_EQ(address.size(), 1u) << describe(org.issues);
  EXPECT_EQ(address[0].text, "10.0.0.300");
  EXPECT_EQ(address[0].server, "EX01");
  EXPECT_EQ(address[0].pointer, "/servers/0");
  auto version = issues_on(org, "AdminDisplayVersion");
  ASSERT_EQ(version.size(), 1u) << describe(org.issues);
  EXPECT_EQ(version[0].pointer, "/servers/1/AdminDisplayVersion");
  EXPECT_EQ(issues_on(org, "ExchangeServer").size(), 2u) << describe(org.issues);
  ASSERT_NE(org.find_server("EX01"), nullptr);
  EXPECT_EQ(org.find_server("EX01")->addresses.size(), 1u);
}

TEST(RequestServers, SpecificBindingAddressesAreWhereTheServerListensNotWhereItConnectsFrom) {
  json c = connector();
  c["Bindings"] = {"0.0.0.0:25", "10.0.0.5:25", "[fd00::5]:2525", "[::]:25", "10.0.0.11:587"};
  json r{{"connectors", json::array({c})}, {"servers", json::array({"ex01=10.0.0.11"})}};
  auto req = parse_ok(r);
  const auto* s = req.organisation.find_server("EX01");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->has_connectors);
  std::vector<std::string> addresses;
  for (const auto& a : s->addresses) addresses.push_back(ecd::format_ip_address(a));
  EXPECT_EQ(addresses, (std::vector<std::string>{"10.0.0.11"})) << "a second NIC or a DAG network is no sender address";
}

TEST(RequestServers, AServerOnlyNamedByConnectorsExists) {
  auto req = parse_ok(request_with(json::array({connector("A", "EX02"), connector("B", "ex02")})));
  ASSERT_EQ(req.organisation.servers.size(), 1u);
  EXPECT_EQ(req.organisation.servers[0].name, "EX02");
  EXPECT_TRUE(req.organisation.servers[0].has_connectors);
  EXPECT_EQ(req.organisation.connectors_of("Ex02").size(), 2u);
}

// =================================================================================================
// The shapes ConvertTo-Json gives for Exchange types.

TEST(RequestConvertToJson, AcceptsIntegersBindingObjectsAndRangeObjects) {
  json c = connector("Default Frontend EX01");
  c["TransportRole"] = 16384;
  c["Enabled"] = true;
  c["AuthMechanism"] = 31;
  c["PermissionGroups"] = 13;
  c["Bindings"] = json::array(
      {json{{"Address", "0.0.0.0"}, {"Port", 25}, {"AddressFamily", 2}},
       json{{"Address", json{{"IPAddressToString", "::"}, {"AddressFamily", 23}}}, {"Port", 25}, {"AddressFamily", 23}},
       json{{"Address", json{{"IPAddressToString", "fd00::5"}}}, {"Port", 2525}}});
  c["RemoteIPRanges"] = json::array(
      {json{
           {"Expression", "10.0.0.0/24"}, {"LowerBound", "10.0.0.0"}, {"UpperBound", "10.0.0.255"}, {"RangeFormat", 2}},
       json{{"LowerBound", "fd00::"}, {"UpperBound", "fd00::ff"}},
       json{{"Expression", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}}});
  c["MaxMessageSize"] = "36 MB (37,748,736 bytes)";
  c["MaxInboundConnection"] = 5000;
  auto req = parse_ok(request_with(json::array({c})));
  const auto& org = req.organisation;
  EXPECT_TRUE(org.issues.empty()) << describe(org.issues);
  ASSERT_EQ(org.connectors.size(), 1u);
  const auto& conn = org.connectors[0];
  EXPECT_EQ(conn.transport_role, ecd::TransportRole::FrontendTransport);
  EXPECT_EQ(conn.auth_mechanism, 31u);
  EXPECT_EQ(conn.permission_groups, 13u);
  std::vector<std::string> bindings;
  for (const auto& b : conn.bindings) bindings.push_back(ecd::format_ip_binding(b));
  EXPECT_EQ(bindings, (std::vector<std::string>{"0.0.0.0:25", "[::]:25", "[fd00::5]:2525"}));
  ASSERT_EQ(conn.remote_ip_ranges.size(), 3u);
  EXPECT_EQ(conn.remote_ip_ranges[0].expression, "10.0.0.0/24");
  EXPECT_EQ(conn.remote_ip_ranges[1].size(), ecd::Uint128::from_u64(256));
  EXPECT_TRUE(conn.remote_ip_ranges[2].size().is_max());
  EXPECT_EQ(conn.max_inbound_connection->value, 5000);
  EXPECT_TRUE(conn.selectable());
}

TEST(RequestConvertToJson, AcceptsFormatListStringsForMultiValuedProperties) {
  json c = connector();
  c["Bindings"] = "{[::]:25, 0.0.0.0:25}";
  c["RemoteIPRanges"] = "{::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 0.0.0.0-255.255.255.255}";
  c["TransportRole"] = 32;
  auto req = parse_ok(request_with(json::array({c})));
  ASSERT_EQ(req.organisation.connectors.size(), 1u);
  EXPECT_TRUE(req.organisation.issues.empty()) << describe(req.organisation.issues);
  const auto& conn = req.organisation.connectors[0];
  EXPECT_EQ(conn.bindings.size(), 2u);
  EXPECT_EQ(conn.remote_ip_ranges.size(), 2u);
  EXPECT_EQ(conn.transport_role, ecd::TransportRole::HubTransport);
}

TEST(RequestConvertToJson, PropertyNamesAreCaseInsensitive) {
  json c{{"identity", "EX01\\Relay"},  {"transportrole", "FrontendTransport"}, {"ENABLED", "False"},
         {"bindings", {"0.0.0.0:25"}}, {"remoteIPRanges", {"10.0.0.1"}},       {"authmechanism", "Tls"},
         {"permissiongroups", "None"}};
  auto req = parse_ok(request_with(json::array({c})));
  ASSERT_EQ(req.organisation.connectors.size(), 1u);
  EXPECT_TRUE(req.organisation.issues.empty()) << describe(req.organisation.issues);
  EXPECT_FALSE(req.organisation.connectors[0].enabled);
  EXPECT_TRUE(req.organisation.connectors[0].selectable());
}

// =================================================================================================
// Options and queries

TEST(RequestOptions, RulesExcludeRulesAndMinimumSeverity) {
  auto req = parse_ok(json{{"rules", {"ECD0101", "default-connector-exchange-auth"}},
                           {"excludeRules", "ECD0002"},
                           {"minimumSeverity", "Warning"}});
  EXPECT_EQ(req.rules, (std::vector<std::string>{"ECD0101", "default-connector-exchange-auth"}));
  EXPECT_EQ(req.exclude_rules, (std::vector<std::string>{"ECD0002"}));
  EXPECT_EQ(req.minimum_severity, "Warning");
  EXPECT_EQ(parse_ok(R"({})").minimum_severity, "Information");
}

TEST(RequestQueries, ReadsServerRemoteAddressPortAndLocalAddress) {
  auto req = parse_ok(
      json{{"operation", "resolve"},
           {"queries",
            json::array(
                {json{{"server", "EX01"}, {"remoteAddress", "10.0.0.20"}, {"port", 25}, {"localAddress", "10.0.0.5"}},
                 json{{"remoteAddress", "fd00::1"}, {"port", "2525"}}, json{{"remoteAddress", "10.0.0.300"}},
                 json{{"remoteAddress", "10.0.0.1"}, {"port", 70000}},
                 json{{"remoteAddress", "10.0.0.1"}, {"localAddress", "fd00::5"}}, json{{"port", 25}}})}});
  ASSERT_EQ(req.queries.size(), 2u);
  const auto& q0 = req.queries[0];
  EXPECT_EQ(q0.server, "EX01");
  EXPECT_EQ(ecd::format_ip_address(q0.remote_address), "10.0.0.20");
  EXPECT_EQ(q0.port, 25);
  ASSERT_TRUE(q0.local_address);
  EXPECT_EQ(ecd::format_ip_address(*q0.local_address), "10.0.0.5");
  const auto& q1 = req.queries[1];
  EXPECT_FALSE(q1.server.has_value());
  EXPECT_EQ(q1.remote_address.family, ecd::Family::IPv6);
  EXPECT_EQ(q1.port, 2525);
  EXPECT_FALSE(q1.local_address.has_value());
  const auto& issues = req.organisation.issues;
  ASSERT_EQ(issues.size(), 4u) << describe(issues);
  EXPECT_EQ(issues[0].pointer, "/queries/2/remoteAddress");
  EXPECT_EQ(issues[1].pointer, "/queries/3/port");
  EXPECT_EQ(issues[2].pointer, "/queries/4/localAddress");
  EXPECT_TRUE(contains(issues[2].message, "different families")) << issues[2].message;
  EXPECT_EQ(issues[3].pointer, "/queries/5");
}

}  // namespace

}  // namespace request_test
