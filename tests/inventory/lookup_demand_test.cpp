// Lookups of every kind feed the demand counter that the scheduler reads
// to refresh the most requested pairs first.

#include <gtest/gtest.h>

#include "inventory/inventory_service.h"
#include "inventory_fixture.h"
#include "sync/demand_counter.h"

namespace wic::inventory {
namespace {

using std::chrono::minutes;
using namespace wic::testing;

class LookupDemandTest : public InventoryTest {
 protected:
  InventoryService& service() {
    InventoryOptions options;
    options.on_lookup = [demand = demand](const StoreId& store, const Gtin& gtin) { demand->record(store, gtin); };
    service_ = std::make_unique<InventoryService>(*storage, nullptr, clock, options);
    return *service_;
  }

  void TearDown() override {
    service_.reset();
    InventoryTest::TearDown();
  }

  std::shared_ptr<sync::DemandCounter> demand = std::make_shared<sync::DemandCounter>(clock);

 private:
  std::unique_ptr<InventoryService> service_;
};

TEST_F(LookupDemandTest, SingleItemLookupsCounted) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  auto& inventory = service();

  inventory.get(kKrogerDetroit, kSimilacAlimentum);
  inventory.get(kKrogerDetroit, kSimilacAlimentum);
  inventory.get(kKrogerAnnArbor, kSimilacAlimentum);

  EXPECT_DOUBLE_EQ(demand->requests(kKrogerDetroit, kSimilacAlimentum), 2);
  EXPECT_DOUBLE_EQ(demand->requests(kKrogerAnnArbor, kSimilacAlimentum), 1) << "counted without a record too";
  EXPECT_DOUBLE_EQ(demand->requests(kSimilacAlimentum), 3);
  EXPECT_DOUBLE_EQ(demand->requests(kEnfamilEnfaCare), 0);
}

TEST_F(LookupDemandTest, ShelfCountsItemsOnItsPage) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  write_record(kKrogerDetroit, kEnfamilEnfaCare, StockStatus::kOutOfStock, minutes{1});
  write_record(kKrogerDetroit, kTwoPercentMilk, StockStatus::kInStock, minutes{1});
  auto& inventory = service();

  ShelfQuery formula;
  formula.formula_only = true;
  ASSERT_EQ(inventory.shelf(kKrogerDetroit, formula).items.size(), 2u);

  EXPECT_DOUBLE_EQ(demand->requests(kKrogerDetroit, kSimilacAlimentum), 1);
  EXPECT_DOUBLE_EQ(demand->requests(kKrogerDetroit, kEnfamilEnfaCare), 1);
  EXPECT_DOUBLE_EQ(demand->requests(kKrogerDetroit, kTwoPercentMilk), 0) << "filtered out, not shown";
}

TEST_F(LookupDemandTest, NearbyCountsStoresShown) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kOutOfStock, minutes{1});
  write_record(kKrogerAnnArbor, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  write_record(kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  auto& inventory = service();

  const GeoPoint detroit{42.3314, -83.0458};
  const auto result = inventory.nearby(NearbyQuery{kSimilacAlimentum, detroit, 100, 2});
  ASSERT_EQ(result.stores.size(), 2u);

  EXPECT_DOUBLE_EQ(demand->requests(kKrogerAnnArbor, kSimilacAlimentum), 1);
  EXPECT_DOUBLE_EQ(demand->requests(kWalmartLansing, kSimilacAlimentum), 1);
  EXPECT_DOUBLE_EQ(demand->requests(kKrogerDetroit, kSimilacAlimentum), 0) << "cut by the limit, not shown";
}

TEST_F(LookupDemandTest, NoCallbackNoCounts) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  InventoryService inventory(*storage, nullptr, clock);

  EXPECT_EQ(inventory.get(kKrogerDetroit, kSimilacAlimentum).status, StockStatus::kInStock);
  EXPECT_DOUBLE_EQ(demand->requests(kSimilacAlimentum), 0);
}

}  // namespace
}  // namespace wic::inventory
