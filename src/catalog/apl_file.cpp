#include "catalog/apl_file.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace wic::catalog {
namespace {

namespace json = boost::json;

// Reads a string field; a missing or null field is empty, a number is
// written in decimal (some lists store codes as numbers).
std::string string_field(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr || value->is_null()) {
    return {};
  }
  if (value->is_string()) {
    return std::string(value->as_string());
  }
  if (value->is_int64()) {
    return std::to_string(value->as_int64());
  }
  if (value->is_uint64()) {
    return std::to_string(value->as_uint64());
  }
  return json::serialize(*value);
}

}  // namespace

Result<AplFile> read_apl_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{"file_not_found", fmt::format("cannot read product list \"{}\": no such file or no permission",
                                               path.string())};
  }
  std::ostringstream text;
  text << in.rdbuf();

  boost::system::error_code parse_error;
  json::value document = json::parse(text.str(), parse_error);
  if (parse_error) {
    return Error{"invalid_json", fmt::format("invalid product list \"{}\": not valid JSON ({})", path.string(),
                                             parse_error.message())};
  }
  if (!document.is_array()) {
    return Error{"invalid_json",
                 fmt::format("invalid product list \"{}\": expected a JSON array of products", path.string())};
  }

  AplFile file;
  const json::array& rows = document.as_array();
  for (std::size_t index = 0; index < rows.size(); ++index) {
    if (!rows[index].is_object()) {
      file.errors.push_back({index, "row is not a JSON object"});
      continue;
    }
    const json::object& object = rows[index].as_object();
    AplRow row{index,
               string_field(object, "upc"),
               string_field(object, "brand"),
               string_field(object, "description"),
               string_field(object, "category"),
               string_field(object, "subcategory"),
               string_field(object, "size"),
               string_field(object, "unit")};
    if (row.upc.empty()) {
      file.errors.push_back({index, "missing upc"});
      continue;
    }
    file.rows.push_back(std::move(row));
  }
  return file;
}

}  // namespace wic::catalog
