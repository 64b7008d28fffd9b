# Checks every #include "<layer>/..." in native/ against the layer table that native/CMakeLists.txt writes
# (LAYERS_FILE): a file of layer L may include its own headers and those of the layers L links, nothing above.
# cmake -DLAYERS_FILE=<build>/ecd_layers.cmake -DNATIVE_DIR=<source>/native -DINTEROP_DIR=<source>/interop -P ...
cmake_minimum_required(VERSION 3.25)
include("${LAYERS_FILE}")
set(violations "")
set(checked 0)

# Checks the quoted includes of `file`, which belongs to `layer` and may use `allowed`.
function(check_file file layer allowed)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" header "${line}")
    if(NOT header MATCHES "/")
      continue()  # a private header of the file's own folder
    endif()
    string(REGEX REPLACE "/.*" "" target "${header}")
    if(NOT target IN_LIST ECD_LAYERS)
      continue()  # not an engine header (ecd.h and third-party headers use <>)
    endif()
    if(NOT target STREQUAL layer AND NOT target IN_LIST allowed)
      file(RELATIVE_PATH rel "${NATIVE_DIR}/.." "${file}")
      set(violations "${violations}\n  ${rel}: #include \"${header}\" (${layer} may use: ${layer} ${allowed})" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

foreach(layer IN LISTS ECD_LAYERS)
  file(GLOB_RECURSE files "${NATIVE_DIR}/${layer}/*.h" "${NATIVE_DIR}/${layer}/*.cpp")
  list(LENGTH files n)
  if(n EQUAL 0)
    message(FATAL_ERROR "layer ${layer} has no files under ${NATIVE_DIR}/${layer}")
  endif()
  math(EXPR checked "${checked} + ${n}")
  foreach(file IN LISTS files)
    check_file("${file}" "${layer}" "${ECD_LAYER_${layer}}")
  endforeach()
endforeach()

# The C ABI sits on top: it may use the engine layer only.
file(GLOB_RECURSE files "${INTEROP_DIR}/src/*.cpp")
foreach(file IN LISTS files)
  check_file("${file}" "interop" "engine")
  math(EXPR checked "${checked} + 1")
endforeach()

# A source outside every layer folder would escape the check.
file(GLOB_RECURSE all "${NATIVE_DIR}/*.h" "${NATIVE_DIR}/*.cpp")
foreach(file IN LISTS all)
  file(RELATIVE_PATH rel "${NATIVE_DIR}" "${file}")
  string(REGEX REPLACE "/.*" "" top "${rel}")
  if(NOT top IN_LIST ECD_LAYERS AND NOT rel STREQUAL "pch.cpp")
    set(violations "${violations}\n  native/${rel}: in no layer folder (${ECD_LAYERS})")
  endif()
endforeach()

if(violations)
  message(FATAL_ERROR "includes that reach up a layer, against the table in native/CMakeLists.txt:${violations}")
endif()
message(STATUS "${checked} files: every include goes down the layers")
