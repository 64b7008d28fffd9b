// The report's stylesheet and script: report/assets/report.css and report.js, embedded into the library at
// build time (embed_assets.cmake writes them into a generated source), so that they are edited as CSS and
// JavaScript and the page still loads nothing from outside.
#pragma once

#include <string_view>

namespace ecd {

std::string_view report_style();
std::string_view report_script();

}  // namespace ecd
