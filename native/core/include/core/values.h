// Parsers for the scalar value formats that Get-ReceiveConnector prints (DOMAIN.md §6.2):
// flag lists, enums, byte-quantified sizes, Unlimited<int>, time spans, booleans.
// Each accepts what PowerShell hands over: the display string, the enum's integer, or a JSON value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ip.h"
#include "core/text.h"

namespace ecd {

// AuthMechanism flags (Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthMechanisms).
enum AuthMechanism : std::uint32_t {
  kAuthNone = 0,
  kAuthTls = 1,
  kAuthIntegrated = 2,
  kAuthBasicAuth = 4,
  kAuthBasicAuthRequireTls = 8,
  kAuthExchangeServer = 16,
  kAuthExternalAuthoritative = 32,
};

// PermissionGroups flags (Microsoft.Exchange.Data.PermissionGroups).
enum PermissionGroup : std::uint32_t {
  kPermNone = 0,
  kPermAnonymousUsers = 1,
  kPermExchangeUsers = 2,
  kPermExchangeServers = 4,
  kPermExchangeLegacyServers = 8,
  kPermPartners = 16,
  kPermCustom = 32,
};

/// What Set-ReceiveConnector -PermissionGroups can be given of `groups`: all but Custom, which only shows that
/// permissions were added by hand (Add-ADPermission) and cannot be set.
constexpr std::uint32_t settable_permission_groups(std::uint32_t groups) {
  return groups & ~std::uint32_t{kPermCustom};
}

enum class TransportRole { HubTransport, FrontendTransport, Other };

Parsed<std::uint32_t> parse_auth_mechanism(std::string_view text);
Parsed<std::uint32_t> parse_permission_groups(std::string_view text);
/// Names in bit order, comma-separated, as Exchange prints them ("Tls, ExchangeServer"; 0 -> "None").
std::string format_auth_mechanism(std::uint32_t flags);
std::string format_permission_groups(std::uint32_t flags);
/// The names one by one, in bit order ({"None"} for 0): the values for Set-ReceiveConnector.
std::vector<std::string> auth_mechanism_list(std::uint32_t flags);
std::vector<std::string> permission_group_list(std::uint32_t flags);

/// "HubTransport" / "FrontendTransport" or the ServerRole integers 32 / 16384.
Parsed<TransportRole> parse_transport_role(std::string_view text);
std::string_view transport_role_name(TransportRole role);

/// "True"/"False" (any case) or "1"/"0".
Parsed<bool> parse_bool(std::string_view text);

/// Unlimited<int>: "Unlimited" (any case) -> nullopt inside the value; or a non-negative integer
/// (digit group separators "," allowed).
struct Limit {
  std::optional<std::int64_t> value;  // empty = Unlimited
  bool unlimited() const { return !value.has_value(); }
};
Parsed<Limit> parse_limit(std::string_view text);

/// ByteQuantifiedSize: "36 MB (37,748,736 bytes)", "36MB", "256 KB", "37748736", "Unlimited".
Parsed<Limit> parse_byte_size(std::string_view text);

/// EnhancedTimeSpan: "[-][d.]hh:mm:ss[.fffffff]" -> whole seconds.
Parsed<std::int64_t> parse_time_span_seconds(std::string_view text);

/// An enum given by name or by integer; `names` lists the accepted names in value order starting at 0.
Parsed<int> parse_enum(std::string_view text, std::initializer_list<std::string_view> names);

/// "<I>issuer<S>subject" (TlsCertificateName). Returns the parts, or why the syntax is wrong.
struct CertificateName {
  std::string issuer;
  std::string subject;
};
Parsed<CertificateName> parse_certificate_name(std::string_view text);
/// The TlsCertificateName value that names the certificate with this issuer and subject: "<I>issuer<S>subject".
std::string format_certificate_name(std::string_view issuer, std::string_view subject);

/// Exchange version from AdminDisplayVersion ("Version 15.2 (Build 986.5)"), "15.2", "15.02.1118.007", "14.3".
struct ExchangeVersion {
  int major = 0;
  int minor = 0;
  int build = 0;
  std::string product() const;  // "Exchange 2019", "Exchange Server SE", "Exchange 2010", ...
};
Parsed<ExchangeVersion> parse_exchange_version(std::string_view text);

}  // namespace ecd
