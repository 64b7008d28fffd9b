// Reads the optional "certificates" (Get-ExchangeCertificate objects) and "asOf" (ISO 8601, UTC) members of
// a request into the model; bad values become input issues.
#pragma once

#include <nlohmann/json.hpp>

#include "model/organisation.h"

namespace ecd {

void read_certificates(const nlohmann::json& root, Organisation& organisation);

}  // namespace ecd
