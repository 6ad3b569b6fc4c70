#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "stores/zip_centroids.h"

namespace wic::api {

struct ApiOptions {
  // Largest request body the API reads. The HTTP server has its own, larger
  // limit; a body between the two gets this API's 413.
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_batch_upcs = 100;
  std::size_t max_batch_stores = 50;
  std::size_t max_batch_pairs = 1000;
  int max_shelf_limit = 200;
  double max_radius_miles = 100;
  std::size_t max_nearby_limit = 50;
  // Requests that may wait for a refresh at once (`fresh=true`); more answer
  // at once without waiting, so waits never take every server thread.
  int max_fresh_waits = 4;
  // Bearer token of the internal sync routes. Empty: they answer 401.
  std::string sync_token;
  // One line per request; null: no access log.
  std::shared_ptr<spdlog::logger> access_log;
  // For ?zip= on the nearby route; null: only lat and lon are accepted.
  std::shared_ptr<const stores::ZipCentroids> zip_centroids;
};

}  // namespace wic::api
