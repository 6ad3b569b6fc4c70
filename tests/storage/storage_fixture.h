#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/storage.h"

namespace wic::testing {

// A fresh SQLite file in a temporary folder for each test, removed after it.
class TempDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 ("wic-test-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                  std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    storage_ = storage::open_storage(path());
  }

  void TearDown() override {
    storage_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::string path() const { return (directory_ / "wic-inventory.db").string(); }
  storage::Storage& storage() { return *storage_; }
  void reopen() {
    storage_.reset();
    storage_ = storage::open_storage(path());
  }

 private:
  std::filesystem::path directory_;
  std::unique_ptr<storage::Storage> storage_;
};

}  // namespace wic::testing
