#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo.h"
#include "core/result.h"

namespace wic::stores {

struct ZipCentroid {
  std::string zip;    // 5 digits
  GeoPoint location;  // centroid of the ZIP code tabulation area
  std::string state;  // two-letter code
};

// ZIP code centroids (US Census ZCTA Gazetteer), for "stores near a ZIP".
class ZipCentroids {
 public:
  // Reads a CSV file with the header `zip,lat,lon,state`.
  static Result<ZipCentroids> load(const std::filesystem::path& path);

  std::optional<ZipCentroid> find(std::string_view zip) const;
  // Every centroid of `state`, in file order.
  std::vector<ZipCentroid> in_state(std::string_view state) const;
  std::size_t size() const { return centroids_.size(); }

 private:
  std::vector<ZipCentroid> centroids_;
  std::unordered_map<std::string, std::size_t> by_zip_;
};

// Whether `zip` is five digits.
bool is_valid_zip(std::string_view zip);

}  // namespace wic::stores
