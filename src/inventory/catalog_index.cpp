#include "inventory/catalog_index.h"

#include <mutex>
#include <spdlog/spdlog.h>

namespace wic::inventory {

CatalogIndex::CatalogIndex(storage::Storage& storage)
    : storage_(storage), stores_(std::make_shared<const std::vector<storage::Store>>()) {
  reload();
}

void CatalogIndex::reload() {
  std::unordered_map<std::string, ProductInfo> products;
  for (const auto& product : storage_.list_products({})) {
    products.emplace(product.gtin.gtin14(), ProductInfo{product.is_formula, product.category});
  }
  auto stores = std::make_shared<std::vector<storage::Store>>(storage_.list_stores());
  std::map<StoreId, storage::Store> by_id;
  for (const auto& store : *stores) {
    by_id.emplace(store.id, store);
  }

  std::unique_lock lock(mutex_);
  products_ = std::move(products);
  stores_by_id_ = std::move(by_id);
  stores_ = std::move(stores);
  spdlog::info("inventory: catalog loaded, products={} stores={}", products_.size(), stores_by_id_.size());
}

std::optional<ProductInfo> CatalogIndex::find_product(const Gtin& gtin) {
  {
    std::shared_lock lock(mutex_);
    if (const auto found = products_.find(gtin.gtin14()); found != products_.end()) {
      return found->second;
    }
  }

  const auto product = storage_.find_product(gtin);
  if (!product) {
    return std::nullopt;
  }
  ProductInfo info{product->is_formula, product->category};
  std::unique_lock lock(mutex_);
  products_.emplace(gtin.gtin14(), info);
  return info;
}

std::optional<storage::Store> CatalogIndex::find_store(const StoreId& id) {
  {
    std::shared_lock lock(mutex_);
    if (const auto found = stores_by_id_.find(id); found != stores_by_id_.end()) {
      return found->second;
    }
  }

  auto store = storage_.find_store(id);
  if (!store) {
    return std::nullopt;
  }
  std::unique_lock lock(mutex_);
  if (!stores_by_id_.emplace(id, *store).second) {
    return store;
  }
  auto stores = std::make_shared<std::vector<storage::Store>>(*stores_);
  stores->push_back(*store);
  stores_ = std::move(stores);
  return store;
}

std::shared_ptr<const std::vector<storage::Store>> CatalogIndex::stores() const {
  std::shared_lock lock(mutex_);
  return stores_;
}

std::size_t CatalogIndex::product_count() const {
  std::shared_lock lock(mutex_);
  return products_.size();
}

std::size_t CatalogIndex::store_count() const {
  std::shared_lock lock(mutex_);
  return stores_by_id_.size();
}

}  // namespace wic::inventory
