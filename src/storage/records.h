#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/gtin.h"
#include "core/retailer.h"
#include "core/stock.h"
#include "core/store_id.h"

namespace wic::storage {

// One product of a state's WIC approved product list.
struct Product {
  Gtin gtin;
  std::string brand;
  std::string description;
  std::string category;     // the list's category, e.g. "infant_food"
  std::string subcategory;  // e.g. "Similac Infant Formula PWD"
  std::string size;         // package size as the list writes it, e.g. "OUNCE"
  std::string unit;         // unit of measure, e.g. "OZ"
  // Two-letter codes of the states whose lists approve it, sorted. An
  // upsert adds these to the ones already stored and never removes one.
  std::vector<std::string> states;
  bool is_formula = false;  // standard or exempt infant formula

  friend bool operator==(const Product&, const Product&) = default;
};

// A produce or retailer-assigned code of a state list. Retailer APIs cannot
// look these up, so they are kept apart from products and never synced.
struct ProduceItem {
  ProduceCode code;
  std::string brand;
  std::string description;
  std::string category;
  std::string subcategory;
  std::string state;  // two-letter code of the approving state
};

// A store that accepts WIC.
struct Store {
  StoreId id;
  std::string name;
  std::string address;  // street address
  std::string city;
  std::string state;    // two-letter code
  std::string zip;      // 5 digits
  GeoPoint location;

  friend bool operator==(const Store& a, const Store& b) {
    return a.id == b.id && a.name == b.name && a.address == b.address && a.city == b.city &&
           a.state == b.state && a.zip == b.zip && a.location.latitude == b.location.latitude &&
           a.location.longitude == b.location.longitude;
  }
};

// Availability of one product at one store. There is one record per store
// and GTIN.
struct InventoryRecord {
  StoreId store_id;
  Gtin gtin;
  StockStatus status = StockStatus::kUnknown;
  std::optional<int> quantity;                 // units on the shelf, when a source counts them
  std::optional<QuantityRange> quantity_range;
  std::optional<std::string> aisle;
  SystemTime last_updated;
  DataSource source = DataSource::kApi;
  int confidence = 0;    // 0 to 100
  int report_count = 0;  // shopper reports that contributed
};

// One shopper's report, kept in full in the report log.
struct InventoryReport {
  std::int64_t id = 0;  // assigned by the store
  StoreId store_id;
  Gtin gtin;
  StockStatus status = StockStatus::kUnknown;
  std::optional<QuantityRange> quantity_range;
  std::optional<std::string> aisle;
  std::optional<std::string> user_id;
  std::string client_key;  // who sent it, for per-client limits (an IP address or user id)
  SystemTime reported_at;
};

enum class JobStatus { kPending, kRunning, kCompleted, kFailed };
std::string_view to_string(JobStatus status);
std::optional<JobStatus> parse_job_status(std::string_view text);

// A sync job: one pass over a retailer's stores and products.
struct SyncJob {
  std::int64_t id = 0;  // assigned by the store
  Retailer retailer = Retailer::kWalmart;
  std::vector<std::string> store_ids;  // empty: every store of the retailer
  std::string product_scope;           // "formula", "all" or a comma-separated GTIN-14 list
  JobStatus status = JobStatus::kPending;
  std::optional<SystemTime> started_at;
  std::optional<SystemTime> finished_at;
  // Last write of the record, on the writing process's clock. A running
  // job's record is written every few seconds, so an old value means its
  // process is gone. Null in rows written before the column existed.
  std::optional<SystemTime> updated_at;
  std::int64_t processed = 0;
  std::int64_t succeeded = 0;
  std::int64_t failed = 0;
  std::int64_t requests = 0;  // retailer API calls the job made
  std::string error;          // empty unless the job failed
};

// Counts of what a bulk upsert did.
struct UpsertCounts {
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
};

}  // namespace wic::storage
