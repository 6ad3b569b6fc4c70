#include "retailers/environment.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace wic::retailers {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
      return false;
    }
  }
  return true;
}

std::optional<std::string> unquote_double(std::string_view body) {
  std::string value;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      value += body[i];
      continue;
    }
    const char next = body[++i];
    value += next == 'n' ? '\n' : next;
  }
  return value;
}

// The value part of a line: quoted, or bare up to a " #" comment.
std::optional<std::string> parse_value(std::string_view raw) {
  raw = trim(raw);
  if (raw.empty()) {
    return std::string();
  }

  const char quote = raw.front();
  if (quote == '\'' || quote == '"') {
    std::size_t end = 1;
    while (end < raw.size() && (raw[end] != quote || (quote == '"' && raw[end - 1] == '\\'))) {
      ++end;
    }
    if (end >= raw.size()) {
      return std::nullopt;  // no closing quote
    }
    const std::string_view rest = trim(raw.substr(end + 1));
    if (!rest.empty() && rest.front() != '#') {
      return std::nullopt;  // text after the closing quote
    }
    const std::string_view body = raw.substr(1, end - 1);
    return quote == '\'' ? std::string(body) : unquote_double(body);
  }

  const std::size_t comment = raw.find(" #");
  return std::string(trim(raw.substr(0, comment)));
}

}  // namespace

Result<std::map<std::string, std::string>> parse_dotenv(const std::string& text, const std::string& origin) {
  std::map<std::string, std::string> variables;
  std::istringstream lines(text);
  std::string line;
  int number = 0;

  while (std::getline(lines, line)) {
    ++number;
    std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') {
      continue;
    }
    if (content.substr(0, 7) == "export ") {
      content = trim(content.substr(7));
    }

    const std::size_t equals = content.find('=');
    const std::string_view name = equals == std::string_view::npos ? content : trim(content.substr(0, equals));
    if (equals == std::string_view::npos || !is_variable_name(name)) {
      return Error{"invalid_dotenv", fmt::format("{} line {}: expected NAME=VALUE with a name of letters, digits "
                                                 "and underscores",
                                                 origin, number)};
    }
    std::optional<std::string> value = parse_value(content.substr(equals + 1));
    if (!value) {
      return Error{"invalid_dotenv",
                   fmt::format("{} line {}: the value of {} has an unclosed quote or text after its closing quote",
                               origin, number, name)};
    }
    variables[std::string(name)] = std::move(*value);
  }
  return variables;
}

Environment Environment::from_process() {
  Environment environment;
  environment.read_process_ = true;
  return environment;
}

Result<Environment> Environment::from_process_and_file(const std::string& dotenv_path) {
  Environment environment = from_process();

  std::ifstream file(dotenv_path);
  if (!file) {
    return environment;
  }
  std::stringstream text;
  text << file.rdbuf();

  auto variables = parse_dotenv(text.str(), dotenv_path);
  if (!variables) {
    return variables.error();
  }
  environment.file_ = std::move(variables).value();
  return environment;
}

Environment Environment::from_map(std::map<std::string, std::string> variables) {
  Environment environment;
  environment.file_ = std::move(variables);
  return environment;
}

std::optional<std::string> Environment::get(const std::string& name) const {
  if (read_process_) {
    const char* value = std::getenv(name.c_str());
    if (value != nullptr && *value != '\0') {
      return std::string(value);
    }
  }
  const auto it = file_.find(name);
  if (it == file_.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second;
}

}  // namespace wic::retailers
