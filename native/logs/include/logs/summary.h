// What SMTP protocol logs show, summarised per receiving server, connector and remote address (Receive logs)
// and per send connector and target (Send logs). A summary merges: reading two sets of files gives the merge
// of their two summaries, in any grouping (merge is associative and commutative), so summaries made on each
// server combine into one. Memory is bounded by the number of distinct keys: every per-key list is capped,
// keeping the smallest names so that the cap itself merges associatively.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ecd {

/// At most this many distinct names per key in each name list (EHLO names, users, permission sets, ...).
inline constexpr std::size_t kLogMaxNames = 16;
/// At most this many read problems are kept as examples (all are counted).
inline constexpr std::size_t kLogMaxIssues = 50;

/// A dated log line kept as evidence; the latest wins a merge (ties: the larger text).
struct LogLine {
  std::string at;    // the line's date-time (ISO 8601 UTC, as written)
  std::string text;  // the line's data, or the lines of a multi-line reply joined by " | "
  friend auto operator<=>(const LogLine&, const LogLine&) = default;
};

struct ReceiveKey {
  std::string server;     // connector-id before its first backslash ("" when it has none)
  std::string connector;  // connector-id after it, exactly as written (trailing spaces kept)
  std::string remote;     // the remote address, canonical when it parses, else as written
  friend auto operator<=>(const ReceiveKey&, const ReceiveKey&) = default;
};

using NameCounts = std::map<std::string, std::uint64_t>;

struct ReceiveUsage {
  std::uint64_t sessions = 0;
  std::string first_seen, last_seen;
  NameCounts ehlo;            // EHLO/HELO names the sender gave, per session
  NameCounts authentication;  // Anonymous, ExchangeServer, User, ExternallySecured, Partner: sessions
  NameCounts users;           // the accounts of User sessions
  NameCounts permissions;     // the Set Session Permissions data, per session
  NameCounts refused;         // replies 4xx/5xx by code ("550 5.7.54"): replies
  NameCounts local;           // local endpoints (address:port): sessions
  std::uint64_t tls_sessions = 0;
  std::uint64_t messages = 0;    // 250 2.6.0 (queued for delivery)
  std::uint64_t recipients = 0;  // 250 2.1.5 (recipient accepted)
  std::uint64_t peak_concurrent = 0;
  std::uint64_t offered_x_exps = 0;         // sessions whose EHLO reply offered X-EXPS
  std::uint64_t offered_anonymous_tls = 0;  // ... X-ANONYMOUSTLS
  LogLine ehlo_reply;                       // the latest EHLO reply that offered X-EXPS
};

struct SendKey {
  std::string connector;  // the send connector's name as written
  std::string remote;     // the target address
  friend auto operator<=>(const SendKey&, const SendKey&) = default;
};

struct SendUsage {
  std::uint64_t sessions = 0;
  std::string first_seen, last_seen;
  std::uint64_t ehlo_replies = 0;           // sessions that got an EHLO reply
  std::uint64_t offered_x_exps = 0;         // ... whose reply offered X-EXPS
  std::uint64_t offered_anonymous_tls = 0;  // ... X-ANONYMOUSTLS
  std::uint64_t tls_failures = 0;           // sessions with "TLS negotiation failed"
  std::uint64_t queued_exchange_auth = 0;   // replies 451 5.7.3 (mail stays queued)
  NameCounts refused;
  LogLine ehlo_reply;  // the latest EHLO reply that did not offer X-EXPS
};

/// A line or file that could not be read: where and why.
struct LogIssue {
  std::string file;
  std::uint64_t line = 0;  // 0: the whole file
  std::string message;
  friend auto operator<=>(const LogIssue&, const LogIssue&) = default;
};

struct LogSummary {
  std::uint64_t files = 0, bytes = 0, lines = 0;
  std::uint64_t malformed = 0;        // lines that could not be read (examples in issues)
  std::uint64_t truncated = 0;        // files whose last line was incomplete (still being written)
  std::uint64_t unreadable = 0;       // files or folders that could not be opened
  std::string first_seen, last_seen;  // the period the lines read cover
  std::map<ReceiveKey, ReceiveUsage> receive;
  std::map<SendKey, SendUsage> send;
  std::vector<LogIssue> issues;  // sorted, the first kLogMaxIssues
};

/// Adds `other` into `into`. Associative and commutative.
void merge(LogSummary& into, const LogSummary& other);

/// Adds one problem (counted by the caller) to the examples, keeping the cap.
void add_issue(LogSummary& summary, LogIssue issue);

/// Keeps the smallest kLogMaxNames names of `counts`.
void cap_names(NameCounts& counts);

/// The summary as JSON (docs/LOGS.md) and back. summary_from_json throws std::invalid_argument with a JSON
/// pointer and what is wrong.
nlohmann::ordered_json summary_json(const LogSummary& summary);
LogSummary summary_from_json(const nlohmann::json& json, const std::string& pointer = "");

}  // namespace ecd
