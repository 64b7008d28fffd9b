#include "json_input.h"

#include <fmt/format.h>

#include "parse/limits.h"

namespace ecd {
namespace {

/// The deepest nesting of [ and { outside strings, or the offset where it passes `limit`.
std::optional<std::size_t> depth_exceeded_at(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace

Location Location::operator/(std::string_view token) const {
  return {source, pointer + "/" + json_pointer_token(token)};
}

Location Location::operator/(std::size_t index) const {
  return {source, fmt::format("{}/{}", pointer, index)};
}

std::optional<json> parse_json(std::string_view text, std::size_t max_depth, std::string& error, std::size_t& offset) {
  if (auto at = depth_exceeded_at(text, max_depth)) {
    offset = *at;
    error = fmt::format("nesting deeper than {} levels at byte {}", max_depth, *at);
    return std::nullopt;
  }
  if (auto bad = first_invalid_utf8(text)) {
    offset = *bad;
    error = fmt::format("not UTF-8: invalid UTF-8 at byte {} (0x{:02X})", *bad, static_cast<unsigned char>(text[*bad]));
    return std::nullopt;
  }
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
    if (auto colon = what.find("]"); colon != std::string::npos) what = std::string(trim(what.substr(colon + 1)));
    // Its "last read: '...'" quotes the input up to the bad byte, which may end inside a character.
    error = fmt::format("not valid JSON at byte {}: {}", offset, escape_invalid_utf8(what));
    return std::nullopt;
  } catch (const json::exception& e) {
    // out_of_range.406, a number beyond double ("1e309"): nlohmann names the number but not its offset.
    std::string what = e.what();
    auto open = what.find('\''), close = what.rfind('\'');
    std::string number = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    auto at = number.empty() ? std::string_view::npos : text.find(number);
    offset = at == std::string_view::npos ? 0 : at;
    error =
        fmt::format("not valid JSON at byte {}: the number {} is out of range", offset, escape_invalid_utf8(number));
    return std::nullopt;
  }
}

const json* member(const json& object, std::string_view key, std::string* actual_key) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(std::string(key)); it != object.end()) {
    if (actual_key) *actual_key = it.key();
    return &*it;
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (iequals(it.key(), key)) {
      if (actual_key) *actual_key = it.key();
      return &*it;
    }
  }
  return nullptr;
}

std::optional<std::string> text_of(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return value.get<std::string>();
    case json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case json::value_t::number_float: return fmt::format("{}", value.get<double>());
    case json::value_t::object: {
      if (const json* e = member(value, "Expression"); e && e->is_string()) return e->get<std::string>();
      const json* address = member(value, "Address");
      const json* port = member(value, "Port");
      if (address && port) {
        auto a = address->is_object()
                     ? (member(*address, "IPAddressToString") ? text_of(*member(*address, "IPAddressToString"))
                                                              : std::nullopt)
                     : text_of(*address);
        auto p = text_of(*port);
        if (a && p)
          return a->find(':') != std::string::npos ? fmt::format("[{}]:{}", *a, *p) : fmt::format("{}:{}", *a, *p);
      }
      const json* lower = member(value, "LowerBound");
      const json* upper = member(value, "UpperBound");
      if (lower && upper && lower->is_string() && upper->is_string())
        return fmt::format("{}-{}", lower->get<std::string>(), upper->get<std::string>());
      for (auto key : {"Domain", "Name", "value", "Value"})
        if (const json* n = member(value, key); n && !n->is_object() && !n->is_array()) return text_of(*n);
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::string string_of(const json& object, std::string_view key) {
  const json* v = member(object, key);
  if (!v || v->is_null()) return {};
  return text_of(*v).value_or("");
}

std::vector<std::string> string_list(const json& object, std::string_view key) {
  std::vector<std::string> out;
  const json* v = member(object, key);
  if (!v) return out;
  if (v->is_string()) out.push_back(v->get<std::string>());
  if (v->is_array())
    for (const auto& item : *v)
      if (auto t = text_of(item)) out.push_back(*t);
  return out;
}

std::vector<std::pair<std::string, Location>> items_of(const json& value, const Location& where) {
  std::vector<std::pair<std::string, Location>> out;
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto t = text_of(value[i]);
      out.emplace_back(t.value_or(value[i].dump()), where / i);
    }
    return out;
  }
  auto t = text_of(value);
  if (!t) return out;
  std::string_view s = trim(*t);
  if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto part = trim(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!part.empty()) out.emplace_back(std::string(part), where);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string json_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace ecd
