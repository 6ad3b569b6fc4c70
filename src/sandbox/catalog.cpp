#include "sandbox/catalog.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <spdlog/spdlog.h>

#include "catalog/apl_file.h"
#include "catalog/formula_rule.h"
#include "core/store_id.h"
#include "sandbox/hash.h"
#include "stores/store_file.h"

namespace wic::sandbox {

CatalogFiles CatalogFiles::in_directory(const std::filesystem::path& data_directory) {
  CatalogFiles files;
  files.approved_product_list = data_directory / "michigan-apl.json";
  files.walmart_stores = data_directory / "walmart-stores-mi.csv";
  files.zip_codes = data_directory / "us-zip-codes.csv";
  return files;
}

// Builds a catalog step by step; a friend so SandboxCatalog keeps no setters.
class CatalogBuilder {
 public:
  static std::optional<Error> add_products(SandboxCatalog& catalog, const std::filesystem::path& path);
  static void assign_walmart_item_ids(SandboxCatalog& catalog);
  static std::optional<Error> add_walmart_stores(SandboxCatalog& catalog, const std::filesystem::path& path);
  static void place_kroger_stores(SandboxCatalog& catalog, const CatalogFiles& files);
};

namespace {

// Shelf price: formula costs more than the other WIC foods. Cents.
int price_cents(const Gtin& gtin, bool infant_formula) {
  const std::uint64_t hash = hash_text(gtin.gtin14(), 0x70726963ULL);
  if (infant_formula) {
    return 1599 + static_cast<int>(hash % 3001);  // $15.99 to $45.99
  }
  return 99 + static_cast<int>(hash % 801);  // $0.99 to $8.99
}

std::string product_size(const catalog::AplRow& row) {
  if (row.size.empty()) {
    return row.unit;
  }
  if (row.unit.empty() || row.unit == row.size) {
    return row.size;
  }
  return fmt::format("{} {}", row.size, row.unit);
}

}  // namespace

std::optional<Error> CatalogBuilder::add_products(SandboxCatalog& catalog, const std::filesystem::path& path) {
  auto file = catalog::read_apl_json(path);
  if (!file) {
    return file.error();
  }
  catalog.skipped_rows_ = file->errors.size();

  for (const auto& row : file->rows) {
    const auto code = ProductCode::parse(row.upc, CodeConvention::kCheckDigitIncluded);
    if (!code || !code->is_gtin() || !code->gtin().upc_a() || catalog.by_gtin14_.contains(code->gtin().gtin14())) {
      ++catalog.skipped_rows_;
      continue;
    }

    SandboxProduct product(code->gtin());
    product.upc = *product.gtin.upc_a();
    product.brand = row.brand;
    product.description = row.description;
    product.category = row.category;
    product.subcategory = row.subcategory;
    product.size = product_size(row);
    product.infant_formula = catalog::is_infant_formula(row.category, row.subcategory);
    product.price_cents = price_cents(product.gtin, product.infant_formula);
    catalog.by_gtin14_.emplace(product.gtin.gtin14(), catalog.products_.size());
    catalog.products_.push_back(std::move(product));
  }
  return std::nullopt;
}

void CatalogBuilder::assign_walmart_item_ids(SandboxCatalog& catalog) {
  // Assigned in GTIN order, so a collision is resolved the same way whatever
  // the order of the list.
  std::vector<std::size_t> order(catalog.products_.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return catalog.products_[a].gtin < catalog.products_[b].gtin; });

  constexpr std::uint64_t kFirstItemId = 100'000'000;
  constexpr std::uint64_t kItemIdRange = 900'000'000;
  for (const std::size_t index : order) {
    std::uint64_t item_id = kFirstItemId + hash_text(catalog.products_[index].gtin.gtin14()) % kItemIdRange;
    while (catalog.by_item_id_.contains(std::to_string(item_id))) {
      item_id = kFirstItemId + (item_id - kFirstItemId + 1) % kItemIdRange;
    }
    catalog.products_[index].walmart_item_id = std::to_string(item_id);
    catalog.by_item_id_.emplace(catalog.products_[index].walmart_item_id, index);
  }
}

std::optional<Error> CatalogBuilder::add_walmart_stores(SandboxCatalog& catalog, const std::filesystem::path& path) {
  auto file = stores::read_store_csv(path, Retailer::kWalmart);
  if (!file) {
    return file.error();
  }
  for (const auto& error : file->errors) {
    spdlog::warn("sandbox: skipped Walmart store at {} line {}: {}", path.string(), error.line, error.reason);
  }

  for (const auto& row : file->rows) {
    const auto id = StoreId::parse(row.store_id);
    if (!id || id->retailer() != Retailer::kWalmart) {
      spdlog::warn("sandbox: skipped store {} at {} line {}: not a Walmart store", row.store_id, path.string(),
                   row.line);
      continue;
    }
    WalmartStore store;
    store.number = std::stoi(id->local_id());
    store.name = row.name;
    store.address = row.address;
    store.city = row.city;
    store.state = row.state;
    store.zip = row.zip;
    store.location = row.location;
    catalog.walmart_stores_.push_back(std::move(store));
  }
  return std::nullopt;
}

void CatalogBuilder::place_kroger_stores(SandboxCatalog& catalog, const CatalogFiles& files) {
  const auto centroids = catalog.zips_.in_state(files.state);
  const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(std::max(files.kroger_store_count, 0)),
                                                  centroids.size());

  // Evenly spaced through the state's ZIPs in file order (ascending ZIP), so
  // the stores spread over the state and the same files give the same stores.
  for (std::size_t i = 0; i < count; ++i) {
    const auto& centroid = centroids[i * centroids.size() / count];
    KrogerStore store;
    store.division = std::string(kKrogerSandboxDivision);
    store.store_number = fmt::format("{:05}", 101 + i);
    store.location_id = store.division + store.store_number;
    store.zip = centroid.zip;
    store.state = centroid.state;
    store.location = centroid.location;
    store.address = fmt::format("{} Sandbox Ave", 100 + i);

    const auto nearest = catalog.walmart_stores_near(centroid.location, 1e9, 1);
    store.city = nearest.empty() ? std::string() : nearest.front().first->city;
    store.name = fmt::format("Kroger {} (sandbox, ZIP {})", store.city, store.zip);

    catalog.by_location_id_.emplace(store.location_id, catalog.kroger_stores_.size());
    catalog.kroger_stores_.push_back(std::move(store));
  }
}

Result<std::shared_ptr<const SandboxCatalog>> SandboxCatalog::load(const CatalogFiles& files) {
  auto catalog = std::make_shared<SandboxCatalog>();

  if (auto error = CatalogBuilder::add_products(*catalog, files.approved_product_list)) {
    return *error;
  }
  CatalogBuilder::assign_walmart_item_ids(*catalog);

  if (auto error = CatalogBuilder::add_walmart_stores(*catalog, files.walmart_stores)) {
    return *error;
  }

  auto zips = stores::ZipCentroids::load(files.zip_codes);
  if (!zips) {
    return zips.error();
  }
  catalog->zips_ = std::move(zips).value();
  CatalogBuilder::place_kroger_stores(*catalog, files);

  if (catalog->products_.empty()) {
    return Error{"empty_catalog", fmt::format("product list \"{}\" has no product with a valid UPC-A; check the file",
                                              files.approved_product_list.string())};
  }
  spdlog::info("sandbox: catalog loaded: {} products ({} rows skipped), {} Walmart stores, {} Kroger stores",
               catalog->products_.size(), catalog->skipped_rows_, catalog->walmart_stores_.size(),
               catalog->kroger_stores_.size());
  return std::shared_ptr<const SandboxCatalog>(std::move(catalog));
}

const SandboxProduct* SandboxCatalog::find_by_gtin(const Gtin& gtin) const {
  const auto found = by_gtin14_.find(gtin.gtin14());
  return found == by_gtin14_.end() ? nullptr : &products_[found->second];
}

const SandboxProduct* SandboxCatalog::find_by_walmart_item_id(std::string_view item_id) const {
  const auto found = by_item_id_.find(std::string(item_id));
  return found == by_item_id_.end() ? nullptr : &products_[found->second];
}

const KrogerStore* SandboxCatalog::find_kroger_store(std::string_view location_id) const {
  const auto found = by_location_id_.find(std::string(location_id));
  return found == by_location_id_.end() ? nullptr : &kroger_stores_[found->second];
}

std::optional<GeoPoint> SandboxCatalog::zip_location(std::string_view zip) const {
  const auto centroid = zips_.find(zip);
  if (!centroid) {
    return std::nullopt;
  }
  return centroid->location;
}

namespace {

template <typename Store>
std::vector<std::pair<const Store*, double>> nearest(const std::vector<Store>& stores, GeoPoint point,
                                                     double radius_miles, std::size_t limit) {
  std::vector<std::pair<const Store*, double>> found;
  for (const auto& store : stores) {
    const double miles = distance_miles(point, store.location);
    if (miles <= radius_miles) {
      found.emplace_back(&store, miles);
    }
  }
  // Ties broken by position, so equal distances keep file order.
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (found.size() > limit) {
    found.resize(limit);
  }
  return found;
}

}  // namespace

std::vector<std::pair<const WalmartStore*, double>> SandboxCatalog::walmart_stores_near(GeoPoint point,
                                                                                       double radius_miles,
                                                                                       std::size_t limit) const {
  return nearest(walmart_stores_, point, radius_miles, limit);
}

std::vector<std::pair<const KrogerStore*, double>> SandboxCatalog::kroger_stores_near(GeoPoint point,
                                                                                     double radius_miles,
                                                                                     std::size_t limit) const {
  return nearest(kroger_stores_, point, radius_miles, limit);
}

}  // namespace wic::sandbox
