// ECD1005 tls-certificate-weak-key: the certificate that a connector's TlsCertificateName names has a public key
// shorter than 2048 bits, which HealthChecker flags (DOMAIN-SUPPLEMENT.md §B.4: key size < 2048 red).
#include <fmt/format.h>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

constexpr int kMinimumKeySize = 2048;

class TlsCertificateWeakKey final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1005",
      "tls-certificate-weak-key",
      Severity::Warning,
      "The certificate that TlsCertificateName names has a key shorter than 2048 bits",
      "TLS refused by senders that demand 2048-bit keys (Exchange Online, partners); no SMTP "
      "error on the receiving server",
      {}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& named : named_certificates(ctx.organisation)) {
      const Connector& c = *named.connector;
      for (const Certificate* cert : named.named()) {
        if (!cert->key_size || *cert->key_size >= kMinimumKeySize) continue;
        Finding f = finding();
        f.server = c.server;
        f.connector = c.identity;
        f.message = fmt::format(
            "'{}' presents certificate {} ('{}'), whose public key has {} bits, fewer than 2048. Senders that "
            "require 2048-bit keys refuse the TLS session; HealthChecker reports it as a problem.",
            c.identity, cert->thumbprint, cert->subject, *cert->key_size);
        f.remediation =
            "Request a new certificate with a key of 2048 bits or more (New-ExchangeCertificate -KeySize 2048 and "
            "your CA, then Import-ExchangeCertificate), enable it for SMTP and name it in TlsCertificateName. The "
            "new certificate is not known yet, so no command is given.";
        f.evidence["thumbprint"] = cert->thumbprint;
        f.evidence["keySize"] = *cert->key_size;
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_tls_certificate_weak_key_rule() {
  return std::make_unique<TlsCertificateWeakKey>();
}

}  // namespace ecd
