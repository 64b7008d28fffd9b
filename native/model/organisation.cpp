#include "model/organisation.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ecd {

namespace {

/// to_lower(a) < to_lower(b) without building either: the order the reader sorts servers in.
bool less_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return lower(x) < lower(y); });
}

}  // namespace

std::string identity_server(std::string_view identity) {
  auto slash = identity.find('\\');
  return slash == std::string_view::npos ? std::string() : std::string(identity.substr(0, slash));
}

InputIssue InputIssue::at(std::string source, std::string pointer) {
  InputIssue i;
  i.source = std::move(source);
  i.pointer = std::move(pointer);
  return i;
}

InputIssue&& InputIssue::about(std::string field_name, std::string given, std::string what) && {
  field = std::move(field_name);
  text = std::move(given);
  message = std::move(what);
  return std::move(*this);
}

InputIssue&& InputIssue::in(const Connector& c) && {
  connector = c.index;
  server = c.server;
  connector_identity = c.identity;
  return std::move(*this);
}

InputIssue&& InputIssue::in_identity(std::string identity) && {
  server = identity_server(identity);
  connector_identity = std::move(identity);
  return std::move(*this);
}

InputIssue&& InputIssue::of_server(std::string name) && {
  server = std::move(name);
  return std::move(*this);
}

InputIssue&& InputIssue::of_item(std::optional<std::size_t> at) && {
  item = at;
  return std::move(*this);
}

const ExchangeServer* Organisation::find_server(std::string_view name) const {
  // The reader sorts servers by name: a binary search, then a plain pass for a model built otherwise.
  auto at = std::lower_bound(servers.begin(), servers.end(), name,
                             [](const ExchangeServer& s, std::string_view n) { return less_ignoring_case(s.name, n); });
  if (at != servers.end() && iequals(at->name, name)) return &*at;
  auto it =
      std::find_if(servers.begin(), servers.end(), [&](const ExchangeServer& s) { return iequals(s.name, name); });
  return it == servers.end() ? nullptr : &*it;
}

std::vector<const Connector*> Organisation::connectors_of(std::string_view server) const {
  std::vector<const Connector*> out;
  if (const ExchangeServer* s = find_server(server); s && !s->connector_indices.empty()) {
    for (std::size_t i : s->connector_indices)  // the reader's list: no pass over every connector
      if (i < connectors.size() && iequals(connectors[i].server, server)) out.push_back(&connectors[i]);
    return out;
  }
  for (const auto& c : connectors)
    if (iequals(c.server, server)) out.push_back(&c);
  return out;
}

}  // namespace ecd
