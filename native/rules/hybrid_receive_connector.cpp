// ECD1004 hybrid-receive-connector: what HealthChecker checks on the receive connectors Exchange Online delivers
// to in a hybrid (DOMAIN-SUPPLEMENT.md §C): a cloud-enabled connector (Front End Transport, TlsDomainCapabilities
// set) that is disabled, has no TlsCertificateName, or names another certificate than Get-HybridConfiguration; a
// Mailbox server whose Default Frontend lacks the hybrid settings that another one has (450 4.7.320
// SubjectMismatch); an Edge server of the hybrid without the documented AcceptOorgProtocol shape. Whether the
// named certificate is on the server and how long it lasts is ECD1001's and ECD1002's, for every connector.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "rules.h"
#include "rules/rule_support.h"

namespace ecd {
namespace {

constexpr std::string_view kEdgeCapability = "mail.protection.outlook.com:AcceptOorgProtocol";

bool listed(const std::vector<std::string>& names, const ExchangeServer* server, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
    return iequals(n, name) || (server && !server->fqdn.empty() && iequals(n, server->fqdn)) ||
           iequals(std::string_view(n).substr(0, n.find('.')), name);
  });
}

bool same_certificate_name(std::string_view a, std::string_view b) {
  auto pa = parse_certificate_name(a);
  auto pb = parse_certificate_name(b);
  if (!pa || !pb) return iequals(trim(a), trim(b));
  return same_distinguished_name(pa.value->issuer, pb.value->issuer) &&
         same_distinguished_name(pa.value->subject, pb.value->subject);
}

/// The certificate that `name` names among the server's certificates, when they are given.
const Certificate* named_certificate(const Organisation& org, const ExchangeServer* server,
                                     std::string_view server_name, std::string_view name) {
  auto parsed = parse_certificate_name(name);
  if (!parsed) return nullptr;
  std::string fqdn = server ? server_fqdn(org, *server) : std::string();
  for (const auto& cert : org.certificates)
    if (certificate_on_server(cert, server_name, fqdn) && same_distinguished_name(cert.issuer, parsed.value->issuer) &&
        same_distinguished_name(cert.subject, parsed.value->subject))
      return &cert;
  return nullptr;
}

class HybridReceiveConnector final : public Rule {
 public:
  static constexpr RuleInfo kInfo{
      "ECD1004",
      "hybrid-receive-connector",
      Severity::Warning,
      "A hybrid (cloud-enabled) receive connector is disabled, lacks its certificate, or differs between servers",
      "Exchange Online cannot deliver over TLS: 451 5.7.3 STARTTLS is required to send mail, STARTTLS missing from "
      "EHLO, event 12014; 450 4.7.320 Certificate "
      "validation failed [Message=SubjectMismatch]; hybrid mail treated as anonymous",
      {6}};
  const RuleInfo& info() const override { return kInfo; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& org = ctx.organisation;
    const HybridConfiguration* hybrid = org.hybrid ? &*org.hybrid : nullptr;
    for (const auto& c : org.connectors)
      if (is_cloud_enabled(c)) check_connector(org, hybrid, c, out);
    check_default_frontends(org, hybrid, out);
    if (hybrid) check_edges(org, *hybrid, out);
  }

 private:
  /// HealthChecker expects the certificate only on the servers Get-HybridConfiguration lists; without it, on all.
  static bool should_hold(const Organisation& org, const HybridConfiguration* hybrid, std::string_view server) {
    if (!hybrid || hybrid->transport_servers.empty()) return true;
    return listed(hybrid->transport_servers, org.find_server(server), server);
  }

  void check_connector(const Organisation& org, const HybridConfiguration* hybrid, const Connector& c,
                       std::vector<Finding>& out) const {
    auto base = [&] {
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      f.evidence["tlsDomainCapabilities"] = c.tls_domain_capabilities;
      f.evidence["tlsCertificateName"] = c.tls_certificate_name.value_or("");
      return f;
    };
    if (!c.enabled) {
      Finding f = base();
      f.message = fmt::format(
          "'{}' carries the hybrid settings (TlsDomainCapabilities {}) but is disabled. Exchange Online's mail "
          "lands on another connector that does not grant it the hybrid capabilities, so it can be treated as "
          "anonymous, external mail (HealthChecker shows this in yellow; the exact effect is not documented).",
          c.identity, fmt::join(c.tls_domain_capabilities, ", "));
      f.remediation = "Enable the connector if it is the one the Hybrid Configuration Wizard set up.";
      ConnectorEdit edit;
      edit.assign("Enabled", true);
      f.edit = std::move(edit);
      f.edit_connector = c.index;
      out.push_back(std::move(f));
      return;
    }
    if (!should_hold(org, hybrid, c.server)) return;
    const ExchangeServer* server = org.find_server(c.server);
    if (!c.tls_certificate_name || trim(*c.tls_certificate_name).empty()) {
      Finding f = base();
      f.severity = Severity::Error;
      f.message = fmt::format(
          "'{}' is the hybrid connector (TlsDomainCapabilities {}) but has no TlsCertificateName. Exchange Online "
          "authenticates this server by the certificate it presents; without one named the connector presents "
          "the one its Fqdn chooses, and hybrid mail fails or loses its trust (HealthChecker: \"There is no "
          "'TlsCertificateName' configured for this cloud mail enabled connector\").",
          c.identity, fmt::join(c.tls_domain_capabilities, ", "));
      const Certificate* cert = hybrid && hybrid->tls_certificate_name
                                    ? named_certificate(org, server, c.server, *hybrid->tls_certificate_name)
                                    : nullptr;
      if (cert) {
        f.remediation = fmt::format(
            "Name the certificate of the hybrid configuration ({} is on {}), as the Hybrid Configuration Wizard does.",
            cert->thumbprint, c.server);
        ConnectorEdit edit;
        edit.assign("TlsCertificateName", format_certificate_name(cert->issuer, cert->subject));
        f.edit = std::move(edit);
        f.edit_connector = c.index;
      } else {
        f.remediation =
            "Run the Hybrid Configuration Wizard again, or name the certificate Exchange Online expects: "
            "$c = Get-ExchangeCertificate -Thumbprint <thumbprint>; Set-ReceiveConnector <connector> "
            "-TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\". The certificate is not known here, so no "
            "command is given.";
      }
      out.push_back(std::move(f));
      return;
    }
    if (hybrid && hybrid->tls_certificate_name &&
        !same_certificate_name(*c.tls_certificate_name, *hybrid->tls_certificate_name)) {
      Finding f = base();
      f.message = fmt::format(
          "'{}' names '{}', but the hybrid configuration (Get-HybridConfiguration) names '{}'. Exchange Online's "
          "connector expects the certificate of the hybrid configuration; after a renewal one of the two is often "
          "left behind.",
          c.identity, *c.tls_certificate_name, *hybrid->tls_certificate_name);
      f.remediation =
          "Run the Hybrid Configuration Wizard again with the current certificate, so that the connector, the "
          "hybrid configuration and Exchange Online's connectors agree. Which of the two is current is not known "
          "here, so no command is given.";
      f.evidence["hybridTlsCertificateName"] = *hybrid->tls_certificate_name;
      out.push_back(std::move(f));
    }
  }

  /// Two Mailbox servers take Exchange Online's mail; only one has the hybrid settings on Default Frontend.
  void check_default_frontends(const Organisation& org, const HybridConfiguration* hybrid,
                               std::vector<Finding>& out) const {
    std::vector<const Connector*> holders, others;
    for (const auto& c : org.connectors) {
      if (default_connector_kind(c) != DefaultConnector::DefaultFrontend || !c.enabled) continue;
      const ExchangeServer* server = org.find_server(c.server);
      if (server && server->profile.is_edge()) continue;
      if (is_cloud_enabled(c)) {
        if (c.tls_certificate_name) holders.push_back(&c);  // without a name: check_connector's Error
      }
      if (!is_cloud_enabled(c) &&
          (!hybrid || hybrid->transport_servers.empty() || listed(hybrid->transport_servers, server, c.server)))
        others.push_back(&c);
    }
    if (holders.empty()) return;
    const Connector& model = *holders.front();
    for (const Connector* c : others) {
      Finding f = finding();
      f.server = c->server;
      f.connector = c->identity;
      f.message = fmt::format(
          "'{}' has the hybrid settings (TlsDomainCapabilities {}, TlsCertificateName '{}') but '{}' has not{}. "
          "When Exchange Online's mail reaches {} it meets another certificate or no hybrid capability: 450 4.7.320 "
          "Certificate validation failed [Message=SubjectMismatch].",
          model.identity, fmt::join(model.tls_domain_capabilities, ", "), *model.tls_certificate_name, c->identity,
          hybrid ? " although the hybrid configuration lists its server" : "", c->server);
      f.evidence["configuredOn"] = model.identity;
      f.evidence["tlsDomainCapabilities"] = c->tls_domain_capabilities;
      f.evidence["tlsCertificateName"] = c->tls_certificate_name.value_or("");
      const Certificate* cert =
          named_certificate(org, org.find_server(c->server), c->server, *model.tls_certificate_name);
      if (cert) {
        f.remediation = fmt::format(
            "Give '{}' the same settings as '{}' (certificate {} is on {}), or take {} out of the path of "
            "Exchange Online's mail. Running the Hybrid Configuration Wizard again with both servers does the same.",
            c->identity, model.identity, cert->thumbprint, c->server, c->server);
        ConnectorEdit edit;
        edit.assign("TlsCertificateName", format_certificate_name(cert->issuer, cert->subject));
        edit.assign("TlsDomainCapabilities", model.tls_domain_capabilities);
        f.edit = std::move(edit);
        f.edit_connector = c->index;
      } else {
        f.remediation = fmt::format(
            "Install the hybrid certificate on {} and run the Hybrid Configuration Wizard again with both servers, "
            "or take {} out of the path of Exchange Online's mail. The certificate is not known to be on {}, so "
            "no command is given.",
            c->server, c->server, c->server);
      }
      out.push_back(std::move(f));
    }
  }

  /// An Edge server in the hybrid: Microsoft's documented shape of its default connector.
  void check_edges(const Organisation& org, const HybridConfiguration& hybrid, std::vector<Finding>& out) const {
    for (const auto& c : org.connectors) {
      if (default_connector_kind(c) != DefaultConnector::EdgeInternal) continue;
      const ExchangeServer* server = org.find_server(c.server);
      if (!listed(hybrid.edge_transport_servers, server, c.server)) continue;
      const bool capability = std::any_of(c.tls_domain_capabilities.begin(), c.tls_domain_capabilities.end(),
                                          [](const std::string& t) { return iequals(trim(t), kEdgeCapability); });
      std::string fqdn = server ? server_fqdn(org, *server) : std::string();
      const bool internal_fqdn =
          c.fqdn.empty() || iequals(c.fqdn, c.server) || (!fqdn.empty() && iequals(c.fqdn, fqdn));
      if (capability && !internal_fqdn) continue;
      Finding f = finding();
      f.server = c.server;
      f.connector = c.identity;
      std::vector<std::string> wrong;
      if (!capability) wrong.push_back(fmt::format("TlsDomainCapabilities lacks {}", kEdgeCapability));
      if (internal_fqdn)
        wrong.push_back(
            fmt::format("its Fqdn '{}' is the server's own name, not the subject of its public "
                        "certificate",
                        c.fqdn));
      f.message = fmt::format(
          "{} is an Edge server of the hybrid configuration, but on '{}' {}. Microsoft documents "
          "TlsDomainCapabilities {} and the public certificate's name as Fqdn for Exchange Online's mail.",
          c.server, c.identity, fmt::join(wrong, " and "), kEdgeCapability);
      f.remediation = fmt::format(
          "Set-ReceiveConnector '{}' -TlsDomainCapabilities {} -Fqdn <the subject of the public certificate>{}.",
          c.identity, kEdgeCapability,
          capability ? "" : "; the command below sets the capability, the Fqdn must be chosen by you");
      if (!capability) {
        ConnectorEdit edit;
        std::vector<std::string> caps = c.tls_domain_capabilities;
        caps.emplace_back(kEdgeCapability);
        edit.assign("TlsDomainCapabilities", caps);
        f.edit = std::move(edit);
        f.edit_connector = c.index;
      }
      f.evidence["tlsDomainCapabilities"] = c.tls_domain_capabilities;
      f.evidence["fqdn"] = c.fqdn;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<const Rule> make_hybrid_receive_connector_rule() {
  return std::make_unique<HybridReceiveConnector>();
}

}  // namespace ecd
