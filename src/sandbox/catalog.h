#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/geo.h"
#include "core/gtin.h"
#include "core/result.h"
#include "stores/zip_centroids.h"

namespace wic::sandbox {

// A product both simulated retailers sell: one trade item of the approved
// product list.
struct SandboxProduct {
  explicit SandboxProduct(Gtin code) : gtin(std::move(code)) {}

  Gtin gtin;
  std::string upc;              // UPC-A, 12 digits
  std::string walmart_item_id;  // 9 digits, derived from the GTIN alone
  std::string brand;
  std::string description;
  std::string category;
  std::string subcategory;
  std::string size;
  bool infant_formula = false;
  int price_cents = 0;  // regular shelf price, the same at both retailers
};

// A real Michigan Walmart location. `number` is this project's own store
// number (1001 up in file order), not Walmart's.
struct WalmartStore {
  int number = 0;
  std::string name;
  std::string address;
  std::string city;
  std::string state;
  std::string zip;
  GeoPoint location;
};

// A simulated Kroger store placed at a real Michigan ZIP centroid. Its
// location id, division and store number are the sandbox's own.
struct KrogerStore {
  std::string location_id;   // 8 digits: division + store number
  std::string division;      // 3 digits
  std::string store_number;  // 5 digits
  std::string name;
  std::string address;
  std::string city;  // city of the nearest Walmart store, so the name reads as a place
  std::string state;
  std::string zip;
  GeoPoint location;
};

struct CatalogFiles {
  std::filesystem::path approved_product_list;  // APL JSON, check digit included
  std::filesystem::path walmart_stores;         // store CSV without store numbers
  std::filesystem::path zip_codes;              // ZIP centroid CSV
  std::string state = "MI";                     // state whose ZIPs get Kroger stores
  int kroger_store_count = 40;

  // Files in a data directory laid out as the repository's data/.
  static CatalogFiles in_directory(const std::filesystem::path& data_directory);
};

// Division number of every simulated Kroger store. Not a real division.
inline constexpr std::string_view kKrogerSandboxDivision = "900";

// Products and stores the sandbox serves. Immutable after loading, so it is
// shared between threads and between sandboxes without locks.
class SandboxCatalog {
 public:
  static Result<std::shared_ptr<const SandboxCatalog>> load(const CatalogFiles& files);

  const std::vector<SandboxProduct>& products() const { return products_; }
  const std::vector<WalmartStore>& walmart_stores() const { return walmart_stores_; }
  const std::vector<KrogerStore>& kroger_stores() const { return kroger_stores_; }
  // APL rows that are not trade items with a UPC-A (produce codes, invalid
  // check digits, EAN-13 codes) and duplicates.
  std::size_t skipped_rows() const { return skipped_rows_; }

  const SandboxProduct* find_by_gtin(const Gtin& gtin) const;
  const SandboxProduct* find_by_walmart_item_id(std::string_view item_id) const;
  const KrogerStore* find_kroger_store(std::string_view location_id) const;
  std::optional<GeoPoint> zip_location(std::string_view zip) const;

  // Stores within `radius_miles` of `point`, nearest first, at most `limit`.
  std::vector<std::pair<const WalmartStore*, double>> walmart_stores_near(GeoPoint point, double radius_miles,
                                                                         std::size_t limit) const;
  std::vector<std::pair<const KrogerStore*, double>> kroger_stores_near(GeoPoint point, double radius_miles,
                                                                       std::size_t limit) const;

 private:
  std::vector<SandboxProduct> products_;
  std::vector<WalmartStore> walmart_stores_;
  std::vector<KrogerStore> kroger_stores_;
  std::size_t skipped_rows_ = 0;
  stores::ZipCentroids zips_;

  std::unordered_map<std::string, std::size_t> by_gtin14_;
  std::unordered_map<std::string, std::size_t> by_item_id_;
  std::unordered_map<std::string, std::size_t> by_location_id_;

  friend class CatalogBuilder;
};

}  // namespace wic::sandbox
