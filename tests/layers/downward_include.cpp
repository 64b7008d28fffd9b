// The control for upward_include.cpp: the same kind of target, linking the model layer, includes a header of
// a layer below it (core) and of its own layer, and must compile.
#include "core/ip.h"
#include "model/organisation.h"

int ecd_layers_downward_include() {
  return ecd::parse_ip_address("10.0.0.1") ? 1 : 0;
}
