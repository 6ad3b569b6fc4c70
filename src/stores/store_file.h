#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "core/retailer.h"

namespace wic::stores {

// One store row of a store file, validated.
struct StoreRow {
  std::size_t line = 0;  // 1-based line in the file
  std::string store_id;  // "<retailer>-<id>"
  std::string name;
  std::string address;
  std::string city;
  std::string state;
  std::string zip;
  GeoPoint location;
};

struct StoreRowError {
  std::size_t line = 0;
  std::string reason;
};

struct StoreFile {
  std::vector<StoreRow> rows;
  std::vector<StoreRowError> errors;
};

// First store number given to the stores of a file without store numbers.
// These numbers are this project's own, not the retailer's.
inline constexpr int kFirstAssignedStoreNumber = 1001;

// Reads a store CSV file with the header columns name, address, city, state,
// zip, lat and lon, in any order, and optionally store_id. Rows without a
// store_id get "<default_retailer>-<n>", n counting up from
// kFirstAssignedStoreNumber in file order, so the same file always gives
// the same ids; without a default retailer such rows are errors. A row with
// an invalid value goes to `errors` with its line.
Result<StoreFile> read_store_csv(const std::filesystem::path& path, std::optional<Retailer> default_retailer);

}  // namespace wic::stores
