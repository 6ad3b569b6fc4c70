#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/gtin.h"
#include "sandbox/walmart_handler.h"
#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxItemIds = 20;  // the Walmart lookup's documented limit per call
constexpr std::string_view kItemPathPrefix = "/api-proxy/service/affil/product/v2/items/";
// The store locator's radius and result count are not documented; these are
// the sandbox's choice.
constexpr double kStoreSearchMiles = 100;
constexpr std::size_t kStoreSearchLimit = 10;

double dollars(int cents) { return static_cast<double>(cents) / 100.0; }

json::object item_json(const SandboxContext& context, const SandboxProduct& product) {
  const StockLevel level = context.stock.walmart_online(product, context.now());
  const auto item_id = std::stoll(product.walmart_item_id);
  std::string name = product.brand.empty() ? product.description : product.brand + " " + product.description;
  return json::object{
      {"itemId", item_id},
      {"parentItemId", item_id},
      {"name", name},
      {"msrp", dollars(product.price_cents)},
      {"salePrice", dollars(product.price_cents)},
      {"upc", product.upc},
      {"categoryPath", fmt::format("Food/WIC/{}", product.category)},
      {"brandName", product.brand},
      {"size", product.size},
      {"availableOnline", level != StockLevel::kOut},
      {"offerType", "ONLINE_AND_STORE"},
      {"stock", walmart_stock_text(level)},
  };
}

// Finds the product of a ?upc= value, or the error reply.
std::variant<const SandboxProduct*, http::Reply> product_by_upc(const SandboxContext& context,
                                                                const std::string& upc) {
  const auto code = ProductCode::parse(upc, CodeConvention::kCheckDigitIncluded);
  if (!code) {
    return walmart_error(400, "INVALID_REQUEST_PARAM", fmt::format("invalid upc: {}", code.error().message), "upc");
  }
  if (!code->is_gtin()) {
    return walmart_error(404, "CONTENT_NOT_FOUND",
                         fmt::format("no item with upc \"{}\": {}-digit codes are produce or store codes, not "
                                     "UPCs, and have no Walmart item",
                                     upc, upc.size()),
                         "upc");
  }
  const SandboxProduct* product = context.catalog->find_by_gtin(code->gtin());
  if (product == nullptr) {
    return walmart_error(404, "CONTENT_NOT_FOUND", fmt::format("no item with upc \"{}\"", upc), "upc");
  }
  return product;
}

// Finds the products of a ?ids= value and leaves unknown ids out, as a
// partial response does. Returns the error reply when the value is invalid.
std::variant<std::vector<const SandboxProduct*>, http::Reply> products_by_ids(const SandboxContext& context,
                                                                              const std::string& ids) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= ids.size();) {
    const std::size_t comma = std::min(ids.find(',', start), ids.size());
    parts.push_back(ids.substr(start, comma - start));
    start = comma + 1;
  }
  if (parts.size() > kMaxItemIds) {
    return walmart_error(400, "INVALID_REQUEST_PARAM",
                         fmt::format("too many ids: {} given, at most {} per call; split the lookup", parts.size(),
                                     kMaxItemIds),
                         "ids");
  }

  std::vector<const SandboxProduct*> products;
  for (const auto& id : parts) {
    if (!is_digits(id) || id.size() > 12) {
      return walmart_error(400, "INVALID_REQUEST_PARAM",
                           fmt::format("invalid item id \"{}\": expected a number of up to 12 digits", id), "ids");
    }
    if (const SandboxProduct* product = context.catalog->find_by_walmart_item_id(id)) {
      products.push_back(product);
    }
  }
  return products;
}

http::Reply items_reply(SandboxContext& context, Call& call, std::vector<const SandboxProduct*> products,
                        const WalmartAdmission& admission) {
  if (call.fault.drop_product && !products.empty()) {
    spdlog::info("sandbox: fault drop_product: left Walmart item {} (UPC {}) out of the response",
                 products.back()->walmart_item_id, products.back()->upc);
    products.pop_back();
    context.stats.record_fault("drop_product");
  }
  json::array items;
  for (const SandboxProduct* product : products) {
    items.push_back(item_json(context, *product));
  }
  http::Reply reply = json_reply(200, json::object{{"items", std::move(items)}});
  add_walmart_quota_headers(reply, admission.quota);
  return reply;
}

}  // namespace

http::Reply handle_walmart_items(SandboxContext& context, Call& call) {
  auto admitted = admit_walmart_call(context, call);
  if (auto* reply = std::get_if<http::Reply>(&admitted)) {
    return std::move(*reply);
  }
  const auto& admission = std::get<WalmartAdmission>(admitted);

  // GET .../items/{itemId}: one item, as an object.
  if (call.target.path.size() > kItemPathPrefix.size()) {
    const std::string item_id = call.target.path.substr(kItemPathPrefix.size());
    auto found = products_by_ids(context, item_id);
    if (auto* reply = std::get_if<http::Reply>(&found)) {
      return std::move(*reply);
    }
    const auto& products = std::get<std::vector<const SandboxProduct*>>(found);
    if (products.empty() || call.fault.drop_product) {
      if (call.fault.drop_product && !products.empty()) {
        context.stats.record_fault("drop_product");
      }
      return walmart_error(404, "CONTENT_NOT_FOUND", fmt::format("no item with itemId \"{}\"", item_id), "itemId");
    }
    http::Reply reply = json_reply(200, item_json(context, *products.front()));
    add_walmart_quota_headers(reply, admission.quota);
    return reply;
  }

  const auto upc = call.target.query.get("upc");
  const auto ids = call.target.query.get("ids");
  if (upc.has_value() == ids.has_value()) {
    return walmart_error(400, "INVALID_REQUEST_PARAM",
                         upc ? "give either upc or ids, not both" : "missing query parameter: upc or ids", "upc");
  }

  if (upc) {
    auto found = product_by_upc(context, *upc);
    if (auto* reply = std::get_if<http::Reply>(&found)) {
      return std::move(*reply);
    }
    return items_reply(context, call, {std::get<const SandboxProduct*>(found)}, admission);
  }

  auto found = products_by_ids(context, *ids);
  if (auto* reply = std::get_if<http::Reply>(&found)) {
    return std::move(*reply);
  }
  auto& products = std::get<std::vector<const SandboxProduct*>>(found);
  if (products.empty()) {
    return walmart_error(404, "CONTENT_NOT_FOUND", fmt::format("no item with any of the ids \"{}\"", *ids), "ids");
  }
  return items_reply(context, call, std::move(products), admission);
}

http::Reply handle_walmart_stores(SandboxContext& context, Call& call) {
  auto admitted = admit_walmart_call(context, call);
  if (auto* reply = std::get_if<http::Reply>(&admitted)) {
    return std::move(*reply);
  }
  const auto& admission = std::get<WalmartAdmission>(admitted);

  std::optional<GeoPoint> point;
  if (const auto zip = call.target.query.get("zip")) {
    if (zip->size() != 5 || !is_digits(*zip)) {
      return walmart_error(400, "INVALID_REQUEST_PARAM", fmt::format("invalid zip \"{}\": expected 5 digits", *zip),
                           "zip");
    }
    point = context.catalog->zip_location(*zip);
  } else {
    const auto lat = call.target.query.get("lat");
    const auto lon = call.target.query.get("lon");
    if (!lat || !lon) {
      return walmart_error(400, "INVALID_REQUEST_PARAM", "missing query parameter: zip, or lat and lon", "zip");
    }
    const auto latitude = parse_decimal(*lat);
    const auto longitude = parse_decimal(*lon);
    if (!latitude || !longitude || !is_valid(GeoPoint{*latitude, *longitude})) {
      return walmart_error(400, "INVALID_REQUEST_PARAM",
                           fmt::format("invalid lat \"{}\" or lon \"{}\": expected decimal degrees", *lat, *lon),
                           "lat");
    }
    point = GeoPoint{*latitude, *longitude};
  }

  json::array stores;
  if (point) {
    for (const auto& [store, miles] : context.catalog->walmart_stores_near(*point, kStoreSearchMiles,
                                                                           kStoreSearchLimit)) {
      stores.push_back(json::object{
          {"no", store->number},
          {"name", store->name},
          {"country", "US"},
          {"coordinates", json::array{store->location.longitude, store->location.latitude}},
          {"streetAddress", store->address},
          {"city", store->city},
          {"stateProvCode", store->state},
          {"zip", store->zip},
          {"phoneNumber", ""},
      });
    }
  }
  http::Reply reply = json_reply(200, stores);
  add_walmart_quota_headers(reply, admission.quota);
  reply.with_header("X-Sandbox-Note",
                    "store numbers are assigned by the sandbox (1001 up in file order), not Walmart's");
  return reply;
}

}  // namespace wic::sandbox
