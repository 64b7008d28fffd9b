#include "report/map_layout.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecd {
namespace {

/// Where in its segment a marker points: its address's offset, kept off the segment's edges.
double offset_fraction(const MapSegment& s, const IpAddress& a) {
  Uint128 offset = a.value - s.start.value;
  Uint128 size = range_size(s.start.value, s.end.value);
  auto as_double = [](Uint128 v) {
    return static_cast<double>(v.hi) * 18446744073709551616.0 + static_cast<double>(v.lo);
  };
  double f = (as_double(offset) + 0.5) / std::max(as_double(size), 1.0);
  return std::clamp(f, 0.08, 0.92);
}

void place_segments(const PortMap& m, MapLayout& out) {
  std::vector<double> weight;
  double total = 0;
  for (const auto& s : m.segments) {
    weight.push_back(1.0 + log2_size(s.start, s.end));
    total += weight.back();
  }
  double at = 0;
  for (double wt : weight) {
    const double w = MapLayout::kWidth * wt / total;
    out.segments.push_back({at, w});
    at += w;
  }
}

/// Labels in rows above the bar, each starting just right of its marker's line (left of it when it would run
/// off the picture). Markers are placed from the right, nearest row first, so a line never crosses a label below
/// it: the labels there belong to markers further right. Neighbours (10.0.0.11, 10.0.0.12) go to rows further up.
void place_labels(const PortMap& m, MapLayout& out) {
  std::vector<std::size_t> order(m.markers.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    const auto& mk = m.markers[i];
    const auto& seg = out.segments[mk.segment];
    MapLayout::Marker p;
    p.x = seg.x + seg.w * offset_fraction(m.segments[mk.segment], mk.address);
    p.label = fmt::format("{} {}", mk.server, format_ip_address(mk.address));
    p.label_w = text_width(p.label, 6.4) + 4;
    out.markers.push_back(std::move(p));
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return out.markers[a].x > out.markers[b].x; });
  std::vector<double> row_start;  // the leftmost label start in each row (row 0 nearest the bar)
  for (std::size_t i : order) {
    auto& p = out.markers[i];
    p.label_x = p.x + 5 + p.label_w <= MapLayout::kWidth ? p.x + 5 : p.x - 5 - p.label_w;
    std::size_t row = row_start.size();
    for (std::size_t r = 0; r < row_start.size(); ++r)
      if (p.label_x + p.label_w + 8 <= row_start[r]) {
        row = r;
        break;
      }
    if (row == row_start.size()) {
      if (row_start.size() < MapLayout::kMaxRows)
        row_start.push_back(MapLayout::kWidth + 100);
      else
        row = static_cast<std::size_t>(std::max_element(row_start.begin(), row_start.end()) - row_start.begin());
    }
    row_start[row] = std::min(row_start[row], p.label_x);
    p.row = row;
  }
  out.rows = row_start.size();
}

}  // namespace

double text_width(std::string_view text, double per_char) {
  return static_cast<double>(text.size()) * per_char;
}

MapLayout layout_map(const PortMap& m) {
  MapLayout out;
  place_segments(m, out);
  place_labels(m, out);
  const auto rows = static_cast<double>(out.rows);
  out.top = 8 + MapLayout::kRowHeight * rows + (out.rows == 0 ? 0 : 8);
  out.height = out.top + MapLayout::kBarHeight + 22;
  for (auto& p : out.markers) p.label_y = 8 + MapLayout::kRowHeight * (rows - 1 - static_cast<double>(p.row)) + 11;
  return out;
}

}  // namespace ecd
