#include "stores/store_file.h"

#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <map>

#include "core/store_id.h"
#include "stores/csv.h"
#include "stores/zip_centroids.h"

namespace wic::stores {
namespace {

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// Column positions by header name.
using Columns = std::map<std::string, std::size_t>;

std::optional<std::string> missing_column(const Columns& columns) {
  for (const char* name : {"name", "address", "city", "state", "zip", "lat", "lon"}) {
    if (!columns.contains(name)) {
      return name;
    }
  }
  return std::nullopt;
}

// Validates one data row; returns the reason it is invalid, if it is.
std::optional<std::string> fill_row(const Columns& columns, const std::vector<std::string>& fields, StoreRow& row) {
  if (fields.size() < columns.size()) {
    return fmt::format("{} fields, expected {}", fields.size(), columns.size());
  }
  const auto field = [&](const char* name) { return fields[columns.at(name)]; };

  row.name = field("name");
  row.address = field("address");
  row.city = field("city");
  row.state = field("state");
  row.zip = field("zip");
  if (row.name.empty()) {
    return std::string("missing name");
  }
  if (!is_valid_zip(row.zip)) {
    return fmt::format("invalid zip \"{}\": expected 5 digits", row.zip);
  }

  const auto latitude = parse_double(field("lat"));
  const auto longitude = parse_double(field("lon"));
  if (!latitude || !longitude || !is_valid(GeoPoint{*latitude, *longitude})) {
    return fmt::format("invalid coordinates \"{}\", \"{}\": expected decimal degrees", field("lat"), field("lon"));
  }
  row.location = GeoPoint{*latitude, *longitude};
  return std::nullopt;
}

}  // namespace

Result<StoreFile> read_store_csv(const std::filesystem::path& path, std::optional<Retailer> default_retailer) {
  std::ifstream in(path);
  if (!in) {
    return Error{"file_not_found", fmt::format("cannot read store file \"{}\"", path.string())};
  }

  std::string line;
  std::getline(in, line);
  Columns columns;
  const auto header = split_csv_line(line);
  for (std::size_t i = 0; i < header.size(); ++i) {
    columns[header[i]] = i;
  }
  if (const auto missing = missing_column(columns)) {
    return Error{"invalid_header",
                 fmt::format("invalid store file \"{}\": missing column \"{}\"; the header needs name, address, "
                             "city, state, zip, lat and lon, and may have store_id",
                             path.string(), *missing)};
  }

  if (!columns.contains("store_id") && !default_retailer) {
    return Error{"missing_retailer",
                 fmt::format("store file \"{}\" has no store_id column: name the retailer whose stores it lists "
                             "(--retailer walmart or --retailer kroger)",
                             path.string())};
  }

  StoreFile file;
  std::size_t line_number = 1;
  int next_number = kFirstAssignedStoreNumber;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line == "\r") {
      continue;
    }
    const auto fields = split_csv_line(line);
    StoreRow row;
    row.line = line_number;

    const int assigned_number = next_number++;
    if (auto reason = fill_row(columns, fields, row)) {
      file.errors.push_back({line_number, *reason});
      continue;
    }

    const bool has_id = columns.contains("store_id") && !fields[columns.at("store_id")].empty();
    if (!has_id && !default_retailer) {
      file.errors.push_back({line_number, "missing store_id; add a store_id column or name the retailer whose "
                                          "stores the file lists (--retailer walmart)"});
      continue;
    }
    auto id = has_id ? StoreId::parse(fields[columns.at("store_id")])
                     : StoreId::make(*default_retailer, std::to_string(assigned_number));
    if (!id) {
      file.errors.push_back({line_number, id.error().message});
      continue;
    }
    row.store_id = id->str();
    file.rows.push_back(std::move(row));
  }
  return file;
}

}  // namespace wic::stores
