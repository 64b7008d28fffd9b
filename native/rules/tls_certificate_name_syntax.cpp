// ECD0805 tls-certificate-name-syntax: TlsCertificateName is not of the form <I>issuer<S>subject, so no
// certificate is loaded for STARTTLS (DOMAIN.md §5.2 row 6, §6.2).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

class TlsCertificateNameSyntax final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD0805",
      "tls-certificate-name-syntax",
      Severity::Warning,
      "TlsCertificateName is not of the form <I>issuer<S>subject",
      "STARTTLS not offered or the wrong certificate presented; event 12014; partners with forced TLS fail with "
      "451 5.7.3 STARTTLS is required to send mail or 454 4.7.5",
      {6}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& c : ctx.organisation.connectors) {
      if (!c.tls_certificate_name) continue;
      auto parsed = parse_certificate_name(*c.tls_certificate_name);
      if (parsed) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' has a TlsCertificateName that Exchange cannot use: {}. Exchange looks the certificate up by issuer and "
          "subject from that "
          "text; with a malformed value it finds none (event 12014), so STARTTLS is offered with another "
          "certificate chosen by the connector's Fqdn, or not at all.",
          c.identity, parsed.error);
      f.remediation =
          "Build the value from the certificate itself: $c = Get-ExchangeCertificate -Thumbprint <thumbprint>; "
          "Set-ReceiveConnector <connector> -TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\". Which "
          "certificate was meant cannot be read from the connector, so no command is given.";
      f.evidence["tlsCertificateName"] = *c.tls_certificate_name;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_tls_certificate_name_syntax_rule() {
  return std::make_unique<TlsCertificateNameSyntax>();
}

}  // namespace ecd
