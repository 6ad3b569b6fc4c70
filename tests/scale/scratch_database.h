#pragma once

#include <string>

namespace wic::testing {

// A PostgreSQL database of its own on the test server, so that the test
// neither reads nor leaves rows in the database other tests share. Created
// empty by the constructor and dropped, with every connection to it, by the
// destructor.
class ScratchDatabase {
 public:
  // `server_url`: any database URL on the server, e.g.
  // postgresql://wic@127.0.0.1:55432/wic_test; `name`: the new database.
  ScratchDatabase(const std::string& server_url, std::string name);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

}  // namespace wic::testing
