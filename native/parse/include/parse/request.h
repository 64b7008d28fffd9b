// Reads a request (UTF-8 JSON, see docs/REQUEST.md) into the typed model. Whole-request problems
// (not JSON, too deep, not an object) are a RequestError; a bad value inside one connector or server
// becomes an InputIssue and everything else is still read.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logs/summary.h"
#include "model/organisation.h"
#include "model/query.h"
#include "parse/change.h"

namespace ecd {

enum class Operation { Analyze, Resolve, Rules, Smtp, Map, Report, Change };

struct Request {
  Operation operation = Operation::Analyze;
  Organisation organisation;
  std::vector<std::string> rules;          // ids or names; empty = all
  std::vector<std::string> exclude_rules;  // ids or names
  std::string minimum_severity = "Information";
  std::vector<ResolveQuery> queries;
  std::vector<SmtpText> texts;                     // smtp
  std::optional<nlohmann::ordered_json> findings;  // report: findings as analyze returned them
  std::string title;                               // report: the page's title
  std::string generated_at;                        // report: when it was made, as the caller writes it
  std::optional<ConnectorChange> change;           // change: Set-/New-ReceiveConnector to check
  bool apply_fixes = false;                        // change: apply the analysis' own fixes too
  std::vector<std::string> fix_connectors;         // change: only the fixes of these connectors (empty: all)
  std::optional<LogSummary> protocol_log;          // analyze: what the protocol logs show (logs/summary.h)
};

struct RequestError {
  std::string message;  // what is wrong, with the byte offset or JSON pointer
  std::size_t offset = 0;
};

/// Limits on what one request may hold; beyond them the request is refused with a RequestError.
struct RequestLimits {
  std::size_t max_bytes = 256u * 1024u * 1024u;
  std::size_t max_depth = 64;
  std::size_t max_connectors = 100000;          // receive connectors, request and documents together
  std::size_t max_servers = 10000;              // entries of "servers"
  std::size_t max_queries = 10000;              // entries of "queries"
  std::size_t max_values_per_property = 10000;  // e.g. RemoteIPRanges entries of one connector
  std::size_t max_string_bytes = 64u * 1024u;   // one string value (a document's text excepted)
};

struct ParsedRequest {
  std::optional<Request> request;
  std::optional<RequestError> error;
};

ParsedRequest parse_request(std::string_view json_text, const RequestLimits& limits = {});

}  // namespace ecd
