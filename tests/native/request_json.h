// Builds the request JSON that the engine tests send: one connector as Get-ReceiveConnector's properties.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ecd_test {

inline nlohmann::json connector(const std::string& server, const std::string& name, const std::string& role,
                                const std::vector<std::string>& bindings, const std::vector<std::string>& ranges,
                                const std::string& auth, const std::string& permissions) {
  return nlohmann::json{{"Identity", server + "\\" + name},
                        {"Name", name},
                        {"Server", server},
                        {"TransportRole", role},
                        {"Enabled", true},
                        {"Bindings", bindings},
                        {"RemoteIPRanges", ranges},
                        {"AuthMechanism", auth},
                        {"PermissionGroups", permissions}};
}

}  // namespace ecd_test
