#include <boost/beast/core/string.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "sandbox/kroger_handler.h"
#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;

constexpr std::string_view kLocationPathPrefix = "/v1/locations/";
constexpr std::string_view kBadField = "API-4101-400";

json::object location_json(const KrogerStore& store) {
  const json::object day{{"open", "06:00"}, {"close", "23:00"}, {"open24", false}};
  json::object hours{{"timezone", "America/Detroit"}, {"open24", false}};
  for (const char* name : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    hours[name] = day;
  }
  return json::object{
      {"locationId", store.location_id},
      {"storeNumber", store.store_number},
      {"divisionNumber", store.division},
      {"chain", "KROGER"},
      {"name", store.name},
      {"phone", ""},
      {"address", {{"addressLine1", store.address}, {"city", store.city}, {"state", store.state},
                   {"zipCode", store.zip}, {"county", ""}}},
      {"geolocation", {{"latitude", store.location.latitude}, {"longitude", store.location.longitude},
                       {"latLng", fmt::format("{},{}", store.location.latitude, store.location.longitude)}}},
      {"hours", std::move(hours)},
      {"departments", json::array{}},
  };
}

// The search point of the near filters: nothing when the ZIP is unknown;
// the 400 when the filters are missing or invalid.
std::variant<std::optional<GeoPoint>, http::Reply> search_point(const SandboxContext& context, const Call& call) {
  const auto& query = call.target.query;
  const auto invalid = [&](std::string_view reason) { return kroger_error(400, kBadField, reason, context.now()); };

  if (const auto zip = query.get("filter.zipCode.near")) {
    if (zip->size() != 5 || !is_digits(*zip)) {
      return invalid(fmt::format("Field 'zipCode.near' must be a 5-digit ZIP code, got \"{}\"", *zip));
    }
    return context.catalog->zip_location(*zip);
  }

  std::optional<std::string> lat = query.get("filter.lat.near");
  std::optional<std::string> lon = query.get("filter.lon.near");
  if (const auto lat_long = query.get("filter.latLong.near")) {
    const auto comma = lat_long->find(',');
    if (comma == std::string::npos) {
      return invalid(fmt::format("Field 'latLong.near' must be \"latitude,longitude\", got \"{}\"", *lat_long));
    }
    lat = lat_long->substr(0, comma);
    lon = lat_long->substr(comma + 1);
  }
  if (!lat || !lon) {
    return invalid("a location search needs filter.zipCode.near, filter.latLong.near, filter.lat.near with "
                   "filter.lon.near, or filter.locationId");
  }
  const auto latitude = parse_decimal(*lat);
  const auto longitude = parse_decimal(*lon);
  if (!latitude || !longitude || !is_valid(GeoPoint{*latitude, *longitude})) {
    return invalid(fmt::format("latitude \"{}\" and longitude \"{}\" must be decimal degrees", *lat, *lon));
  }
  return std::optional<GeoPoint>(GeoPoint{*latitude, *longitude});
}

}  // namespace

http::Reply handle_kroger_locations(SandboxContext& context, Call& call) {
  if (auto refused = admit_kroger_call(context, call, {}, QuotaBucket::kKrogerLocations)) {
    return std::move(*refused);
  }

  // GET /v1/locations/{locationId}, or filter.locationId: one store.
  std::optional<std::string> location_id = call.target.query.get("filter.locationId");
  const bool by_path = call.target.path.size() > kLocationPathPrefix.size();
  if (by_path) {
    location_id = call.target.path.substr(kLocationPathPrefix.size());
  }
  if (location_id) {
    if (location_id->size() != 8) {
      return kroger_error(400, kBadField,
                          fmt::format("Field 'locationId' must have a length of 8 characters, got \"{}\"",
                                      *location_id),
                          context.now());
    }
    const KrogerStore* store = context.catalog->find_kroger_store(*location_id);
    if (by_path) {
      if (store == nullptr) {
        return kroger_error(404, "LOCATION-4040-404", fmt::format("no location with locationId \"{}\"", *location_id),
                            context.now());
      }
      return json_reply(200, json::object{{"data", location_json(*store)}});
    }
    json::array data;
    if (store != nullptr) {
      data.push_back(location_json(*store));
    }
    return json_reply(200, json::object{{"data", std::move(data)}, {"meta", json::object{}}});
  }

  const auto radius = kroger_int_filter(context, call, "filter.radiusInMiles", 1, 100, 10);
  const auto limit = kroger_int_filter(context, call, "filter.limit", 1, 200, 10);
  for (const auto* filter : {&radius, &limit}) {
    if (const auto* reply = std::get_if<http::Reply>(filter)) {
      return *reply;
    }
  }
  auto point = search_point(context, call);
  if (auto* reply = std::get_if<http::Reply>(&point)) {
    return std::move(*reply);
  }

  const auto chain = call.target.query.get("filter.chain");
  const bool chain_matches = !chain || boost::beast::iequals(*chain, "KROGER");
  json::array data;
  if (const auto& near = std::get<std::optional<GeoPoint>>(point); near && chain_matches) {
    const auto found = context.catalog->kroger_stores_near(*near, static_cast<double>(std::get<std::int64_t>(radius)),
                                                           static_cast<std::size_t>(std::get<std::int64_t>(limit)));
    for (const auto& [store, miles] : found) {
      data.push_back(location_json(*store));
    }
  }
  return json_reply(200, json::object{{"data", std::move(data)}, {"meta", json::object{}}});
}

}  // namespace wic::sandbox
