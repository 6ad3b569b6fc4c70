// Imports the real Michigan WIC approved product list. The expected counts
// were derived from data/michigan-apl.json by an independent script: 9,940
// rows, of which 7,529 carry a valid GTIN, 1,179 are 4- and 5-digit PLUs,
// 1,189 are 6-digit retailer-assigned codes, 42 fail the GS1 check digit
// and 1 is the spreadsheet's header row (upc "0").

#include <gtest/gtest.h>

#include <algorithm>

#include "../storage/storage_fixture.h"
#include "catalog/apl_file.h"
#include "catalog/catalog_importer.h"
#include "catalog/formula_rule.h"

namespace wic {
namespace {

const std::string kMichiganList = std::string(WIC_DATA_DIR) + "/michigan-apl.json";

class MichiganImportTest : public testing::StorageBackendTest {
 protected:
  catalog::ImportSummary import() {
    auto file = catalog::read_apl_json(kMichiganList);
    EXPECT_TRUE(file.ok());
    auto summary = catalog::import_catalog(storage(), file.value(), {"MI", CodeConvention::kCheckDigitIncluded});
    EXPECT_TRUE(summary.ok());
    return summary.value();
  }
};

TEST_P(MichiganImportTest, CountsMatchTheFile) {
  const auto summary = import();

  EXPECT_EQ(summary.rows, 9940u);
  EXPECT_EQ(summary.loaded, 7529);
  EXPECT_EQ(summary.updated, 0);
  EXPECT_EQ(summary.produce_codes, 1179 + 1189);
  EXPECT_EQ(summary.skipped.size(), 43u);
  EXPECT_EQ(summary.formula, 108);
  EXPECT_EQ(storage().list_products({}).size(), 7529u);
  EXPECT_EQ(storage().count_produce_items(), 2368);
}

TEST_P(MichiganImportTest, SkippedRowsNameIndexAndReason) {
  const auto summary = import();

  const auto check_digit_errors = std::count_if(summary.skipped.begin(), summary.skipped.end(), [](const auto& row) {
    return row.reason.find("GS1 check digit of") != std::string::npos;
  });
  EXPECT_EQ(check_digit_errors, 42);

  const auto header = std::find_if(summary.skipped.begin(), summary.skipped.end(),
                                   [](const auto& row) { return row.upc == "0"; });
  ASSERT_NE(header, summary.skipped.end());
  EXPECT_EQ(header->index, 9337u);
  EXPECT_NE(header->reason.find("invalid code \"0\""), std::string::npos) << header->reason;

  const auto first = summary.skipped.front();
  EXPECT_EQ(first.index, 14u);
  EXPECT_EQ(first.upc, "70038636891");
  EXPECT_NE(first.reason.find("is 2"), std::string::npos) << first.reason;
}

TEST_P(MichiganImportTest, ReimportChangesNothing) {
  import();

  const auto second = import();

  EXPECT_EQ(second.loaded, 0);
  EXPECT_EQ(second.updated, 0);
  EXPECT_EQ(second.unchanged, 7529);
  EXPECT_EQ(storage().list_products({}).size(), 7529u);
  EXPECT_EQ(storage().count_produce_items(), 2368);
}

TEST_P(MichiganImportTest, FormulaFlaggedOnRealProducts) {
  import();

  const auto formula = storage().list_products({.formula_only = true});
  ASSERT_EQ(formula.size(), 108u);

  const auto brand_count = [&](std::string_view text) {
    return std::count_if(formula.begin(), formula.end(), [&](const storage::Product& product) {
      return product.subcategory.find(text) != std::string::npos;
    });
  };
  EXPECT_GT(brand_count("Similac"), 0);
  EXPECT_GT(brand_count("Enfamil"), 0);
  EXPECT_GT(brand_count("Elecare Jr"), 0);
  EXPECT_EQ(brand_count("Pediasure"), 0);
  EXPECT_EQ(brand_count("Infant Cereal"), 0);
}

TEST_P(MichiganImportTest, FormulaCoversPowderConcentrateAndReadyToFeed) {
  import();

  const auto formula = storage().list_products({.formula_only = true});
  for (std::string_view form : {"PWD", "Conc", "RTF"}) {
    const bool found = std::any_of(formula.begin(), formula.end(), [&](const storage::Product& product) {
      return product.subcategory.find(form) != std::string::npos;
    });
    EXPECT_TRUE(found) << form;
  }
}

TEST_P(MichiganImportTest, ProductFieldsKeptAsWritten) {
  import();

  auto product = storage().find_product(Gtin::parse("38000596674").value());
  ASSERT_TRUE(product.has_value());
  EXPECT_EQ(product->brand, "All Bran");
  EXPECT_EQ(product->description, "Wheat Bran Flakes");
  EXPECT_EQ(product->category, "cereal");
  EXPECT_EQ(product->subcategory, "Whole Grain Cereal");
  EXPECT_EQ(product->size, "OUNCE");
  EXPECT_EQ(product->unit, "OZ");
  EXPECT_EQ(product->states, std::vector<std::string>{"MI"});
  EXPECT_FALSE(product->is_formula);
}

TEST_P(MichiganImportTest, InvalidStateRejectedBeforeWriting) {
  auto file = catalog::read_apl_json(kMichiganList);
  ASSERT_TRUE(file.ok());

  auto summary = catalog::import_catalog(storage(), file.value(), {"Michigan", CodeConvention::kCheckDigitIncluded});

  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("\"Michigan\""), std::string::npos);
  EXPECT_TRUE(storage().list_products({}).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MichiganImportTest, ::testing::ValuesIn(testing::storage_backends()),
                         [](const auto& info) { return info.param; });

TEST(AplFileTest, MissingFileNamed) {
  auto file = catalog::read_apl_json("/nonexistent/list.json");

  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("/nonexistent/list.json"), std::string::npos);
}

TEST(FormulaRuleTest, ClassifiesSubcategories) {
  EXPECT_TRUE(catalog::is_infant_formula("infant_food", "Similac Infant Formula PWD"));
  EXPECT_TRUE(catalog::is_infant_formula("infant_food", "13 oz Conc Enfamil Infant"));
  EXPECT_TRUE(catalog::is_infant_formula("infant_food", "Similac Alimentum 32 oz RTF"));
  EXPECT_TRUE(catalog::is_infant_formula("other", "Elecare Jr 14.1 oz PWD"));
  EXPECT_TRUE(catalog::is_infant_formula("other", "Neocate Junior 14.1 oz PWD"));
  EXPECT_FALSE(catalog::is_infant_formula("infant_food", "Infant Cereal"));
  EXPECT_FALSE(catalog::is_infant_formula("infant_food", "INFANT MEATS"));
  EXPECT_FALSE(catalog::is_infant_formula("other", "Pediasure 8 oz RTF"));
  EXPECT_FALSE(catalog::is_infant_formula("other", "Boost 8 oz RTF"));
  EXPECT_FALSE(catalog::is_infant_formula("milk", "Whole Milk"));
}

}  // namespace
}  // namespace wic
