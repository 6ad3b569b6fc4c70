// Several processes of the service on one PostgreSQL database over a
// simulated day: three sync workers (`sync --watch`), two API replicas
// (`serve --no-scheduler`) and the retailer sandbox, all on one scaled
// clock. Checks the shared quota, the scheduler lease, its handover after
// the leader is killed, and shopper reports across replicas.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "child_process.h"
#include "core/scaled_clock.h"
#include "core/simulated_time.h"
#include "http_test_client.h"
#include "process_log.h"
#include "scratch_database.h"
#include "storage/storage.h"

namespace wic::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// A simulated day in two real minutes, unless WIC_SCALE_TEST_TIME_SCALE
// sets another scale. Every bound below is in simulated time.
constexpr double kDefaultTimeScale = 720;
constexpr std::string_view kDayStart = "2025-03-03T00:00:00Z";
// Small quotas, so that the scheduler would spend more than the day allows
// (5 Kroger stores x 3 calls every 15 minutes is 1,440 calls a day). They
// also keep the first round of a new leader short: it spends one hour's
// share of the budget at once.
constexpr int kWalmartDailyQuota = 200;
constexpr int kKrogerProductsDailyQuota = 400;
constexpr int kWalmartStores = 10;
constexpr int kKrogerStores = 5;

// The workers' lease lives 10 minutes (`--lease-ttl`, 833 real
// milliseconds at this scale, so a busy machine's stalls stay below it) and
// a round starts every minute, both on the shared clock.
constexpr auto kLeaseTtl = minutes(10);
constexpr auto kRound = minutes(1);
// A new leader takes over at most one lease TTL and one round after the
// old one's last renewal; 15 more simulated minutes (1.25 real seconds at
// this scale) absorb a loaded machine.
constexpr auto kHandoverBound = kLeaseTtl + kRound + minutes(15);
// A report posted to one replica is served by the other within this time.
constexpr auto kReadBackBound = minutes(30);

constexpr auto kKillLeaderAt = hours(11);
constexpr auto kReportEvery = minutes(20);
constexpr auto kDayEnd = hours(23);
// Reports older than 12 hours no longer count (the crowd rule's window),
// so the final read checks the ones younger than this.
constexpr auto kFinalReadWindow = hours(11);

constexpr std::string_view kLeaseName = "sync-scheduler";

struct PostedReport {
  std::string store_id;
  std::string upc;
  std::size_t writer = 0;  // index of the replica that accepted it
  SystemTime posted_at;    // simulated
  std::int64_t report_id = 0;
  std::optional<Duration> read_back_after;  // simulated; nullopt: the other replica never served it
};

// A worker's time as scheduler leader, in real time, from its log.
struct Leadership {
  std::string worker;
  SystemTime from;
  SystemTime until;
};

std::string tail(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  std::string result;
  for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    result += lines[i] + "\n";
  }
  return result;
}

// Whether `holder`, a scheduler's name in the lease ("<host>-pid<pid>-<n>"),
// belongs to process `pid`.
bool held_by(const std::string& holder, pid_t pid) {
  const std::string mark = "pid" + std::to_string(pid) + "-";
  const auto position = holder.find(mark);
  return position != std::string::npos && (position == 0 || holder[position - 1] == '-');
}

class ScaleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* server_url = std::getenv("WIC_TEST_POSTGRES_URL");
    if (server_url == nullptr || *server_url == '\0') {
      GTEST_SKIP() << "WIC_TEST_POSTGRES_URL is not set; run scripts/test.sh, which starts PostgreSQL";
    }
    server_url_ = server_url;
    if (const char* scale = std::getenv("WIC_SCALE_TEST_TIME_SCALE"); scale != nullptr && *scale != '\0') {
      auto parsed = parse_time_scale(scale, "WIC_SCALE_TEST_TIME_SCALE");
      ASSERT_TRUE(parsed.ok()) << parsed.error().message;
      time_scale_ = *parsed;
    }

    directory_ = std::filesystem::temp_directory_path() / ("wic-scale-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    std::ofstream(directory_ / "empty.env").flush();

    anchor_ = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
    day_start_ = *parse_utc_time(kDayStart);
    clock_ = std::make_shared<ScaledClock>(time_scale_, day_start_, RealClock::shared(), anchor_);
  }

  void TearDown() override {
    if (HasFailure()) {
      for (const auto& process : processes_) {
        std::cerr << "---- " << process->name() << " (pid " << process->pid() << "), last lines of standard error\n"
                  << tail(process->read_stderr(), 25) << "\n";
      }
      std::cerr << "logs kept in " << directory_ << "\n";
    }
    processes_.clear();  // kills what still runs
    database_.reset();
    if (!HasFailure() && !directory_.empty()) {
      std::filesystem::remove_all(directory_);
    }
  }

  // Options that put every process on the same simulated clock.
  std::map<std::string, std::string> clock_environment() const {
    return {{"WIC_TIME_SCALE", fmt::format("{}", time_scale_)},
            {"WIC_START_TIME", std::string(kDayStart)},
            {"WIC_TIME_ANCHOR", std::to_string(unix_milliseconds(anchor_))}};
  }

  std::map<std::string, std::string> service_environment() const {
    auto environment = clock_environment();
    environment["WIC_INVENTORY_DB"] = database_->url();
    environment["WIC_SANDBOX_URL"] = sandbox_url_;
    // The service's day windows equal the sandbox's quotas, so only the
    // quota shared through storage keeps the five processes within them.
    environment["WIC_RATE_LIMIT_WALMART_AFFILIATE"] = fmt::format("day={}", kWalmartDailyQuota);
    environment["WIC_RATE_LIMIT_KROGER_PRODUCTS"] = fmt::format("day={}", kKrogerProductsDailyQuota);
    environment["WIC_LOG_LEVEL"] = "info";
    return environment;
  }

  ChildProcess& start(const std::string& name, const std::string& program, const std::vector<std::string>& arguments,
                      const std::map<std::string, std::string>& environment) {
    processes_.push_back(std::make_unique<ChildProcess>(name, program, arguments, environment, directory_));
    return *processes_.back();
  }

  // Waits for `process` to print the address it listens on.
  std::string wait_for_url(ChildProcess& process) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto url = listening_url(process.read_stdout())) {
        return *url;
      }
      if (!process.running()) {
        ADD_FAILURE() << process.name() << " exited before listening: " << tail(process.read_stderr(), 10);
        return "";
      }
      std::this_thread::sleep_for(milliseconds(50));
    }
    ADD_FAILURE() << process.name() << " printed no address within 120 s";
    return "";
  }

  void run_command(const std::string& name, const std::vector<std::string>& arguments) {
    const int status = run_to_completion(name, WIC_INVENTORY_BINARY, arguments, service_environment(), directory_,
                                         seconds(300));
    std::ostringstream errors;
    errors << std::ifstream(directory_ / (name + ".err")).rdbuf();
    ASSERT_EQ(status, 0) << "wic-inventory " << name << " failed; its standard error:\n" << tail(errors.str(), 20);
  }

  // Simulated time of a real (wall clock) time, by the formula every
  // process uses.
  SystemTime simulated(SystemTime real) const {
    const auto elapsed = std::chrono::duration<double>(real - anchor_) * time_scale_;
    return day_start_ + std::chrono::duration_cast<SystemTime::duration>(elapsed);
  }

  SystemTime now() const { return clock_->system_now(); }

  void sleep_real(milliseconds duration) const { std::this_thread::sleep_for(duration); }

  std::string server_url_;
  double time_scale_ = kDefaultTimeScale;
  std::filesystem::path directory_;
  SystemTime anchor_;
  SystemTime day_start_;
  std::shared_ptr<ScaledClock> clock_;
  std::unique_ptr<ScratchDatabase> database_;
  std::string sandbox_url_;
  std::vector<std::unique_ptr<ChildProcess>> processes_;
};

// `reportCount` of the item, or -1 when the replica's response is not 200
// with a reportCount.
int report_count(HttpTestClient& replica, const std::string& store_id, const std::string& upc) {
  const HttpResponse response = replica.get("/api/v1/inventory/store/" + store_id + "/product/" + upc);
  if (response.status != 200) {
    return -1;
  }
  boost::system::error_code error;
  const json::value body = json::parse(response.body, error);
  if (error || !body.is_object() || !body.as_object().contains("reportCount")) {
    return -1;
  }
  return static_cast<int>(body.at("reportCount").to_number<std::int64_t>());
}

// Splits each worker's log into the spans in which its scheduler acted as
// the leader: from "holds the lease" to the last line before "lost the
// lease", or to the moment the process ended (`ended_at`, real time).
std::vector<Leadership> leaderships(const std::string& worker, const std::string& log, SystemTime ended_at) {
  std::vector<Leadership> spans;
  std::optional<SystemTime> since;
  for (const LeaseEvent& event : lease_events(log)) {
    if (event.acquired && !since) {
      since = event.at;
    } else if (!event.acquired && since) {
      spans.push_back({worker, *since, std::max(*since, event.last_activity)});
      since.reset();
    }
  }
  if (since) {
    spans.push_back({worker, *since, ended_at});
  }
  return spans;
}

TEST_F(ScaleTest, WorkersShareQuotaAndLeaseOverOneDay) {
  // The sandbox, on the shared clock, with small daily quotas.
  auto& sandbox = start("sandbox", RETAILER_SANDBOX_BINARY,
                        {"--port", "0", "--seed", "7", "--log-level", "warn", "--walmart-daily-quota",
                         std::to_string(kWalmartDailyQuota), "--kroger-products-daily-quota",
                         std::to_string(kKrogerProductsDailyQuota), "--time-scale", fmt::format("{}", time_scale_),
                         "--start-time", std::string(kDayStart), "--time-anchor",
                         std::to_string(unix_milliseconds(anchor_))},
                        {});
  sandbox_url_ = wait_for_url(sandbox);
  ASSERT_FALSE(sandbox_url_.empty());
  HttpTestClient sandbox_client(sandbox_url_);

  // The sandbox and this test agree on the simulated time.
  {
    const HttpResponse time = sandbox_client.get("/_sandbox/time");
    ASSERT_EQ(time.status, 200) << time.body;
    const std::int64_t sandbox_ms = json::parse(time.body).at("now_ms").to_number<std::int64_t>();
    const auto difference = milliseconds(sandbox_ms - unix_milliseconds(now()));
    EXPECT_LT(std::chrono::abs(difference), minutes(5)) << "sandbox time " << sandbox_ms;
  }

  // A database of its own with the Michigan list, 10 Walmart stores and 5
  // Kroger stores from the sandbox's locator.
  database_ = std::make_unique<ScratchDatabase>(server_url_, "wic_scale_" + std::to_string(::getpid()));
  {
    std::ifstream all_stores(std::string(WIC_TEST_DATA_DIR) + "/walmart-stores-mi.csv");
    std::ofstream some_stores(directory_ / "walmart-stores.csv");
    std::string line;
    for (int i = 0; i <= kWalmartStores && std::getline(all_stores, line); ++i) {
      some_stores << line << "\n";
    }
  }
  const std::string env_file = (directory_ / "empty.env").string();
  ASSERT_NO_FATAL_FAILURE(
      run_command("catalog-import", {"catalog", "import", "--state", "MI",
                                     std::string(WIC_TEST_DATA_DIR) + "/michigan-apl.json"}));
  ASSERT_NO_FATAL_FAILURE(run_command(
      "stores-import", {"stores", "import", "--retailer", "walmart", (directory_ / "walmart-stores.csv").string()}));
  ASSERT_NO_FATAL_FAILURE(run_command("stores-discover",
                                      {"stores", "discover", "--retailer", "kroger", "--zip", "48201", "--radius",
                                       "100", "--limit", std::to_string(kKrogerStores), "--env-file", env_file}));

  auto storage = storage::open_storage(database_->url());
  const auto kroger_stores = storage->list_stores(Retailer::kKroger);
  storage::ProductFilter formula;
  formula.formula_only = true;
  const auto formula_products = storage->list_products(formula);
  ASSERT_EQ(kroger_stores.size(), static_cast<std::size_t>(kKrogerStores));
  ASSERT_GE(formula_products.size(), 50u);

  // Three sync workers and two API replicas.
  std::vector<ChildProcess*> workers;
  for (int i = 1; i <= 3; ++i) {
    workers.push_back(&start("worker" + std::to_string(i), WIC_INVENTORY_BINARY,
                             {"sync", "--watch", "--formula-only", "--lease-ttl",
                              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(kLeaseTtl).count()),
                              "--env-file", env_file}, service_environment()));
  }
  std::vector<ChildProcess*> replica_processes;
  std::vector<std::unique_ptr<HttpTestClient>> replicas;
  for (int i = 1; i <= 2; ++i) {
    // A formula time to live of a day keeps the reader's cached entry from
    // being loaded again, so a report reaches it only through the report
    // follower, which reads new reports every simulated minute.
    std::vector<std::string> arguments{"serve",     "--no-scheduler", "--port",        "0",
                                       "--threads", "2",              "--access-log",  "off",
                                       "--env-file", env_file,       "--formula-ttl", "1440",
                                       "--follow-interval", "60"};
    auto& replica = start("replica" + std::to_string(i), WIC_INVENTORY_BINARY, arguments, service_environment());
    replica_processes.push_back(&replica);
    const std::string url = wait_for_url(replica);
    ASSERT_FALSE(url.empty());
    replicas.push_back(std::make_unique<HttpTestClient>(url));
  }

  // The day: a report every 20 minutes, posted to the replicas in turn
  // and read back from the other one. The leader is killed at 11:00.
  std::vector<PostedReport> reports;
  std::optional<SystemTime> killed_at;  // real time
  ChildProcess* killed = nullptr;
  SystemTime next_report = now();
  std::size_t pair_index = 0;
  while (now() < day_start_ + kDayEnd) {
    if (!killed && now() >= day_start_ + kKillLeaderAt) {
      // The lease is free for a moment when its holder renews it late, so
      // the leader is looked for until one lease TTL and one round passed.
      const auto holder = storage->lease_holder(std::string(kLeaseName), now());
      if (!holder) {
        ASSERT_LT(now(), day_start_ + kKillLeaderAt + kLeaseTtl + kRound)
            << "no scheduler holds the lease at " << format_utc_time(now());
        sleep_real(milliseconds(5));
        continue;
      }
      for (ChildProcess* worker : workers) {
        if (held_by(*holder, worker->pid())) {
          killed = worker;
        }
      }
      ASSERT_NE(killed, nullptr) << "lease holder " << *holder << " is none of the workers";
      killed->send_signal(SIGKILL);
      killed_at = std::chrono::system_clock::now();
      ASSERT_TRUE(killed->wait_for_exit(seconds(10)).has_value());
    }

    if (now() >= next_report) {
      PostedReport report;
      const auto& store = kroger_stores[pair_index % kroger_stores.size()];
      const auto& product = formula_products[(pair_index * 7) % formula_products.size()];
      report.store_id = store.id.str();
      report.upc = product.gtin.upc_a().value_or(product.gtin.gtin14());
      report.writer = pair_index % 2;
      HttpTestClient& writer = *replicas[report.writer];
      HttpTestClient& reader = *replicas[1 - report.writer];
      ++pair_index;

      // The reader loads the item before the report, so its cached entry
      // has to pick the report up.
      const int count_before = report_count(reader, report.store_id, report.upc);
      const std::string body = json::serialize(json::object{{"storeId", report.store_id},
                                                            {"upc", report.upc},
                                                            {"status", "out_of_stock"},
                                                            {"userId", "scale-test"}});
      report.posted_at = now();
      const HttpResponse posted = writer.post("/api/v1/inventory/report", body, {{"Content-Type", "application/json"}});
      ASSERT_EQ(posted.status, 201) << "report to replica " << report.writer + 1 << ": " << posted.body;
      report.report_id = json::parse(posted.body).at("reportId").to_number<std::int64_t>();

      while (now() < report.posted_at + kReadBackBound) {
        if (report_count(reader, report.store_id, report.upc) > std::max(count_before, 0)) {
          report.read_back_after = now() - report.posted_at;
          break;
        }
        sleep_real(milliseconds(20));
      }
      reports.push_back(report);
      next_report = report.posted_at + kReportEvery;
    }
    sleep_real(milliseconds(20));
  }
  ASSERT_NE(killed, nullptr) << "the day ended before the leader was killed";

  // One of the workers still alive holds the lease at the end of the day.
  const auto final_holder = storage->lease_holder(std::string(kLeaseName), now());
  ASSERT_TRUE(final_holder.has_value()) << "no scheduler holds the lease at the end of the day";
  EXPECT_FALSE(held_by(*final_holder, killed->pid()))
      << "the killed worker still holds the lease: " << *final_holder;

  // Both replicas serve every report of the last 11 hours.
  for (const PostedReport& report : reports) {
    if (report.posted_at < now() - kFinalReadWindow) {
      continue;
    }
    for (std::size_t i = 0; i < replicas.size(); ++i) {
      EXPECT_EQ(report_count(*replicas[i], report.store_id, report.upc), 1)
          << "replica " << i + 1 << " on report " << report.report_id << " at " << report.store_id << "/"
          << report.upc;
    }
  }

  const HttpResponse stats_response = sandbox_client.get("/_sandbox/stats");
  ASSERT_EQ(stats_response.status, 200);
  const json::object stats = json::parse(stats_response.body).as_object();

  // Stop everything that still runs; each stops cleanly on SIGTERM.
  std::map<std::string, SystemTime> ended_at{{killed->name(), *killed_at}};
  for (auto& process : processes_) {
    if (process.get() != killed && process.get() != &sandbox && process->running()) {
      process->send_signal(SIGTERM);
    }
  }
  for (auto& process : processes_) {
    if (process.get() == killed || process.get() == &sandbox) {
      continue;
    }
    // Returns at once for a process that has ended already. The time read
    // next is then later than its end, which only widens its last span.
    const auto status = process->wait_for_exit(seconds(60));
    ended_at[process->name()] = std::chrono::system_clock::now();
    EXPECT_EQ(status, std::optional<int>(0)) << process->name() << " did not stop cleanly on SIGTERM";
  }
  sandbox.send_signal(SIGTERM);
  EXPECT_EQ(sandbox.wait_for_exit(seconds(30)), std::optional<int>(0));

  // Quota: the sandbox rejected no call with 429 for a spent quota, and no
  // client went over a day's limit. The run stays within one UTC day and
  // within 24 hours of the first Kroger call, so the current windows
  // contain every call.
  const json::object& rate_limited = stats.at("rate_limited").as_object();
  EXPECT_FALSE(rate_limited.contains("quota") && rate_limited.at("quota").to_number<std::int64_t>() > 0)
      << "calls over a quota: " << json::serialize(stats.at("rate_limited"));
  const json::object& quota = stats.at("quota").as_object();
  ASSERT_TRUE(quota.contains("walmart")) << json::serialize(quota);
  ASSERT_TRUE(quota.contains("kroger.products")) << json::serialize(quota);
  for (const auto& [bucket, clients] : quota) {
    for (const auto& [client, usage] : clients.as_object()) {
      EXPECT_LE(usage.at("used").to_number<std::int64_t>(), usage.at("limit").to_number<std::int64_t>())
          << bucket << " " << client;
    }
  }
  // The day's work needs more calls than the quotas allow, so the workers
  // spend most of them; a small share shows that the scheduler stalled.
  const auto used = [&](std::string_view bucket) {
    return quota.at(bucket).as_object().at("sandbox-client").at("used").to_number<std::int64_t>();
  };
  EXPECT_GT(used("kroger.products"), kKrogerProductsDailyQuota / 2);
  EXPECT_GT(used("walmart"), kWalmartDailyQuota / 2);
  std::cout << "sandbox: " << json::serialize(stats.at("rate_limited")) << " rate limited, quota "
            << json::serialize(quota) << "\n";

  // The lease: at most one worker acted as the leader at any moment. Its
  // log records when it took the lease ("holds"), every call it made, and
  // when a renewal failed ("lost"). It calls only in between, so spans
  // from "holds" to its last line before "lost" that do not overlap mean
  // that two schedulers never called at once. A call that was in flight
  // when the lease moved is logged when it ends, so it widens the span.
  std::vector<Leadership> spans;
  for (ChildProcess* worker : workers) {
    const auto worker_spans = leaderships(worker->name(), worker->read_stderr(), ended_at.at(worker->name()));
    spans.insert(spans.end(), worker_spans.begin(), worker_spans.end());
  }
  std::sort(spans.begin(), spans.end(), [](const Leadership& a, const Leadership& b) { return a.from < b.from; });
  ASSERT_GE(spans.size(), 2u) << "expected a leader before the kill and another after it";
  // NOTE: a worker stalled for longer than the lease TTL (833 real
  // milliseconds at scale 720) in the middle of a batch loses the lease and
  // fails this check.
  for (std::size_t i = 1; i < spans.size(); ++i) {
    EXPECT_LE(spans[i - 1].until, spans[i].from)
        << spans[i - 1].worker << " led until " << format_utc_time(simulated(spans[i - 1].until)) << " but "
        << spans[i].worker << " took the lease at " << format_utc_time(simulated(spans[i].from));
  }
  for (const Leadership& span : spans) {
    std::cout << span.worker << " led from " << format_utc_time(simulated(span.from)) << " to "
              << format_utc_time(simulated(span.until)) << "\n";
  }

  // The handover: another worker took the lease within the bound after the
  // kill, and went on making calls.
  const Leadership* successor = nullptr;
  for (const Leadership& span : spans) {
    if (span.worker != killed->name() && span.from >= *killed_at) {
      successor = &span;
      break;
    }
  }
  ASSERT_NE(successor, nullptr) << "no worker took the lease after " << killed->name() << " was killed";
  const Duration handover = simulated(successor->from) - simulated(*killed_at);
  EXPECT_LE(handover, kHandoverBound) << "simulated seconds from the kill to " << successor->worker
                                      << " holding the lease: "
                                      << std::chrono::duration_cast<seconds>(handover).count();
  std::cout << successor->worker << " took the lease "
            << std::chrono::duration_cast<seconds>(handover).count() << " simulated seconds after the kill\n";
  int calls_after_handover = 0;
  for (ChildProcess* worker : workers) {
    if (worker->name() != successor->worker) {
      continue;
    }
    for (const RoundEvent& round : round_events(worker->read_stderr())) {
      if (round.at >= successor->from) {
        calls_after_handover += round.calls;
      }
    }
  }
  EXPECT_GT(calls_after_handover, 0) << successor->worker << " made no calls after taking the lease";

  // Reports: every accepted report is in storage, and the other replica
  // served it within the bound.
  std::set<std::int64_t> stored_ids;
  for (const auto& stored : storage->reports_after(0, 10000)) {
    stored_ids.insert(stored.id);
  }
  ASSERT_GE(reports.size(), 40u) << "the day should hold a report every 20 minutes";
  Duration slowest_read_back{};
  for (const PostedReport& report : reports) {
    EXPECT_TRUE(stored_ids.contains(report.report_id)) << "report " << report.report_id << " not in storage";
    EXPECT_TRUE(report.read_back_after.has_value())
        << "replica " << 2 - report.writer << " did not serve report " << report.report_id << " at "
        << report.store_id << "/" << report.upc << " within "
        << std::chrono::duration_cast<minutes>(kReadBackBound).count() << " simulated minutes";
    slowest_read_back = std::max(slowest_read_back, report.read_back_after.value_or(Duration{}));
  }
  std::cout << reports.size() << " reports; the slowest reached the other replica after "
            << std::chrono::duration_cast<seconds>(slowest_read_back).count() << " simulated seconds\n";
}

}  // namespace
}  // namespace wic::testing
