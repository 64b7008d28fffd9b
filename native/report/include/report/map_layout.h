// The geometry of one port map's picture, apart from its SVG text: where each stretch of remote addresses
// sits on the bar (width 1 + log2 of its size, so that a single address and the whole address space both stay
// visible), where each Exchange server's marker points, and in which row above the bar its label goes so that
// labels never overlap and a marker's line never crosses a label below it. A pure function: the same map gives
// the same layout, and tests check the rules above without parsing SVG.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "select/partition_map.h"

namespace ecd {

struct MapLayout {
  static constexpr double kWidth = 1000.0;
  static constexpr double kBarHeight = 38.0;
  static constexpr double kRowHeight = 16.0;
  static constexpr std::size_t kMaxRows = 8;  // beyond it, labels share the emptiest row

  struct Segment {
    double x = 0;  // left edge, 0..kWidth
    double w = 0;  // width; the segments tile [0, kWidth] in order
  };
  struct Marker {
    double x = 0;         // where it points on the bar, inside its segment
    double label_x = 0;   // left edge of its label
    double label_w = 0;   // estimated width of its label
    double label_y = 0;   // baseline of its label
    std::size_t row = 0;  // 0 is the row nearest the bar
    std::string label;    // "EX01 10.0.0.11"
  };
  std::vector<Segment> segments;  // in PortMap::segments order
  std::vector<Marker> markers;    // in PortMap::markers order
  std::size_t rows = 0;           // label rows in use
  double top = 0;                 // y of the bar's top edge
  double height = 0;              // of the whole picture
};

MapLayout layout_map(const PortMap& map);

/// The estimated width of `text` at `per_char` units per byte (the report's fonts average 6.6 at 12px).
double text_width(std::string_view text, double per_char = 6.6);

}  // namespace ecd
