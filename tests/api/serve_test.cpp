// `wic-inventory serve` as a user runs it: a child process on a free port,
// stopped by SIGTERM.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "http_test_client.h"

namespace wic::cli {
namespace {

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("wic-serve-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override {
    if (child_ > 0) {
      ::kill(child_, SIGKILL);
      ::waitpid(child_, nullptr, 0);
    }
    if (output_ != nullptr) {
      std::fclose(output_);
    }
    std::filesystem::remove_all(directory_);
  }

  // Starts the binary with `arguments`; its standard output is readable
  // through read_line().
  void spawn(const std::vector<std::string>& arguments) {
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    child_ = ::fork();
    ASSERT_GE(child_, 0);
    if (child_ == 0) {
      ::dup2(pipe_fds[1], STDOUT_FILENO);
      ::close(pipe_fds[0]);
      ::close(pipe_fds[1]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(WIC_INVENTORY_BINARY));
      for (const auto& argument : arguments) {
        argv.push_back(const_cast<char*>(argument.c_str()));
      }
      argv.push_back(nullptr);
      ::execv(WIC_INVENTORY_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    output_ = ::fdopen(pipe_fds[0], "r");
  }

  std::string read_line() {
    char line[512] = {};
    if (std::fgets(line, sizeof line, output_) == nullptr) {
      return "";
    }
    return line;
  }

  void send_signal(int signal_number) { ASSERT_EQ(::kill(child_, signal_number), 0); }

  int wait_for_exit() {
    int status = 0;
    ::waitpid(child_, &status, 0);
    child_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string path(const std::string& name) const { return (directory_ / name).string(); }

 private:
  std::filesystem::path directory_;
  pid_t child_ = -1;
  FILE* output_ = nullptr;
};

TEST_F(ServeTest, PrintsPortServesAndStopsOnSigterm) {
  const std::string access_log = path("access.log");
  spawn({"--db", path("serve.db"), "serve", "--port", "0", "--access-log", access_log, "--env-file",
         path("missing.env")});

  const std::string line = read_line();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(^listening on http://127\.0\.0\.1:(\d+)\n$)"))) << line;

  testing::HttpTestClient client("http://127.0.0.1:" + match[1].str());
  const auto health = client.get("/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  const auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 503) << "an empty database has no products";

  send_signal(SIGTERM);
  EXPECT_EQ(wait_for_exit(), 0);
  EXPECT_EQ(read_line(), "") << "nothing after the listening line on standard output";

  std::ifstream log(access_log);
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("\"GET /healthz\" 200"), std::string::npos) << "access log flushed on exit:\n"
                                                                         << text.str();
  EXPECT_NE(text.str().find("\"GET /readyz\" 503"), std::string::npos);
}

TEST_F(ServeTest, StopsOnSigint) {
  spawn({"--db", path("serve.db"), "serve", "--port", "0", "--access-log", "off", "--env-file", path("missing.env")});
  ASSERT_NE(read_line().find("listening on"), std::string::npos);

  send_signal(SIGINT);

  EXPECT_EQ(wait_for_exit(), 0);
}

TEST_F(ServeTest, InvalidPortExitsWithUsageError) {
  spawn({"--db", path("serve.db"), "serve", "--port", "70000"});
  EXPECT_EQ(read_line(), "");
  EXPECT_EQ(wait_for_exit(), 2);
}

// An option that fails its range check gives the same usage exit code as
// any other invalid input, not the parser's own code.
TEST_F(ServeTest, OptionOutOfRangeExitsWithUsageError) {
  spawn({"--db", path("serve.db"), "serve", "--port", "0", "--lease-ttl", "5"});
  EXPECT_EQ(read_line(), "");
  EXPECT_EQ(wait_for_exit(), 2);
}

}  // namespace
}  // namespace wic::cli
