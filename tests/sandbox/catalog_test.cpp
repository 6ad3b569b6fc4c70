#include <set>

#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

TEST(SandboxCatalog, ProductsHaveUpcAndItemId) {
  const auto& products = shared_catalog()->products();

  ASSERT_GT(products.size(), 1000U);
  std::set<std::string> item_ids;
  for (const auto& product : products) {
    EXPECT_EQ(product.upc.size(), 12U) << product.upc;
    EXPECT_EQ(product.walmart_item_id.size(), 9U) << product.walmart_item_id;
    EXPECT_EQ(shared_catalog()->find_by_walmart_item_id(product.walmart_item_id), &product);
    item_ids.insert(product.walmart_item_id);
  }
  EXPECT_EQ(item_ids.size(), products.size());
}

TEST(SandboxCatalog, ItemIdDependsOnlyOnGtin) {
  auto reloaded = SandboxCatalog::load(CatalogFiles::in_directory(default_data_directory()));
  ASSERT_TRUE(reloaded.ok());

  const auto& first = shared_catalog()->products();
  const auto& second = (*reloaded)->products();
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); i += 50) {
    EXPECT_EQ(first[i].walmart_item_id, second[i].walmart_item_id);
  }
}

TEST(SandboxCatalog, ProduceCodesAreNotProducts) {
  // The Michigan list has 4- and 5-digit PLUs and 6-digit store codes.
  EXPECT_GT(shared_catalog()->skipped_rows(), 2000U);
  for (const auto& product : shared_catalog()->products()) {
    EXPECT_TRUE(product.gtin.upc_a().has_value());
  }
}

TEST(SandboxCatalog, FormulaMarked) {
  int formula = 0;
  for (const auto& product : shared_catalog()->products()) {
    formula += product.infant_formula ? 1 : 0;
  }

  EXPECT_GT(formula, 50);
}

TEST(SandboxCatalog, WalmartStoresNumberedFrom1001) {
  const auto& stores = shared_catalog()->walmart_stores();

  ASSERT_EQ(stores.size(), 90U);
  for (std::size_t i = 0; i < stores.size(); ++i) {
    EXPECT_EQ(stores[i].number, 1001 + static_cast<int>(i));
  }
  EXPECT_EQ(stores.front().city, "Adrian");
}

TEST(SandboxCatalog, MissingFileNamed) {
  CatalogFiles files = CatalogFiles::in_directory(default_data_directory());
  files.walmart_stores = "/nonexistent/stores.csv";

  const auto catalog = SandboxCatalog::load(files);

  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.error().message.find("/nonexistent/stores.csv"), std::string::npos);
}

}  // namespace
}  // namespace wic::sandbox
