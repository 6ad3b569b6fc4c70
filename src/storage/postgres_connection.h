#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace wic::storage {

// Text parameter of a query; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;

// Rows of one query result, read as text.
class PgResult {
 public:
  explicit PgResult(pg_result* result);
  ~PgResult();
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&&) = delete;
  PgResult(const PgResult&) = delete;

  bool ok() const;  // the statement succeeded, with or without rows
  int rows() const;
  int affected() const;  // rows changed by INSERT, UPDATE or DELETE
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  std::optional<std::int64_t> optional_integer(int row, int column) const;
  double real(int row, int column) const;

 private:
  pg_result* result_;
};

// One libpq connection. Not thread-safe: the pool hands it to one thread at
// a time.
class PgConnection {
 public:
  explicit PgConnection(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with $1.. parameters. Throws StorageError naming the
  // statement's first words and the server's message.
  PgResult query(std::string_view sql, const std::vector<PgParam>& params = {});
  // Runs one or more statements without parameters.
  void exec(std::string_view sql);
  bool healthy() const;

 private:
  pg_conn* connection_ = nullptr;
};

// Fixed-size pool of connections. acquire() waits for a free one.
class PgPool {
 public:
  PgPool(std::string url, int size);

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> connection);
    ~Lease();
    Lease(Lease&&) = default;
    PgConnection& operator*() { return *connection_; }
    PgConnection* operator->() { return connection_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  Lease acquire();

 private:
  void release(std::unique_ptr<PgConnection> connection);

  std::string url_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int created_ = 0;
  int size_;
};

// BEGIN on construction, COMMIT on commit(), ROLLBACK when destroyed
// uncommitted.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& connection_;
  bool done_ = false;
};

}  // namespace wic::storage
