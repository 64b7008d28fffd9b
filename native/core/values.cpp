#include "core/values.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <array>
#include <charconv>
#include <limits>
#include <utility>
#include <vector>

namespace ecd {
namespace {

struct FlagName {
  std::string_view name;
  std::uint32_t bit;
};

constexpr std::array<FlagName, 6> kAuthNames{{{"Tls", kAuthTls},
                                              {"Integrated", kAuthIntegrated},
                                              {"BasicAuth", kAuthBasicAuth},
                                              {"BasicAuthRequireTLS", kAuthBasicAuthRequireTls},
                                              {"ExchangeServer", kAuthExchangeServer},
                                              {"ExternalAuthoritative", kAuthExternalAuthoritative}}};

constexpr std::array<FlagName, 6> kPermissionNames{{{"AnonymousUsers", kPermAnonymousUsers},
                                                    {"ExchangeUsers", kPermExchangeUsers},
                                                    {"ExchangeServers", kPermExchangeServers},
                                                    {"ExchangeLegacyServers", kPermExchangeLegacyServers},
                                                    {"Partners", kPermPartners},
                                                    {"Custom", kPermCustom}}};

std::optional<std::int64_t> parse_integer(std::string_view text, bool allow_group_separators) {
  std::string digits;
  for (char c : text) {
    if (allow_group_separators && c == ',') continue;
    if (c < '0' || c > '9') return std::nullopt;  // no sign: every value parsed here is a count
    digits.push_back(c);
  }
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  const char* first = digits.data();
  const char* last = digits.data() + digits.size();
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || end != last) return std::nullopt;
  return value;
}

template <std::size_t N>
Parsed<std::uint32_t> parse_flags(std::string_view text, const std::array<FlagName, N>& names, std::string_view what) {
  text = trim(text);
  if (text.empty()) return parse_error<std::uint32_t>(fmt::format("{} is empty", what));
  if (text.front() == '-' || (text.front() >= '0' && text.front() <= '9')) {
    auto number = parse_integer(text, false);
    std::uint32_t all = 0;
    for (const auto& n : names) all |= n.bit;
    if (!number || (static_cast<std::uint64_t>(*number) & ~std::uint64_t{all}) != 0)
      return parse_error<std::uint32_t>(fmt::format("'{}' is not a valid {} value", text, what));
    return parsed_value(static_cast<std::uint32_t>(*number));
  }
  std::uint32_t flags = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view item =
        trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    bool known = iequals(item, "None");
    for (const auto& n : names) {
      if (iequals(item, n.name)) {
        flags |= n.bit;
        known = true;
      }
    }
    if (!known) {
      std::string valid = "None";
      for (const auto& n : names) valid += fmt::format(", {}", n.name);
      return parse_error<std::uint32_t>(fmt::format("'{}' is not a {} name (valid: {})", item, what, valid));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parsed_value(flags);
}

template <std::size_t N>
std::vector<std::string> flag_list(std::uint32_t flags, const std::array<FlagName, N>& names) {
  std::vector<std::string> out;
  for (const auto& n : names)
    if ((flags & n.bit) != 0) out.emplace_back(n.name);
  if (out.empty()) out.emplace_back("None");
  return out;
}

}  // namespace

Parsed<std::uint32_t> parse_auth_mechanism(std::string_view text) {
  return parse_flags(text, kAuthNames, "AuthMechanism");
}

Parsed<std::uint32_t> parse_permission_groups(std::string_view text) {
  return parse_flags(text, kPermissionNames, "PermissionGroups");
}

std::vector<std::string> auth_mechanism_list(std::uint32_t flags) {
  return flag_list(flags, kAuthNames);
}
std::vector<std::string> permission_group_list(std::uint32_t flags) {
  return flag_list(flags, kPermissionNames);
}
std::string format_auth_mechanism(std::uint32_t flags) {
  return fmt::format("{}", fmt::join(auth_mechanism_list(flags), ", "));
}
std::string format_permission_groups(std::uint32_t flags) {
  return fmt::format("{}", fmt::join(permission_group_list(flags), ", "));
}

Parsed<TransportRole> parse_transport_role(std::string_view text) {
  text = trim(text);
  if (iequals(text, "HubTransport") || text == "32") return parsed_value(TransportRole::HubTransport);
  if (iequals(text, "FrontendTransport") || text == "16384") return parsed_value(TransportRole::FrontendTransport);
  static constexpr std::array<std::string_view, 8> kOther{"Mailbox",      "2", "Edge", "64",
                                                          "ClientAccess", "4", "Cafe", "1"};
  for (auto other : kOther)
    if (iequals(text, other)) return parsed_value(TransportRole::Other);
  return parse_error<TransportRole>(
      fmt::format("'{}' is not a TransportRole (expected HubTransport or FrontendTransport)", text));
}

std::string_view transport_role_name(TransportRole role) {
  switch (role) {
    case TransportRole::HubTransport: return "HubTransport";
    case TransportRole::FrontendTransport: return "FrontendTransport";
    case TransportRole::Other: break;
  }
  return "Other";
}

Parsed<bool> parse_bool(std::string_view text) {
  text = trim(text);
  if (iequals(text, "true") || text == "1") return parsed_value(true);
  if (iequals(text, "false") || text == "0") return parsed_value(false);
  return parse_error<bool>(fmt::format("'{}' is not a boolean (expected True or False)", text));
}

Parsed<Limit> parse_limit(std::string_view text) {
  text = trim(text);
  if (iequals(text, "Unlimited")) return parsed_value(Limit{});
  auto number = parse_integer(text, true);
  if (!number || *number < 0) return parse_error<Limit>(fmt::format("'{}' is not a number or Unlimited", text));
  return parsed_value(Limit{*number});
}

Parsed<Limit> parse_byte_size(std::string_view text) {
  text = trim(text);
  if (iequals(text, "Unlimited")) return parsed_value(Limit{});
  // Display form: "36 MB (37,748,736 bytes)": the exact byte count is in the parentheses.
  if (auto open = text.find('('); open != std::string_view::npos) {
    auto close = text.find(')', open);
    std::string_view inner =
        close == std::string_view::npos ? std::string_view{} : trim(text.substr(open + 1, close - open - 1));
    if (inner.size() > 5 && iequals(inner.substr(inner.size() - 5), "bytes")) {
      if (auto bytes = parse_integer(trim(inner.substr(0, inner.size() - 5)), true)) return parsed_value(Limit{*bytes});
    }
    return parse_error<Limit>(fmt::format("'{}' is not a size (expected e.g. 36 MB (37,748,736 bytes))", text));
  }
  static constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> kUnits{
      {{"TB", std::int64_t{1} << 40}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}}};
  for (const auto& [unit, factor] : kUnits) {
    if (text.size() > unit.size() && iequals(text.substr(text.size() - unit.size()), unit)) {
      std::string_view number = trim(text.substr(0, text.size() - unit.size()));
      // Decimal sizes such as "1.5 MB" are allowed: parse as thousandths.
      auto dot = number.find('.');
      auto whole = parse_integer(number.substr(0, dot), true);
      if (!whole) break;
      if (*whole > std::numeric_limits<std::int64_t>::max() / factor) break;  // beyond any real size
      std::int64_t bytes = *whole * factor;
      if (dot != std::string_view::npos) {
        auto fraction_text = number.substr(dot + 1);
        auto fraction = parse_integer(fraction_text, false);
        if (!fraction || fraction_text.size() > 6) break;
        std::int64_t scale = 1;
        for (std::size_t i = 0; i < fraction_text.size(); ++i) scale *= 10;
        bytes += *fraction * factor / scale;
      }
      return parsed_value(Limit{bytes});
    }
  }
  if (auto bytes = parse_integer(text, true)) return parsed_value(Limit{*bytes});
  return parse_error<Limit>(fmt::format("'{}' is not a size (expected e.g. 36 MB (37,748,736 bytes))", text));
}

Parsed<std::int64_t> parse_time_span_seconds(std::string_view text) {
  text = trim(text);
  const std::string whole(text);
  auto bad = [&] {
    return parse_error<std::int64_t>(fmt::format("'{}' is not a time span (expected [d.]hh:mm:ss)", whole));
  };
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::int64_t days = 0;
  auto first_colon = text.find(':');
  if (first_colon == std::string_view::npos) return bad();
  auto day_dot = text.substr(0, first_colon).find('.');
  if (day_dot != std::string_view::npos) {
    auto d = parse_integer(text.substr(0, day_dot), false);
    if (!d) return bad();
    if (*d > 10675199) return bad();  // TimeSpan.MaxValue is 10675199 days
    days = *d;
    text.remove_prefix(day_dot + 1);
  }
  std::array<std::int64_t, 3> parts{};
  for (std::size_t i = 0; i < 3; ++i) {
    auto end = i < 2 ? text.find(':') : text.find('.');
    if (i < 2 && end == std::string_view::npos) return bad();
    auto v = parse_integer(text.substr(0, end), false);
    if (!v || (i > 0 && *v > 59) || (i == 0 && *v > 23)) return bad();
    parts[i] = *v;
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  if (!text.empty() && !parse_integer(text, false)) return bad();
  std::int64_t seconds = ((days * 24 + parts[0]) * 60 + parts[1]) * 60 + parts[2];
  return parsed_value(negative ? -seconds : seconds);
}

Parsed<int> parse_enum(std::string_view text, std::initializer_list<std::string_view> names) {
  text = trim(text);
  int index = 0;
  for (auto name : names) {
    if (iequals(text, name)) return parsed_value(index);
    ++index;
  }
  if (auto number = parse_integer(text, false);
      number && *number >= 0 && *number < static_cast<std::int64_t>(names.size()))
    return parsed_value(static_cast<int>(*number));
  std::string valid;
  for (auto name : names) valid += valid.empty() ? std::string(name) : fmt::format(", {}", name);
  return parse_error<int>(fmt::format("'{}' is not one of {}", text, valid));
}

Parsed<CertificateName> parse_certificate_name(std::string_view text) {
  text = trim(text);
  auto bad = [&](std::string_view why) {
    return parse_error<CertificateName>(fmt::format("'{}' is not of the form <I>issuer<S>subject: {}", text, why));
  };
  if (text.size() < 3 || !iequals(text.substr(0, 3), "<I>")) return bad("it does not start with <I>");
  std::string lower = to_lower(text);
  auto s = lower.find("<s>");
  if (s == std::string::npos) return bad("<S> is missing");
  CertificateName name{std::string(trim(text.substr(3, s - 3))), std::string(trim(text.substr(s + 3)))};
  if (name.issuer.empty()) return bad("the issuer is empty");
  if (name.subject.empty()) return bad("the subject is empty");
  return parsed_value(std::move(name));
}

std::string format_certificate_name(std::string_view issuer, std::string_view subject) {
  return fmt::format("<I>{}<S>{}", issuer, subject);
}

std::string ExchangeVersion::product() const {
  if (major == 15 && minor == 2) return build >= 2562 ? "Exchange Server SE" : "Exchange 2019";
  if (major == 15 && minor == 1) return "Exchange 2016";
  if (major == 15 && minor == 0) return "Exchange 2013";
  if (major == 14) return "Exchange 2010";
  if (major == 8) return "Exchange 2007";
  return fmt::format("Exchange {}.{}", major, minor);
}

Parsed<ExchangeVersion> parse_exchange_version(std::string_view text) {
  std::string_view t = trim(text);
  if (t.size() > 8 && iequals(t.substr(0, 8), "Version ")) t = trim(t.substr(8));
  ExchangeVersion v;
  // major.minor[.build[.revision]] or "major.minor (Build build.rev)"
  std::vector<std::int64_t> numbers;
  std::size_t i = 0;
  auto read_number = [&]() -> std::optional<std::int64_t> {
    std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start || i - start > 9) return std::nullopt;
    return parse_integer(t.substr(start, i - start), false);
  };
  auto major = read_number();
  if (!major || i >= t.size() || t[i] != '.')
    return parse_error<ExchangeVersion>(
        fmt::format("'{}' is not an Exchange version (expected e.g. Version 15.2 (Build 986.5) or 15.2)", text));
  ++i;
  auto minor = read_number();
  if (!minor)
    return parse_error<ExchangeVersion>(
        fmt::format("'{}' is not an Exchange version (expected e.g. Version 15.2 (Build 986.5) or 15.2)", text));
  v.major = static_cast<int>(*major);
  v.minor = static_cast<int>(*minor);
  std::string_view rest = trim(t.substr(i));
  if (!rest.empty() && rest.front() == '.') {
    i = t.size() - rest.size() + 1;
    if (auto b = read_number()) v.build = static_cast<int>(*b);
  } else if (rest.size() > 7 && iequals(rest.substr(0, 7), "(Build ")) {
    i = t.size() - rest.size() + 7;
    if (auto b = read_number()) v.build = static_cast<int>(*b);
  }
  return parsed_value(v);
}

}  // namespace ecd
