// ECD1003 internal-transport-certificate: the certificate that a server's InternalTransportCertificateThumbprint
// names (Get-TransportService) is not among the server's certificates, or has expired. Exchange servers
// authenticate each other with it (X-ANONYMOUSTLS, then X-EXPS); HealthChecker flags both cases
// (DOMAIN-SUPPLEMENT.md §B, DOMAIN.md §5.2 row 5).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>

#include "core/text.h"
#include "finding/powershell_command.h"
#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

/// A thumbprint without spaces, in upper case.
std::string normal_thumbprint(std::string_view text) {
  std::string out;
  for (char ch : text)
    if (!std::isspace(static_cast<unsigned char>(ch)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

/// HealthChecker's documented command that makes a new internal transport certificate on `server`
/// (DOMAIN-SUPPLEMENT.md §B.5): self-signed, 2048 bits, the server's name and FQDN, enabled for SMTP, replacing
/// the default SMTP certificate without asking.
PowerShellCommand new_internal_certificate(const std::string& server) {
  PowerShellCommand command("New-ExchangeCertificate");
  command.arg("Server", server)
      .arg("KeySize", "2048")
      .arg("PrivateKeyExportable", true)
      .arg("FriendlyName", server)
      .arg("DomainName", server)
      .arg("IncludeServerFQDN", true)
      .arg("Services", "SMTP")
      .arg("Force", true)
      .arg("ErrorAction", "Stop");
  return command;
}

class InternalTransportCertificate final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1003",
      "internal-transport-certificate",
      Severity::Error,
      "The internal transport certificate of a server is missing or has expired",
      "451 5.7.3 Cannot load Internal Transport Certificate. Exchange Server authentication failed; events 12012, "
      "12013, 1036; mail between Exchange servers queues",
      {5}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    std::vector<std::string> unchecked;        // "EX01 (no thumbprint given)"
    std::vector<std::string> unchecked_names;  // "EX01"
    for (const auto& server : org.servers) {
      if (!server.has_connectors && !server.internal_transport_certificate) continue;
      const std::string fqdn = server_fqdn(org, server);
      std::vector<const Certificate*> on_server;
      for (const auto& cert : org.certificates)
        if (certificate_on_server(cert, server.name, fqdn)) on_server.push_back(&cert);
      if (!server.internal_transport_certificate) {
        unchecked.push_back(fmt::format("{} (its InternalTransportCertificateThumbprint was not given)", server.name));
        unchecked_names.push_back(server.name);
        continue;
      }
      const std::string wanted = normal_thumbprint(*server.internal_transport_certificate);
      if (!wanted.empty() && on_server.empty()) {
        unchecked.push_back(fmt::format("{} (none of its certificates was given)", server.name));
        unchecked_names.push_back(server.name);
        continue;
      }
      const Certificate* found = nullptr;
      for (const Certificate* cert : on_server)
        if (!wanted.empty() && normal_thumbprint(cert->thumbprint) == wanted) found = cert;
      const bool expired = found && org.as_of && found->not_after && *found->not_after <= *org.as_of;
      if (found && !expired) continue;
      PowerShellCommand command = new_internal_certificate(server.name);
      Finding f = finding();
      f.server = server.name;
      if (found) {
        f.severity = Severity::Warning;
        f.message = fmt::format(
            "The internal transport certificate of {} ({}, '{}') expired on {}. HealthChecker reports an expired "
            "internal transport certificate as a problem for mail flow between Exchange servers, while Microsoft "
            "support (Japan) writes that its expiry causes no particular problem; a missing one is what breaks "
            "Exchange Server authentication. The sources disagree, so this is a Warning.",
            server.name, found->thumbprint, found->subject, format_utc_date(*found->not_after));
        f.evidence["notAfter"] = found->not_after_text;
        f.evidence["asOf"] = format_utc_date(*org.as_of);
      } else {
        f.message = fmt::format(
            "{} has no internal transport certificate: {}. Exchange servers secure and authenticate their SMTP "
            "sessions with each other with it (X-ANONYMOUSTLS, then X-EXPS); without it mail between {} and the "
            "other Exchange servers can fail with 451 5.7.3 Cannot load Internal Transport Certificate.",
            server.name,
            wanted.empty() ? std::string("Get-TransportService gives no InternalTransportCertificateThumbprint")
                           : fmt::format("none of the {} certificate(s) given for it has the thumbprint {} that "
                                         "Get-TransportService names",
                                         on_server.size(), *server.internal_transport_certificate),
            server.name);
      }
      f.remediation = fmt::format(
          "Make a new self-signed certificate for SMTP on {} as HealthChecker documents (in an elevated Exchange "
          "Management Shell; -Force makes it the internal transport certificate without asking), then restart the "
          "Microsoft Exchange Transport service.",
          server.name);
      f.fix = command.fix();
      f.remediation_command = command.text();
      f.evidence["internalTransportCertificateThumbprint"] = *server.internal_transport_certificate;
      f.evidence["certificatesOnServer"] = on_server.size();
      out.push_back(std::move(f));
    }
    // Said once, whether the inputs were given in part or not at all: a check that could not run is never a pass.
    if (unchecked.empty()) return;
    bool asked = org.certificates_given || org.transport_services_given;
    for (const auto& server : org.servers) asked = asked || server.internal_transport_certificate.has_value();
    Finding f = finding();
    f.severity = Severity::Information;
    f.says_unchecked = true;
    f.summary = "Not checked: internal transport certificate";
    f.message = asked ? fmt::format(
                            "The internal transport certificate was not checked for {}: nothing is claimed about it. "
                            "Both the server's certificates (-Certificate) and its transport service "
                            "(-TransportService, Get-TransportService) are needed.",
                            fmt::join(unchecked, ", "))
                      : fmt::format(
                            "The internal transport certificate was not checked for {}: neither the servers' "
                            "certificates (-Certificate) nor their transport services (-TransportService) were "
                            "given, so nothing is claimed about it. A missing one breaks mail between Exchange "
                            "servers (451 5.7.3 Cannot load Internal Transport Certificate).",
                            first_items(unchecked_names));
    f.remediation =
        "Give Get-TransportService objects (-TransportService) and the servers' Get-ExchangeCertificate objects "
        "(-Certificate) to check it.";
    f.evidence["notChecked"] = asked ? unchecked : unchecked_names;
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<const Rule> make_internal_transport_certificate_rule() {
  return std::make_unique<InternalTransportCertificate>();
}

}  // namespace ecd
