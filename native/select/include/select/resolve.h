// The resolve operation: for each query, each server it names (or every server with connectors) and each port
// (the one asked, or every port the server listens on), the connector that selection picks and why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/organisation.h"
#include "model/query.h"
#include "select/selection.h"

namespace ecd {

struct Resolution {
  std::string server;
  std::uint16_t port = 0;
  std::optional<TransportRole> role;  // the role whose service listens on the port; empty: nothing listens
  std::string local_address;          // as asked; empty = the wildcard binding's view
  std::string remote_address;
  Selection selection;
};

/// The answers to `queries`, in query, server and port order. A query naming a server no connector was given for
/// becomes an input issue of `organisation` (reported as ECD0001) and is skipped.
std::vector<Resolution> resolve_queries(Organisation& organisation, const SelectionIndex& index,
                                        const std::vector<ResolveQuery>& queries);

}  // namespace ecd
