#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

#include "core/clock.h"
#include "core/gtin.h"
#include "core/store_id.h"

namespace wic::inventory {

// Weights of the rule that combines shoppers' reports with retailer data.
// docs/api.md states the rule with examples.
struct CrowdRuleOptions {
  // A report's weight halves every half-life.
  Duration half_life = std::chrono::hours{2};
  // Reports older than this are ignored: after six half-lives a report
  // weighs under 2% of a new one.
  Duration window = std::chrono::hours{12};
  double anonymous_weight = 0.5;   // weight of a new report without a userId
  double identified_weight = 1.0;  // weight of a new report with a userId
  // Weighted support a disagreeing crowd needs before it may override a
  // fresh API answer: one identified report of the last 50 minutes, or two
  // new anonymous ones. One anonymous report weighs at most 0.5, so it
  // never does.
  double override_support = 0.75;
  int max_confidence = 95;  // crowd confidence never reaches certainty
};

// Per-client limit on shopper reports: a token bucket per client.
struct ReportLimitOptions {
  double reports_per_hour = 20;  // refill rate
  double burst = 5;              // reports a client may send at once
  // Buckets kept before idle (full) ones are dropped.
  std::size_t max_clients = 100000;
};

struct InventoryOptions {
  // Time to live of an answer by product class: older data is served
  // marked stale, and a background refresh is started.
  Duration formula_ttl = std::chrono::minutes{15};
  Duration other_ttl = std::chrono::minutes{30};
  // Data older than this is answered as `unknown`: after a day a shelf has
  // likely been restocked or emptied.
  Duration unknown_after = std::chrono::hours{24};

  // (store, GTIN) entries kept in memory; the least recently used go first.
  std::size_t cache_capacity = 200000;
  // A stale cache entry re-reads storage at most this often, to see what
  // another process wrote, before a refresh is asked for.
  Duration storage_recheck = std::chrono::seconds{5};

  // Longest wait of a `fresh=true` request for its refresh. Wall time: it
  // bounds a wait on a retailer's network answer, not a schedule.
  std::chrono::milliseconds fresh_deadline{2000};
  // An item is refreshed at most once in this interval, whatever the
  // outcome: vaccine-availability aggregators refreshed a store at most
  // every 2 minutes.
  Duration refresh_retry_interval = std::chrono::minutes{2};
  // Threads that run background refreshes.
  int refresh_threads = 2;

  CrowdRuleOptions crowd;
  ReportLimitOptions report_limit;

  // Called once for each (store, GTIN) a lookup answers: a single item, each
  // item of a shelf page, each store of a nearby list. `serve` feeds the
  // scheduler's demand counter with it, so the most requested pairs are
  // refreshed first. Called on the request's thread; may be empty.
  std::function<void(const StoreId& store, const Gtin& gtin)> on_lookup;
};

}  // namespace wic::inventory
