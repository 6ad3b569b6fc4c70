#include "sandbox/hash.h"

namespace wic::sandbox {

std::uint64_t mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::uint64_t hash_text(std::string_view text, std::uint64_t basis) {
  std::uint64_t hash = basis;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return mix(hash);
}

std::uint64_t combine(std::initializer_list<std::uint64_t> parts) {
  std::uint64_t hash = 0x51a7b0c5ULL;
  for (const std::uint64_t part : parts) {
    hash = mix(hash ^ part);
  }
  return hash;
}

double unit_interval(std::uint64_t hash) {
  // The top 53 bits fill a double's mantissa exactly.
  return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

}  // namespace wic::sandbox
