#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace wic::sandbox {

// Stable 64-bit hashing for the sandbox's deterministic choices. std::hash
// may differ between standard libraries, so these are spelled out: FNV-1a
// for text and the SplitMix64 finaliser to mix numbers.
std::uint64_t mix(std::uint64_t value);
std::uint64_t hash_text(std::string_view text, std::uint64_t basis = 0xcbf29ce484222325ULL);
// Combines `parts` in order; order matters.
std::uint64_t combine(std::initializer_list<std::uint64_t> parts);
// Maps a hash to [0, 1).
double unit_interval(std::uint64_t hash);

}  // namespace wic::sandbox
