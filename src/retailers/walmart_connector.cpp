#include "retailers/walmart_connector.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "retailers/http_client.h"
#include "retailers/stock_mapping.h"
#include "retailers/walmart_response.h"

namespace wic::retailers {

// The batch's GTINs split by whether Walmart's item id is known.
struct WalmartConnector::Pending {
  std::vector<std::size_t> unknown_items;                     // indexes into the batch's results
  std::map<std::string, std::vector<std::size_t>> by_item_id;  // item id -> result indexes
};

namespace {

void apply_item(Availability& result, const WalmartItem& item) {
  result.retailer_item_id = item.item_id;
  result.status = walmart_stock_status(item.stock);
  result.error.reset();
}

void fail_all(AvailabilityBatch& batch, const std::vector<std::size_t>& indexes, const RetailerError& error) {
  for (std::size_t index : indexes) {
    batch.results[index].status = StockStatus::kUnknown;
    batch.results[index].error = error;
  }
}

}  // namespace

WalmartConnector::WalmartConnector(std::string base_url, std::shared_ptr<ApiCaller> api,
                                   std::shared_ptr<ratelimit::RateLimiter> limiter,
                                   std::shared_ptr<storage::Storage> storage)
    : base_url_(std::move(base_url)),
      api_(std::move(api)),
      limiter_(std::move(limiter)),
      storage_(std::move(storage)) {}

AvailabilityBatch WalmartConnector::fetch_availability(const StoreId& store, const std::vector<Gtin>& gtins,
                                                       const ratelimit::CancellationToken* cancel) {
  AvailabilityBatch batch;
  Pending pending;
  for (std::size_t i = 0; i < gtins.size(); ++i) {
    batch.results.push_back(make_availability(gtins[i]));
    if (auto item_id = find_item_id(gtins[i])) {
      pending.by_item_id[*item_id].push_back(i);
    } else {
      pending.unknown_items.push_back(i);
    }
  }

  look_up_new_items(pending, batch, cancel);
  if (!batch.error || !stops_batch(*batch.error)) {
    refresh_known_items(pending, batch, cancel);
  }

  const auto unknown = std::count_if(batch.results.begin(), batch.results.end(),
                                     [](const Availability& a) { return a.status == StockStatus::kUnknown; });
  spdlog::info("walmart availability: store={} gtins={} unknown={} requests={} error={}", store.str(), gtins.size(),
               unknown, batch.requests, batch.error ? to_string(batch.error->kind) : "none");
  return batch;
}

void WalmartConnector::look_up_new_items(Pending& pending, AvailabilityBatch& batch,
                                         const ratelimit::CancellationToken* cancel) {
  for (std::size_t position = 0; position < pending.unknown_items.size(); ++position) {
    const std::size_t index = pending.unknown_items[position];
    Availability& result = batch.results[index];
    const std::optional<std::string> upc = result.gtin.upc_a();
    if (!upc) {
      result.error = make_error(ErrorKind::kNotFound,
                                   fmt::format("walmart lookup skipped: GTIN {} has no 12-digit UPC-A",
                                               result.gtin.gtin14()));
      continue;
    }

    const std::string url = fmt::format("{}/affil/product/v2/items?upc={}", base_url_, *upc);
    RetailerResult<HttpResponse> response = api_->get(*limiter_, url, "walmart UPC lookup", cancel);
    batch.requests += response ? response->attempts : response.error().attempts;
    if (!response) {
      result.error = response.error();
      if (stops_batch(response.error())) {
        batch.error = response.error();
        fail_all(batch, {pending.unknown_items.begin() + position, pending.unknown_items.end()}, response.error());
        return;
      }
      if (response.error().kind != ErrorKind::kNotFound) {
        batch.error = batch.error.value_or(response.error());
      }
      spdlog::warn("walmart UPC lookup failed: upc={} error={}", *upc, response.error().message);
      continue;
    }

    RetailerResult<std::vector<WalmartItem>> items = parse_walmart_items(response->body);
    if (!items || items->empty()) {
      result.error = items ? make_error(ErrorKind::kNotFound, fmt::format("walmart has no item for UPC {}", *upc))
                           : items.error();
      continue;
    }
    const WalmartItem& item = items->front();
    apply_item(result, item);
    remember_item_id(result.gtin, item.item_id);
  }
}

void WalmartConnector::refresh_known_items(Pending& pending, AvailabilityBatch& batch,
                                           const ratelimit::CancellationToken* cancel) {
  std::vector<std::string> item_ids;
  for (const auto& [item_id, indexes] : pending.by_item_id) {
    item_ids.push_back(item_id);
  }

  for (std::size_t start = 0; start < item_ids.size(); start += kMaxIdsPerCall) {
    const std::size_t end = std::min(item_ids.size(), start + kMaxIdsPerCall);
    const std::vector<std::string> chunk(item_ids.begin() + start, item_ids.begin() + end);
    std::vector<std::size_t> chunk_indexes;
    for (const std::string& item_id : chunk) {
      const auto& indexes = pending.by_item_id[item_id];
      chunk_indexes.insert(chunk_indexes.end(), indexes.begin(), indexes.end());
    }

    const std::string url = fmt::format("{}/affil/product/v2/items?ids={}", base_url_, fmt::join(chunk, ","));
    RetailerResult<HttpResponse> response = api_->get(*limiter_, url, "walmart items lookup", cancel);
    batch.requests += response ? response->attempts : response.error().attempts;
    RetailerResult<std::vector<WalmartItem>> items =
        response ? parse_walmart_items(response->body) : RetailerResult<std::vector<WalmartItem>>(response.error());
    if (!items) {
      batch.error = batch.error.value_or(items.error());
      fail_all(batch, chunk_indexes, items.error());
      if (stops_batch(items.error())) {
        // The chunks not sent are unknown for the same reason.
        for (std::size_t rest = end; rest < item_ids.size(); ++rest) {
          fail_all(batch, pending.by_item_id[item_ids[rest]], items.error());
        }
        return;
      }
      continue;
    }

    for (const WalmartItem& item : *items) {
      const auto it = pending.by_item_id.find(item.item_id);
      if (it == pending.by_item_id.end()) {
        continue;  // an item we did not ask for is never another product's stock
      }
      for (std::size_t index : it->second) {
        apply_item(batch.results[index], item);
      }
    }
    for (std::size_t index : chunk_indexes) {
      Availability& result = batch.results[index];
      if (result.retailer_item_id.empty()) {
        result.error = make_error(ErrorKind::kNotFound, "walmart items lookup left this item out of its response");
      }
    }
  }
}

std::optional<std::string> WalmartConnector::find_item_id(const Gtin& gtin) {
  if (storage_ == nullptr) {
    return std::nullopt;
  }
  try {
    return storage_->find_retailer_item(Retailer::kWalmart, gtin);
  } catch (const storage::StorageError& error) {
    spdlog::error("walmart item id lookup in storage failed, looking the UPC up again: gtin={} error={}",
                  gtin.gtin14(), error.what());
    return std::nullopt;
  }
}

void WalmartConnector::remember_item_id(const Gtin& gtin, const std::string& item_id) {
  if (storage_ == nullptr) {
    return;
  }
  try {
    storage_->put_retailer_item(Retailer::kWalmart, gtin, item_id);
  } catch (const storage::StorageError& error) {
    spdlog::error("walmart item id not stored, the next pass looks the UPC up again: gtin={} item_id={} error={}",
                  gtin.gtin14(), item_id, error.what());
  }
}

RetailerResult<std::vector<storage::Store>> WalmartConnector::discover_stores(const StoreQuery& query) {
  std::string url;
  if (query.zip) {
    url = fmt::format("{}/affil/product/v2/stores?zip={}", base_url_, url_encode(*query.zip));
  } else if (query.location) {
    url = fmt::format("{}/affil/product/v2/stores?lat={}&lon={}", base_url_, query.location->latitude,
                      query.location->longitude);
  } else {
    return make_error(ErrorKind::kInvalidRequest, "walmart store search needs a ZIP code or a point");
  }

  RetailerResult<HttpResponse> response = api_->get(*limiter_, url, "walmart store locator", nullptr);
  if (!response) {
    return response.error();
  }
  RetailerResult<std::vector<storage::Store>> stores = parse_walmart_stores(response->body);
  if (!stores) {
    return stores;
  }

  std::vector<storage::Store> found = std::move(stores).value();
  if (query.location) {
    std::erase_if(found, [&](const storage::Store& store) {
      return is_valid(store.location) && distance_miles(*query.location, store.location) > query.radius_miles;
    });
  }
  if (query.limit > 0 && found.size() > static_cast<std::size_t>(query.limit)) {
    found.erase(found.begin() + query.limit, found.end());
  }
  return found;
}

}  // namespace wic::retailers
