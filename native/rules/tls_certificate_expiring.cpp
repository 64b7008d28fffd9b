// ECD1002 tls-certificate-expiring: the certificate that a connector's TlsCertificateName names has expired, or
// expires within 60 days of the request's asOf time: HealthChecker's thresholds, under 30 days an Error, under 60
// a Warning (DOMAIN.md §5.2 rows 5 and 6; DOMAIN-SUPPLEMENT.md §B.4, §C.3).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

constexpr std::int64_t kWindow = 60 * 86400;  // HealthChecker: under 60 days yellow
constexpr std::int64_t kUrgent = 30 * 86400;  // HealthChecker: under 30 days red

class TlsCertificateExpiring final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1002",
      "tls-certificate-expiring",
      Severity::Warning,
      "The certificate that TlsCertificateName names has expired or expires within 60 days",
      "TLS handshakes fail or fall back: 454 4.7.5 / 451 5.7.3 STARTTLS is required to send mail at partners and "
      "Exchange Online (hybrid); certificate warnings at senders",
      {6}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    if (!org.as_of) return;
    const std::int64_t now = *org.as_of;
    for (const auto& given : named_certificates(org)) {
      const Connector& c = *given.connector;
      // The named certificate (the latest expiry when several match) and the best other one with that subject.
      const Certificate* named = nullptr;
      const Certificate* renewal = nullptr;
      for (const Certificate* cert : given.on_server) {
        if (!cert->not_after || !same_distinguished_name(cert->subject, given.name.subject)) continue;
        bool exact = same_distinguished_name(cert->issuer, given.name.issuer);
        const Certificate*& slot = exact ? named : renewal;
        if (!slot || *cert->not_after > *slot->not_after) slot = cert;
      }
      if (!named || *named->not_after >= now + kWindow) continue;  // 60 days or more: green
      bool expired = *named->not_after <= now;
      if (renewal && *renewal->not_after <= *named->not_after) renewal = nullptr;
      if (renewal && *renewal->not_after < now + kWindow) renewal = nullptr;
      std::int64_t days = (*named->not_after - now) / 86400;
      const bool cloud = is_cloud_enabled(c);
      Finding f = finding();
      f.severity = *named->not_after < now + kUrgent ? Severity::Error : Severity::Warning;  // under 30 days: red
      f.server = c.server;
      f.connector = c.identity;
      f.message = fmt::format(
          "'{}' presents certificate {} ('{}'), which {} on {}. {}{}", c.identity, named->thumbprint, named->subject,
          expired ? fmt::format("expired {} day(s) ago", -days) : fmt::format("expires in {} day(s)", days),
          format_utc_date(*named->not_after),
          expired ? "Senders that validate certificates (partners with forced TLS, Exchange Online in a hybrid) "
                    "refuse the TLS session, and mail from them queues."
                  : "When it expires, senders that validate certificates (partners with forced TLS, Exchange Online in "
                    "a hybrid) refuse the TLS session.",
          cloud ? " The connector is the hybrid one (TlsDomainCapabilities): Exchange Online delivers here." : "");
      if (renewal) {
        std::string value = format_certificate_name(renewal->issuer, renewal->subject);
        f.remediation = fmt::format(
            "Certificate {} has the same subject and is valid until {}: name it (after enabling it for SMTP).",
            renewal->thumbprint, format_utc_date(*renewal->not_after));
        ConnectorEdit edit;
        edit.assign("TlsCertificateName", value);
        f.edit = std::move(edit);
        f.edit_connector = c.index;
        f.evidence["renewalThumbprint"] = renewal->thumbprint;
      } else {
        f.remediation =
            "Renew the certificate (New-ExchangeCertificate or your CA, then Import-ExchangeCertificate), enable it "
            "for SMTP (Enable-ExchangeCertificate -Services SMTP), and name the new one in TlsCertificateName if its "
            "issuer or subject changed. No renewed certificate was given, so no command is given.";
      }
      f.evidence["thumbprint"] = named->thumbprint;
      f.evidence["notAfter"] = named->not_after_text;
      f.evidence["asOf"] = format_utc_date(now);
      f.evidence["daysLeft"] = days;
      if (cloud) f.evidence["tlsDomainCapabilities"] = c.tls_domain_capabilities;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_tls_certificate_expiring_rule() {
  return std::make_unique<TlsCertificateExpiring>();
}

}  // namespace ecd
