# Checks the version against the one place it is written, project(... VERSION) in CMakeLists.txt (EXPECTED):
# the shim's <Version> (CSPROJ) and the module's ModuleVersion (MANIFEST), which dotnet and PowerShell read as
# they are and so keep a literal copy, and what the built library's ecd_version_string() returns (PROGRAM
# prints it). Fails naming every file that says another version.
#
#   cmake -DEXPECTED=<x.y.z> -DCSPROJ=<csproj> -DMANIFEST=<psd1> -DPROGRAM=<ecd_print_version> -P version_test.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var EXPECTED CSPROJ MANIFEST PROGRAM)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

# The one value of `regex`'s first group in `file`, or a failure when it is not there exactly once.
function(read_one file regex what out)
  file(READ "${file}" text)
  string(REGEX MATCHALL "${regex}" found "${text}")
  list(LENGTH found n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "${file}: found ${what} ${n} times, expected once")
  endif()
  string(REGEX REPLACE "${regex}" "\\1" value "${found}")
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

read_one("${CSPROJ}" "<Version>([^<]*)</Version>" "<Version>" csproj)
read_one("${MANIFEST}" "\n[ \t]*ModuleVersion[ \t]*=[ \t]*'([^']*)'" "ModuleVersion" manifest)
execute_process(COMMAND "${PROGRAM}" OUTPUT_VARIABLE library OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} failed (${rc}): ${err}")
endif()

set(differ "")
if(NOT csproj STREQUAL EXPECTED)
  string(APPEND differ "\n  ${CSPROJ}: <Version> is ${csproj}")
endif()
if(NOT manifest STREQUAL EXPECTED)
  string(APPEND differ "\n  ${MANIFEST}: ModuleVersion is ${manifest}")
endif()
if(NOT library STREQUAL EXPECTED)
  string(APPEND differ "\n  the library: ecd_version_string() is ${library}")
endif()
if(differ)
  message(FATAL_ERROR "CMakeLists.txt's project() version is ${EXPECTED}, but:${differ}\n"
                      "Write ${EXPECTED} in each file named; a library of another version is from an older build.")
endif()
message(STATUS "csproj, module manifest and library all say ${EXPECTED}, the project() version of CMakeLists.txt")
