// Text: trimming and comparing ASCII-case-insensitively, well-formed UTF-8 (checking, escaping, cutting at a
// character boundary), and numbers for people: thousands separators, "2^128" for the whole IPv6 space, address
// counts, and "a, b and 3 more" lists. Written once; every message uses these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/uint128.h"

namespace ecd {

std::string_view trim(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view text);

/// The offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequence), or nullopt when all of `text` is.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);
/// `text` with each byte that is not part of well-formed UTF-8 written as "<0xCF>" (as nlohmann/json
/// writes control characters "<U+000A>"): for messages that quote raw input, such as a JSON parser's
/// "last read", which can stop inside a multi-byte character. Responses must stay valid UTF-8.
std::string escape_invalid_utf8(std::string_view text);
/// At most `max_bytes` of well-formed UTF-8 `text`, cut at a character boundary (never inside one).
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);
/// The character boundary at or before byte `offset` of well-formed UTF-8 `text` (offset itself when it is one).
std::size_t utf8_boundary(std::string_view text, std::size_t offset);

/// "4,294,967,296"; "2^128" for the whole IPv6 space (2^128 does not fit in 128 bits).
std::string format_count(Uint128 count);
/// "4294967296"; "2^128" for the whole IPv6 space: a count as evidence writes it.
std::string count_value(Uint128 count);
/// "1 address", "4,294,967,296 addresses", "all 2^128 IPv6 addresses".
std::string describe_size(Uint128 size);
/// "a, b, c and 7 more": the first `at_most` items, for messages that must stay readable.
std::string first_items(const std::vector<std::string>& items, std::size_t at_most = 10);

}  // namespace ecd
