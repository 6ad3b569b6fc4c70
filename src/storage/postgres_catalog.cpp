// PostgresStorage: products, produce codes and stores.

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "storage/postgres_storage.h"
#include "storage/row_values.h"

namespace wic::storage {
namespace {

constexpr std::string_view kProductSelect =
    "SELECT p.gtin, p.brand, p.description, p.category, p.subcategory, p.size, p.unit, p.is_formula, "
    "COALESCE((SELECT string_agg(a.state, ',' ORDER BY a.state) FROM product_approvals a WHERE a.gtin = p.gtin), "
    "'') FROM products p ";

Product read_product(const PgResult& result, int row) {
  return Product{rows::checked(Gtin::from_gtin14(result.text(row, 0))),
                 result.text(row, 1),
                 result.text(row, 2),
                 result.text(row, 3),
                 result.text(row, 4),
                 result.text(row, 5),
                 result.text(row, 6),
                 rows::split_list(result.text(row, 8)),
                 result.text(row, 7) == "t"};
}

bool same_fields(const Product& a, const Product& b) {
  return a.brand == b.brand && a.description == b.description && a.category == b.category &&
         a.subcategory == b.subcategory && a.size == b.size && a.unit == b.unit && a.is_formula == b.is_formula;
}

constexpr std::string_view kStoreSelect =
    "SELECT id, name, address, city, state, zip, latitude, longitude FROM stores ";

Store read_store(const PgResult& result, int row) {
  return Store{rows::checked(StoreId::parse(result.text(row, 0))),
               result.text(row, 1),
               result.text(row, 2),
               result.text(row, 3),
               result.text(row, 4),
               result.text(row, 5),
               GeoPoint{result.real(row, 6), result.real(row, 7)}};
}

// Column-wise arrays of a batch, one per column, for INSERT ... SELECT FROM
// unnest(...).
using Columns = std::vector<std::vector<std::optional<std::string>>>;

std::vector<PgParam> array_params(const Columns& columns) {
  std::vector<PgParam> params;
  for (const auto& column : columns) {
    params.emplace_back(to_pg_array(column));
  }
  return params;
}

}  // namespace

UpsertCounts PostgresStorage::upsert_products_on(PgConnection& connection, const std::vector<Product>& products) {
  std::vector<std::optional<std::string>> gtins;
  for (const Product& product : products) {
    gtins.emplace_back(product.gtin.gtin14());
  }
  const auto existing_rows =
      connection.query(std::string(kProductSelect) + "WHERE p.gtin = ANY($1::text[])", {to_pg_array(gtins)});
  std::map<std::string, Product> existing;
  for (int row = 0; row < existing_rows.rows(); ++row) {
    Product product = read_product(existing_rows, row);
    existing.emplace(product.gtin.gtin14(), std::move(product));
  }

  UpsertCounts counts;
  Columns changed(8);
  Columns approvals(2);
  for (const Product& product : products) {
    const auto found = existing.find(product.gtin.gtin14());
    const bool is_new = found == existing.end();
    const bool fields_changed = is_new || !same_fields(found->second, product);
    bool approvals_added = false;
    for (const std::string& state : product.states) {
      const bool known = !is_new && std::find(found->second.states.begin(), found->second.states.end(), state) !=
                                        found->second.states.end();
      approvals_added = approvals_added || !known;
      approvals[0].emplace_back(product.gtin.gtin14());
      approvals[1].emplace_back(state);
    }

    if (fields_changed) {
      const std::vector<std::string> values{product.gtin.gtin14(), product.brand,       product.description,
                                            product.category,      product.subcategory, product.size,
                                            product.unit,          product.is_formula ? "true" : "false"};
      for (std::size_t i = 0; i < values.size(); ++i) {
        changed[i].emplace_back(values[i]);
      }
    }
    ++(is_new ? counts.inserted : (fields_changed || approvals_added) ? counts.updated : counts.unchanged);
  }

  if (!changed[0].empty()) {
    connection.query(
        "INSERT INTO products (gtin, brand, description, category, subcategory, size, unit, is_formula) "
        "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
        "$8::boolean[]) ON CONFLICT (gtin) DO UPDATE SET brand = excluded.brand, description = excluded.description, "
        "category = excluded.category, subcategory = excluded.subcategory, size = excluded.size, "
        "unit = excluded.unit, is_formula = excluded.is_formula",
        array_params(changed));
  }
  if (!approvals[0].empty()) {
    connection.query(
        "INSERT INTO product_approvals (gtin, state) SELECT * FROM unnest($1::text[], $2::text[]) "
        "ON CONFLICT DO NOTHING",
        array_params(approvals));
  }
  return counts;
}

UpsertCounts PostgresStorage::upsert_produce_on(PgConnection& connection, const std::vector<ProduceItem>& items) {
  UpsertCounts counts;
  if (items.empty()) {
    return counts;
  }

  Columns columns(7);
  for (const ProduceItem& item : items) {
    const std::vector<std::string> values{item.code.digits, item.state,    std::string(to_string(item.code.kind)),
                                          item.brand,       item.description, item.category,
                                          item.subcategory};
    for (std::size_t i = 0; i < values.size(); ++i) {
      columns[i].emplace_back(values[i]);
    }
  }

  // xmax = 0 marks a row this statement inserted; a row updated by it has
  // xmax set. Unchanged rows are filtered by the WHERE and not returned.
  const auto result = connection.query(
      "INSERT INTO produce_codes (code, state, kind, brand, description, category, subcategory) "
      "SELECT DISTINCT ON (code, state, description) * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], "
      "$5::text[], $6::text[], $7::text[]) AS t(code, state, kind, brand, description, category, subcategory) "
      "ON CONFLICT (code, state, description) DO UPDATE SET kind = excluded.kind, brand = excluded.brand, "
      "category = excluded.category, subcategory = excluded.subcategory "
      "WHERE (produce_codes.kind, produce_codes.brand, produce_codes.category, produce_codes.subcategory) IS "
      "DISTINCT FROM (excluded.kind, excluded.brand, excluded.category, excluded.subcategory) "
      "RETURNING (xmax = 0)",
      array_params(columns));
  for (int row = 0; row < result.rows(); ++row) {
    ++(result.text(row, 0) == "t" ? counts.inserted : counts.updated);
  }
  counts.unchanged = static_cast<std::int64_t>(items.size()) - counts.inserted - counts.updated;
  return counts;
}

UpsertCounts PostgresStorage::upsert_products(const std::vector<Product>& products) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);
  const UpsertCounts counts = upsert_products_on(*connection, products);
  transaction.commit();
  return counts;
}

Storage::CatalogCounts PostgresStorage::import_catalog(const std::vector<Product>& products,
                                                       const std::vector<ProduceItem>& produce) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);
  const CatalogCounts counts{upsert_products_on(*connection, products), upsert_produce_on(*connection, produce)};
  transaction.commit();
  return counts;
}

std::optional<Product> PostgresStorage::find_product(const Gtin& gtin) {
  auto connection = pool_.acquire();
  const auto result = connection->query(std::string(kProductSelect) + "WHERE p.gtin = $1", {gtin.gtin14()});
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return read_product(result, 0);
}

std::vector<Product> PostgresStorage::list_products(const ProductFilter& filter) {
  auto connection = pool_.acquire();
  const auto result = connection->query(
      std::string(kProductSelect) +
          "WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM product_approvals a WHERE a.gtin = p.gtin AND "
          "a.state = $1)) AND ($2::text IS NULL OR p.category = $2) AND (NOT $3::boolean OR p.is_formula) "
          "ORDER BY p.gtin",
      {filter.state, filter.category, filter.formula_only ? "true" : "false"});

  std::vector<Product> products;
  for (int row = 0; row < result.rows(); ++row) {
    products.push_back(read_product(result, row));
  }
  return products;
}

std::int64_t PostgresStorage::count_produce_items() {
  auto connection = pool_.acquire();
  return connection->query("SELECT COUNT(*) FROM produce_codes").integer(0, 0);
}

UpsertCounts PostgresStorage::upsert_stores(const std::vector<Store>& stores) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);

  UpsertCounts counts;
  Columns changed(10);
  for (const Store& store : stores) {
    const auto found = connection->query(std::string(kStoreSelect) + "WHERE id = $1", {store.id.str()});
    const bool is_new = found.rows() == 0;
    if (!is_new && read_store(found, 0) == store) {
      ++counts.unchanged;
      continue;
    }
    ++(is_new ? counts.inserted : counts.updated);

    const std::vector<std::string> values{store.id.str(),
                                          std::string(to_string(store.id.retailer())),
                                          store.id.local_id(),
                                          store.name,
                                          store.address,
                                          store.city,
                                          store.state,
                                          store.zip,
                                          fmt::format("{:.17g}", store.location.latitude),
                                          fmt::format("{:.17g}", store.location.longitude)};
    for (std::size_t i = 0; i < values.size(); ++i) {
      changed[i].emplace_back(values[i]);
    }
  }

  if (!changed[0].empty()) {
    connection->query(
        "INSERT INTO stores (id, retailer, local_id, name, address, city, state, zip, latitude, longitude) "
        "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
        "$8::text[], $9::float8[], $10::float8[]) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
        "address = excluded.address, city = excluded.city, state = excluded.state, zip = excluded.zip, "
        "latitude = excluded.latitude, longitude = excluded.longitude",
        array_params(changed));
  }
  transaction.commit();
  return counts;
}

std::optional<Store> PostgresStorage::find_store(const StoreId& id) {
  auto connection = pool_.acquire();
  const auto result = connection->query(std::string(kStoreSelect) + "WHERE id = $1", {id.str()});
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return read_store(result, 0);
}

std::vector<Store> PostgresStorage::list_stores(std::optional<Retailer> retailer) {
  auto connection = pool_.acquire();
  const PgParam retailer_name = retailer ? PgParam(std::string(to_string(*retailer))) : std::nullopt;
  const auto result = connection->query(
      std::string(kStoreSelect) +
          "WHERE ($1::text IS NULL OR retailer = $1) ORDER BY retailer, "
          "CASE WHEN local_id ~ '^[0-9]+$' THEN local_id::bigint END, local_id",
      {retailer_name});

  std::vector<Store> stores;
  for (int row = 0; row < result.rows(); ++row) {
    stores.push_back(read_store(result, row));
  }
  return stores;
}

}  // namespace wic::storage
