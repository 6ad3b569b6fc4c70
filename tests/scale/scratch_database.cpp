#include "scratch_database.h"

#include <stdexcept>

#include "storage/postgres_connection.h"

namespace wic::testing {
namespace {

// `url` with its database name replaced by `name`; query parameters stay.
std::string with_database(const std::string& url, const std::string& name) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const auto slash = base.rfind('/');
  if (slash == std::string::npos || slash < base.find("://") + 3) {
    throw std::invalid_argument("PostgreSQL URL without a database name: expected postgresql://user@host:port/db");
  }
  return base.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

ScratchDatabase::ScratchDatabase(const std::string& server_url, std::string name)
    : server_url_(server_url), name_(std::move(name)), url_(with_database(server_url, name_)) {
  storage::PgConnection connection(server_url_);
  connection.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  connection.exec("CREATE DATABASE " + name_);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    storage::PgConnection connection(server_url_);
    connection.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The server cannot be reached, so the database stays; the next run of
    // a test with the same name drops it before creating it.
  }
}

}  // namespace wic::testing
