#include "core/geo.h"

#include <cmath>
#include <numbers>

namespace wic {
namespace {

constexpr double kEarthRadiusMiles = 3958.8;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

}  // namespace

bool is_valid(const GeoPoint& point) {
  return std::isfinite(point.latitude) && std::isfinite(point.longitude) && point.latitude >= -90 &&
         point.latitude <= 90 && point.longitude >= -180 && point.longitude <= 180;
}

double distance_miles(const GeoPoint& from, const GeoPoint& to) {
  const double dlat = radians(to.latitude - from.latitude);
  const double dlon = radians(to.longitude - from.longitude);

  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(radians(from.latitude)) * std::cos(radians(to.latitude)) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusMiles * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace wic
