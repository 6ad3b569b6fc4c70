#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/postgres_connection.h"
#include "storage/storage.h"

namespace wic::testing {

// URL of the test PostgreSQL server (scripts/postgres.sh starts one and
// scripts/test.sh exports it), or empty.
inline std::string postgres_test_url() {
  const char* url = std::getenv("WIC_TEST_POSTGRES_URL");
  return url == nullptr ? "" : url;
}

// Backends a storage test runs on: "sqlite" always, "postgresql" too.
inline std::vector<std::string> storage_backends() { return {"sqlite", "postgresql"}; }

// A fresh, empty database for each test: a SQLite file in a temporary
// folder, or the test PostgreSQL database with its schema dropped and
// created again. PostgreSQL tests are skipped, with a message, when no
// server is configured; scripts/test.sh always configures one.
class StorageTestBase : public ::testing::Test {
 protected:
  void open_backend(const std::string& backend) {
    backend_ = backend;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');
    directory_ = std::filesystem::temp_directory_path() / ("wic-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);

    if (backend == "postgresql") {
      location_ = postgres_test_url();
      if (location_.empty()) {
        GTEST_SKIP() << "WIC_TEST_POSTGRES_URL is not set; run scripts/test.sh, which starts PostgreSQL";
      }
      storage::PgConnection connection(location_);
      connection.exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
    } else {
      location_ = (directory_ / "wic-inventory.db").string();
    }
    storage_ = storage::open_storage(location_);
  }

  void TearDown() override {
    storage_.reset();
    std::filesystem::remove_all(directory_);
  }

  const std::string& backend() const { return backend_; }
  // SQLite file path or PostgreSQL URL.
  const std::string& path() const { return location_; }
  const std::filesystem::path& directory() const { return directory_; }
  storage::Storage& storage() { return *storage_; }
  void reopen() {
    storage_.reset();
    storage_ = storage::open_storage(location_);
  }

 private:
  std::string backend_;
  std::filesystem::path directory_;
  std::string location_;
  std::unique_ptr<storage::Storage> storage_;
};

// SQLite only.
class TempDatabase : public StorageTestBase {
 protected:
  void SetUp() override { open_backend("sqlite"); }
};

// Runs each test on every backend.
class StorageBackendTest : public StorageTestBase, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { open_backend(GetParam()); }
};

}  // namespace wic::testing
