// Several sync workers on one database: a worker that starts marks failed
// only the jobs whose process died, never a job another live worker runs.
// Runs on a real SQLite file and, when WIC_TEST_POSTGRES_URL is set, on
// PostgreSQL.

#include <gtest/gtest.h>

#include "retailers/environment.h"
#include "storage_fixture.h"
#include "sync/scheduler.h"
#include "sync/sync_services.h"

namespace wic::sync {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class AbandonedJobsTest : public wic::testing::StorageBackendTest {
 protected:
  void SetUp() override {
    StorageBackendTest::SetUp();
    if (IsSkipped()) {
      return;
    }
    // The starting worker opens the database for itself, as a process would.
    worker_storage = storage::open_storage(path());
    auto services = make_sync_services(retailers::Environment::from_map({}), worker_storage, clock);
    ASSERT_TRUE(services.ok()) << services.error().message;
    worker = std::move(services).value();
  }

  void TearDown() override {
    worker.engine.reset();
    worker.refresher.reset();
    worker_storage.reset();
    StorageBackendTest::TearDown();
  }

  // A job as another live worker's JobRun keeps it: running, its record
  // written now.
  storage::SyncJob record_running_job() {
    storage::SyncJob job;
    job.retailer = Retailer::kKroger;
    job.product_scope = "formula";
    job.status = storage::JobStatus::kRunning;
    job.started_at = clock->system_now();
    job.updated_at = clock->system_now();
    job.id = storage().create_job(job);
    return job;
  }

  void write_progress(storage::SyncJob& job) {
    job.processed += 10;
    job.updated_at = clock->system_now();
    storage().update_job(job);
  }

  storage::JobStatus status_of(const storage::SyncJob& job) { return storage().find_job(job.id)->status; }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::shared_ptr<storage::Storage> worker_storage;
  SyncServices worker;
};

INSTANTIATE_TEST_SUITE_P(Backends, AbandonedJobsTest, ::testing::ValuesIn(wic::testing::storage_backends()),
                         [](const auto& info) { return info.param; });

TEST_P(AbandonedJobsTest, StartingWorkerSparesLiveJob) {
  auto job = record_running_job();
  clock->advance(seconds{30});

  EXPECT_EQ(worker.engine->fail_unfinished_jobs(), 0);
  EXPECT_EQ(status_of(job), storage::JobStatus::kRunning);

  // The live worker keeps writing its record, so it stays safe however
  // long the job runs.
  for (int i = 0; i < 10; ++i) {
    clock->advance(minutes{1});
    write_progress(job);
  }
  clock->advance(kDefaultAbandonedAfter - seconds{1});
  EXPECT_EQ(worker.engine->fail_unfinished_jobs(), 0);
  EXPECT_EQ(status_of(job), storage::JobStatus::kRunning);
}

TEST_P(AbandonedJobsTest, StartingWorkerFailsSilentJob) {
  const auto job = record_running_job();
  clock->advance(kDefaultAbandonedAfter + seconds{1});

  EXPECT_EQ(worker.engine->fail_unfinished_jobs(), 1);

  const auto failed = storage().find_job(job.id);
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->status, storage::JobStatus::kFailed);
  EXPECT_EQ(failed->finished_at, clock->system_now());
  EXPECT_NE(failed->error.find("ended before it finished"), std::string::npos) << failed->error;
}

TEST_P(AbandonedJobsTest, SchedulerLeaderFailsSilentJob) {
  const auto live = record_running_job();
  clock->advance(minutes{10});
  const auto dead = record_running_job();
  auto live_record = *storage().find_job(live.id);
  write_progress(live_record);
  // `dead` stops here; `live` writes again just before the round.
  clock->advance(kDefaultAbandonedAfter + seconds{1});
  write_progress(live_record);
  Scheduler scheduler(worker.refresher, worker_storage, clock);

  ASSERT_TRUE(scheduler.run_round()) << "the only scheduler holds the lease";

  EXPECT_EQ(status_of(dead), storage::JobStatus::kFailed);
  EXPECT_EQ(status_of(live), storage::JobStatus::kRunning);
}

TEST_P(AbandonedJobsTest, JobRecordCarriesWriteTime) {
  // A job that cannot run (no retailer configured) still writes its record
  // at each step, stamped with the clock.
  const SystemTime started = clock->system_now();
  const auto report = worker.engine->run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});
  ASSERT_TRUE(report.ok()) << report.error().message;

  const auto stored = storage().find_job(report->job.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->status, storage::JobStatus::kFailed);
  ASSERT_TRUE(stored->updated_at.has_value());
  EXPECT_EQ(*stored->updated_at, started);
}

}  // namespace
}  // namespace wic::sync
