#include "storage/postgres_connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include "storage/storage.h"

namespace wic::storage {
namespace {

// The start of a statement, to name it in an error without its data.
std::string statement_label(std::string_view sql) {
  const auto start = sql.find_first_not_of(" \n");
  const std::string_view trimmed = start == std::string_view::npos ? sql : sql.substr(start);
  return std::string(trimmed.substr(0, std::min<std::size_t>(trimmed.size(), 60)));
}

// The URL without its password, for error messages.
std::string redact_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto at = url.find('@');
  if (scheme_end == std::string::npos || at == std::string::npos) {
    return url.substr(0, url.find('?'));
  }
  const auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) {
    return url.substr(0, url.find('?'));
  }
  return url.substr(0, colon) + ":***" + url.substr(at, url.find('?', at) - at);
}

}  // namespace

PgResult::PgResult(pg_result* result) : result_(result) {}
PgResult::~PgResult() { PQclear(result_); }
PgResult::PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }

bool PgResult::ok() const {
  const auto status = PQresultStatus(result_);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

int PgResult::rows() const { return PQntuples(result_); }

int PgResult::affected() const {
  const char* count = PQcmdTuples(result_);
  return count == nullptr || *count == '\0' ? 0 : std::stoi(count);
}

bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), PQgetlength(result_, row, column));
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  return text(row, column);
}

std::int64_t PgResult::integer(int row, int column) const { return std::stoll(PQgetvalue(result_, row, column)); }

std::optional<std::int64_t> PgResult::optional_integer(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  return integer(row, column);
}

double PgResult::real(int row, int column) const { return std::stod(PQgetvalue(result_, row, column)); }

PgConnection::PgConnection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
  if (PQstatus(connection_) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(connection_);
    PQfinish(connection_);
    connection_ = nullptr;
    throw StorageError(fmt::format("cannot connect to PostgreSQL at {}: {}", redact_url(url), message));
  }
  exec("SET client_min_messages = warning");
}

PgConnection::~PgConnection() { PQfinish(connection_); }

bool PgConnection::healthy() const { return PQstatus(connection_) == CONNECTION_OK; }

PgResult PgConnection::query(std::string_view sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& param : params) {
    values.push_back(param ? param->c_str() : nullptr);
  }

  PgResult result(PQexecParams(connection_, std::string(sql).c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0));
  if (!result.ok()) {
    throw StorageError(
        fmt::format("PostgreSQL statement \"{}...\" failed: {}", statement_label(sql), PQerrorMessage(connection_)));
  }
  return result;
}

void PgConnection::exec(std::string_view sql) {
  PgResult result(PQexec(connection_, std::string(sql).c_str()));
  if (!result.ok()) {
    throw StorageError(
        fmt::format("PostgreSQL statement \"{}...\" failed: {}", statement_label(sql), PQerrorMessage(connection_)));
  }
}

PgPool::PgPool(std::string url, int size) : url_(std::move(url)), size_(size) {
  // Connect once now, so a wrong URL fails at start-up and not on first use.
  idle_.push_back(std::make_unique<PgConnection>(url_));
  created_ = 1;
}

PgPool::Lease::Lease(PgPool& pool, std::unique_ptr<PgConnection> connection)
    : pool_(&pool), connection_(std::move(connection)) {}

PgPool::Lease::~Lease() {
  if (connection_) {
    pool_->release(std::move(connection_));
  }
}

PgPool::Lease PgPool::acquire() {
  std::unique_lock lock(mutex_);
  while (idle_.empty() && created_ >= size_) {
    available_.wait(lock);
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }

  ++created_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<PgConnection>(url_));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --created_;
    available_.notify_one();
    throw;
  }
}

void PgPool::release(std::unique_ptr<PgConnection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    // A broken connection is dropped; the next acquire opens a new one.
    spdlog::warn("event=postgres_connection_dropped reason=\"connection lost\"");
    --created_;
  }
  available_.notify_one();
}

PgTransaction::PgTransaction(PgConnection& connection) : connection_(connection) { connection_.exec("BEGIN"); }

PgTransaction::~PgTransaction() {
  if (done_) {
    return;
  }
  try {
    connection_.exec("ROLLBACK");
  } catch (const StorageError& error) {
    spdlog::error("event=rollback_failed error=\"{}\"", error.what());
  }
}

void PgTransaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

}  // namespace wic::storage
