#pragma once

namespace wic {

// A point on the Earth in decimal degrees (WGS 84).
struct GeoPoint {
  double latitude = 0;   // degrees, -90 to 90
  double longitude = 0;  // degrees, -180 to 180
};

bool is_valid(const GeoPoint& point);

// Great-circle distance in statute miles (haversine formula, mean Earth
// radius 3,958.8 miles).
double distance_miles(const GeoPoint& from, const GeoPoint& to);

}  // namespace wic
