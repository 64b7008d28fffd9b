// The log summary: merge (associative, commutative), caps, and its JSON form (docs/LOGS.md).
#include "logs/summary.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace ecd {
namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

void keep_min(std::string& into, const std::string& value) {
  if (!value.empty() && (into.empty() || value < into)) into = value;
}
void keep_max(std::string& into, const std::string& value) {
  if (value > into) into = value;
}

void add_names(NameCounts& into, const NameCounts& other) {
  for (const auto& [name, n] : other) into[name] += n;
  cap_names(into);
}

void merge_usage(ReceiveUsage& a, const ReceiveUsage& b) {
  a.sessions += b.sessions;
  keep_min(a.first_seen, b.first_seen);
  keep_max(a.last_seen, b.last_seen);
  add_names(a.ehlo, b.ehlo);
  add_names(a.authentication, b.authentication);
  add_names(a.users, b.users);
  add_names(a.permissions, b.permissions);
  add_names(a.refused, b.refused);
  add_names(a.local, b.local);
  a.tls_sessions += b.tls_sessions;
  a.messages += b.messages;
  a.recipients += b.recipients;
  a.peak_concurrent = std::max(a.peak_concurrent, b.peak_concurrent);
  a.offered_x_exps += b.offered_x_exps;
  a.offered_anonymous_tls += b.offered_anonymous_tls;
  a.ehlo_reply = std::max(a.ehlo_reply, b.ehlo_reply);
}

void merge_usage(SendUsage& a, const SendUsage& b) {
  a.sessions += b.sessions;
  keep_min(a.first_seen, b.first_seen);
  keep_max(a.last_seen, b.last_seen);
  a.ehlo_replies += b.ehlo_replies;
  a.offered_x_exps += b.offered_x_exps;
  a.offered_anonymous_tls += b.offered_anonymous_tls;
  a.tls_failures += b.tls_failures;
  a.queued_exchange_auth += b.queued_exchange_auth;
  add_names(a.refused, b.refused);
  a.ehlo_reply = std::max(a.ehlo_reply, b.ehlo_reply);
}

ordered_json names_json(const NameCounts& counts) {
  ordered_json out = ordered_json::object();
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

ordered_json line_json(const LogLine& line) {
  if (line.at.empty() && line.text.empty()) return nullptr;
  return ordered_json{{"at", line.at}, {"text", line.text}};
}

// ---- reading back ----

struct Reader {
  const json& j;
  std::string pointer;

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::invalid_argument(fmt::format("{}/{}: {}", pointer, key, what));
  }
  std::uint64_t count(const char* key) const {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return 0;
    if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<std::int64_t>() >= 0))
      fail(key, "must be a count (a whole number, 0 or more)");
    return it->get<std::uint64_t>();
  }
  std::string text(const char* key) const {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string()) fail(key, "must be a string");
    return it->get<std::string>();
  }
  NameCounts names(const char* key) const {
    NameCounts out;
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_object()) fail(key, "must be an object of counts");
    for (const auto& [name, n] : it->items()) {
      if (!n.is_number_unsigned() && !(n.is_number_integer() && n.get<std::int64_t>() >= 0))
        fail(fmt::format("{}/{}", key, name), "must be a count");
      out[name] += n.get<std::uint64_t>();
    }
    cap_names(out);
    return out;
  }
  LogLine line(const char* key) const {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_object()) fail(key, "must be an object with at and text");
    const Reader r{*it, pointer + "/" + key};
    return LogLine{r.text("at"), r.text("text")};
  }
  const json* array(const char* key) const {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    if (!it->is_array()) fail(key, "must be an array");
    return &*it;
  }
};

}  // namespace

void cap_names(NameCounts& counts) {
  while (counts.size() > kLogMaxNames) counts.erase(std::prev(counts.end()));
}

void add_issue(LogSummary& summary, LogIssue issue) {
  auto& list = summary.issues;
  if (list.size() >= kLogMaxIssues && !(issue < list.back())) return;
  list.insert(std::upper_bound(list.begin(), list.end(), issue), std::move(issue));
  if (list.size() > kLogMaxIssues) list.pop_back();
}

void merge(LogSummary& into, const LogSummary& other) {
  into.files += other.files;
  into.bytes += other.bytes;
  into.lines += other.lines;
  into.malformed += other.malformed;
  into.truncated += other.truncated;
  into.unreadable += other.unreadable;
  keep_min(into.first_seen, other.first_seen);
  keep_max(into.last_seen, other.last_seen);
  for (const auto& [key, usage] : other.receive) merge_usage(into.receive[key], usage);
  for (const auto& [key, usage] : other.send) merge_usage(into.send[key], usage);
  for (const auto& issue : other.issues) add_issue(into, issue);
}

ordered_json summary_json(const LogSummary& s) {
  ordered_json out;
  out["files"] = s.files;
  out["bytes"] = s.bytes;
  out["lines"] = s.lines;
  out["malformedLines"] = s.malformed;
  out["truncatedFiles"] = s.truncated;
  out["unreadable"] = s.unreadable;
  out["firstSeen"] = s.first_seen;
  out["lastSeen"] = s.last_seen;
  auto receive = ordered_json::array();
  for (const auto& [k, u] : s.receive) {
    ordered_json r;
    r["server"] = k.server;
    r["connector"] = k.connector;
    r["remoteAddress"] = k.remote;
    r["sessions"] = u.sessions;
    r["firstSeen"] = u.first_seen;
    r["lastSeen"] = u.last_seen;
    r["ehloNames"] = names_json(u.ehlo);
    r["authentication"] = names_json(u.authentication);
    r["users"] = names_json(u.users);
    r["tlsSessions"] = u.tls_sessions;
    r["permissions"] = names_json(u.permissions);
    r["messages"] = u.messages;
    r["recipientsAccepted"] = u.recipients;
    r["refused"] = names_json(u.refused);
    r["peakConcurrentSessions"] = u.peak_concurrent;
    r["offeredXExps"] = u.offered_x_exps;
    r["offeredXAnonymousTls"] = u.offered_anonymous_tls;
    r["localEndpoints"] = names_json(u.local);
    r["ehloReply"] = line_json(u.ehlo_reply);
    receive.push_back(std::move(r));
  }
  out["receive"] = std::move(receive);
  auto send = ordered_json::array();
  for (const auto& [k, u] : s.send) {
    ordered_json r;
    r["connector"] = k.connector;
    r["remoteAddress"] = k.remote;
    r["sessions"] = u.sessions;
    r["firstSeen"] = u.first_seen;
    r["lastSeen"] = u.last_seen;
    r["ehloReplies"] = u.ehlo_replies;
    r["offeredXExps"] = u.offered_x_exps;
    r["offeredXAnonymousTls"] = u.offered_anonymous_tls;
    r["tlsFailures"] = u.tls_failures;
    r["queuedExchangeAuthentication"] = u.queued_exchange_auth;
    r["refused"] = names_json(u.refused);
    r["ehloReplyWithoutXExps"] = line_json(u.ehlo_reply);
    send.push_back(std::move(r));
  }
  out["send"] = std::move(send);
  auto issues = ordered_json::array();
  for (const auto& i : s.issues)
    issues.push_back(ordered_json{{"file", i.file}, {"line", i.line}, {"message", i.message}});
  out["issues"] = std::move(issues);
  return out;
}

LogSummary summary_from_json(const json& j, const std::string& pointer) {
  if (!j.is_object()) throw std::invalid_argument(fmt::format("{}: a log summary must be an object", pointer));
  const Reader r{j, pointer};
  LogSummary s;
  s.files = r.count("files");
  s.bytes = r.count("bytes");
  s.lines = r.count("lines");
  s.malformed = r.count("malformedLines");
  s.truncated = r.count("truncatedFiles");
  s.unreadable = r.count("unreadable");
  s.first_seen = r.text("firstSeen");
  s.last_seen = r.text("lastSeen");
  if (const json* list = r.array("receive")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      const std::string at = fmt::format("{}/receive/{}", pointer, i);
      if (!item.is_object()) throw std::invalid_argument(at + ": must be an object");
      const Reader e{item, at};
      ReceiveUsage u;
      u.sessions = e.count("sessions");
      u.first_seen = e.text("firstSeen");
      u.last_seen = e.text("lastSeen");
      u.ehlo = e.names("ehloNames");
      u.authentication = e.names("authentication");
      u.users = e.names("users");
      u.tls_sessions = e.count("tlsSessions");
      u.permissions = e.names("permissions");
      u.messages = e.count("messages");
      u.recipients = e.count("recipientsAccepted");
      u.refused = e.names("refused");
      u.peak_concurrent = e.count("peakConcurrentSessions");
      u.offered_x_exps = e.count("offeredXExps");
      u.offered_anonymous_tls = e.count("offeredXAnonymousTls");
      u.local = e.names("localEndpoints");
      u.ehlo_reply = e.line("ehloReply");
      merge_usage(s.receive[ReceiveKey{e.text("server"), e.text("connector"), e.text("remoteAddress")}], u);
    }
  }
  if (const json* list = r.array("send")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      const std::string at = fmt::format("{}/send/{}", pointer, i);
      if (!item.is_object()) throw std::invalid_argument(at + ": must be an object");
      const Reader e{item, at};
      SendUsage u;
      u.sessions = e.count("sessions");
      u.first_seen = e.text("firstSeen");
      u.last_seen = e.text("lastSeen");
      u.ehlo_replies = e.count("ehloReplies");
      u.offered_x_exps = e.count("offeredXExps");
      u.offered_anonymous_tls = e.count("offeredXAnonymousTls");
      u.tls_failures = e.count("tlsFailures");
      u.queued_exchange_auth = e.count("queuedExchangeAuthentication");
      u.refused = e.names("refused");
      u.ehlo_reply = e.line("ehloReplyWithoutXExps");
      merge_usage(s.send[SendKey{e.text("connector"), e.text("remoteAddress")}], u);
    }
  }
  if (const json* list = r.array("issues")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      const std::string at = fmt::format("{}/issues/{}", pointer, i);
      if (!item.is_object()) throw std::invalid_argument(at + ": must be an object");
      const Reader e{item, at};
      add_issue(s, LogIssue{e.text("file"), e.count("line"), e.text("message")});
    }
  }
  return s;
}

}  // namespace ecd
