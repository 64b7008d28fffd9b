// Bounds on what one request may hold (docs/ROBUSTNESS.md), checked after the JSON is parsed and before
// it is read into the model. Beyond a whole-request bound (connectors, servers, queries) the request is
// refused with a RequestError; beyond a per-value bound (entries of one property, bytes of one string)
// the value is shortened or left out, and an InputIssue (ECD0001) names the limit and where it was hit.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/organisation.h"
#include "parse/request.h"

namespace ecd {

class LimitChecker {
 public:
  LimitChecker(const RequestLimits& limits, std::vector<InputIssue>& issues) : limits_(limits), issues_(issues) {}

  /// The request's root object: counts of connectors, servers and queries; the entries of every
  /// connector property; the length of every string (a document's text is bounded by max_bytes only).
  std::optional<RequestError> check_request(nlohmann::json& root);
  /// One document's connectors (an array, or one object) once its text is parsed; `source` names it.
  std::optional<RequestError> check_document(nlohmann::json& connectors, const std::string& source);

 private:
  std::optional<RequestError> count_connectors(std::size_t more, const std::string& source, const std::string& pointer);
  void check_connector(nlohmann::json& connector, const std::string& source, const std::string& pointer);
  /// Drops strings longer than max_string_bytes (array items are removed, members become null).
  void drop_long_strings(nlohmann::json& value, const std::string& source, const std::string& pointer,
                         const std::string& identity, const std::string& field);
  void issue(const std::string& source, const std::string& pointer, const std::string& identity,
             const std::string& field, std::string text, std::string message);

  const RequestLimits& limits_;
  std::vector<InputIssue>& issues_;
  std::size_t connectors_ = 0;
};

/// One JSON pointer token (RFC 6901): '~' written as ~0 and '/' as ~1.
}  // namespace ecd
