// Reading JSON the way PowerShell writes it, for every reader of parse/: where a value sits (source and JSON
// pointer), parsing with a depth bound and UTF-8 check, members by name in any case, scalars as PowerShell prints
// them, and multi-valued properties given as an array or as one comma-separated string.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/organisation.h"

namespace ecd {

using json = nlohmann::json;

/// A member name as one token of a JSON pointer (RFC 6901: "~" as "~0", "/" as "~1").
std::string json_pointer_token(std::string_view token);

/// Where a value sits: the source (request or file) and its JSON pointer.
struct Location {
  std::string source;
  std::string pointer;
  Location operator/(std::string_view token) const;
  Location operator/(std::size_t index) const;
  /// An input issue at this place (model/organisation.h builds the rest).
  InputIssue issue() const { return InputIssue::at(source, pointer); }
};

/// Parses JSON text; on failure says why, with the byte offset.
std::optional<json> parse_json(std::string_view text, std::size_t max_depth, std::string& error, std::size_t& offset);

/// Case-insensitive member lookup (PowerShell property names are case-insensitive); `actual_key` gets the
/// member's name as written.
const json* member(const json& object, std::string_view key, std::string* actual_key = nullptr);

/// The text of a scalar as PowerShell would print it; objects are read through the members that
/// ConvertTo-Json writes for Exchange types (Expression, Address+Port, Name, Domain).
std::optional<std::string> text_of(const json& value);

/// The text of a member, empty when it is missing, null or not a scalar.
std::string string_of(const json& object, std::string_view key);

/// A member given as one string or as an array of scalars.
std::vector<std::string> string_list(const json& object, std::string_view key);

/// Items of a multi-valued property: a JSON array, or one string with items separated by commas
/// (optionally in braces, as Format-List prints them), each with where it is.
std::vector<std::pair<std::string, Location>> items_of(const json& value, const Location& where);

}  // namespace ecd
