#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"

namespace wic::retailers {

// Configuration variables: the process environment over a .env file. A
// variable set in the environment wins over the same name in the file, so a
// deployment can override a developer's file. An empty value counts as unset.
class Environment {
 public:
  // Only the process environment.
  static Environment from_process();

  // The process environment over `dotenv_path`. A missing file is not an
  // error (the file is optional); a line that is not NAME=VALUE is, and the
  // error names the file and line.
  static Result<Environment> from_process_and_file(const std::string& dotenv_path);

  // Only `variables`, for tests and tools that build their own.
  static Environment from_map(std::map<std::string, std::string> variables);

  std::optional<std::string> get(const std::string& name) const;

 private:
  std::map<std::string, std::string> file_;  // from a .env file or a map
  bool read_process_ = false;
};

// Parses the text of a .env file: NAME=VALUE lines, optional "export ",
// comments from '#', values in single quotes (literal) or double quotes
// (with \n, \" and \\ escapes). The error names the line, never its value,
// because the value may be a secret.
Result<std::map<std::string, std::string>> parse_dotenv(const std::string& text, const std::string& origin);

}  // namespace wic::retailers
