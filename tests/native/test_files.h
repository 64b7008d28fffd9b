// The project's files as the native tests read them: the source tree's root and a whole file as bytes.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ecd_test {

inline const std::filesystem::path kRoot = ECD_SOURCE_DIR;

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ecd_test
