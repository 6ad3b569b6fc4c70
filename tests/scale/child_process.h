#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wic::testing {

// A program started by the test with posix_spawn, its standard output and
// standard error written to files. The destructor kills it with SIGKILL if
// it still runs, so a failed assertion never leaves it behind.
class ChildProcess {
 public:
  // Starts `program` with `arguments` and the test's environment plus
  // `environment` (which wins on a clash). Throws std::runtime_error when
  // the program cannot be started.
  ChildProcess(std::string name, const std::string& program, const std::vector<std::string>& arguments,
               const std::map<std::string, std::string>& environment, const std::filesystem::path& log_directory);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  const std::string& name() const { return name_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& stdout_path() const { return stdout_path_; }
  const std::filesystem::path& stderr_path() const { return stderr_path_; }

  void send_signal(int signal_number);
  // Waits up to `timeout` (real time) for the process to end. Returns its
  // exit status, 128 + the signal that ended it, or nullopt while it runs.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  // Exit status once ended, without waiting.
  std::optional<int> poll_exit();
  bool running() { return !poll_exit().has_value(); }

  std::string read_stdout() const;
  std::string read_stderr() const;

 private:
  std::string name_;
  std::filesystem::path stdout_path_;
  std::filesystem::path stderr_path_;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

// Runs `program` to completion and returns its exit status; its output goes
// to files named after `name` in `log_directory`.
int run_to_completion(const std::string& name, const std::string& program, const std::vector<std::string>& arguments,
                      const std::map<std::string, std::string>& environment,
                      const std::filesystem::path& log_directory, std::chrono::milliseconds timeout);

}  // namespace wic::testing
