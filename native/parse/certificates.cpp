// The certificates of a request (Get-ExchangeCertificate objects) and the time to judge their expiry at.
#include <fmt/format.h>

#include "json_input.h"
#include "readers.h"

namespace ecd {
namespace {

/// A member as text: a string, the strings of an array joined with ", " (Services), or a number.
std::string text(const json& object, std::string_view key) {
  const json* v = member(object, key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return v->get<std::string>();
  if (v->is_array()) {
    std::string out;
    for (const auto& item : *v)
      if (item.is_string()) out += (out.empty() ? "" : ", ") + item.get<std::string>();
    return out;
  }
  if (v->is_number()) return v->dump();
  return {};
}

void issue(Organisation& org, std::string field, std::string value, std::string pointer, std::string message) {
  org.issues.push_back(
      InputIssue::at("request", std::move(pointer)).about(std::move(field), std::move(value), std::move(message)));
}

}  // namespace

void read_certificates(const json& root, Organisation& org) {
  if (const json* a = member(root, "asOf"); a && !a->is_null()) {
    std::string t = a->is_string() ? a->get<std::string>() : a->dump();
    if (auto v = parse_utc_time(t))
      org.as_of = *v;
    else
      issue(org, "asOf", t, "/asOf", fmt::format("'{}' is not an ISO 8601 date and time", t));
  }
  const json* list = member(root, "certificates");
  if (!list || list->is_null()) return;
  org.certificates_given = true;
  if (!list->is_array()) {
    issue(org, "certificates", utf8_prefix(list->dump(), 200), "/certificates",
          "certificates must be an array of Get-ExchangeCertificate objects");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& c = (*list)[i];
    std::string where = fmt::format("/certificates/{}", i);
    if (!c.is_object()) {
      issue(org, "Certificate", utf8_prefix(c.dump(), 200), where,
            "a certificate must be an object with Subject and Issuer");
      continue;
    }
    Certificate cert;
    cert.pointer = where;
    cert.thumbprint = text(c, "Thumbprint");
    cert.subject = text(c, "Subject");
    cert.issuer = text(c, "Issuer");
    cert.services = text(c, "Services");
    cert.server = text(c, "Server");
    if (cert.server.empty()) cert.server = text(c, "PSComputerName");
    if (cert.subject.empty() || cert.issuer.empty()) {
      issue(org, "Certificate", cert.thumbprint, where,
            fmt::format("the certificate {} has no Subject or Issuer and was left out", cert.thumbprint));
      continue;
    }
    for (auto key : {"PublicKeySize", "KeySize"})
      if (const json* k = member(c, key);
          k && k->is_number_integer() && k->get<std::int64_t>() > 0 && k->get<std::int64_t>() <= 65536) {
        cert.key_size = static_cast<int>(k->get<std::int64_t>());
        break;
      }
    cert.not_after_text = text(c, "NotAfter");
    if (!cert.not_after_text.empty()) {
      cert.not_after = parse_utc_time(cert.not_after_text);
      if (!cert.not_after)
        issue(org, "NotAfter", cert.not_after_text, where + "/NotAfter",
              fmt::format("'{}' is not an ISO 8601 date and time (the expiry of certificate {})", cert.not_after_text,
                          cert.thumbprint));
    }
    org.certificates.push_back(std::move(cert));
  }
}

}  // namespace ecd
