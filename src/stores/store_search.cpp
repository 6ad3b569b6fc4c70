#include "stores/store_search.h"

#include <algorithm>

namespace wic::stores {

std::vector<NearbyStore> stores_near(const std::vector<storage::Store>& stores, const GeoPoint& center,
                                     double radius_miles, std::size_t limit) {
  std::vector<NearbyStore> nearby;
  for (const storage::Store& store : stores) {
    const double distance = distance_miles(center, store.location);
    if (distance <= radius_miles) {
      nearby.push_back({store, distance});
    }
  }

  std::sort(nearby.begin(), nearby.end(), [](const NearbyStore& a, const NearbyStore& b) {
    return a.distance_miles != b.distance_miles ? a.distance_miles < b.distance_miles : a.store.id < b.store.id;
  });
  if (limit > 0 && nearby.size() > limit) {
    nearby.erase(nearby.begin() + static_cast<std::ptrdiff_t>(limit), nearby.end());
  }
  return nearby;
}

}  // namespace wic::stores
