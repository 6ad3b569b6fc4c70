#pragma once

#include <string>
#include <vector>

#include "core/gtin.h"
#include "core/result.h"
#include "core/retailer.h"
#include "core/store_id.h"
#include "storage/records.h"
#include "storage/storage.h"

namespace wic::sync {

// Which products a job asks for.
struct ProductScope {
  enum class Kind { kFormula, kAll, kList };
  Kind kind = Kind::kFormula;
  std::vector<Gtin> gtins;  // with kList

  static ProductScope formula() { return {Kind::kFormula, {}}; }
  static ProductScope all() { return {Kind::kAll, {}}; }
  static ProductScope list(std::vector<Gtin> gtins) { return {Kind::kList, std::move(gtins)}; }
};

// "formula", "all" or the GTIN-14s joined by commas, as SyncJob stores it.
std::string to_string(const ProductScope& scope);
// Reads what to_string wrote; the error names the text that is not one.
Result<ProductScope> parse_product_scope(const std::string& text);

// One sync job: one retailer, some of its stores, some products.
struct JobSpec {
  Retailer retailer = Retailer::kWalmart;
  std::vector<StoreId> stores;  // empty: every store of the retailer in the store table
  ProductScope products;
};

// The spec a job record was started with, for a rerun.
Result<JobSpec> spec_of(const storage::SyncJob& job);

// The stores and products a spec names, read from storage. Fails when a
// named store belongs to another retailer.
struct JobTargets {
  std::vector<StoreId> stores;
  std::vector<Gtin> gtins;
};
Result<JobTargets> resolve_targets(const JobSpec& spec, storage::Storage& storage);

}  // namespace wic::sync
