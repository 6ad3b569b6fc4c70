#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/gtin.h"
#include "core/store_id.h"
#include "inventory/cache_entry.h"

namespace wic::inventory {

// Key of one product at one store: "<store id>|<GTIN-14>".
std::string cache_key(const StoreId& store, const Gtin& gtin);

// Bounded map from (store, GTIN) to its entry, evicting the least recently
// used. Split into shards, each with its own lock and its own share of the
// capacity, so that threads reading different items rarely wait for each
// other. Thread-safe.
class InventoryCache {
 public:
  explicit InventoryCache(std::size_t capacity);

  // The entry, marked as recently used; null when absent.
  CacheEntryPtr find(const std::string& key);
  // Inserts or replaces, evicting the least recently used entry of the
  // shard when it is full.
  void put(const std::string& key, CacheEntryPtr entry);
  // Replaces the entry only when one is present; returns whether it did.
  bool replace_if_present(const std::string& key, CacheEntryPtr entry);

  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }
  std::int64_t evictions() const { return evictions_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::size_t kShards = 16;

  struct Shard {
    using Order = std::list<std::string>;  // most recently used first
    struct Slot {
      CacheEntryPtr entry;
      Order::iterator position;
    };

    mutable std::mutex mutex;
    Order order;
    std::unordered_map<std::string, Slot> slots;
  };

  Shard& shard_for(const std::string& key);

  const std::size_t capacity_;
  const std::size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
  std::atomic<std::int64_t> evictions_{0};
};

}  // namespace wic::inventory
