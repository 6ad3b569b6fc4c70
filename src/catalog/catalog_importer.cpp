#include "catalog/catalog_importer.h"

#include <cctype>
#include <fmt/format.h>
#include <map>
#include <spdlog/spdlog.h>

#include "catalog/formula_rule.h"

namespace wic::catalog {
namespace {

struct ValidatedRows {
  std::vector<storage::Product> products;
  std::vector<storage::ProduceItem> produce;
  std::vector<SkippedRow> skipped;
};

ValidatedRows validate(const AplFile& file, const ImportOptions& options) {
  ValidatedRows out;
  for (const AplRowError& error : file.errors) {
    out.skipped.push_back({error.index, "", error.reason});
  }

  std::map<std::string, std::size_t> first_row_of_gtin;
  for (const AplRow& row : file.rows) {
    auto code = ProductCode::parse(row.upc, options.convention);
    if (!code) {
      out.skipped.push_back({row.index, row.upc, code.error().message});
      continue;
    }

    if (!code->is_gtin()) {
      out.produce.push_back(
          {code->produce(), row.brand, row.description, row.category, row.subcategory, options.state});
      continue;
    }

    const Gtin& gtin = code->gtin();
    const auto [first, inserted] = first_row_of_gtin.emplace(gtin.gtin14(), row.index);
    if (!inserted) {
      out.skipped.push_back(
          {row.index, row.upc, fmt::format("duplicate of row {} (same GTIN {})", first->second, gtin.gtin14())});
      continue;
    }
    out.products.push_back({gtin, row.brand, row.description, row.category, row.subcategory, row.size, row.unit,
                            {options.state}, is_infant_formula(row.category, row.subcategory)});
  }
  return out;
}

}  // namespace

bool is_valid_state_code(std::string_view state) {
  return state.size() == 2 && std::isupper(static_cast<unsigned char>(state[0])) &&
         std::isupper(static_cast<unsigned char>(state[1]));
}

Result<ImportSummary> import_catalog(storage::Storage& storage, const AplFile& file, const ImportOptions& options) {
  if (!is_valid_state_code(options.state)) {
    return Error{"invalid_state",
                 fmt::format("invalid state \"{}\": expected a two-letter code such as MI", options.state)};
  }

  ValidatedRows rows = validate(file, options);
  const auto counts = storage.import_catalog(rows.products, rows.produce);

  ImportSummary summary;
  summary.rows = file.rows.size() + file.errors.size();
  summary.loaded = counts.products.inserted;
  summary.updated = counts.products.updated;
  summary.unchanged = counts.products.unchanged;
  summary.produce_codes = static_cast<std::int64_t>(rows.produce.size());
  for (const storage::Product& product : rows.products) {
    summary.formula += product.is_formula ? 1 : 0;
  }
  summary.skipped = std::move(rows.skipped);

  spdlog::info(
      "event=catalog_imported state={} rows={} loaded={} updated={} unchanged={} produce_codes={} formula={} "
      "skipped={}",
      options.state, summary.rows, summary.loaded, summary.updated, summary.unchanged, summary.produce_codes,
      summary.formula, summary.skipped.size());
  return summary;
}

}  // namespace wic::catalog
