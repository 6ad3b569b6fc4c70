#pragma once

#include <optional>
#include <vector>

#include "core/geo.h"
#include "storage/storage.h"

namespace wic::stores {

struct NearbyStore {
  storage::Store store;
  double distance_miles = 0;
};

// Stores within `radius_miles` of `center` by great-circle distance,
// nearest first, at most `limit` of them (all when `limit` is 0).
std::vector<NearbyStore> stores_near(const std::vector<storage::Store>& stores, const GeoPoint& center,
                                     double radius_miles, std::size_t limit = 0);

}  // namespace wic::stores
