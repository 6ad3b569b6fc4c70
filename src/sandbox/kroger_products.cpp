#include <boost/json.hpp>
#include <cctype>
#include <sstream>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/gtin.h"
#include "sandbox/kroger_handler.h"
#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxProductIds = 50;  // Kroger's documented limit per call
constexpr std::string_view kProductPathPrefix = "/v1/products/";
constexpr std::string_view kBadField = "API-4101-400";

json::object item_json(const SandboxContext& context, const SandboxProduct& product, const KrogerStore* store) {
  json::object item{{"itemId", product.gtin.kroger_product_id()}, {"size", product.size}, {"soldBy", "UNIT"}};
  if (store == nullptr) {
    return item;
  }

  // Inventory and price exist only for a location. The stock level is left
  // out when the store does not carry the product, as Kroger does when unknown.
  const auto level = context.stock.kroger_shelf(store->location_id, product, context.now());
  const bool carried = level.has_value();
  item["fulfillment"] = {{"curbside", carried}, {"delivery", carried}, {"instore", carried}, {"shiptohome", false}};
  item["price"] = {{"regular", static_cast<double>(product.price_cents) / 100.0}, {"promo", 0}};
  if (level) {
    item["inventory"] = {{"stockLevel", kroger_stock_level(*level)}};
  }
  return item;
}

json::object product_json(const SandboxContext& context, const SandboxProduct& product, const KrogerStore* store) {
  const std::string product_id = product.gtin.kroger_product_id();
  return json::object{
      {"productId", product_id},
      {"upc", product_id},
      {"brand", product.brand},
      {"description", product.brand.empty() ? product.description : product.brand + " " + product.description},
      {"categories", json::array{product.infant_formula ? "Baby" : product.category}},
      {"aisleLocations", json::array{}},
      {"items", json::array{item_json(context, product, store)}},
  };
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return result;
}

// Products of a filter.productId value, unknown ids left out; or the 400.
std::variant<std::vector<const SandboxProduct*>, http::Reply> products_by_id(const SandboxContext& context,
                                                                             const std::string& ids) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= ids.size();) {
    const std::size_t comma = std::min(ids.find(',', start), ids.size());
    parts.push_back(ids.substr(start, comma - start));
    start = comma + 1;
  }
  if (parts.size() > kMaxProductIds) {
    return kroger_error(400, kBadField,
                        fmt::format("Field 'productId' accepts at most {} ids, got {}", kMaxProductIds, parts.size()),
                        context.now());
  }

  std::vector<const SandboxProduct*> products;
  for (const auto& id : parts) {
    if (id.size() != 13 || !is_digits(id)) {
      return kroger_error(400, kBadField,
                          fmt::format("Field 'productId' must have a length of 13 digits, got \"{}\"", id),
                          context.now());
    }
    const auto gtin = Gtin::parse(id, CodeConvention::kCheckDigitOmitted);
    if (gtin) {
      if (const SandboxProduct* product = context.catalog->find_by_gtin(*gtin)) {
        products.push_back(product);
      }
    }
  }
  return products;
}

// Products whose brand or description contains every word of filter.term
// and whose brand matches filter.brand, case-insensitive.
std::variant<std::vector<const SandboxProduct*>, http::Reply> products_by_search(const SandboxContext& context,
                                                                                 const Call& call) {
  const auto term = call.target.query.get("filter.term");
  const auto brand = call.target.query.get("filter.brand");
  std::vector<std::string> words;
  if (term) {
    std::istringstream split(lower(*term));
    for (std::string word; split >> word;) {
      words.push_back(word);
    }
    if (term->size() < 3 || words.size() > 8) {
      return kroger_error(400, kBadField,
                          fmt::format("Field 'term' must have at least 3 characters and at most 8 words, got \"{}\"",
                                      *term),
                          context.now());
    }
  }

  std::vector<const SandboxProduct*> products;
  for (const auto& product : context.catalog->products()) {
    const std::string text = lower(product.brand + " " + product.description);
    const bool term_matches = std::all_of(words.begin(), words.end(),
                                          [&](const std::string& word) { return text.find(word) != std::string::npos; });
    const bool brand_matches = !brand || lower(product.brand) == lower(*brand);
    if (term_matches && brand_matches) {
      products.push_back(&product);
    }
  }
  return products;
}

// The store of filter.locationId: nothing when absent or unknown; the 400
// when malformed.
std::variant<const KrogerStore*, http::Reply> location_of(const SandboxContext& context, const Call& call) {
  const auto location_id = call.target.query.get("filter.locationId");
  if (!location_id) {
    return static_cast<const KrogerStore*>(nullptr);
  }
  if (location_id->size() != 8) {
    return kroger_error(400, kBadField,
                        fmt::format("Field 'locationId' must have a length of 8 characters, got \"{}\"", *location_id),
                        context.now());
  }
  // NOTE: Kroger does not document its response for a well-formed but
  // unknown location, so products are returned without inventory.
  return context.catalog->find_kroger_store(*location_id);
}

}  // namespace

http::Reply handle_kroger_products(SandboxContext& context, Call& call) {
  if (auto refused = admit_kroger_call(context, call, "product.compact", QuotaBucket::kKrogerProducts)) {
    return std::move(*refused);
  }
  auto store = location_of(context, call);
  if (auto* reply = std::get_if<http::Reply>(&store)) {
    return std::move(*reply);
  }
  const KrogerStore* location = std::get<const KrogerStore*>(store);

  // GET /v1/products/{productId}: one product, as {"data": {...}}.
  if (call.target.path.size() > kProductPathPrefix.size()) {
    const std::string product_id = call.target.path.substr(kProductPathPrefix.size());
    auto found = products_by_id(context, product_id);
    if (auto* reply = std::get_if<http::Reply>(&found)) {
      return std::move(*reply);
    }
    const auto& products = std::get<std::vector<const SandboxProduct*>>(found);
    if (products.empty()) {
      return kroger_error(404, "PRODUCT-4040-404", fmt::format("no product with productId \"{}\"", product_id),
                          context.now());
    }
    return json_reply(200, json::object{{"data", product_json(context, *products.front(), location)}});
  }

  std::variant<std::vector<const SandboxProduct*>, http::Reply> found;
  std::int64_t start = 0;
  std::int64_t limit = kMaxProductIds;
  if (const auto ids = call.target.query.get("filter.productId")) {
    // With productId, Kroger ignores every other filter but the location.
    found = products_by_id(context, *ids);
  } else if (call.target.query.contains("filter.term") || call.target.query.contains("filter.brand")) {
    const auto limit_filter = kroger_int_filter(context, call, "filter.limit", 1, 50, 10);
    const auto start_filter = kroger_int_filter(context, call, "filter.start", 1, 250, 1);
    for (const auto* filter : {&limit_filter, &start_filter}) {
      if (const auto* reply = std::get_if<http::Reply>(filter)) {
        return *reply;
      }
    }
    limit = std::get<std::int64_t>(limit_filter);
    start = std::get<std::int64_t>(start_filter) - 1;
    found = products_by_search(context, call);
  } else {
    return kroger_error(400, kBadField, "a search needs filter.productId, filter.term or filter.brand",
                        context.now());
  }
  if (auto* reply = std::get_if<http::Reply>(&found)) {
    return std::move(*reply);
  }
  auto& products = std::get<std::vector<const SandboxProduct*>>(found);

  if (call.fault.drop_product && !products.empty()) {
    spdlog::info("sandbox: fault drop_product: left Kroger product {} out of the response",
                 products.back()->gtin.kroger_product_id());
    products.pop_back();
    context.stats.record_fault("drop_product");
  }
  const auto total = static_cast<std::int64_t>(products.size());
  json::array data;
  for (std::int64_t i = start; i < total && i < start + limit; ++i) {
    data.push_back(product_json(context, *products[static_cast<std::size_t>(i)], location));
  }
  const json::object pagination{{"start", start}, {"limit", limit}, {"total", total}};
  return json_reply(200, json::object{{"data", std::move(data)}, {"meta", {{"pagination", pagination}}}});
}

}  // namespace wic::sandbox
