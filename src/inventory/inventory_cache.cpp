#include "inventory/inventory_cache.h"

#include <algorithm>
#include <functional>

namespace wic::inventory {

std::string cache_key(const StoreId& store, const Gtin& gtin) {
  std::string key = store.str();
  key += '|';
  key += gtin.gtin14();
  return key;
}

InventoryCache::InventoryCache(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, kShards)), shard_capacity_(capacity_ / kShards) {}

InventoryCache::Shard& InventoryCache::shard_for(const std::string& key) {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

CacheEntryPtr InventoryCache::find(const std::string& key) {
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found == shard.slots.end()) {
    return nullptr;
  }
  shard.order.splice(shard.order.begin(), shard.order, found->second.position);
  return found->second.entry;
}

void InventoryCache::put(const std::string& key, CacheEntryPtr entry) {
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found != shard.slots.end()) {
    found->second.entry = std::move(entry);
    shard.order.splice(shard.order.begin(), shard.order, found->second.position);
    return;
  }

  if (shard.slots.size() >= shard_capacity_) {
    shard.slots.erase(shard.order.back());
    shard.order.pop_back();
    evictions_.fetch_add(1, std::memory_order_relaxed);
  }
  shard.order.push_front(key);
  shard.slots.emplace(key, Shard::Slot{std::move(entry), shard.order.begin()});
}

bool InventoryCache::replace_if_present(const std::string& key, CacheEntryPtr entry) {
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found == shard.slots.end()) {
    return false;
  }
  found->second.entry = std::move(entry);
  return true;
}

std::size_t InventoryCache::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.slots.size();
  }
  return total;
}

}  // namespace wic::inventory
