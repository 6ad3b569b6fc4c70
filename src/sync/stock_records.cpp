#include "sync/stock_records.h"

namespace wic::sync {
namespace {

int confidence_of(const retailers::Availability& answer, retailers::StockScope scope) {
  if (answer.status == StockStatus::kUnknown) {
    return 0;
  }
  return scope == retailers::StockScope::kPerStore ? kShelfStockConfidence : kOnlineStockConfidence;
}

}  // namespace

std::vector<storage::InventoryRecord> stock_records(const std::vector<retailers::Availability>& answers,
                                                    const std::vector<StoreId>& stores,
                                                    retailers::StockScope scope, SystemTime now) {
  std::vector<storage::InventoryRecord> records;
  records.reserve(answers.size() * stores.size());

  for (const StoreId& store : stores) {
    for (const retailers::Availability& answer : answers) {
      records.push_back(storage::InventoryRecord{store, answer.gtin, answer.status, answer.quantity, std::nullopt,
                                                 answer.aisle, now, DataSource::kApi,
                                                 confidence_of(answer, scope), 0});
    }
  }
  return records;
}

std::vector<storage::InventoryRecord> unknown_records(const std::vector<Gtin>& gtins,
                                                      const std::vector<StoreId>& stores, SystemTime now) {
  std::vector<storage::InventoryRecord> records;
  records.reserve(gtins.size() * stores.size());

  for (const StoreId& store : stores) {
    for (const Gtin& gtin : gtins) {
      records.push_back(storage::InventoryRecord{store, gtin, StockStatus::kUnknown, std::nullopt, std::nullopt,
                                                 std::nullopt, now, DataSource::kApi, 0, 0});
    }
  }
  return records;
}

bool is_retryable(const retailers::RetailerError& error) {
  switch (error.kind) {
    case retailers::ErrorKind::kUpstream:
    case retailers::ErrorKind::kTimeout:
    case retailers::ErrorKind::kMalformedResponse:
      return true;
    case retailers::ErrorKind::kRateLimited:
      // A 429 from the retailer passes once its Retry-After has; our own
      // limiter refusing (no HTTP status) means the quota is spent.
      return error.http_status == 429;
    case retailers::ErrorKind::kAuthentication:
    case retailers::ErrorKind::kNotFound:
    case retailers::ErrorKind::kInvalidRequest:
    case retailers::ErrorKind::kCancelled:
      return false;
  }
  return false;
}

}  // namespace wic::sync
