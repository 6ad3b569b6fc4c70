#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/storage.h"

namespace wic::inventory {

// What the service needs to know of a product on every request.
struct ProductInfo {
  bool is_formula = false;
  std::string category;
};

// The products and stores of storage, held in memory so that a request
// validates its store and product without a database read. A lookup that
// misses reads storage once more, so items another process imported after
// start are found. Thread-safe.
class CatalogIndex {
 public:
  explicit CatalogIndex(storage::Storage& storage);

  // Reads every product and store again.
  void reload();

  std::optional<ProductInfo> find_product(const Gtin& gtin);
  std::optional<storage::Store> find_store(const StoreId& id);
  // Every store, in storage order.
  std::shared_ptr<const std::vector<storage::Store>> stores() const;

  std::size_t product_count() const;
  std::size_t store_count() const;

 private:
  storage::Storage& storage_;

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, ProductInfo> products_;  // by GTIN-14; guarded by mutex_
  std::map<StoreId, storage::Store> stores_by_id_;         // guarded by mutex_
  std::shared_ptr<const std::vector<storage::Store>> stores_;  // guarded by mutex_
};

}  // namespace wic::inventory
