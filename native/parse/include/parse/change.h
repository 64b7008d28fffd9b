// A planned change to the organisation: Set-ReceiveConnector on a connector that was given, or New-ReceiveConnector
// with its defaults (model/defaults.h), applied to the typed model so that the engine can analyse the organisation
// as it would be after the change (Test-ReceiveConnectorChange, Repair-ReceiveConnector's pre-flight). The values are
// read by the same reader as Get-ReceiveConnector's, so a change is read exactly as the connector would be.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/organisation.h"

namespace ecd {

struct ConnectorChange {
  bool create = false;   ///< New-ReceiveConnector; else Set-ReceiveConnector
  std::string identity;  ///< Set: the connector ("EX01\Relay EX01"); New: made from server and name
  std::string server;    ///< New: -Server
  std::string name;      ///< New: -Name
  std::string usage;     ///< New: -Usage / the usage switch (Client, Custom, Internal, Internet, Partner), or empty
  nlohmann::json parameters = nlohmann::json::object();  ///< property -> value, as the cmdlet takes them
  std::string source = "request";
  std::string pointer = "/change";  ///< where it is in the request, for input issues
};

/// What applying a change did.
struct ChangeOutcome {
  bool applied = false;                   ///< false: the change could not be applied (the issue says why)
  std::optional<std::size_t> connector;   ///< the connector changed or added
  std::vector<std::string> properties;    ///< the properties set, as the engine models them
  std::vector<std::string> not_modelled;  ///< parameters the engine does not model: their effect is not checked
};

/// Applies `change` to `organisation`: sets the given properties of the connector, or adds the new connector with
/// New-ReceiveConnector's defaults, then places the connectors on their servers again. A value that cannot be read
/// becomes an input issue at `pointer`/parameters/<property>, as a connector's would; a connector that is not there
/// (or, for New, already is) is an input issue at `pointer`.
ChangeOutcome apply_change(Organisation& organisation, const ConnectorChange& change);

/// The Set-ReceiveConnector and New-ReceiveConnector parameters the engine models (the properties it reads).
bool modelled_parameter(std::string_view name);

}  // namespace ecd
