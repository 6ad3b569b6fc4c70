#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "storage/storage.h"

namespace wic::testing {

// Real products of the Michigan approved product list, used across tests.
inline const Gtin kSimilacAlimentum = *Gtin::parse("070074575131");  // infant formula
inline const Gtin kEnfamilEnfaCare = *Gtin::parse("300870019448");   // infant formula
inline const Gtin kTwoPercentMilk = *Gtin::parse("070038630609");    // milk, not formula
inline const Gtin kNotOnList = *Gtin::parse("036000291452");         // a valid UPC the list does not have

inline const StoreId kKrogerDetroit = *StoreId::parse("kroger-01800512");
inline const StoreId kKrogerAnnArbor = *StoreId::parse("kroger-01800655");
inline const StoreId kWalmartLansing = *StoreId::parse("walmart-1001");
inline const StoreId kUnknownStore = *StoreId::parse("kroger-09999999");

// A fresh SQLite file with three products and three stores, and a manual
// clock, for each test.
class InventoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 ("wic-inventory-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                  std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    storage = storage::open_storage(database_path());
    seed();
  }

  void TearDown() override {
    storage.reset();
    std::filesystem::remove_all(directory_);
  }

  std::string database_path() const { return (directory_ / "wic-inventory.db").string(); }

  // Writes a retailer record of `gtin` at `store`, `age` old.
  void write_record(const StoreId& store, const Gtin& gtin, StockStatus status, Duration age, int confidence = 80) {
    storage->write_inventory({storage::InventoryRecord{store, gtin, status, std::nullopt, std::nullopt, std::nullopt,
                                                       clock->system_now() - age, DataSource::kApi, confidence, 0}});
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::shared_ptr<storage::Storage> storage;

 private:
  void seed() {
    storage->upsert_products({
        storage::Product{kSimilacAlimentum, "Alimentum", "Ready to Feed", "infant_food",
                         "Similac Alimentum 32 oz RTF", "32", "OZ", {"MI"}, true},
        storage::Product{kEnfamilEnfaCare, "EnfaCare", "Powder", "infant_food", "Enfamil Enfacare", "", "", {"MI"},
                         true},
        storage::Product{kTwoPercentMilk, "Always Save", "2% milk", "milk", "2% Milk", "", "", {"MI"}, false},
    });
    storage->upsert_stores({
        storage::Store{kKrogerDetroit, "Kroger", "1 Woodward Ave", "Detroit", "MI", "48226", {42.3314, -83.0458}},
        storage::Store{kKrogerAnnArbor, "Kroger", "2 Main St", "Ann Arbor", "MI", "48104", {42.2808, -83.7430}},
        storage::Store{kWalmartLansing, "Walmart Supercenter", "3 Saginaw St", "Lansing", "MI", "48906",
                       {42.7325, -84.5555}},
    });
  }

  std::filesystem::path directory_;
};

}  // namespace wic::testing
