// Tests for parse/values.h: the scalar value formats of Get-ReceiveConnector (DOMAIN.md §6.2):
// flag lists (AuthMechanism, PermissionGroups), TransportRole, booleans, Unlimited<int>,
// ByteQuantifiedSize, EnhancedTimeSpan, enums, TlsCertificateName and Exchange versions.
#include "core/values.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace values_test {

namespace {

using ecd::Limit;
using ecd::TransportRole;

// A failure case: the input and pieces of text the error message must contain.
struct ErrorCase {
  const char* text;
  const char* message;  // must appear in the error
};
std::ostream& operator<<(std::ostream& os, const ErrorCase& c) {
  return os << '"' << c.text << '"';
}

template <class T>
void expect_error(const ecd::Parsed<T>& p, const ErrorCase& c) {
  ASSERT_FALSE(p) << "accepted \"" << c.text << "\"";
  EXPECT_FALSE(p.value.has_value());
  EXPECT_NE(p.error.find(c.message), std::string::npos) << "error: " << p.error;
}

// =================================================================================================
// AuthMechanism

struct FlagCase {
  const char* text;       // what is parsed
  std::uint32_t value;    // the flags
  const char* formatted;  // how Exchange prints them
};
std::ostream& operator<<(std::ostream& os, const FlagCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesAuthMechanism : public testing::TestWithParam<FlagCase> {};

TEST_P(ValuesAuthMechanism, ParsesNamesAndIntegersAndFormatsInBitOrder) {
  const FlagCase& c = GetParam();
  auto p = ecd::parse_auth_mechanism(c.text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.error, "");
  EXPECT_EQ(*p.value, c.value);
  EXPECT_EQ(ecd::format_auth_mechanism(c.value), c.formatted);
  // Both ways: the printed names and the integer parse back to the same flags.
  auto names = ecd::parse_auth_mechanism(c.formatted);
  ASSERT_TRUE(names) << names.error;
  EXPECT_EQ(*names.value, c.value);
  auto number = ecd::parse_auth_mechanism(std::to_string(c.value));
  ASSERT_TRUE(number) << number.error;
  EXPECT_EQ(*number.value, c.value);
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesAuthMechanism,
    testing::Values(
        FlagCase{"31", 31, "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer"},
        FlagCase{"15", 15, "Tls, Integrated, BasicAuth, BasicAuthRequireTLS"},
        FlagCase{"13", 13, "Tls, BasicAuth, BasicAuthRequireTLS"},
        FlagCase{"14", 14, "Integrated, BasicAuth, BasicAuthRequireTLS"}, FlagCase{"6", 6, "Integrated, BasicAuth"},
        FlagCase{"4", 4, "BasicAuth"}, FlagCase{"2", 2, "Integrated"}, FlagCase{"0", 0, "None"},
        FlagCase{"None", 0, "None"}, FlagCase{"Tls, ExchangeServer", 17, "Tls, ExchangeServer"},
        FlagCase{"ExchangeServer, Tls", 17, "Tls, ExchangeServer"},
        FlagCase{"tls,exchangeserver", 17, "Tls, ExchangeServer"},
        FlagCase{"  Tls ,  BasicAuth  ", 5, "Tls, BasicAuth"}, FlagCase{"Tls, Tls", 1, "Tls"},
        FlagCase{"Tls, ExternalAuthoritative", 33, "Tls, ExternalAuthoritative"},
        FlagCase{"Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer", 31,
                 "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer"},
        FlagCase{"63", 63, "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer, ExternalAuthoritative"}));

class ValuesAuthMechanismError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesAuthMechanismError, SaysWhatIsWrong) {
  expect_error(ecd::parse_auth_mechanism(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesAuthMechanismError,
                         testing::Values(ErrorCase{"Kerberos", "'Kerberos' is not a AuthMechanism name"},
                                         ErrorCase{"Tls, Kerberos", "'Kerberos' is not a AuthMechanism name"},
                                         ErrorCase{"Tls, Kerberos",
                                                   "valid: None, Tls, Integrated, BasicAuth, BasicAuthRequireTLS, "
                                                   "ExchangeServer, ExternalAuthoritative"},
                                         ErrorCase{"AnonymousUsers", "'AnonymousUsers' is not a AuthMechanism name"},
                                         ErrorCase{"64", "'64' is not a valid AuthMechanism value"},
                                         ErrorCase{"65", "'65' is not a valid AuthMechanism value"},
                                         ErrorCase{"-1", "'-1' is not a valid AuthMechanism value"},
                                         ErrorCase{"", "AuthMechanism is empty"},
                                         ErrorCase{"   ", "AuthMechanism is empty"}));

TEST(ValuesAuthMechanismList, GivesTheNamesOneByOneInBitOrder) {
  EXPECT_EQ(ecd::auth_mechanism_list(0), (std::vector<std::string>{"None"}));
  EXPECT_EQ(ecd::auth_mechanism_list(17), (std::vector<std::string>{"Tls", "ExchangeServer"}));
  EXPECT_EQ(ecd::auth_mechanism_list(31),
            (std::vector<std::string>{"Tls", "Integrated", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer"}));
  EXPECT_EQ(ecd::auth_mechanism_list(32), (std::vector<std::string>{"ExternalAuthoritative"}));
}

// =================================================================================================
// PermissionGroups

class ValuesPermissionGroups : public testing::TestWithParam<FlagCase> {};

TEST_P(ValuesPermissionGroups, ParsesNamesAndIntegersAndFormatsInBitOrder) {
  const FlagCase& c = GetParam();
  auto p = ecd::parse_permission_groups(c.text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(*p.value, c.value);
  EXPECT_EQ(ecd::format_permission_groups(c.value), c.formatted);
  auto names = ecd::parse_permission_groups(c.formatted);
  ASSERT_TRUE(names) << names.error;
  EXPECT_EQ(*names.value, c.value);
  auto number = ecd::parse_permission_groups(std::to_string(c.value));
  ASSERT_TRUE(number) << number.error;
  EXPECT_EQ(*number.value, c.value);
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesPermissionGroups,
    testing::Values(FlagCase{"31", 31,
                             "AnonymousUsers, ExchangeUsers, ExchangeServers, ExchangeLegacyServers, Partners"},
                    FlagCase{"15", 15, "AnonymousUsers, ExchangeUsers, ExchangeServers, ExchangeLegacyServers"},
                    FlagCase{"13", 13, "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"},
                    FlagCase{"14", 14, "ExchangeUsers, ExchangeServers, ExchangeLegacyServers"},
                    FlagCase{"6", 6, "ExchangeUsers, ExchangeServers"}, FlagCase{"4", 4, "ExchangeServers"},
                    FlagCase{"2", 2, "ExchangeUsers"}, FlagCase{"0", 0, "None"}, FlagCase{"None", 0, "None"},
                    FlagCase{"AnonymousUsers, ExchangeServers, ExchangeLegacyServers", 13,
                             "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"},
                    FlagCase{"exchangelegacyservers,anonymoususers, EXCHANGESERVERS", 13,
                             "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"},
                    FlagCase{"Custom", 32, "Custom"},
                    FlagCase{"ExchangeServers, Custom", 36, "ExchangeServers, Custom"}));

class ValuesPermissionGroupsError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesPermissionGroupsError, SaysWhatIsWrong) {
  expect_error(ecd::parse_permission_groups(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesPermissionGroupsError,
                         testing::Values(ErrorCase{"Everyone", "'Everyone' is not a PermissionGroups name"},
                                         ErrorCase{"AnonymousUsers, Admins", "'Admins' is not a PermissionGroups name"},
                                         ErrorCase{"Admins",
                                                   "valid: None, AnonymousUsers, ExchangeUsers, ExchangeServers, "
                                                   "ExchangeLegacyServers, Partners, Custom"},
                                         ErrorCase{"Tls", "'Tls' is not a PermissionGroups name"},
                                         ErrorCase{"64", "'64' is not a valid PermissionGroups value"},
                                         ErrorCase{"-4", "'-4' is not a valid PermissionGroups value"},
                                         ErrorCase{"", "PermissionGroups is empty"}));

TEST(ValuesPermissionGroupList, GivesTheNamesOneByOneInBitOrder) {
  EXPECT_EQ(ecd::permission_group_list(0), (std::vector<std::string>{"None"}));
  EXPECT_EQ(ecd::permission_group_list(13),
            (std::vector<std::string>{"AnonymousUsers", "ExchangeServers", "ExchangeLegacyServers"}));
  EXPECT_EQ(ecd::permission_group_list(16), (std::vector<std::string>{"Partners"}));
}

// =================================================================================================
// TransportRole

struct RoleCase {
  const char* text;
  TransportRole role;
};
std::ostream& operator<<(std::ostream& os, const RoleCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesTransportRole : public testing::TestWithParam<RoleCase> {};

TEST_P(ValuesTransportRole, ParsesNamesAndServerRoleIntegers) {
  auto p = ecd::parse_transport_role(GetParam().text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(ecd::transport_role_name(*p.value), ecd::transport_role_name(GetParam().role));
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesTransportRole,
                         testing::Values(RoleCase{"HubTransport", TransportRole::HubTransport},
                                         RoleCase{"hubtransport", TransportRole::HubTransport},
                                         RoleCase{"32", TransportRole::HubTransport},
                                         RoleCase{" HubTransport ", TransportRole::HubTransport},
                                         RoleCase{"FrontendTransport", TransportRole::FrontendTransport},
                                         RoleCase{"FRONTENDTRANSPORT", TransportRole::FrontendTransport},
                                         RoleCase{"16384", TransportRole::FrontendTransport},
                                         RoleCase{"Mailbox", TransportRole::Other},
                                         RoleCase{"Edge", TransportRole::Other}, RoleCase{"2", TransportRole::Other}));

class ValuesTransportRoleError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesTransportRoleError, SaysWhatIsWrong) {
  expect_error(ecd::parse_transport_role(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesTransportRoleError,
    testing::Values(ErrorCase{"Hub", "'Hub' is not a TransportRole (expected HubTransport or FrontendTransport)"},
                    ErrorCase{"16385", "'16385' is not a TransportRole"}, ErrorCase{"", "is not a TransportRole"}));

TEST(ValuesTransportRoleName, NamesEveryRole) {
  EXPECT_EQ(ecd::transport_role_name(TransportRole::HubTransport), "HubTransport");
  EXPECT_EQ(ecd::transport_role_name(TransportRole::FrontendTransport), "FrontendTransport");
  EXPECT_EQ(ecd::transport_role_name(TransportRole::Other), "Other");
}

// =================================================================================================
// Booleans

struct BoolCase {
  const char* text;
  bool value;
};
std::ostream& operator<<(std::ostream& os, const BoolCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesBool : public testing::TestWithParam<BoolCase> {};

TEST_P(ValuesBool, ParsesTrueFalseAndOneZero) {
  auto p = ecd::parse_bool(GetParam().text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(*p.value, GetParam().value);
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesBool,
                         testing::Values(BoolCase{"True", true}, BoolCase{"true", true}, BoolCase{"TRUE", true},
                                         BoolCase{" True ", true}, BoolCase{"1", true}, BoolCase{"False", false},
                                         BoolCase{"false", false}, BoolCase{"0", false}));

class ValuesBoolError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesBoolError, SaysWhatIsWrong) {
  expect_error(ecd::parse_bool(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesBoolError,
                         testing::Values(ErrorCase{"yes", "'yes' is not a boolean (expected True or False)"},
                                         ErrorCase{"2", "'2' is not a boolean"},
                                         ErrorCase{"$true", "'$true' is not a boolean"},
                                         ErrorCase{"", "is not a boolean"}));

// =================================================================================================
// Unlimited<int>

struct LimitCase {
  const char* text;
  std::optional<std::int64_t> value;  // nullopt = Unlimited
};
std::ostream& operator<<(std::ostream& os, const LimitCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesLimit : public testing::TestWithParam<LimitCase> {};

TEST_P(ValuesLimit, ParsesUnlimitedAndNumbersWithGroupSeparators) {
  auto p = ecd::parse_limit(GetParam().text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->value, GetParam().value);
  EXPECT_EQ(p.value->unlimited(), !GetParam().value.has_value());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesLimit,
                         testing::Values(LimitCase{"Unlimited", std::nullopt}, LimitCase{"unlimited", std::nullopt},
                                         LimitCase{" UNLIMITED ", std::nullopt}, LimitCase{"5000", 5000},
                                         LimitCase{"1,000", 1000}, LimitCase{"2,147,483,647", 2147483647},
                                         LimitCase{"0", 0}, LimitCase{" 20 ", 20}));

class ValuesLimitError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesLimitError, SaysWhatIsWrong) {
  expect_error(ecd::parse_limit(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesLimitError,
                         testing::Values(ErrorCase{"lots", "'lots' is not a number or Unlimited"},
                                         ErrorCase{"-1", "'-1' is not a number or Unlimited"},
                                         ErrorCase{"12abc", "'12abc' is not a number or Unlimited"},
                                         ErrorCase{"1.5", "'1.5' is not a number or Unlimited"},
                                         ErrorCase{"", "is not a number or Unlimited"}));

// =================================================================================================
// ByteQuantifiedSize

class ValuesByteSize : public testing::TestWithParam<LimitCase> {};

TEST_P(ValuesByteSize, ParsesDisplayFormUnitsAndPlainBytes) {
  auto p = ecd::parse_byte_size(GetParam().text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->value, GetParam().value);
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesByteSize,
    testing::Values(LimitCase{"36 MB (37,748,736 bytes)", 37748736}, LimitCase{"256 KB (262,144 bytes)", 262144},
                    LimitCase{"35 MB (36,700,160 bytes)", 36700160},
                    LimitCase{"1.5 GB (1,610,612,736 bytes)", 1610612736}, LimitCase{"36MB", 37748736},
                    LimitCase{"36 MB", 37748736}, LimitCase{"36 mb", 37748736}, LimitCase{"256KB", 262144},
                    LimitCase{"1 GB", 1073741824}, LimitCase{"2TB", 2199023255552}, LimitCase{"100 B", 100},
                    LimitCase{"37748736", 37748736}, LimitCase{"37,748,736", 37748736}, LimitCase{"1.5 MB", 1572864},
                    LimitCase{"0.5 KB", 512}, LimitCase{"Unlimited", std::nullopt}));

class ValuesByteSizeError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesByteSizeError, SaysWhatIsWrong) {
  expect_error(ecd::parse_byte_size(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesByteSizeError,
    testing::Values(ErrorCase{"lots", "'lots' is not a size (expected e.g. 36 MB (37,748,736 bytes))"},
                    ErrorCase{"36 XB", "'36 XB' is not a size"}, ErrorCase{"MB", "'MB' is not a size"},
                    ErrorCase{"36 MB (lots)", "'36 MB (lots)' is not a size"},
                    ErrorCase{"36 MB (37,748,736 bytes", "is not a size"},
                    ErrorCase{"1.x MB", "'1.x MB' is not a size"}, ErrorCase{"", "is not a size"}));

// A ByteQuantifiedSize is unsigned in Exchange, and parse_limit already refuses negatives: a negative
// size, or one whose byte count overflows (signed overflow today), must not come back as a negative
// byte count. (Only the refusal is checked, not the wording.)
class ValuesByteSizeOutOfRange : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesByteSizeOutOfRange, IsRefused) {
  expect_error(ecd::parse_byte_size(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesByteSizeOutOfRange,
                         testing::Values(ErrorCase{"-1 MB", ""}, ErrorCase{"-37748736", ""},
                                         ErrorCase{"99999999 TB", ""}, ErrorCase{"9999999999 GB", ""}));

// =================================================================================================
// EnhancedTimeSpan

struct TimeSpanCase {
  const char* text;
  std::int64_t seconds;
};
std::ostream& operator<<(std::ostream& os, const TimeSpanCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesTimeSpan : public testing::TestWithParam<TimeSpanCase> {};

TEST_P(ValuesTimeSpan, ParsesDaysHoursMinutesSecondsToWholeSeconds) {
  auto p = ecd::parse_time_span_seconds(GetParam().text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(*p.value, GetParam().seconds);
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesTimeSpan,
                         testing::Values(TimeSpanCase{"00:10:00", 600}, TimeSpanCase{"1.00:00:00", 86400},
                                         TimeSpanCase{"00:00:05", 5}, TimeSpanCase{"00:05:00", 300},
                                         TimeSpanCase{"01:02:03", 3723}, TimeSpanCase{"1.02:03:04", 93784},
                                         TimeSpanCase{"23:59:59", 86399}, TimeSpanCase{"00:00:05.5000000", 5},
                                         TimeSpanCase{" 00:00:01 ", 1}, TimeSpanCase{"-00:00:05", -5}));

class ValuesTimeSpanError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesTimeSpanError, SaysWhatIsWrong) {
  expect_error(ecd::parse_time_span_seconds(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesTimeSpanError,
    testing::Values(ErrorCase{"ten minutes", "'ten minutes' is not a time span (expected [d.]hh:mm:ss)"},
                    ErrorCase{"600", "'600' is not a time span"}, ErrorCase{"00:10", "is not a time span"},
                    ErrorCase{"00:60:00", "is not a time span"}, ErrorCase{"00:00:60", "is not a time span"},
                    ErrorCase{"24:00:00", "'24:00:00' is not a time span"},
                    ErrorCase{"aa:bb:cc", "'aa:bb:cc' is not a time span"},
                    ErrorCase{"x.00:00:00", "'x.00:00:00' is not a time span"},
                    ErrorCase{"00:00:05.abc", "is not a time span"}, ErrorCase{"", "is not a time span"}));

// The message quotes the whole input, not the part that was left when the parser gave up.
class ValuesTimeSpanErrorQuote : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesTimeSpanErrorQuote, QuotesTheWholeInput) {
  expect_error(ecd::parse_time_span_seconds(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesTimeSpanErrorQuote,
                         testing::Values(ErrorCase{"00:10", "'00:10' is not a time span"},
                                         ErrorCase{"00:60:00", "'00:60:00' is not a time span"},
                                         ErrorCase{"00:00:60", "'00:00:60' is not a time span"},
                                         ErrorCase{"1.00:00:60", "'1.00:00:60' is not a time span"},
                                         ErrorCase{"00:00:05.abc", "'00:00:05.abc' is not a time span"}));

// A component with its own minus sign is not [d.]hh:mm:ss (only a leading '-' negates the whole span),
// and a day count whose seconds overflow is not a time span either. (Only the refusal is checked.)
class ValuesTimeSpanOutOfRange : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesTimeSpanOutOfRange, IsRefused) {
  expect_error(ecd::parse_time_span_seconds(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesTimeSpanOutOfRange,
                         testing::Values(ErrorCase{"00:-5:00", ""}, ErrorCase{"00:00:-5", ""},
                                         ErrorCase{"1.-2:00:00", ""}, ErrorCase{"999999999999999.00:00:00", ""}));

// =================================================================================================
// Enums

struct EnumCase {
  const char* text;
  int value;
};
std::ostream& operator<<(std::ostream& os, const EnumCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesEnum : public testing::TestWithParam<EnumCase> {};

TEST_P(ValuesEnum, ParsesNamesAnyCaseAndNumbers) {
  auto p = ecd::parse_enum(GetParam().text, {"None", "IPAddress", "User", "All"});
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(*p.value, GetParam().value);
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesEnum,
                         testing::Values(EnumCase{"None", 0}, EnumCase{"IPAddress", 1}, EnumCase{"ipaddress", 1},
                                         EnumCase{"User", 2}, EnumCase{" All ", 3}, EnumCase{"0", 0}, EnumCase{"1", 1},
                                         EnumCase{"2", 2}, EnumCase{"3", 3}));

class ValuesEnumError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesEnumError, SaysWhatIsWrong) {
  expect_error(ecd::parse_enum(GetParam().text, {"None", "IPAddress", "User", "All"}), GetParam());
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesEnumError,
                         testing::Values(ErrorCase{"Everyone", "'Everyone' is not one of None, IPAddress, User, All"},
                                         ErrorCase{"4", "'4' is not one of None, IPAddress, User, All"},
                                         ErrorCase{"-1", "'-1' is not one of"},
                                         ErrorCase{"", "is not one of None, IPAddress, User, All"}));

TEST(ValuesEnumOther, ReadsTheEnumsOfSection62) {
  EXPECT_EQ(*ecd::parse_enum("EnabledWithoutValue", {"Disabled", "Enabled", "EnabledWithoutValue"}).value, 2);
  EXPECT_EQ(*ecd::parse_enum("Verbose", {"None", "Verbose"}).value, 1);
  EXPECT_EQ(*ecd::parse_enum("Require", {"None", "Allow", "Require"}).value, 2);
  EXPECT_FALSE(ecd::parse_enum("2", {"None", "Verbose"}));
}

// =================================================================================================
// TlsCertificateName

struct CertificateCase {
  const char* text;
  const char* issuer;
  const char* subject;
};
std::ostream& operator<<(std::ostream& os, const CertificateCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesCertificateName : public testing::TestWithParam<CertificateCase> {};

TEST_P(ValuesCertificateName, SplitsIssuerAndSubject) {
  auto p = ecd::parse_certificate_name(GetParam().text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->issuer, GetParam().issuer);
  EXPECT_EQ(p.value->subject, GetParam().subject);
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesCertificateName,
                         testing::Values(CertificateCase{"<I>CN=X<S>CN=Y", "CN=X", "CN=Y"},
                                         CertificateCase{"<i>CN=X<s>CN=Y", "CN=X", "CN=Y"},
                                         CertificateCase{" <I>CN=Contoso CA, DC=contoso, DC=com<S>CN=mail.contoso.com ",
                                                         "CN=Contoso CA, DC=contoso, DC=com", "CN=mail.contoso.com"}));

TEST_P(ValuesCertificateName, WritesBackWhatItReads) {
  auto p = ecd::parse_certificate_name(ecd::format_certificate_name(GetParam().issuer, GetParam().subject));
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->issuer, GetParam().issuer);
  EXPECT_EQ(p.value->subject, GetParam().subject);
}

class ValuesCertificateNameError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesCertificateNameError, SaysWhatIsWrong) {
  expect_error(ecd::parse_certificate_name(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesCertificateNameError,
    testing::Values(ErrorCase{"<I>CN=X", "'<I>CN=X' is not of the form <I>issuer<S>subject: <S> is missing"},
                    ErrorCase{"CN=X<S>CN=Y", "it does not start with <I>"},
                    ErrorCase{"<I><S>CN=Y", "the issuer is empty"}, ErrorCase{"<I>CN=X<S>", "the subject is empty"},
                    ErrorCase{"<I> <S> ", "the issuer is empty"}, ErrorCase{"", "it does not start with <I>"}));

// =================================================================================================
// Exchange versions

struct VersionCase {
  const char* text;
  int major, minor, build;
  const char* product;
};
std::ostream& operator<<(std::ostream& os, const VersionCase& c) {
  return os << '"' << c.text << '"';
}

class ValuesExchangeVersion : public testing::TestWithParam<VersionCase> {};

TEST_P(ValuesExchangeVersion, ReadsVersionAndNamesTheProduct) {
  const VersionCase& c = GetParam();
  auto p = ecd::parse_exchange_version(c.text);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value->major, c.major);
  EXPECT_EQ(p.value->minor, c.minor);
  EXPECT_EQ(p.value->build, c.build);
  EXPECT_EQ(p.value->product(), c.product);
}

INSTANTIATE_TEST_SUITE_P(ValuesCases, ValuesExchangeVersion,
                         testing::Values(VersionCase{"Version 15.2 (Build 986.5)", 15, 2, 986, "Exchange 2019"},
                                         VersionCase{"Version 15.2 (Build 1748.10)", 15, 2, 1748, "Exchange 2019"},
                                         VersionCase{"Version 15.2 (Build 2562.17)", 15, 2, 2562, "Exchange Server SE"},
                                         VersionCase{"Version 15.1 (Build 2507.6)", 15, 1, 2507, "Exchange 2016"},
                                         VersionCase{"15.1", 15, 1, 0, "Exchange 2016"},
                                         VersionCase{"15.2", 15, 2, 0, "Exchange 2019"},
                                         VersionCase{"14.3", 14, 3, 0, "Exchange 2010"},
                                         VersionCase{"Version 14.3 (Build 123.4)", 14, 3, 123, "Exchange 2010"},
                                         VersionCase{"Version 15.0 (Build 1497.2)", 15, 0, 1497, "Exchange 2013"},
                                         VersionCase{"15.02.1118.007", 15, 2, 1118, "Exchange 2019"},
                                         VersionCase{"15.2.2562.17", 15, 2, 2562, "Exchange Server SE"},
                                         VersionCase{"version 15.0 (build 1497.2)", 15, 0, 1497, "Exchange 2013"},
                                         VersionCase{"Version 8.3 (Build 83.6)", 8, 3, 83, "Exchange 2007"}));

class ValuesExchangeVersionError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ValuesExchangeVersionError, SaysWhatIsWrong) {
  expect_error(ecd::parse_exchange_version(GetParam().text), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    ValuesCases, ValuesExchangeVersionError,
    testing::Values(
        ErrorCase{"garbage", "'garbage' is not an Exchange version (expected e.g. Version 15.2 (Build 986.5) or 15.2)"},
        ErrorCase{"Exchange 2019", "'Exchange 2019' is not an Exchange version"},
        ErrorCase{"15", "'15' is not an Exchange version"}, ErrorCase{"15.", "'15.' is not an Exchange version"},
        ErrorCase{"Version ", "is not an Exchange version"}, ErrorCase{"", "is not an Exchange version"}));

// =================================================================================================
// Text helpers

TEST(ValuesText, TrimRemovesSpacesTabsAndLineBreaks) {
  EXPECT_EQ(ecd::trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(ecd::trim("   "), "");
  EXPECT_EQ(ecd::trim(""), "");
}

TEST(ValuesText, IequalsIgnoresAsciiCaseOnly) {
  EXPECT_TRUE(ecd::iequals("HubTransport", "hubtransport"));
  EXPECT_FALSE(ecd::iequals("Hub", "HubTransport"));
  EXPECT_EQ(ecd::to_lower("EX01\\Default Frontend EX01"), "ex01\\default frontend ex01");
}

}  // namespace

}  // namespace values_test
