// 128-bit unsigned arithmetic for IP addresses and range sizes. A plain struct instead of
// unsigned __int128 so that the engine also builds with MSVC.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace ecd {

struct Uint128 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;

  constexpr Uint128() = default;
  constexpr Uint128(std::uint64_t high, std::uint64_t low) : hi(high), lo(low) {}
  static constexpr Uint128 from_u64(std::uint64_t v) { return {0, v}; }
  static constexpr Uint128 max() { return {~std::uint64_t{0}, ~std::uint64_t{0}}; }

  friend constexpr bool operator==(const Uint128&, const Uint128&) = default;
  friend constexpr std::strong_ordering operator<=>(const Uint128& a, const Uint128& b) {
    if (a.hi != b.hi) return a.hi <=> b.hi;
    return a.lo <=> b.lo;
  }
  friend constexpr Uint128 operator+(Uint128 a, Uint128 b) {
    Uint128 r{a.hi + b.hi, a.lo + b.lo};
    if (r.lo < a.lo) ++r.hi;
    return r;
  }
  friend constexpr Uint128 operator-(Uint128 a, Uint128 b) {
    Uint128 r{a.hi - b.hi, a.lo - b.lo};
    if (a.lo < b.lo) --r.hi;
    return r;
  }
  friend constexpr Uint128 operator&(Uint128 a, Uint128 b) { return {a.hi & b.hi, a.lo & b.lo}; }
  friend constexpr Uint128 operator|(Uint128 a, Uint128 b) { return {a.hi | b.hi, a.lo | b.lo}; }
  friend constexpr Uint128 operator~(Uint128 a) { return {~a.hi, ~a.lo}; }
  friend constexpr Uint128 operator<<(Uint128 a, unsigned n) {
    if (n == 0) return a;
    if (n >= 128) return {};
    if (n >= 64) return {a.lo << (n - 64), 0};
    return {(a.hi << n) | (a.lo >> (64 - n)), a.lo << n};
  }
  friend constexpr Uint128 operator>>(Uint128 a, unsigned n) {
    if (n == 0) return a;
    if (n >= 128) return {};
    if (n >= 64) return {0, a.hi >> (n - 64)};
    return {a.hi >> n, (a.lo >> n) | (a.hi << (64 - n))};
  }
  constexpr bool is_max() const { return *this == max(); }
};

/// Number of addresses in [lower, upper]; saturates at Uint128::max() for the whole IPv6 space,
/// as Exchange's IPRange.Size does.
constexpr Uint128 range_size(Uint128 lower, Uint128 upper) {
  Uint128 d = upper - lower;
  return d.is_max() ? d : d + Uint128::from_u64(1);
}

/// A mask with the top `prefix` bits of `width` bits set (width 32 or 128), aligned to the low bits.
constexpr Uint128 prefix_mask(unsigned prefix, unsigned width) {
  Uint128 all = width == 128 ? Uint128::max() : Uint128::from_u64((std::uint64_t{1} << width) - 1);
  Uint128 host = prefix >= width ? Uint128{} : (Uint128::max() >> (128 - (width - prefix)));
  return all & ~host;
}

/// Decimal digits of a 128-bit value (long division on 32-bit limbs; no __int128 needed).
inline std::string to_decimal(Uint128 v) {
  if (v == Uint128{}) return "0";
  std::uint32_t limbs[4] = {static_cast<std::uint32_t>(v.hi >> 32), static_cast<std::uint32_t>(v.hi),
                            static_cast<std::uint32_t>(v.lo >> 32), static_cast<std::uint32_t>(v.lo)};
  std::string digits;
  bool nonzero = true;
  while (nonzero) {
    std::uint64_t rem = 0;
    nonzero = false;
    for (auto& limb : limbs) {
      std::uint64_t cur = (rem << 32) | limb;
      limb = static_cast<std::uint32_t>(cur / 10);
      rem = cur % 10;
      nonzero = nonzero || limb != 0;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + rem));
  }
  return digits;
}

}  // namespace ecd
