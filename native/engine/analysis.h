// The engine's analysis, shared by its operations (engine.cpp) and the change operation (change.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "finding/finding.h"
#include "parse/request.h"

namespace ecd {

/// The findings of an analysis: input issues, the chosen checks, one command per connector, the queues they
/// explain, the queues none explains; then the severity floor, the focus on queue targets, and a stable order.
/// It adds to the request's organisation (input issues, queue diagnoses): analyse a copy to keep one.
std::vector<Finding> analysis(Request& request);

/// change: the organisation analysed before and after a planned change and/or its own fixes, and the difference
/// (docs/REQUEST.md). `out` holds the response's version.
nlohmann::ordered_json change_response(const Request& request, nlohmann::ordered_json out);

}  // namespace ecd
