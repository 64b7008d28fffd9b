#include "core/text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace ecd {

std::string_view trim(std::string_view text) {
  const char* ws = " \t\r\n";
  std::size_t first = text.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(ws);
  return text.substr(first, last - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // no overlong 3-byte forms
      if (c == 0xED) high = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // no overlong 4-byte forms
      if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;  // a continuation byte without a lead, an overlong C0/C1, or F5..FF
    }
    if (i + 1 >= n || s[i + 1] < low || s[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k)
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) return i;
    i += length;
  }
  return std::nullopt;
}

std::string escape_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (auto bad = first_invalid_utf8(text)) {
    out.append(text.substr(0, *bad));
    out += fmt::format("<0x{:02X}>", static_cast<unsigned char>(text[*bad]));
    text.remove_prefix(*bad + 1);
  }
  out.append(text);
  return out;
}

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(text.substr(0, utf8_boundary(text, max_bytes)));  // text[cut] starts the next character
}

std::size_t utf8_boundary(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
  return offset;
}

std::string format_count(Uint128 count) {
  if (count.is_max()) return "2^128";
  std::string digits = to_decimal(count), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string count_value(Uint128 count) {
  return count.is_max() ? std::string("2^128") : to_decimal(count);
}

std::string describe_size(Uint128 size) {
  if (size.is_max()) return "all 2^128 IPv6 addresses";
  return size == Uint128::from_u64(1) ? "1 address" : format_count(size) + " addresses";
}

std::string first_items(const std::vector<std::string>& items, std::size_t at_most) {
  const auto n = static_cast<std::ptrdiff_t>(std::min(at_most, items.size()));
  std::string more = items.size() > at_most ? fmt::format(" and {} more", items.size() - at_most) : "";
  return fmt::format("{}{}", fmt::join(items.begin(), items.begin() + n, ", "), more);
}

}  // namespace ecd
