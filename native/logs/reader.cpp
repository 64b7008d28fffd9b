// The protocol log line reader and the session state machine behind LogStream (logs/reader.h).
// DOMAIN-SUPPLEMENT.md §A.5-§A.7 for the format and its quirks.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/ip.h"
#include "core/text.h"
#include "logs/reader.h"

namespace ecd {
namespace {

enum Column {
  DateTime,
  ConnectorId,
  SessionId,
  Sequence,
  LocalEndpoint,
  RemoteEndpoint,
  Event,
  Data,
  Context,
  kColumns
};
constexpr std::array<std::string_view, kColumns> kColumnNames = {"date-time",       "connector-id",   "session-id",
                                                                 "sequence-number", "local-endpoint", "remote-endpoint",
                                                                 "event",           "data",           "context"};
constexpr std::size_t kMaxFields = 64;

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

/// A word of `text` (delimited by spaces, '-' after a reply code, or the ends) equal to `word`.
bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool left = at == 0 || text[at - 1] == ' ' || text[at - 1] == '-';
    const std::size_t end = at + word.size();
    const bool right = end == text.size() || text[end] == ' ';
    if (left && right) return true;
  }
  return false;
}

/// The reply code of an SMTP reply ("250 ...", "250-..."): 0 when none.
int reply_code(std::string_view text) {
  if (text.size() < 3) return 0;
  for (int i = 0; i < 3; ++i)
    if (text[i] < '0' || text[i] > '9') return 0;
  if (text.size() > 3 && text[3] != ' ' && text[3] != '-') return 0;
  return (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
}

/// "550 5.7.54" from "550 5.7.54 SMTP; Unable to relay ...", "421" when there is no enhanced code.
std::string refusal_key(std::string_view text) {
  std::string key(text.substr(0, 3));
  std::string_view rest = text.substr(std::min<std::size_t>(4, text.size()));
  std::size_t n = 0;
  while (n < rest.size() && ((rest[n] >= '0' && rest[n] <= '9') || rest[n] == '.')) ++n;
  const std::string_view enhanced = rest.substr(0, n);
  if (enhanced.size() >= 5 && std::count(enhanced.begin(), enhanced.end(), '.') == 2) {
    key += ' ';
    key += enhanced;
  }
  return key;
}

/// The address of "<address>:<port>", "[<IPv6>]:<port>"; canonical when it parses, else the text as written.
std::string endpoint_address(std::string_view endpoint) {
  std::string_view address = endpoint;
  if (!endpoint.empty() && endpoint.front() == '[') {
    const auto close = endpoint.find(']');
    if (close != std::string_view::npos) address = endpoint.substr(1, close - 1);
  } else if (const auto colon = endpoint.rfind(':'); colon != std::string_view::npos) {
    address = endpoint.substr(0, colon);  // IPv4 "a.b.c.d:port", or an unbracketed IPv6 with its port
  }
  if (auto parsed = parse_ip_address(address)) return format_ip_address(*parsed.value);
  if (auto whole = parse_ip_address(endpoint)) return format_ip_address(*whole.value);  // IPv6 without a port
  return std::string(address);
}

bool valid_date_time(std::string_view t) {
  if (t.size() < 19) return false;
  static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd') {
      if (t[i] < '0' || t[i] > '9') return false;
    } else if (t[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

void keep_min(std::string& into, std::string_view value) {
  if (into.empty() || value < into) into = value;
}
void keep_max(std::string& into, std::string_view value) {
  if (value > into) into = value;
}

std::string append_bounded(std::string text, std::string_view more) {
  constexpr std::size_t limit = 1024;
  if (text.size() >= limit) return text;
  if (!text.empty()) text += " | ";
  text += more.substr(0, limit - std::min(limit, text.size()));
  return text;
}

struct Session {
  bool send = false;
  std::string connector_id, remote, local;
  std::string first, last;
  std::string ehlo_name;
  std::string user, permissions;
  bool tls = false, pending_tls = false;
  bool x_exps_command = false, exchange_auth_ok = false, domain_secure = false;
  bool in_ehlo_reply = false, got_ehlo_reply = false, offered_x_exps = false, offered_anonymous_tls = false;
  bool tls_failed = false;
  std::string ehlo_reply_at, ehlo_reply;
  std::uint64_t messages = 0, recipients = 0, queued_exchange_auth = 0;
  NameCounts refused;
};

}  // namespace

struct LogStream::State {
  std::string file;
  const LogReadOptions& options;
  LogSummary& out;
  std::vector<char> buffer;
  std::size_t used = 0;
  bool skipping_long_line = false;
  std::uint64_t line_number = 0;
  bool first_line = true;
  bool send = false;
  bool have_fields = false;
  bool default_fields_noted = false;
  std::array<int, kColumns> column{};  // index of each known column in a line, -1 when absent
  std::size_t field_count = kColumns;
  std::vector<std::string_view> fields;
  std::vector<std::string> unquoted;  // the fields whose "" had to be undone
  std::unordered_map<std::string, Session> sessions;
  std::map<ReceiveKey, std::pair<std::uint64_t, std::uint64_t>> open;  // open sessions now, peak
  std::string last_session_id;
  Session* last_session = nullptr;

  State(std::string f, const LogReadOptions& o, LogSummary& s) : file(std::move(f)), options(o), out(s) {
    buffer.resize(std::max<std::size_t>(options.buffer_size, 16));
    default_columns();
    const std::string name = to_lower(file.substr(file.find_last_of("/\\") + 1));
    send = name.rfind("send", 0) == 0;
  }

  void default_columns() {
    for (int i = 0; i < kColumns; ++i) column[i] = i;
    field_count = kColumns;
  }

  void issue(std::uint64_t line, std::string message) {
    ++out.malformed;
    add_issue(out, LogIssue{file, line, std::move(message)});
  }

  // ---- chunking ----

  void feed(std::string_view chunk) {
    while (!chunk.empty()) {
      const std::size_t room = buffer.size() - used;
      const std::size_t n = std::min(room, chunk.size());
      std::memcpy(buffer.data() + used, chunk.data(), n);
      used += n;
      chunk.remove_prefix(n);
      drain();
    }
  }

  void drain() {
    std::size_t start = 0;
    for (;;) {
      const void* nl = std::memchr(buffer.data() + start, '\n', used - start);
      if (!nl) break;
      const std::size_t end = static_cast<const char*>(nl) - buffer.data();
      ++line_number;
      if (skipping_long_line)
        skipping_long_line = false;  // the end of a line already reported
      else
        line(std::string_view(buffer.data() + start, end - start));
      start = end + 1;
    }
    if (start == 0 && used == buffer.size()) {
      if (!skipping_long_line) issue(line_number + 1, fmt::format("line longer than {} bytes", buffer.size()));
      skipping_long_line = true;
      used = 0;
      return;
    }
    std::memmove(buffer.data(), buffer.data() + start, used - start);
    used -= start;
  }

  void finish() {
    if (used > 0 && !skipping_long_line) {
      ++out.truncated;  // the log is still being written: its last line is not complete yet
      add_issue(out, LogIssue{file, line_number + 1,
                              "the last line is incomplete (the log is still being written); not read"});
    }
    used = 0;
    for (auto& [id, session] : sessions) close(session);
    sessions.clear();
    last_session = nullptr;
    for (const auto& [key, counts] : open) {
      auto& peak = out.receive[key].peak_concurrent;
      peak = std::max(peak, counts.second);
    }
    open.clear();
  }

  // ---- lines ----

  void line(std::string_view text) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (first_line) {
      first_line = false;
      if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    }
    if (text.empty()) return;
    if (text.front() == '#') return header(text);
    ++out.lines;
    if (!split(text)) return issue(line_number, "a quoted field is not closed");
    if (fields.size() != field_count)
      return issue(line_number, fmt::format("{} fields where #Fields names {}", fields.size(), field_count));
    if (!have_fields && !default_fields_noted) {
      default_fields_noted = true;
      add_issue(out, LogIssue{file, line_number,
                              "no #Fields line before the first record: the documented column order was assumed"});
    }
    record();
  }

  void header(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return;
    const std::string_view name = text.substr(1, colon - 1);
    const std::string_view value = trim(text.substr(colon + 1));
    if (iequals(name, "Log-type")) {
      if (starts_with_ci(value, "SMTP Send")) send = true;
      if (starts_with_ci(value, "SMTP Receive")) send = false;
    } else if (iequals(name, "Fields")) {
      have_fields = true;
      column.fill(-1);
      field_count = 0;
      std::size_t start = 0;
      for (;;) {
        const auto comma = value.find(',', start);
        const std::string_view field =
            trim(value.substr(start, comma == std::string_view::npos ? comma : comma - start));
        for (int i = 0; i < kColumns; ++i)
          if (iequals(field, kColumnNames[i])) column[i] = static_cast<int>(field_count);
        ++field_count;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      for (int i : {DateTime, SessionId, RemoteEndpoint, Event}) {
        if (column[i] < 0) {
          // Said, not counted as a malformed line: malformedLines counts records, and this is a header line.
          add_issue(out, LogIssue{file, line_number,
                                  fmt::format("#Fields has no {} column: the documented column order was assumed",
                                              kColumnNames[i])});
          default_columns();
          break;
        }
      }
    }
  }

  /// Splits a CSV line into fields (views into the line, or into `unquoted`). False: an unclosed quote.
  bool split(std::string_view text) {
    fields.clear();
    std::size_t unquoted_used = 0;
    std::size_t i = 0;
    for (;;) {
      if (fields.size() == kMaxFields) return true;  // more than any #Fields: the count check reports it
      if (i < text.size() && text[i] == '"') {
        std::size_t j = i + 1;
        bool escaped = false;
        for (;;) {
          const auto q = text.find('"', j);
          if (q == std::string_view::npos) return false;
          if (q + 1 < text.size() && text[q + 1] == '"') {
            escaped = true;
            j = q + 2;
            continue;
          }
          j = q;
          break;
        }
        std::string_view inner = text.substr(i + 1, j - i - 1);
        if (escaped) {
          if (unquoted.size() <= unquoted_used) unquoted.emplace_back();
          std::string& s = unquoted[unquoted_used++];
          s.clear();
          for (std::size_t k = 0; k < inner.size(); ++k) {
            s += inner[k];
            if (inner[k] == '"') ++k;
          }
          inner = s;
        }
        fields.push_back(inner);
        i = j + 1;
        if (i == text.size()) return true;
        if (text[i] != ',') return false;  // text after a closing quote: not CSV
        ++i;
        if (i == text.size()) {
          fields.emplace_back();
          return true;
        }
      } else {
        const auto comma = text.find(',', i);
        if (comma == std::string_view::npos) {
          fields.push_back(text.substr(i));
          return true;
        }
        fields.push_back(text.substr(i, comma - i));
        i = comma + 1;
        if (i == text.size()) {
          fields.emplace_back();
          return true;
        }
      }
    }
  }

  std::string_view field(Column c) const { return column[c] < 0 ? std::string_view{} : fields[column[c]]; }

  void record() {
    const std::string_view at = field(DateTime);
    if (!valid_date_time(at)) return issue(line_number, fmt::format("'{}' is not a date-time", utf8_prefix(at, 40)));
    const std::string_view event = field(Event);
    if (event.size() != 1 || std::string_view("+-<>*").find(event[0]) == std::string_view::npos)
      return issue(line_number, fmt::format("'{}' is not an event (+ - < > *)", utf8_prefix(event, 40)));
    const std::string_view id = field(SessionId);
    if (id.empty()) return issue(line_number, "the session-id is empty");
    if (!options.since.empty() && at < std::string_view(options.since)) return;
    if (!options.until.empty() && at >= std::string_view(options.until)) return;
    keep_min(out.first_seen, at);
    keep_max(out.last_seen, at);

    Session* s = last_session;
    if (!s || id != last_session_id) {
      auto it = sessions.find(std::string(id));
      if (it == sessions.end()) {
        it = sessions.emplace(std::string(id), Session{}).first;
        start(it->second);
      }
      s = &it->second;
      last_session = s;
      last_session_id.assign(id);
    }
    keep_min(s->first, at);
    keep_max(s->last, at);
    if (s->remote.empty()) {
      const std::string_view remote = field(RemoteEndpoint);
      if (!remote.empty()) {
        s->remote = endpoint_address(remote);
        if (!s->send) opened(*s);
      }
    }
    if (s->local.empty()) s->local = field(LocalEndpoint);
    const char e = event[0];
    if (s->send)
      send_event(*s, e, at);
    else
      receive_event(*s, e, at);
    if (e == '-') {
      close(*s);
      sessions.erase(last_session_id);
      last_session = nullptr;
    }
  }

  void start(Session& s) {
    s.send = send;
    s.connector_id = field(ConnectorId);
  }

  static ReceiveKey key_of(const Session& s) {
    const auto slash = s.connector_id.find('\\');
    if (slash == std::string::npos) return ReceiveKey{"", s.connector_id, s.remote};
    return ReceiveKey{s.connector_id.substr(0, slash), s.connector_id.substr(slash + 1), s.remote};
  }

  void opened(const Session& s) {
    auto& [now, peak] = open[key_of(s)];
    ++now;
    peak = std::max(peak, now);
  }

  /// A command the client sent (receive `<`, send `>`).
  void command(Session& s, std::string_view data) {
    s.in_ehlo_reply = false;
    if (starts_with_ci(data, "EHLO ") || starts_with_ci(data, "HELO ")) {
      s.in_ehlo_reply = true;
      if (s.ehlo_name.empty()) s.ehlo_name = trim(data.substr(5));
    } else if (iequals(data, "STARTTLS") || iequals(data, "X-ANONYMOUSTLS")) {
      s.pending_tls = true;
    } else if (starts_with_ci(data, "X-EXPS")) {
      s.x_exps_command = true;
    }
  }

  /// A reply the server sent (receive `>`, send `<`).
  void reply(Session& s, std::string_view data, std::string_view at) {
    const int code = reply_code(data);
    if (s.pending_tls) {
      s.pending_tls = false;
      if (code == 220) s.tls = true;
    }
    if (s.in_ehlo_reply && code == 250) {
      s.got_ehlo_reply = true;
      if (has_word(data, "X-EXPS")) s.offered_x_exps = true;
      if (has_word(data, "X-ANONYMOUSTLS")) s.offered_anonymous_tls = true;
      if (s.ehlo_reply_at != at && data.size() > 3 && data[3] == ' ') s.ehlo_reply.clear();  // a new reply
      s.ehlo_reply_at = at;
      s.ehlo_reply = append_bounded(std::move(s.ehlo_reply), data);
    } else if (code != 250 || data.size() <= 3 || data[3] != '-') {
      s.in_ehlo_reply = false;
    }
    if (code == 235 && s.x_exps_command) s.exchange_auth_ok = true;
    if (code == 250 && data.substr(4, 5) == "2.6.0") ++s.messages;
    if (code == 250 && data.substr(4, 5) == "2.1.5") ++s.recipients;
    if (code >= 400 && code < 600) {
      ++s.refused[refusal_key(data)];
      if (code == 451 && data.substr(4, 5) == "5.7.3") ++s.queued_exchange_auth;
    }
  }

  void information(Session& s, std::string_view data, std::string_view context) {
    if (context == "Set Session Permissions") {
      if (s.permissions.empty()) s.permissions = data;
    } else if (context == "authenticated") {
      s.user = data;
    } else if (context.find("TlsDomainCapabilities=") != std::string_view::npos ||
               context.find("TLS protocol") != std::string_view::npos) {
      s.tls = true;  // written only once TLS is up (A.6 #1)
      if (context.find("Status='Success'") != std::string_view::npos &&
          context.find("TlsDomainCapabilities='None'") == std::string_view::npos)
        s.domain_secure = true;
    }
    if (context.find("TLS negotiation failed") != std::string_view::npos ||
        data.find("TLS negotiation failed") != std::string_view::npos) {
      s.tls_failed = true;
    }
  }
  void receive_event(Session& s, char e, std::string_view at) {
    if (e == '<')
      command(s, field(Data));
    else if (e == '>')
      reply(s, field(Data), at);
    else if (e == '*')
      information(s, field(Data), field(Context));
  }

  void send_event(Session& s, char e, std::string_view at) {
    if (e == '>')
      command(s, field(Data));
    else if (e == '<')
      reply(s, field(Data), at);
    else if (e == '*')
      information(s, field(Data), field(Context));
  }

  void close(Session& s) {
    if (s.send) return close_send(s);
    if (s.remote.empty()) return;  // no endpoint was ever written: nothing to key it by
    const ReceiveKey key = key_of(s);
    if (auto it = open.find(key); it != open.end() && it->second.first > 0) --it->second.first;
    ReceiveUsage& u = out.receive[key];
    ++u.sessions;
    keep_min(u.first_seen, s.first);
    keep_max(u.last_seen, s.last);
    if (!s.ehlo_name.empty()) {
      ++u.ehlo[s.ehlo_name];
      cap_names(u.ehlo);
    }
    std::string auth = "Anonymous";
    if (s.x_exps_command && (s.exchange_auth_ok || !s.user.empty()))
      auth = "ExchangeServer";
    else if (!s.user.empty())
      auth = "User";
    else if (has_word(s.permissions, "SMTPAcceptEXCH50") || has_word(s.permissions, "SMTPAcceptAuthenticationFlag"))
      auth = "ExternallySecured";
    else if (s.domain_secure)
      auth = "Partner";
    ++u.authentication[auth];
    if (auth == "User") {
      ++u.users[s.user];
      cap_names(u.users);
    }
    if (!s.permissions.empty()) {
      ++u.permissions[s.permissions];
      cap_names(u.permissions);
    }
    if (!s.local.empty()) {
      ++u.local[s.local];
      cap_names(u.local);
    }
    for (const auto& [code, n] : s.refused) u.refused[code] += n;
    cap_names(u.refused);
    if (s.tls) ++u.tls_sessions;
    u.messages += s.messages;
    u.recipients += s.recipients;
    if (s.offered_x_exps) {
      ++u.offered_x_exps;
      u.ehlo_reply = std::max(u.ehlo_reply, LogLine{s.ehlo_reply_at, s.ehlo_reply});
    }
    if (s.offered_anonymous_tls) ++u.offered_anonymous_tls;
  }

  void close_send(Session& s) {
    if (s.remote.empty()) return;
    SendUsage& u = out.send[SendKey{s.connector_id, s.remote}];
    ++u.sessions;
    keep_min(u.first_seen, s.first);
    keep_max(u.last_seen, s.last);
    if (s.got_ehlo_reply) {
      ++u.ehlo_replies;
      if (s.offered_x_exps)
        ++u.offered_x_exps;
      else
        u.ehlo_reply = std::max(u.ehlo_reply, LogLine{s.ehlo_reply_at, s.ehlo_reply});
      if (s.offered_anonymous_tls) ++u.offered_anonymous_tls;
    }
    if (s.tls_failed) ++u.tls_failures;
    u.queued_exchange_auth += s.queued_exchange_auth;
    for (const auto& [code, n] : s.refused) u.refused[code] += n;
    cap_names(u.refused);
  }
};

LogStream::LogStream(std::string file_name, const LogReadOptions& options, LogSummary& out)
    : state_(std::make_unique<State>(std::move(file_name), options, out)) {}
LogStream::~LogStream() = default;
void LogStream::feed(std::string_view chunk) {
  state_->feed(chunk);
}
void LogStream::finish() {
  state_->finish();
}

void read_log_text(std::string_view text, const std::string& file_name, const LogReadOptions& options,
                   LogSummary& out) {
  ++out.files;
  out.bytes += text.size();
  LogStream stream(file_name, options, out);
  stream.feed(text);
  stream.finish();
}

}  // namespace ecd
