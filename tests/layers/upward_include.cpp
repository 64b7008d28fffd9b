// Compiled by the test layers.an_upward_include_does_not_compile, in a target that links the model layer
// only: the rules' headers are not on its include path, so this must fail with "rules/rule.h" in the error.
#include "rules/rule.h"

int ecd_layers_upward_include() {
  return 0;
}
