// SqliteStorage: products, produce codes and stores.

#include <algorithm>

#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace wic::storage {
namespace {

constexpr std::string_view kProductColumns =
    "p.gtin, p.brand, p.description, p.category, p.subcategory, p.size, p.unit, p.is_formula, "
    "(SELECT group_concat(state, ',') FROM (SELECT state FROM product_approvals a WHERE a.gtin = p.gtin "
    "ORDER BY state))";

Product read_product(const Statement& row) {
  Product product{rows::gtin_column(row, 0),
                  row.text(1),
                  row.text(2),
                  row.text(3),
                  row.text(4),
                  row.text(5),
                  row.text(6),
                  rows::split_list(row.text(8)),
                  row.integer(7) != 0};
  return product;
}

bool same_fields(const Product& a, const Product& b) {
  return a.brand == b.brand && a.description == b.description && a.category == b.category &&
         a.subcategory == b.subcategory && a.size == b.size && a.unit == b.unit && a.is_formula == b.is_formula;
}

constexpr std::string_view kStoreColumns = "id, name, address, city, state, zip, latitude, longitude";

Store read_store(const Statement& row) {
  return Store{rows::store_id_column(row, 0), row.text(1), row.text(2), row.text(3),
               row.text(4),                   row.text(5), GeoPoint{row.real(6), row.real(7)}};
}

}  // namespace

UpsertCounts SqliteStorage::upsert_products(const std::vector<Product>& products) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  const UpsertCounts counts = upsert_products_locked(products);
  transaction.commit();
  return counts;
}

Storage::CatalogCounts SqliteStorage::import_catalog(const std::vector<Product>& products,
                                                     const std::vector<ProduceItem>& produce) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  const CatalogCounts counts{upsert_products_locked(products), upsert_produce_locked(produce)};
  transaction.commit();
  return counts;
}

UpsertCounts SqliteStorage::upsert_products_locked(const std::vector<Product>& products) {
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kProductColumns) +
                                    " FROM products p WHERE p.gtin = ?");
  auto upsert = connection_.prepare(
      "INSERT INTO products (gtin, brand, description, category, subcategory, size, unit, is_formula) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gtin) DO UPDATE SET brand = excluded.brand, "
      "description = excluded.description, category = excluded.category, subcategory = excluded.subcategory, "
      "size = excluded.size, unit = excluded.unit, is_formula = excluded.is_formula");
  auto approve = connection_.prepare("INSERT OR IGNORE INTO product_approvals (gtin, state) VALUES (?, ?)");

  UpsertCounts counts;
  for (const Product& product : products) {
    select.reset();
    select.bind(1, product.gtin.gtin14());
    const std::optional<Product> existing = select.step() ? std::optional(read_product(select)) : std::nullopt;

    const bool fields_changed = !existing || !same_fields(*existing, product);
    if (fields_changed) {
      upsert.reset();
      upsert.bind(1, product.gtin.gtin14())
          .bind(2, product.brand)
          .bind(3, product.description)
          .bind(4, product.category)
          .bind(5, product.subcategory)
          .bind(6, product.size)
          .bind(7, product.unit)
          .bind(8, product.is_formula ? 1 : 0)
          .run();
    }

    int new_approvals = 0;
    for (const std::string& state : product.states) {
      approve.reset();
      approve.bind(1, product.gtin.gtin14()).bind(2, state).run();
      new_approvals += connection_.changes();
    }

    if (!existing) {
      ++counts.inserted;
    } else if (fields_changed || new_approvals > 0) {
      ++counts.updated;
    } else {
      ++counts.unchanged;
    }
  }
  return counts;
}

std::optional<Product> SqliteStorage::find_product(const Gtin& gtin) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kProductColumns) +
                                    " FROM products p WHERE p.gtin = ?");
  select.bind(1, gtin.gtin14());
  if (!select.step()) {
    return std::nullopt;
  }
  return read_product(select);
}

std::vector<Product> SqliteStorage::list_products(const ProductFilter& filter) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(
      std::string("SELECT ") + std::string(kProductColumns) +
      " FROM products p WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM product_approvals a WHERE a.gtin = p.gtin "
      "AND a.state = ?1)) AND (?2 IS NULL OR p.category = ?2) AND (?3 = 0 OR p.is_formula = 1) ORDER BY p.gtin");
  select.bind(1, filter.state).bind(2, filter.category).bind(3, filter.formula_only ? 1 : 0);

  std::vector<Product> products;
  while (select.step()) {
    products.push_back(read_product(select));
  }
  return products;
}

UpsertCounts SqliteStorage::upsert_produce_locked(const std::vector<ProduceItem>& items) {
  auto insert = connection_.prepare(
      "INSERT INTO produce_codes (code, state, kind, brand, description, category, subcategory) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code, state, description) DO UPDATE SET kind = excluded.kind, "
      "brand = excluded.brand, category = excluded.category, subcategory = excluded.subcategory "
      "WHERE (kind, brand, category, subcategory) IS NOT (excluded.kind, excluded.brand, excluded.category, "
      "excluded.subcategory)");
  auto exists = connection_.prepare("SELECT 1 FROM produce_codes WHERE code = ? AND state = ? AND description = ?");

  UpsertCounts counts;
  for (const ProduceItem& item : items) {
    exists.reset();
    exists.bind(1, item.code.digits).bind(2, item.state).bind(3, item.description);
    const bool existed = exists.step();

    insert.reset();
    insert.bind(1, item.code.digits)
        .bind(2, item.state)
        .bind(3, to_string(item.code.kind))
        .bind(4, item.brand)
        .bind(5, item.description)
        .bind(6, item.category)
        .bind(7, item.subcategory)
        .run();

    if (!existed) {
      ++counts.inserted;
    } else if (connection_.changes() > 0) {
      ++counts.updated;
    } else {
      ++counts.unchanged;
    }
  }
  return counts;
}

std::int64_t SqliteStorage::count_produce_items() {
  std::lock_guard lock(mutex_);
  auto count = connection_.prepare("SELECT COUNT(*) FROM produce_codes");
  count.step();
  return count.integer(0);
}

UpsertCounts SqliteStorage::upsert_stores(const std::vector<Store>& stores) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);

  auto select = connection_.prepare(std::string("SELECT ") + std::string(kStoreColumns) + " FROM stores WHERE id = ?");
  auto upsert = connection_.prepare(
      "INSERT INTO stores (id, retailer, local_id, name, address, city, state, zip, latitude, longitude) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
      "address = excluded.address, city = excluded.city, state = excluded.state, zip = excluded.zip, "
      "latitude = excluded.latitude, longitude = excluded.longitude");

  UpsertCounts counts;
  for (const Store& store : stores) {
    select.reset();
    select.bind(1, store.id.str());
    const std::optional<Store> existing = select.step() ? std::optional(read_store(select)) : std::nullopt;
    if (existing && *existing == store) {
      ++counts.unchanged;
      continue;
    }

    upsert.reset();
    upsert.bind(1, store.id.str())
        .bind(2, to_string(store.id.retailer()))
        .bind(3, store.id.local_id())
        .bind(4, store.name)
        .bind(5, store.address)
        .bind(6, store.city)
        .bind(7, store.state)
        .bind(8, store.zip)
        .bind(9, store.location.latitude)
        .bind(10, store.location.longitude)
        .run();
    ++(existing ? counts.updated : counts.inserted);
  }

  transaction.commit();
  return counts;
}

std::optional<Store> SqliteStorage::find_store(const StoreId& id) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kStoreColumns) + " FROM stores WHERE id = ?");
  select.bind(1, id.str());
  if (!select.step()) {
    return std::nullopt;
  }
  return read_store(select);
}

std::vector<Store> SqliteStorage::list_stores(std::optional<Retailer> retailer) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kStoreColumns) +
                                    " FROM stores WHERE (?1 IS NULL OR retailer = ?1) ORDER BY retailer, "
                                    "CAST(local_id AS INTEGER), local_id");
  select.bind(1, retailer ? std::optional<std::string>(std::string(to_string(*retailer))) : std::nullopt);

  std::vector<Store> stores;
  while (select.step()) {
    stores.push_back(read_store(select));
  }
  return stores;
}

}  // namespace wic::storage
