#include "stores/store_importer.h"

#include <set>
#include <spdlog/spdlog.h>

namespace wic::stores {

StoreImportSummary import_stores(storage::Storage& storage, const StoreFile& file) {
  StoreImportSummary summary;
  summary.rows = file.rows.size() + file.errors.size();
  summary.skipped = file.errors;

  std::vector<storage::Store> stores;
  std::set<std::string> seen;
  for (const StoreRow& row : file.rows) {
    if (!seen.insert(row.store_id).second) {
      summary.skipped.push_back({row.line, "duplicate store id " + row.store_id});
      continue;
    }
    // read_store_csv validated the id, so parse cannot fail here.
    stores.push_back({StoreId::parse(row.store_id).value(), row.name, row.address, row.city, row.state, row.zip,
                      row.location});
  }

  summary.counts = storage.upsert_stores(stores);
  spdlog::info("event=stores_imported rows={} inserted={} updated={} unchanged={} skipped={}", summary.rows,
               summary.counts.inserted, summary.counts.updated, summary.counts.unchanged, summary.skipped.size());
  return summary;
}

}  // namespace wic::stores
