// What the catalogue rules (ECD02xx-ECD10xx) share: "wide" and "public" ranges and their words. The defaults
// that setup creates are in model/defaults.h, where Exchange servers land in select/landings.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/certificate.h"
#include "model/defaults.h"
#include "rules/rule.h"
#include "select/landings.h"

namespace ecd {

/// A range wider than a small trusted subnet: more than 256 IPv4 addresses (wider than a /24) or more
/// than 2^64 IPv6 addresses (wider than a /64).
bool is_wide(const IpRange& range);
/// The range holds an address outside the private blocks: RFC 1918 (10/8, 172.16/12, 192.168/16),
/// loopback (127/8, ::1), link-local (169.254/16, fe80::/10) and IPv6 unique local (fc00::/7).
bool is_public(const IpRange& range);
/// "wide (65,536 addresses)", "public", "wide (...) and public"; empty for a narrow private range.
std::string describe_exposure(const IpRange& range);

/// A remote range that describe_exposure flags, with its words.
struct ExposedRange {
  std::string expression;  ///< as written on the connector
  std::string exposure;    ///< "wide (65,536 addresses)", "public", ...
};
/// The connector's wide or public remote ranges, in the connector's order.
std::vector<ExposedRange> exposed_ranges(const Connector& connector);
/// "10.0.0.0/8 (wide (16,777,216 addresses))" for each, for messages.
std::vector<std::string> exposure_labels(const std::vector<ExposedRange>& exposed);
/// [{"range": ..., "exposure": ...}, ...] for evidence.
nlohmann::ordered_json exposure_evidence(const std::vector<ExposedRange>& exposed);

/// A receive connector that Exchange Online delivers to in a hybrid, as HealthChecker judges it: a Front End
/// Transport connector with any TlsDomainCapabilities (DOMAIN-SUPPLEMENT.md §C.2).
bool is_cloud_enabled(const Connector& connector);

/// An enabled connector's TlsCertificateName, read, and the certificates given for its server (by Server or
/// PSComputerName, the server's name or FQDN): what the certificate rules ECD1001, ECD1002 and ECD1005 judge.
struct NamedCertificate {
  const Connector* connector = nullptr;
  CertificateName name;
  std::vector<const Certificate*> on_server;
  /// The certificates of the server whose issuer and subject are those the connector names.
  std::vector<const Certificate*> named() const;
};
/// One per enabled connector with a TlsCertificateName that can be read (ECD0805 reports the others), in the
/// connectors' order; empty when no certificate was given at all (nothing can be judged then).
std::vector<NamedCertificate> named_certificates(const Organisation& organisation);

/// The connector's per-source limits in words: "MaxInboundConnectionPerSource 20 and
/// MaxInboundConnectionPercentagePerSource 2" ("Unlimited", or "(not given)" when the input did not say).
std::string per_source_limits(const Connector& connector);

/// Makes `finding` the fix that gives `connector` the permission group(s) `groups` back, keeping its other groups,
/// with the groups it has now as evidence ("permissionGroups"). The connector's permission groups must be known.
void give_groups_back(Finding& finding, const Connector& connector, std::uint32_t groups);

}  // namespace ecd
