#include "parse/smtp_reply.h"

#include <algorithm>

#include "core/values.h"

namespace ecd {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}
bool is_word(char c) {
  return is_digit(c) || is_letter(c) || c == '_';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_opener(char c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '<';
}

char closer_of(char opener) {
  switch (opener) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    default: return opener;
  }
}

/// The text with every run of white space (line breaks included) folded to one space.
std::string fold_space(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool space = false;
  for (char c : in) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// Length of an RFC 3463 enhanced code (class.subject.detail, 1-3 digits each) at s[i], or 0.
std::size_t enhanced_at(std::string_view s, std::size_t i, char basic_class) {
  if (i >= s.size()) return 0;
  char cls = s[i];
  if (cls != '2' && cls != '4' && cls != '5') return 0;
  if ((basic_class == '2') != (cls == '2')) return 0;
  std::size_t j = i + 1;
  for (int part = 0; part < 2; ++part) {
    if (j >= s.size() || s[j] != '.') return 0;
    ++j;
    std::size_t digits = 0;
    while (j < s.size() && is_digit(s[j])) {
      ++j;
      if (++digits > 3) return 0;
    }
    if (digits == 0) return 0;
  }
  if (j < s.size() && (is_word(s[j]) || (s[j] == '.' && j + 1 < s.size() && is_digit(s[j + 1])))) return 0;
  return j - i;
}

/// Whether a code at s[i] stands where a reply begins (needed when it has no enhanced code).
bool at_reply_boundary(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  auto boundary = [](char c) { return is_opener(c) || c == ':' || c == ';' || c == '=' || c == '>' || c == '#'; };
  if (boundary(s[i - 1])) return true;
  return s[i - 1] == ' ' && (i == 1 || boundary(s[i - 2]));
}

struct Start {
  std::size_t pos = 0;         // of the basic code in the folded text
  std::size_t text_begin = 0;  // after the codes and one space
  int code = 0;
  std::string enhanced;
  char closer = 0;  // the quote or bracket that ends this reply, when one opened it
};

std::vector<Start> find_starts(std::string_view s) {
  std::vector<Start> out;
  const std::size_t n = s.size();
  for (std::size_t i = 0; i + 3 <= n; ++i) {
    const char a = s[i], b = s[i + 1], c = s[i + 2];
    if (a < '2' || a > '5' || b < '0' || b > '5' || !is_digit(c)) continue;
    if (i > 0 && (is_word(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) continue;
    std::size_t j = i + 3;
    if (j < n && (is_word(s[j]) || s[j] == ':' || (s[j] == '.' && j + 1 < n && is_digit(s[j + 1])))) continue;
    Start st;
    st.pos = i;
    st.code = (a - '0') * 100 + (b - '0') * 10 + (c - '0');
    st.text_begin = j;
    std::size_t enhanced_length = 0;
    if (j + 1 < n && (s[j] == ' ' || s[j] == '-')) enhanced_length = enhanced_at(s, j + 1, a);
    if (enhanced_length > 0) {
      st.enhanced = std::string(s.substr(j + 1, enhanced_length));
      st.text_begin = j + 1 + enhanced_length;
    } else {
      // Without an enhanced code a number is a reply only where replies begin, followed by words.
      if (!(j + 1 < n && (s[j] == ' ' || s[j] == '-') && is_letter(s[j + 1]))) continue;
      if (!at_reply_boundary(s, i)) continue;
    }
    if (st.text_begin < n && (s[st.text_begin] == ' ' || s[st.text_begin] == '-')) ++st.text_begin;
    std::size_t k = i;
    if (k > 0 && s[k - 1] == ' ') --k;
    if (k >= 5 && iequals(s.substr(k - 5, 5), "smtp;")) k -= 5;
    if (k > 0 && is_opener(s[k - 1])) st.closer = closer_of(s[k - 1]);
    const std::size_t resume = st.text_begin;
    out.push_back(std::move(st));
    i = resume - 1;  // the codes themselves hold no other reply
  }
  return out;
}

enum class End { Next, Arrow, Other };

/// Where the text of a reply ends inside [begin, limit): the first "->", closing quote or bracket of
/// its opener, Exchange's "};" / "}]" list separators, or ", details:" of DiagnosticInfo.
std::pair<std::size_t, End> text_end(std::string_view s, std::size_t begin, std::size_t limit, char closer) {
  for (std::size_t i = begin; i < limit; ++i) {
    const char c = s[i];
    if (c == '-' && i + 1 < limit && s[i + 1] == '>') return {i, End::Arrow};
    if (closer && c == closer && (i + 1 >= s.size() || !is_word(s[i + 1]))) return {i, End::Other};
    if (c == '}' && i + 1 < s.size() && (s[i + 1] == ';' || s[i + 1] == ']')) return {i, End::Other};
    if (c == ',' && i + 10 <= s.size() && iequals(s.substr(i, 10), ", details:")) return {i, End::Other};
  }
  return {limit, End::Next};
}

std::string_view trim_reply_text(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '"' || t.back() == '\'')) t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return t;
}

bool only_space(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return c == ' ' || is_opener(c); });
}

/// Whether the stretch of text before the next reply leads into it: ends in ':' or an opening quote
/// or bracket ("responded with: \"", "failed on Frontend with '"), or in "smtp;".
bool leads_into(std::string_view t) {
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  bool opened = false;
  while (!t.empty() && (is_opener(t.back()) || t.back() == ' ')) {
    opened = opened || is_opener(t.back());
    t.remove_suffix(1);
  }
  if (opened) return true;
  if (!t.empty() && t.back() == ':') return true;
  return t.size() >= 5 && iequals(t.substr(t.size() - 5), "smtp;");
}

std::string find_value(std::string_view text, std::string_view lower, std::string_view key, char end) {
  auto at = lower.find(key);
  if (at == std::string_view::npos) return {};
  std::size_t begin = at + key.size();
  std::size_t stop = text.find(end, begin);
  if (stop == std::string_view::npos) stop = text.size();
  std::string_view v = trim(text.substr(begin, std::min<std::size_t>(stop - begin, 255)));
  return std::string(v);
}

std::string strip_port(std::string_view token) {
  while (!token.empty() && (token.back() == '.' || token.back() == ',' || token.back() == ';')) token.remove_suffix(1);
  if (!token.empty() && token.front() == '[') {
    auto close = token.find(']');
    return std::string(token.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  if (std::count(token.begin(), token.end(), ':') == 1) token = token.substr(0, token.find(':'));
  return std::string(token);
}

}  // namespace

std::vector<SmtpReply> parse_smtp_replies(std::string_view input) {
  const std::string folded = fold_space(input);
  const std::string_view s = folded;
  // Offsets in the input of each folded position are found by walking both texts once.
  std::vector<Start> starts = find_starts(s);
  std::vector<SmtpReply> out;
  out.reserve(starts.size());
  std::size_t depth = 0, chain = 0;
  bool nested = false;
  std::size_t in_pos = 0, folded_pos = 0;
  auto original_offset = [&](std::size_t target) {
    // Advance through the input, counting folded characters, until the folded position is reached.
    while (folded_pos < target && in_pos < input.size()) {
      if (is_space(input[in_pos])) {
        while (in_pos < input.size() && is_space(input[in_pos])) ++in_pos;
        if (folded_pos > 0) ++folded_pos;  // the run became one space (none at the start)
      } else {
        ++in_pos;
        ++folded_pos;
      }
    }
    while (in_pos < input.size() && is_space(input[in_pos])) ++in_pos;
    return in_pos;
  };
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const Start& st = starts[k];
    const std::size_t limit = k + 1 < starts.size() ? starts[k + 1].pos : s.size();
    auto [end, how] = text_end(s, std::min(st.text_begin, limit), limit, st.closer);
    SmtpReply r;
    r.code = st.code;
    r.enhanced = st.enhanced;
    r.text = std::string(trim_reply_text(s.substr(std::min(st.text_begin, end), end - std::min(st.text_begin, end))));
    r.offset = original_offset(st.pos);
    if (k > 0) {
      if (nested) {
        ++depth;
      } else {
        depth = 0;
        ++chain;
      }
    }
    r.depth = depth;
    r.chain = chain;
    out.push_back(std::move(r));
    if (k + 1 < starts.size()) {
      if (how == End::Arrow)
        nested = only_space(s.substr(end + 2, limit - (end + 2)));
      else if (how == End::Next)
        nested = leads_into(s.substr(std::min(st.text_begin, limit), limit - std::min(st.text_begin, limit)));
      else
        nested = false;
    }
  }
  return out;
}

SmtpReply bare_status(std::string_view text) {
  const std::string folded = fold_space(text);
  std::string_view s = folded;
  SmtpReply r;
  if (const std::size_t length = s.empty() ? 0 : enhanced_at(s, 0, s.front()); length > 0) {
    r.enhanced = std::string(s.substr(0, length));
    s.remove_prefix(length);
  }
  r.text = std::string(trim_reply_text(s));
  return r;
}

std::string reply_text(const SmtpReply& r) {
  std::string out = r.code != 0 ? std::to_string(r.code) : std::string();
  for (const std::string* part : {&r.enhanced, &r.text})
    if (!part->empty()) out += (out.empty() ? "" : " ") + *part;
  return out;
}

const SmtpReply* innermost_reply(const std::vector<SmtpReply>& replies) {
  const SmtpReply* best = nullptr;
  for (const auto& r : replies)
    if (!best || r.depth > best->depth) best = &r;
  return best;
}

SmtpNextHop next_hop_in_text(std::string_view text) {
  SmtpNextHop hop;
  const std::string lower = to_lower(text);
  hop.host = find_value(text, lower, "{fqdn=", '}');
  hop.address = strip_port(find_value(text, lower, "{ip=", '}'));
  if (hop.address.empty()) {
    constexpr std::string_view kEndpoint = "endpoint attempted was ";
    if (auto at = lower.find(kEndpoint); at != std::string::npos) {
      std::size_t begin = at + kEndpoint.size();
      std::size_t stop = begin;
      while (stop < text.size() && !is_space(text[stop]) && stop - begin < 64) ++stop;
      hop.address = strip_port(text.substr(begin, stop - begin));
    }
  }
  return hop;
}

}  // namespace ecd
