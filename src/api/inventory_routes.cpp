// Read routes: one item, a store's shelf, a batch, stores nearby.

#include <boost/json.hpp>
#include <fmt/format.h>
#include <memory>

#include "api/answer_json.h"
#include "api/api.h"
#include "api/api_error.h"
#include "api/request_values.h"

namespace wic::api {
namespace {

constexpr std::size_t kMaxCategoryLength = 64;
// A shelf filter of more UPCs than one page can contain is a mistake.
constexpr std::size_t kMaxShelfUpcs = 200;
constexpr std::size_t kMaxCodeLength = 32;

http::Reply json_reply(int status, const boost::json::value& body) {
  return http::Reply::json(status, boost::json::serialize(body));
}

// Builds the reply for one item, the API's most frequent request. The JSON
// is built in a stack buffer, so the only allocation is the body string.
http::Reply item_reply(const inventory::ItemAnswer& answer) {
  unsigned char buffer[2048];
  boost::json::monotonic_resource arena(buffer, sizeof(buffer));
  return http::Reply::json(200, boost::json::serialize(to_json(answer, &arena)));
}

storage::Store require_store(ApiContext& context, const StoreId& id) {
  auto store = context.service.catalog().find_store(id);
  if (!store) {
    throw ApiError(404, "store_not_found",
                   fmt::format("store {} not found; list stores with `wic-inventory stores list`", id.str()));
  }
  return *store;
}

void require_product(ApiContext& context, const Gtin& gtin) {
  if (!context.service.catalog().find_product(gtin)) {
    throw ApiError(404, "product_not_found",
                   fmt::format("product {} is not on the WIC approved product list", upc_of(gtin)));
  }
}

// Takes a slot for a request that waits for a refresh, or reports that all
// are taken. Released by the destructor.
class FreshWaitSlot {
 public:
  FreshWaitSlot(std::atomic<int>& in_use, int limit) : in_use_(in_use) {
    taken_ = in_use_.fetch_add(1) < limit;
    if (!taken_) {
      in_use_.fetch_sub(1);
    }
  }
  ~FreshWaitSlot() {
    if (taken_) {
      in_use_.fetch_sub(1);
    }
  }
  FreshWaitSlot(const FreshWaitSlot&) = delete;
  FreshWaitSlot& operator=(const FreshWaitSlot&) = delete;

  bool taken() const { return taken_; }

 private:
  std::atomic<int>& in_use_;
  bool taken_ = false;
};

http::Reply get_item(ApiContext& context, const RouteRequest& request) {
  const QueryReader query(request.target.query, {"fresh"});
  const bool fresh = query.boolean("fresh", false);
  const StoreId store = parse_store_id(request.param("storeId"));
  const Gtin gtin = parse_upc(request.param("upc"));
  require_store(context, store);
  require_product(context, gtin);

  // Waiting for a retailer blocks, so it runs on the server's offload
  // threads rather than on the event loop that read the request. Without a
  // free slot the item is returned at once, so waits never queue.
  if (fresh) {
    auto slot = std::make_shared<FreshWaitSlot>(context.fresh_waits, context.options.max_fresh_waits);
    if (slot->taken()) {
      return http::Reply::offload(
          [&context, store, gtin, slot] { return item_reply(context.service.get(store, gtin, true)); });
    }
  }
  return item_reply(context.service.get(store, gtin, false));
}

std::vector<Gtin> parse_upc_list(const std::string& text) {
  std::vector<Gtin> gtins;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    gtins.push_back(parse_upc(std::string_view(text).substr(start, end - start), "upcs item"));
    start = end + 1;
  }
  if (gtins.size() > kMaxShelfUpcs) {
    throw_bad_request("invalid_query",
                      fmt::format("invalid upcs: {} codes, expected at most {}", gtins.size(), kMaxShelfUpcs));
  }
  return gtins;
}

http::Reply get_shelf(ApiContext& context, const RouteRequest& request) {
  const QueryReader query(request.target.query, {"upcs", "category", "status", "formula", "limit", "offset"});
  const StoreId store = parse_store_id(request.param("storeId"));

  inventory::ShelfQuery shelf;
  if (const auto upcs = query.text("upcs", kMaxShelfUpcs * (kMaxCodeLength + 1))) {
    shelf.gtins = parse_upc_list(*upcs);
  }
  shelf.category = query.text("category", kMaxCategoryLength);
  if (const auto status = query.text("status", kMaxCodeLength)) {
    shelf.status = parse_status(*status, "status", true);
  }
  shelf.formula_only = query.boolean("formula", false);
  shelf.limit = static_cast<int>(query.integer("limit", 1, context.options.max_shelf_limit, 50));
  shelf.offset = static_cast<int>(query.integer("offset", 0, 1'000'000, 0));
  require_store(context, store);

  const auto page = context.service.shelf(store, shelf);
  boost::json::array items;
  for (const auto& answer : page.items) {
    items.emplace_back(to_json(answer));
  }
  boost::json::object body;
  body["storeId"] = store.str();
  body["items"] = std::move(items);
  body["total"] = page.total;
  body["limit"] = shelf.limit;
  body["offset"] = shelf.offset;
  body["hasMore"] = shelf.offset + static_cast<std::int64_t>(page.items.size()) < page.total;
  return json_reply(200, body);
}

boost::json::object pair_error(const std::string& store, const std::string& upc, const ApiError& error) {
  boost::json::object item;
  item["storeId"] = store;
  item["upc"] = upc;
  item["error"] = {{"code", error.code()}, {"message", error.what()}};
  return item;
}

http::Reply post_batch(ApiContext& context, const RouteRequest& request) {
  const auto object = parse_json_object(request.request.body);
  reject_unknown_members(object, {"upcs", "storeIds"});
  const auto upcs = string_array_member(object, "upcs", context.options.max_batch_upcs, kMaxCodeLength);
  const auto store_ids = string_array_member(object, "storeIds", context.options.max_batch_stores, kMaxCodeLength);
  if (upcs.size() * store_ids.size() > context.options.max_batch_pairs) {
    throw_bad_request("invalid_body",
                      fmt::format("{} UPCs at {} stores make {} pairs, over the limit of {}; split the batch",
                                  upcs.size(), store_ids.size(), upcs.size() * store_ids.size(),
                                  context.options.max_batch_pairs));
  }

  // Invalid codes reject the whole batch. Unknown stores and products get an
  // error item per pair, so one missing item does not hide the others.
  std::vector<Gtin> gtins;
  for (const auto& upc : upcs) {
    gtins.push_back(parse_upc(upc, "upcs item"));
  }
  std::vector<StoreId> stores;
  for (const auto& id : store_ids) {
    stores.push_back(parse_store_id(id, "storeIds item"));
  }

  boost::json::array items;
  for (std::size_t s = 0; s < stores.size(); ++s) {
    for (std::size_t g = 0; g < gtins.size(); ++g) {
      try {
        require_store(context, stores[s]);
        require_product(context, gtins[g]);
        items.emplace_back(to_json(context.service.get(stores[s], gtins[g])));
      } catch (const ApiError& error) {
        items.emplace_back(pair_error(stores[s].str(), upc_of(gtins[g]), error));
      }
    }
  }
  boost::json::object body;
  body["count"] = static_cast<std::int64_t>(items.size());
  body["items"] = std::move(items);
  return json_reply(200, body);
}

GeoPoint nearby_center(ApiContext& context, const QueryReader& query) {
  const auto zip = query.text("zip", 5);
  const auto latitude = query.number("lat", -90, 90);
  const auto longitude = query.number("lon", -180, 180);
  if (zip && (latitude || longitude)) {
    throw_bad_request("invalid_query", "give either zip or lat and lon, not both");
  }
  if (zip) {
    if (!stores::is_valid_zip(*zip)) {
      throw_bad_request("invalid_query", fmt::format("invalid zip \"{}\": expected 5 digits", *zip));
    }
    const auto centroid = context.options.zip_centroids ? context.options.zip_centroids->find(*zip) : std::nullopt;
    if (!centroid) {
      throw_bad_request("invalid_query",
                        fmt::format("unknown zip \"{}\": it is not in the ZIP centroid file; send lat and lon", *zip));
    }
    return centroid->location;
  }
  if (!latitude || !longitude) {
    throw_bad_request("invalid_query", "missing location: give zip, or both lat and lon");
  }
  return GeoPoint{*latitude, *longitude};
}

http::Reply get_nearby(ApiContext& context, const RouteRequest& request) {
  const QueryReader query(request.target.query, {"zip", "lat", "lon", "radius", "limit"});
  const Gtin gtin = parse_upc(request.param("upc"));
  const GeoPoint center = nearby_center(context, query);
  const double radius = query.number("radius", 0.1, context.options.max_radius_miles).value_or(10);
  const auto limit = static_cast<std::size_t>(
      query.integer("limit", 1, static_cast<long>(context.options.max_nearby_limit), 20));
  require_product(context, gtin);

  const auto result = context.service.nearby(inventory::NearbyQuery{gtin, center, radius, limit});
  boost::json::array stores;
  for (const auto& nearby : result.stores) {
    boost::json::object item = to_json(nearby.store);
    item["distanceMiles"] = std::round(nearby.distance_miles * 100) / 100;
    item["inventory"] = to_json(nearby.answer);
    stores.emplace_back(std::move(item));
  }
  boost::json::object body;
  body["upc"] = upc_of(gtin);
  body["gtin"] = gtin.gtin14();
  body["center"] = {{"lat", center.latitude}, {"lon", center.longitude}};
  body["radiusMiles"] = radius;
  body["total"] = static_cast<std::int64_t>(result.total);
  body["stores"] = std::move(stores);
  return json_reply(200, body);
}

}  // namespace

void add_inventory_routes(Router& router, ApiContext& context) {
  router.add({"GET", "/api/v1/inventory/store/{storeId}/product/{upc}",
              [&context](const RouteRequest& request) { return get_item(context, request); }});
  router.add({"GET", "/api/v1/inventory/store/{storeId}",
              [&context](const RouteRequest& request) { return get_shelf(context, request); }});
  router.add({"POST", "/api/v1/inventory/batch",
              [&context](const RouteRequest& request) { return post_batch(context, request); }});
  router.add({"GET", "/api/v1/inventory/product/{upc}/nearby",
              [&context](const RouteRequest& request) { return get_nearby(context, request); }});
}

}  // namespace wic::api
