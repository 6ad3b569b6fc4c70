#pragma once

#include <vector>

#include "storage/storage.h"
#include "stores/store_file.h"

namespace wic::stores {

struct StoreImportSummary {
  std::size_t rows = 0;  // data rows in the file
  storage::UpsertCounts counts;
  std::vector<StoreRowError> skipped;
};

// Loads the valid rows of a store file in one transaction; invalid rows are
// skipped with their line and reason. Loading a file twice changes nothing.
StoreImportSummary import_stores(storage::Storage& storage, const StoreFile& file);

}  // namespace wic::stores
