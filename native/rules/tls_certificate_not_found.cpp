// ECD1001 tls-certificate-not-found: when the server's certificates are given, a connector's TlsCertificateName
// names no certificate on that server, so STARTTLS cannot load it (DOMAIN.md §5.2 row 6).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class TlsCertificateNotFound final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1001",
      "tls-certificate-not-found",
      Severity::Error,
      "TlsCertificateName names no certificate on the connector's server",
      "Event 12014 (cannot load the STARTTLS certificate); STARTTLS not offered or another certificate presented; "
      "451 5.7.3 STARTTLS is required to send mail / 454 4.7.5 at partners and Exchange Online (hybrid)",
      {6}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    for (const auto& given : named_certificates(org)) {
      const Connector& c = *given.connector;
      const auto& on_server = given.on_server;
      if (on_server.empty() || !given.named().empty()) continue;  // found, or none given: cannot tell
      const CertificateName& name = given.name;
      // A certificate with the same subject (renewed by another issuer): the one that lasts longest.
      const Certificate* replacement = nullptr;
      for (const Certificate* cert : on_server)
        if (same_distinguished_name(cert->subject, name.subject) &&
            (!org.as_of || !cert->not_after || *cert->not_after > *org.as_of) &&
            (!replacement || cert->not_after.value_or(0) > replacement->not_after.value_or(0)))
          replacement = cert;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' has TlsCertificateName '{}', but none of the {} certificate(s) given for {} has issuer '{}' and "
          "subject '{}'. The Transport service cannot load it (event 12014): STARTTLS is offered with another "
          "certificate chosen by the connector's Fqdn, or not at all, and partners or Exchange Online that require "
          "TLS with that certificate fail.",
          c.identity, *c.tls_certificate_name, on_server.size(), c.server, name.issuer, name.subject);
      if (is_cloud_enabled(c)) {
        f.message +=
            " It is the hybrid connector (TlsDomainCapabilities): Exchange Online finds no STARTTLS in the EHLO "
            "answer and cannot deliver (KB 2989382).";
        f.evidence["tlsDomainCapabilities"] = c.tls_domain_capabilities;
      }
      if (replacement) {
        std::string value = format_certificate_name(replacement->issuer, replacement->subject);
        f.remediation = fmt::format(
            "Certificate {} on {} has the same subject (issued by '{}'): name it, after checking that it is enabled "
            "for SMTP (Enable-ExchangeCertificate -Services SMTP).",
            replacement->thumbprint, c.server, replacement->issuer);
        ConnectorEdit edit;
        edit.assign("TlsCertificateName", value);
        f.edit = std::move(edit);
        f.edit_connector = c.index;
        f.evidence["replacementThumbprint"] = replacement->thumbprint;
      } else {
        f.remediation =
            "Install the certificate on the server and enable it for SMTP, or name one that is there: "
            "$c = Get-ExchangeCertificate -Thumbprint <thumbprint>; Set-ReceiveConnector <connector> "
            "-TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\". No certificate on the server has the same "
            "subject, so no command is given.";
      }
      f.evidence["tlsCertificateName"] = *c.tls_certificate_name;
      f.evidence["certificatesOnServer"] = on_server.size();
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_tls_certificate_not_found_rule() {
  return std::make_unique<TlsCertificateNotFound>();
}

}  // namespace ecd
