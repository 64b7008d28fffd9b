// Exchange certificates (Get-ExchangeCertificate, live or Import-Clixml) given with a request, for the
// rules that check a connector's TlsCertificateName against the certificates of its server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecd {

struct Certificate {
  std::string thumbprint;
  std::string subject;  // X.500 distinguished name, as Get-ExchangeCertificate prints it
  std::string issuer;
  std::optional<std::int64_t> not_after;  // seconds since 1970-01-01 UTC
  std::string not_after_text;             // as given (ISO 8601)
  std::string services;                   // "IMAP, POP, IIS, SMTP"; empty when not known
  std::optional<int> key_size;            // PublicKeySize (bits), when given
  std::string server;                     // NetBIOS name or FQDN; empty = a certificate of every server
  std::string pointer;                    // JSON pointer of the certificate in the request
};

/// Whether `certificate` belongs to the server with NetBIOS `name` and FQDN `fqdn` (which may be empty).
bool certificate_on_server(const Certificate& certificate, std::string_view name, std::string_view fqdn);

/// Distinguished names compared as Exchange does for TlsCertificateName: case-insensitively, ignoring the
/// spaces around the separating commas.
bool same_distinguished_name(std::string_view a, std::string_view b);

/// ISO 8601 date and time ("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.1234567+01:00", "2026-01-02") or
/// the "/Date(ms)/" form of ConvertTo-Json, as seconds since 1970-01-01 UTC. A time without a zone is UTC.
std::optional<std::int64_t> parse_utc_time(std::string_view text);
/// "2026-01-02" for seconds since 1970-01-01 UTC.
std::string format_utc_date(std::int64_t seconds);

}  // namespace ecd
