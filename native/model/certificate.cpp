#include "model/certificate.h"

#include <fmt/format.h>

#include <cctype>

#include "core/values.h"

namespace ecd {
namespace {

std::string normalise_dn(std::string_view dn) {
  std::string out;
  std::string_view rest = trim(dn);
  while (true) {
    auto comma = rest.find(',');
    out += to_lower(trim(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    out += ',';
    rest = rest.substr(comma + 1);
  }
  return out;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view t, std::size_t at, std::size_t n, int& out) {
  if (at + n > t.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    out = out * 10 + (t[i] - '0');
  }
  return true;
}

}  // namespace

bool certificate_on_server(const Certificate& c, std::string_view name, std::string_view fqdn) {
  if (c.server.empty()) return true;
  std::string_view s = trim(c.server);
  if (iequals(s, name) || (!fqdn.empty() && iequals(s, fqdn))) return true;
  return iequals(s.substr(0, s.find('.')), name);
}

bool same_distinguished_name(std::string_view a, std::string_view b) {
  return normalise_dn(a) == normalise_dn(b);
}

std::optional<std::int64_t> parse_utc_time(std::string_view text) {
  std::string_view t = trim(text);
  if (t.size() > 8 && (t.substr(0, 6) == "/Date(" || t.substr(0, 7) == "\\/Date(")) {
    auto open = t.find('(');
    std::size_t i = open + 1;
    bool negative = i < t.size() && t[i] == '-';
    if (negative) ++i;
    std::int64_t ms = 0;
    std::size_t start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ms = ms * 10 + (t[i++] - '0');
    if (i == start || i > start + 15) return std::nullopt;
    return (negative ? -ms : ms) / 1000;
  }
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!digits(t, 0, 4, y) || t.size() < 10 || t[4] != '-' || !digits(t, 5, 2, mo) || t[7] != '-' || !digits(t, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t i = 10;
  std::int64_t offset = 0;
  if (i < t.size()) {
    if (t[i] != 'T' && t[i] != ' ') return std::nullopt;
    if (!digits(t, i + 1, 2, h) || t.size() < i + 6 || t[i + 3] != ':' || !digits(t, i + 4, 2, mi)) return std::nullopt;
    i += 6;
    if (i < t.size() && t[i] == ':') {
      if (!digits(t, i + 1, 2, s)) return std::nullopt;
      i += 3;
    }
    if (i < t.size() && t[i] == '.') {
      ++i;
      while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    }
    if (i < t.size()) {
      if (t[i] == 'Z' || t[i] == 'z') {
        ++i;
      } else if (t[i] == '+' || t[i] == '-') {
        int oh, om;
        if (!digits(t, i + 1, 2, oh) || t.size() < i + 6 || t[i + 3] != ':' || !digits(t, i + 4, 2, om))
          return std::nullopt;
        offset = (t[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        i += 6;
      }
    }
    if (i != t.size() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s -
         offset;
}

std::string format_utc_date(std::int64_t seconds) {
  std::int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

}  // namespace ecd
