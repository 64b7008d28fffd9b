# For cross builds: Debian's nlohmann-json3-dev and libfmt-dev are built for the host, so only their
# headers are used (fmt header-only), staged in a folder of their own so that no other host header leaks in.
set(_ecd_stage ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${_ecd_stage})
foreach(_dir nlohmann fmt)
  if(NOT EXISTS ${_ecd_stage}/${_dir})
    file(CREATE_LINK /usr/include/${_dir} ${_ecd_stage}/${_dir} SYMBOLIC)
  endif()
endforeach()
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${_ecd_stage})
add_library(fmt::fmt INTERFACE IMPORTED)
set_target_properties(fmt::fmt PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${_ecd_stage}
                                          INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)
# GoogleTest from the sources that libgtest-dev ships.
if(ECD_BUILD_TESTS AND EXISTS /usr/src/googletest/CMakeLists.txt)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
  if(NOT TARGET GTest::gtest_main)
    add_library(GTest::gtest_main ALIAS gtest_main)
  endif()
endif()
