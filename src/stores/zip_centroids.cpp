#include "stores/zip_centroids.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fstream>

#include "stores/csv.h"

namespace wic::stores {
namespace {

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

bool is_valid_zip(std::string_view zip) {
  return zip.size() == 5 && std::all_of(zip.begin(), zip.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<ZipCentroids> ZipCentroids::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return Error{"file_not_found", fmt::format("cannot read ZIP centroids \"{}\"", path.string())};
  }

  std::string line;
  std::getline(in, line);
  if (split_csv_line(line) != std::vector<std::string>{"zip", "lat", "lon", "state"}) {
    return Error{"invalid_header",
                 fmt::format("invalid ZIP centroid file \"{}\": expected the header zip,lat,lon,state", path.string())};
  }

  ZipCentroids centroids;
  std::size_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    const auto fields = split_csv_line(line);
    const auto latitude = fields.size() == 4 ? parse_double(fields[1]) : std::nullopt;
    const auto longitude = fields.size() == 4 ? parse_double(fields[2]) : std::nullopt;
    if (!latitude || !longitude || !is_valid_zip(fields[0])) {
      return Error{"invalid_row", fmt::format("invalid ZIP centroid file \"{}\": line {} is not zip,lat,lon,state",
                                              path.string(), line_number)};
    }
    centroids.by_zip_.emplace(fields[0], centroids.centroids_.size());
    centroids.centroids_.push_back({fields[0], GeoPoint{*latitude, *longitude}, fields[3]});
  }
  return centroids;
}

std::optional<ZipCentroid> ZipCentroids::find(std::string_view zip) const {
  const auto it = by_zip_.find(std::string(zip));
  if (it == by_zip_.end()) {
    return std::nullopt;
  }
  return centroids_[it->second];
}

std::vector<ZipCentroid> ZipCentroids::in_state(std::string_view state) const {
  std::vector<ZipCentroid> out;
  std::copy_if(centroids_.begin(), centroids_.end(), std::back_inserter(out),
               [&](const ZipCentroid& centroid) { return centroid.state == state; });
  return out;
}

}  // namespace wic::stores
