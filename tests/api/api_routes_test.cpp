#include <gtest/gtest.h>

#include "api_fixture.h"
#include "scripted_refresher.h"

namespace wic::api {
namespace {

using std::chrono::minutes;
using namespace wic::testing;

constexpr char kItemPath[] = "/api/v1/inventory/store/kroger-01800512/product/070074575131";

class ApiRoutesTest : public ApiTest {};

TEST_F(ApiRoutesTest, ItemHasEveryField) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kLowStock, minutes{3});
  start();

  const auto response = client->get(kItemPath);

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("content-type"), "application/json");
  const auto item = json(response).as_object();
  EXPECT_EQ(item.at("storeId"), "kroger-01800512");
  EXPECT_EQ(item.at("upc"), "070074575131");
  EXPECT_EQ(item.at("gtin"), "00070074575131");
  EXPECT_EQ(item.at("status"), "low_stock");
  EXPECT_TRUE(item.at("quantity").is_null());
  EXPECT_TRUE(item.at("quantityRange").is_null());
  EXPECT_TRUE(item.at("aisle").is_null());
  EXPECT_EQ(item.at("ageSeconds"), 180);
  EXPECT_EQ(item.at("stale"), false);
  EXPECT_EQ(item.at("source"), "api");
  EXPECT_EQ(item.at("confidence"), 80);
  EXPECT_EQ(item.at("reportCount"), 0);
  const std::string updated(item.at("lastUpdated").as_string());
  EXPECT_EQ(updated.size(), 20u) << updated;
  EXPECT_EQ(updated.back(), 'Z');
}

TEST_F(ApiRoutesTest, ItemAcceptsUpcWithoutLeadingZero) {
  start();
  const auto response = client->get("/api/v1/inventory/store/kroger-01800512/product/70074575131");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json(response).at("upc"), "070074575131");
  EXPECT_EQ(json(response).at("status"), "unknown");
}

TEST_F(ApiRoutesTest, StaleItemStartsBackgroundRefresh) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{30});
  auto refresher = std::make_shared<ScriptedRefresher>(*storage, clock);
  refresher->set_status(StockStatus::kOutOfStock);
  start(refresher);

  const auto stale = client->get(std::string(kItemPath));
  service->shutdown();
  ASSERT_EQ(stale.status, 200);
  EXPECT_EQ(json(stale).at("stale"), true);
  EXPECT_EQ(json(stale).at("status"), "in_stock");
  EXPECT_EQ(refresher->calls(), 1);
}

TEST_F(ApiRoutesTest, FreshTrueReturnsRefreshedAnswer) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{30});
  auto refresher = std::make_shared<ScriptedRefresher>(*storage, clock);
  refresher->set_status(StockStatus::kOutOfStock);
  start(refresher);

  const auto response = client->get(std::string(kItemPath) + "?fresh=true");

  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(json(response).at("stale"), false);
  EXPECT_EQ(json(response).at("status"), "out_of_stock");
  EXPECT_EQ(json(response).at("quantity"), 12);
}

TEST_F(ApiRoutesTest, InvalidUpcNamesReason) {
  start();
  const auto response = client->get("/api/v1/inventory/store/kroger-01800512/product/070074575132");
  ASSERT_EQ(response.status, 400);
  EXPECT_EQ(error_code(response), "invalid_upc");
  EXPECT_NE(error_message(response).find("check digit"), std::string::npos) << error_message(response);

  const auto letters = client->get("/api/v1/inventory/store/kroger-01800512/product/abc");
  EXPECT_EQ(letters.status, 400);
  EXPECT_EQ(error_code(letters), "invalid_upc");

  const auto produce = client->get("/api/v1/inventory/store/kroger-01800512/product/4011");
  EXPECT_EQ(produce.status, 400);
  EXPECT_NE(error_message(produce).find("produce"), std::string::npos) << error_message(produce);
}

TEST_F(ApiRoutesTest, InvalidStoreIdRejected) {
  start();
  for (const char* id : {"kroger-123", "target-1", "walmart-0123", "walmart-"}) {
    const auto response = client->get(std::string("/api/v1/inventory/store/") + id + "/product/070074575131");
    EXPECT_EQ(response.status, 400) << id << ": " << response.body;
    EXPECT_EQ(error_code(response), "invalid_store_id") << id;
  }
}

TEST_F(ApiRoutesTest, UnknownStoreAndProductAre404) {
  start();
  const auto store = client->get("/api/v1/inventory/store/kroger-09999999/product/070074575131");
  EXPECT_EQ(store.status, 404);
  EXPECT_EQ(error_code(store), "store_not_found");

  const auto product = client->get("/api/v1/inventory/store/kroger-01800512/product/036000291452");
  EXPECT_EQ(product.status, 404);
  EXPECT_EQ(error_code(product), "product_not_found");
}

TEST_F(ApiRoutesTest, InvalidQueryValuesRejected) {
  start();
  const auto fresh = client->get(std::string(kItemPath) + "?fresh=yes");
  EXPECT_EQ(fresh.status, 400);
  EXPECT_EQ(error_code(fresh), "invalid_query");

  const auto unknown = client->get(std::string(kItemPath) + "?fersh=true");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(error_message(unknown).find("fersh"), std::string::npos);
}

TEST_F(ApiRoutesTest, UnknownRouteIs404AndWrongMethod405) {
  start();
  const auto missing = client->get("/api/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(error_code(missing), "not_found");

  const auto wrong = client->request("DELETE", kItemPath, "", {});
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(error_code(wrong), "method_not_allowed");
  EXPECT_EQ(wrong.header("allow"), "GET");

  const auto get_batch = client->get("/api/v1/inventory/batch");
  EXPECT_EQ(get_batch.status, 405);
  EXPECT_EQ(get_batch.header("allow"), "POST");
}

TEST_F(ApiRoutesTest, ShelfPagesWithTotalAndHasMore) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  write_record(kKrogerDetroit, kEnfamilEnfaCare, StockStatus::kOutOfStock, minutes{1});
  write_record(kKrogerDetroit, kTwoPercentMilk, StockStatus::kInStock, minutes{1});
  start();

  const auto first = client->get("/api/v1/inventory/store/kroger-01800512?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json(first).at("total"), 3);
  EXPECT_EQ(json(first).at("items").as_array().size(), 2u);
  EXPECT_EQ(json(first).at("hasMore"), true);

  const auto last = client->get("/api/v1/inventory/store/kroger-01800512?limit=2&offset=2");
  EXPECT_EQ(json(last).at("items").as_array().size(), 1u);
  EXPECT_EQ(json(last).at("hasMore"), false);

  const auto formula = client->get("/api/v1/inventory/store/kroger-01800512?formula=true&status=in_stock");
  ASSERT_EQ(json(formula).at("total"), 1);
  EXPECT_EQ(json(formula).at("items").at(0).at("upc"), "070074575131");

  const auto milk = client->get("/api/v1/inventory/store/kroger-01800512?category=milk");
  EXPECT_EQ(json(milk).at("total"), 1);

  const auto listed = client->get("/api/v1/inventory/store/kroger-01800512?upcs=070074575131,300870019448");
  EXPECT_EQ(json(listed).at("total"), 2);
}

TEST_F(ApiRoutesTest, ShelfRejectsBadPaging) {
  start();
  for (const char* query : {"limit=201", "limit=0", "offset=-1", "limit=ten", "status=sold_out", "upcs=1234567"}) {
    const auto response = client->get(std::string("/api/v1/inventory/store/kroger-01800512?") + query);
    EXPECT_EQ(response.status, 400) << query << ": " << response.body;
  }
  EXPECT_EQ(client->get("/api/v1/inventory/store/kroger-09999999").status, 404);
}

TEST_F(ApiRoutesTest, BatchAnswersEveryPair) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  start();

  const auto response = client->post(
      "/api/v1/inventory/batch",
      R"({"upcs": ["070074575131", "036000291452"], "storeIds": ["kroger-01800512", "kroger-09999999"]})",
      {{"Content-Type", "application/json"}});

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = json(response);
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(json(response).at("count"), 4);
  EXPECT_EQ(items[0].at("status"), "in_stock");
  EXPECT_EQ(items[1].at("error").at("code"), "product_not_found");
  EXPECT_EQ(items[2].at("error").at("code"), "store_not_found");
  EXPECT_EQ(items[3].at("error").at("code"), "store_not_found");
}

TEST_F(ApiRoutesTest, BatchRejectsInvalidBodies) {
  start();
  const auto post = [&](const std::string& body) { return client->post("/api/v1/inventory/batch", body); };

  EXPECT_EQ(error_code(post("{not json")), "invalid_json");
  EXPECT_EQ(error_code(post("[1, 2]")), "invalid_body");
  EXPECT_EQ(error_code(post(R"({"upcs": ["070074575131"]})")), "invalid_body");
  EXPECT_EQ(error_code(post(R"({"upcs": [], "storeIds": ["kroger-01800512"]})")), "invalid_body");
  EXPECT_EQ(error_code(post(R"({"upcs": [7], "storeIds": ["kroger-01800512"]})")), "invalid_body");
  EXPECT_EQ(error_code(post(R"({"upcs": ["1"], "storeIds": ["kroger-01800512"]})")), "invalid_upc");
  EXPECT_EQ(error_code(post(R"({"upcs": ["070074575131"], "storeIds": ["kroger-1"]})")), "invalid_store_id");
  EXPECT_EQ(error_code(post(R"({"upcs": ["070074575131"], "storeIds": ["kroger-01800512"], "x": 1})")),
            "invalid_body");
  EXPECT_EQ(post("{not json").status, 400);

  // 100 UPCs at 11 stores: 1,100 pairs, over the limit of 1,000.
  std::string upcs;
  for (int i = 0; i < 100; ++i) {
    upcs += std::string(upcs.empty() ? "" : ",") + "\"070074575131\"";
  }
  std::string stores;
  for (int i = 0; i < 11; ++i) {
    stores += std::string(stores.empty() ? "" : ",") + "\"kroger-01800512\"";
  }
  const auto too_many = post("{\"upcs\": [" + upcs + "], \"storeIds\": [" + stores + "]}");
  EXPECT_EQ(too_many.status, 400);
  EXPECT_NE(error_message(too_many).find("1100 pairs"), std::string::npos) << error_message(too_many);
}

TEST_F(ApiRoutesTest, BodyOverLimitIs413) {
  ApiOptions options;
  options.max_body_bytes = 1024;
  start(nullptr, options);

  const auto response = client->post("/api/v1/inventory/batch", std::string(2000, ' '));

  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(error_code(response), "body_too_large");
}

TEST_F(ApiRoutesTest, NearbyByZipAndByPoint) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kOutOfStock, minutes{1});
  write_record(kKrogerAnnArbor, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  ApiOptions options;
  auto centroids = stores::ZipCentroids::load(std::string(WIC_TEST_DATA_DIR) + "/us-zip-codes.csv");
  ASSERT_TRUE(centroids.ok());
  options.zip_centroids = std::make_shared<const stores::ZipCentroids>(std::move(centroids).value());
  start(nullptr, options);

  const auto by_zip = client->get("/api/v1/inventory/product/070074575131/nearby?zip=48226&radius=60");
  ASSERT_EQ(by_zip.status, 200) << by_zip.body;
  const auto body = json(by_zip);
  const auto& stores = body.at("stores").as_array();
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_EQ(stores[0].at("storeId"), "kroger-01800655") << "in stock first";
  EXPECT_EQ(stores[0].at("inventory").at("status"), "in_stock");
  EXPECT_EQ(stores[1].at("storeId"), "kroger-01800512");
  EXPECT_GT(stores[0].at("distanceMiles").as_double(), stores[1].at("distanceMiles").as_double());

  const auto by_point = client->get("/api/v1/inventory/product/070074575131/nearby?lat=42.28&lon=-83.74&radius=5");
  ASSERT_EQ(by_point.status, 200);
  EXPECT_EQ(json(by_point).at("total"), 1);
}

TEST_F(ApiRoutesTest, NearbyRejectsBadLocation) {
  start();
  for (const char* query : {"", "zip=4822", "zip=00000", "lat=42", "lat=91&lon=0", "lat=42&lon=-83&radius=0",
                            "lat=42&lon=-83&radius=500", "zip=48226&lat=42&lon=-83"}) {
    const auto response = client->get(std::string("/api/v1/inventory/product/070074575131/nearby?") + query);
    EXPECT_EQ(response.status, 400) << query << ": " << response.body;
  }
  EXPECT_EQ(client->get("/api/v1/inventory/product/036000291452/nearby?lat=42&lon=-83").status, 404);
}

TEST_F(ApiRoutesTest, ReportAppliesRule) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  start();

  const auto anonymous = client->post(
      "/api/v1/inventory/report",
      R"({"storeId": "kroger-01800512", "upc": "070074575131", "status": "out_of_stock"})");
  ASSERT_EQ(anonymous.status, 201) << anonymous.body;
  EXPECT_GT(json(anonymous).at("reportId").as_int64(), 0);
  EXPECT_EQ(json(anonymous).at("item").at("status"), "in_stock") << "one anonymous report never overrides";
  EXPECT_EQ(json(anonymous).at("item").at("reportCount"), 1);

  const auto item = client->get(kItemPath);
  EXPECT_EQ(json(item).at("reportCount"), 1);
  EXPECT_LT(json(item).at("confidence").as_int64(), 80);
}

TEST_F(ApiRoutesTest, ReportRejectsInvalidFields) {
  start();
  const auto post = [&](const std::string& body) { return client->post("/api/v1/inventory/report", body); };

  EXPECT_EQ(error_code(post(R"({"storeId": "kroger-01800512", "upc": "070074575131"})")), "invalid_body");
  EXPECT_EQ(error_code(post(R"({"storeId": "kroger-01800512", "upc": "070074575131", "status": "unknown"})")),
            "invalid_status");
  EXPECT_EQ(error_code(post(R"({"storeId": "kroger-01800512", "upc": "070074575131", "status": "in_stock",
                                "quantityRange": "lots"})")),
            "invalid_quantity_range");
  EXPECT_EQ(error_code(post(R"({"storeId": "kroger-01800512", "upc": "070074575131", "status": "in_stock",
                                "aisle": ")" + std::string(40, 'A') + "\"}")),
            "invalid_body");
  EXPECT_EQ(post(R"({"storeId": "kroger-09999999", "upc": "070074575131", "status": "in_stock"})").status, 404);
  EXPECT_EQ(post(R"({"storeId": "kroger-01800512", "upc": "036000291452", "status": "in_stock"})").status, 404);
}

TEST_F(ApiRoutesTest, ReportsOverLimitAre429) {
  inventory::InventoryOptions inventory_options;
  inventory_options.report_limit.burst = 2;
  start(nullptr, {}, inventory_options);
  const std::string body = R"({"storeId": "kroger-01800512", "upc": "070074575131", "status": "in_stock"})";

  EXPECT_EQ(client->post("/api/v1/inventory/report", body).status, 201);
  EXPECT_EQ(client->post("/api/v1/inventory/report", body).status, 201);
  const auto limited = client->post("/api/v1/inventory/report", body);

  ASSERT_EQ(limited.status, 429);
  EXPECT_EQ(error_code(limited), "too_many_reports");
  ASSERT_TRUE(limited.header("retry-after").has_value());
  EXPECT_GT(std::stoi(*limited.header("retry-after")), 0);
}

class RecordingSyncJobs final : public SyncJobs {
 public:
  Result<std::int64_t> start(const SyncJobRequest& request) override {
    requests.push_back(request);
    return std::int64_t{41};
  }
  std::vector<SyncJobRequest> requests;
};

TEST_F(ApiRoutesTest, SyncNeedsBearerToken) {
  ApiOptions options;
  options.sync_token = "s3cret-token";
  RecordingSyncJobs jobs;
  start(nullptr, options, {}, &jobs);
  const std::string body = R"({"retailer": "kroger", "scope": "formula"})";

  const auto missing = client->post("/api/v1/inventory/sync", body);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(error_code(missing), "unauthorized");
  const auto wrong = client->post("/api/v1/inventory/sync", body, {{"Authorization", "Bearer guess"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body.find("s3cret"), std::string::npos) << "the token never appears in an answer";
  EXPECT_EQ(client->get("/api/v1/inventory/sync/jobs/1").status, 401);
  EXPECT_TRUE(jobs.requests.empty());

  const auto started = client->post("/api/v1/inventory/sync", body, {{"Authorization", "Bearer s3cret-token"}});
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(json(started).at("jobId"), 41);
  EXPECT_EQ(started.header("location"), "/api/v1/inventory/sync/jobs/41");
  ASSERT_EQ(jobs.requests.size(), 1u);
  EXPECT_EQ(jobs.requests[0].retailer, Retailer::kKroger);
  EXPECT_TRUE(jobs.requests[0].formula_only);
}

TEST_F(ApiRoutesTest, SyncWithoutConfiguredTokenIs401) {
  start();
  const auto response = client->post("/api/v1/inventory/sync", R"({"retailer": "kroger"})",
                                     {{"Authorization", "Bearer anything"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_NE(error_message(response).find("WIC_SYNC_TOKEN"), std::string::npos);
}

TEST_F(ApiRoutesTest, SyncRejectsInvalidRequests) {
  ApiOptions options;
  options.sync_token = "t";
  RecordingSyncJobs jobs;
  start(nullptr, options, {}, &jobs);
  const HeaderList auth{{"Authorization", "Bearer t"}};

  EXPECT_EQ(client->post("/api/v1/inventory/sync", R"({"retailer": "target"})", auth).status, 400);
  EXPECT_EQ(client->post("/api/v1/inventory/sync", R"({"retailer": "kroger", "storeIds": ["walmart-1001"]})", auth)
                .status,
            400);
  EXPECT_EQ(client->post("/api/v1/inventory/sync", R"({"retailer": "kroger", "scope": "some"})", auth).status, 400);
  EXPECT_EQ(client->get("/api/v1/inventory/sync/jobs/abc", auth).status, 400);
  EXPECT_EQ(client->get("/api/v1/inventory/sync/jobs/999", auth).status, 404);
  EXPECT_TRUE(jobs.requests.empty());
}

TEST_F(ApiRoutesTest, SyncJobReadFromStorage) {
  storage::SyncJob job;
  job.retailer = Retailer::kKroger;
  job.store_ids = {"kroger-01800512"};
  job.product_scope = "formula";
  job.status = storage::JobStatus::kCompleted;
  job.processed = 2;
  job.succeeded = 2;
  job.requests = 1;
  const auto id = storage->create_job(job);
  ApiOptions options;
  options.sync_token = "t";
  start(nullptr, options);

  const auto response = client->get("/api/v1/inventory/sync/jobs/" + std::to_string(id), {{"Authorization", "Bearer t"}});

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json(response).at("jobId"), id);
  EXPECT_EQ(json(response).at("status"), "completed");
  EXPECT_EQ(json(response).at("processed"), 2);
}

TEST_F(ApiRoutesTest, SyncWithoutEngineIs503) {
  ApiOptions options;
  options.sync_token = "t";
  start(nullptr, options);
  const auto response =
      client->post("/api/v1/inventory/sync", R"({"retailer": "walmart"})", {{"Authorization", "Bearer t"}});
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(error_code(response), "sync_unavailable");
}

TEST_F(ApiRoutesTest, StatsHealthAndReadiness) {
  auto refresher = std::make_shared<ScriptedRefresher>(*storage, clock);
  start(refresher);
  client->get(kItemPath);
  client->get(kItemPath);

  const auto stats = client->get("/api/v1/inventory/stats");
  ASSERT_EQ(stats.status, 200);
  EXPECT_EQ(json(stats).at("cache").at("hits"), 1);
  EXPECT_EQ(json(stats).at("cache").at("misses"), 1);
  EXPECT_EQ(json(stats).at("catalog").at("products"), 3);
  EXPECT_EQ(json(stats).at("retailers").as_array().size(), 1u);

  const auto health = client->get("/healthz");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(json(health).at("status"), "ok");
  EXPECT_EQ(json(health).at("retailers").at(0).at("retailer"), "kroger");
  EXPECT_EQ(json(health).at("retailers").at(0).at("breaker"), "closed");

  const auto ready = client->get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(json(ready).at("status"), "ready");
}

TEST_F(ApiRoutesTest, NotReadyWithoutStores) {
  const auto empty_path = database_path() + ".empty";
  auto empty = storage::open_storage(empty_path);
  service = std::make_unique<inventory::InventoryService>(*empty, nullptr, clock);
  api = std::make_unique<Api>(*service, *empty, clock, ApiOptions{});

  const auto reply = api->handle(http::Request{"GET", "/readyz", {}, "", "127.0.0.1:1"});

  EXPECT_EQ(reply.status, 503);
  EXPECT_NE(reply.body.find("no products"), std::string::npos) << reply.body;
  api.reset();
  service.reset();
  empty.reset();
  std::filesystem::remove(empty_path);
}

TEST_F(ApiRoutesTest, MetricsInPrometheusFormat) {
  start();
  client->get(kItemPath);
  client->get("/api/v1/inventory/store/kroger-01800512/product/1");
  client->get("/nowhere");

  const auto metrics = client->get("/metrics");

  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = metrics.body;
  EXPECT_NE(text.find("wic_http_requests_total{route=\"GET /api/v1/inventory/store/{storeId}/product/{upc}\","
                      "status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"GET /api/v1/inventory/store/{storeId}/product/{upc}\",status=\"400\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("wic_http_requests_total{route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(text.find("# TYPE wic_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find("wic_http_request_duration_seconds_count{route=\"GET "
                      "/api/v1/inventory/store/{storeId}/product/{upc}\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("wic_cache_misses_total 1"), std::string::npos);
  EXPECT_NE(text.find("wic_cache_hits_total 0"), std::string::npos);
}

TEST_F(ApiRoutesTest, KeepAliveServesManyRequestsOnOneConnection) {
  start();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(client->get(kItemPath).status, 200);
  }
  EXPECT_EQ(client->connections_opened(), 1);
}

}  // namespace
}  // namespace wic::api
