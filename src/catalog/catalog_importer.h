#pragma once

#include <string>
#include <vector>

#include "catalog/apl_file.h"
#include "core/gtin.h"
#include "storage/storage.h"

namespace wic::catalog {

struct ImportOptions {
  std::string state;  // two-letter code of the state whose list this is, e.g. "MI"
  CodeConvention convention = CodeConvention::kCheckDigitIncluded;
};

// A row that was not loaded, with its 0-based index in the file.
struct SkippedRow {
  std::size_t index = 0;
  std::string upc;
  std::string reason;
};

struct ImportSummary {
  std::size_t rows = 0;            // rows in the file
  std::int64_t loaded = 0;         // products new to the database
  std::int64_t updated = 0;        // products whose fields or approvals changed
  std::int64_t unchanged = 0;      // products already stored as they are
  std::int64_t produce_codes = 0;  // PLUs and retailer-assigned codes, stored apart from products
  std::int64_t formula = 0;        // products flagged as infant formula
  std::vector<SkippedRow> skipped;
};

// Validates an approved product list and loads it in one transaction. Rows
// whose code is invalid under `options.convention`, or that repeat a GTIN of
// an earlier row, are skipped with their reason; the rest load. Loading the
// same file twice changes nothing the second time.
Result<ImportSummary> import_catalog(storage::Storage& storage, const AplFile& file, const ImportOptions& options);

// Whether `state` is a two-letter upper-case code.
bool is_valid_state_code(std::string_view state);

}  // namespace wic::catalog
