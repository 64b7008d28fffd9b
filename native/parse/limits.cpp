#include "parse/limits.h"

#include <fmt/format.h>

#include "core/values.h"
#include "json_input.h"

namespace ecd {
namespace {

/// The start of a long value for a message: the first 60 bytes, cut at a character boundary.
std::string excerpt(std::string_view text) {
  return utf8_prefix(text, 60) + (text.size() > 60 ? "..." : "");
}

std::string thousands(std::size_t n) {
  return format_count(Uint128::from_u64(n));
}

}  // namespace

void LimitChecker::issue(const std::string& source, const std::string& pointer, const std::string& identity,
                         const std::string& field, std::string text, std::string message) {
  issues_.push_back(
      InputIssue::at(source, pointer).about(field, std::move(text), std::move(message)).in_identity(identity));
}

void LimitChecker::drop_long_strings(json& value, const std::string& source, const std::string& pointer,
                                     const std::string& identity, const std::string& field) {
  auto too_long = [&](const json& v, const std::string& at, const std::string& name) {
    if (!v.is_string() || v.get_ref<const std::string&>().size() <= limits_.max_string_bytes) return false;
    const auto& s = v.get_ref<const std::string&>();
    issue(source, at, identity, name, excerpt(s),
          fmt::format("the value at {} is {} bytes long, above the limit of {} bytes per value; it was left out",
                      at.empty() ? "the top" : at, thousands(s.size()), thousands(limits_.max_string_bytes)));
    return true;
  };
  if (value.is_array()) {
    json kept = json::array();
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string at = fmt::format("{}/{}", pointer, i);
      if (too_long(value[i], at, field)) continue;
      drop_long_strings(value[i], source, at, identity, field);
      kept.push_back(std::move(value[i]));
    }
    value = std::move(kept);
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string at = pointer + "/" + json_pointer_token(it.key());
      const std::string& name = field.empty() ? it.key() : field;  // the connector's property it is in
      if (too_long(it.value(), at, name))
        it.value() = nullptr;
      else
        drop_long_strings(it.value(), source, at, identity, name);
    }
  }
}

void LimitChecker::check_connector(json& connector, const std::string& source, const std::string& pointer) {
  if (!connector.is_object()) {
    drop_long_strings(connector, source, pointer, "", "");
    return;
  }
  std::string identity;
  if (const json* id = member(connector, "Identity");
      id && id->is_string() && id->get_ref<const std::string&>().size() <= limits_.max_string_bytes)
    identity = id->get<std::string>();
  for (auto it = connector.begin(); it != connector.end(); ++it) {
    json& value = it.value();
    const std::string at = pointer + "/" + json_pointer_token(it.key());
    if (value.is_array() && value.size() > limits_.max_values_per_property) {
      issue(source, at, identity, it.key(), "",
            fmt::format("{} has {} entries, above the limit of {} per property; only the first {} were read", it.key(),
                        thousands(value.size()), thousands(limits_.max_values_per_property),
                        thousands(limits_.max_values_per_property)));
      value.erase(value.begin() + static_cast<std::ptrdiff_t>(limits_.max_values_per_property), value.end());
    }
  }
  drop_long_strings(connector, source, pointer, identity, "");
}

std::optional<RequestError> LimitChecker::count_connectors(std::size_t more, const std::string& source,
                                                           const std::string& pointer) {
  if (connectors_ + more <= limits_.max_connectors) {
    connectors_ += more;
    return std::nullopt;
  }
  return RequestError{
      fmt::format("the request holds more than {} receive connectors, the limit per request ({} brings the count to "
                  "{}); split the organisation into several runs",
                  thousands(limits_.max_connectors), source == "request" ? pointer : source,
                  thousands(connectors_ + more)),
      0};
}

std::optional<RequestError> LimitChecker::check_request(json& root) {
  if (!root.is_object()) return std::nullopt;
  for (auto it = root.begin(); it != root.end(); ++it) {
    json& value = it.value();
    std::string at(1, '/');  // not "/" + token: GCC 12 warns falsely (-Wrestrict) on that
    at += json_pointer_token(it.key());
    if (iequals(it.key(), "connectors")) {
      if (auto e = check_document(value, "request")) return e;
      continue;
    }
    if (value.is_array() && (iequals(it.key(), "servers") || iequals(it.key(), "queries"))) {
      const std::size_t limit = iequals(it.key(), "servers") ? limits_.max_servers : limits_.max_queries;
      if (value.size() > limit)
        return RequestError{fmt::format("\"{}\" holds {} entries, above the limit of {} per request", it.key(),
                                        thousands(value.size()), thousands(limit)),
                            0};
    }
    if (iequals(it.key(), "documents") && value.is_array()) {
      for (std::size_t d = 0; d < value.size(); ++d) {
        json& doc = value[d];
        if (!doc.is_object()) continue;
        for (auto m = doc.begin(); m != doc.end(); ++m)
          if (!iequals(m.key(), "text"))  // the text is a whole file, bounded by the request size
            drop_long_strings(m.value(), "request", fmt::format("{}/{}/{}", at, d, json_pointer_token(m.key())), "",
                              "");
      }
      continue;
    }
    if (value.is_string() && value.get_ref<const std::string&>().size() > limits_.max_string_bytes) {
      const auto& s = value.get_ref<const std::string&>();
      issue("request", at, "", it.key(), excerpt(s),
            fmt::format("the value at {} is {} bytes long, above the limit of {} bytes per value; it was left out", at,
                        thousands(s.size()), thousands(limits_.max_string_bytes)));
      value = nullptr;
    } else {
      drop_long_strings(value, "request", at, "", "");
    }
  }
  return std::nullopt;
}

std::optional<RequestError> LimitChecker::check_document(json& connectors, const std::string& source) {
  const std::string base = source == "request" ? "/connectors" : "";
  if (connectors.is_array()) {
    if (auto e = count_connectors(connectors.size(), source, base)) return e;
    for (std::size_t i = 0; i < connectors.size(); ++i)
      check_connector(connectors[i], source, fmt::format("{}/{}", base, i));
  } else if (!connectors.is_null()) {
    if (auto e = count_connectors(1, source, base)) return e;
    check_connector(connectors, source, base);
  }
  return std::nullopt;
}

}  // namespace ecd
