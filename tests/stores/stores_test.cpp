#include <gtest/gtest.h>

#include <fstream>

#include "../storage/storage_fixture.h"
#include "stores/csv.h"
#include "stores/store_file.h"
#include "stores/store_importer.h"
#include "stores/store_search.h"
#include "stores/zip_centroids.h"

namespace wic {
namespace {

const std::string kDataDir = WIC_DATA_DIR;

class StoresTest : public testing::TempDatabase {
 protected:
  std::string write_file(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::path(this->path()).parent_path() / name;
    std::ofstream(path) << text;
    return path.string();
  }

  stores::StoreFile read_ok(const std::string& path, std::optional<Retailer> retailer) {
    auto file = stores::read_store_csv(path, retailer);
    EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
    return file.ok() ? file.value() : stores::StoreFile{};
  }
};

TEST(CsvTest, QuotedFieldsKeepCommasAndQuotes) {
  const auto fields = stores::split_csv_line("a,\"b, c\",\"say \"\"hi\"\"\",\r");

  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[1], "b, c");
  EXPECT_EQ(fields[2], "say \"hi\"");
  EXPECT_EQ(fields[3], "");
}

TEST_F(StoresTest, MichiganWalmartFileNumbersStoresInOrder) {
  const auto file = read_ok(kDataDir + "/walmart-stores-mi.csv", Retailer::kWalmart);

  ASSERT_EQ(file.rows.size(), 90u);
  EXPECT_TRUE(file.errors.empty());
  EXPECT_EQ(file.rows.front().store_id, "walmart-1001");
  EXPECT_EQ(file.rows.front().city, "Adrian");
  EXPECT_EQ(file.rows.back().store_id, "walmart-1090");
}

TEST_F(StoresTest, FileWithoutIdsNeedsRetailer) {
  auto file = stores::read_store_csv(kDataDir + "/walmart-stores-mi.csv", std::nullopt);

  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("--retailer"), std::string::npos);
}

TEST_F(StoresTest, InvalidRowsReportedWithLine) {
  const auto path = write_file("kroger.csv",
                               "store_id,name,address,city,state,zip,lat,lon\n"
                               "kroger-01800123,Kroger,1 Main St,Detroit,MI,48201,42.35,-83.06\n"
                               "kroger-1800124,Kroger,2 Main St,Detroit,MI,48201,42.35,-83.06\n"
                               "kroger-01800125,Kroger,3 Main St,Detroit,MI,4820,42.35,-83.06\n"
                               "kroger-01800126,Kroger,4 Main St,Detroit,MI,48201,142.35,-83.06\n"
                               "kroger-01800127,\"Kroger, Midtown\",5 Main St,Detroit,MI,48202,42.36,-83.07\n");

  const auto file = read_ok(path, std::nullopt);

  ASSERT_EQ(file.rows.size(), 2u);
  EXPECT_EQ(file.rows[1].name, "Kroger, Midtown");
  ASSERT_EQ(file.errors.size(), 3u);
  EXPECT_EQ(file.errors[0].line, 3u);
  EXPECT_NE(file.errors[0].reason.find("8 digits"), std::string::npos);
  EXPECT_EQ(file.errors[1].line, 4u);
  EXPECT_NE(file.errors[1].reason.find("zip"), std::string::npos);
  EXPECT_EQ(file.errors[2].line, 5u);
  EXPECT_NE(file.errors[2].reason.find("coordinates"), std::string::npos);
}

TEST_F(StoresTest, MissingColumnNamed) {
  const auto path = write_file("bad.csv", "name,address,city,state,lat,lon\n");

  auto file = stores::read_store_csv(path, Retailer::kWalmart);

  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("\"zip\""), std::string::npos) << file.error().message;
}

TEST_F(StoresTest, ImportIsIdempotent) {
  const auto file = read_ok(kDataDir + "/walmart-stores-mi.csv", Retailer::kWalmart);

  const auto first = stores::import_stores(storage(), file);
  const auto second = stores::import_stores(storage(), file);

  EXPECT_EQ(first.counts.inserted, 90);
  EXPECT_EQ(second.counts.inserted, 0);
  EXPECT_EQ(second.counts.unchanged, 90);
  EXPECT_EQ(storage().list_stores().size(), 90u);
}

TEST_F(StoresTest, DuplicateIdsInFileSkipped) {
  const auto path = write_file("dup.csv",
                               "store_id,name,address,city,state,zip,lat,lon\n"
                               "walmart-5,A,1 St,Detroit,MI,48201,42.35,-83.06\n"
                               "walmart-5,B,2 St,Detroit,MI,48201,42.35,-83.06\n");

  const auto summary = stores::import_stores(storage(), read_ok(path, std::nullopt));

  EXPECT_EQ(summary.counts.inserted, 1);
  ASSERT_EQ(summary.skipped.size(), 1u);
  EXPECT_EQ(summary.skipped[0].line, 3u);
}

TEST_F(StoresTest, ZipCentroidsLoadRealFile) {
  auto centroids = stores::ZipCentroids::load(kDataDir + "/us-zip-codes.csv");

  ASSERT_TRUE(centroids.ok());
  EXPECT_EQ(centroids->size(), 33760u);
  auto detroit = centroids->find("48201");
  ASSERT_TRUE(detroit.has_value());
  EXPECT_EQ(detroit->state, "MI");
  EXPECT_NEAR(detroit->location.latitude, 42.35, 0.05);
  EXPECT_FALSE(centroids->find("00000").has_value());
  EXPECT_GT(centroids->in_state("MI").size(), 900u);
}

TEST_F(StoresTest, StoresNearDetroitByDistance) {
  stores::import_stores(storage(), read_ok(kDataDir + "/walmart-stores-mi.csv", Retailer::kWalmart));
  auto centroids = stores::ZipCentroids::load(kDataDir + "/us-zip-codes.csv");
  ASSERT_TRUE(centroids.ok());
  const GeoPoint center = centroids->find("48201")->location;

  const auto within_10 = stores::stores_near(storage().list_stores(), center, 10);
  const auto within_25 = stores::stores_near(storage().list_stores(), center, 25);

  ASSERT_EQ(within_10.size(), 1u);
  EXPECT_EQ(within_10[0].store.city, "Dearborn");
  EXPECT_NEAR(within_10[0].distance_miles, 7.6, 0.1);
  ASSERT_GT(within_25.size(), 5u);
  for (std::size_t i = 1; i < within_25.size(); ++i) {
    EXPECT_LE(within_25[i - 1].distance_miles, within_25[i].distance_miles);
    EXPECT_LE(within_25[i].distance_miles, 25.0);
  }
  EXPECT_EQ(stores::stores_near(storage().list_stores(), center, 25, 3).size(), 3u);
}

}  // namespace
}  // namespace wic
