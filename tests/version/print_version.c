/* Prints what the shared library's ecd_version_string() returns, for version_test.cmake. */
#include "ecd.h"

#include <stdio.h>

int main(void) {
  return puts(ecd_version_string()) < 0 ? 1 : 0;
}
