#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace wic::catalog {

// One row of an approved product list file as written, before validation.
struct AplRow {
  std::size_t index = 0;  // 0-based position in the file's array
  std::string upc;        // as the file writes it, under the list's convention
  std::string brand;
  std::string description;
  std::string category;
  std::string subcategory;
  std::string size;
  std::string unit;
};

// A row the reader could not take, with its index and the reason.
struct AplRowError {
  std::size_t index = 0;
  std::string reason;
};

struct AplFile {
  std::vector<AplRow> rows;
  std::vector<AplRowError> errors;
};

// Reads an APL JSON file: an array of objects with the string fields `upc`,
// `brand`, `description`, `category`, `subcategory`, `size` and `unit`.
// Fails whole when the file cannot be read or is not a JSON array; a row that
// is not an object or misses `upc` goes to `errors` and the rest are read.
Result<AplFile> read_apl_json(const std::filesystem::path& path);

}  // namespace wic::catalog
