#include "stores/data_files.h"

#include <cstdlib>

namespace wic::stores {

std::filesystem::path data_directory() {
  if (const char* configured = std::getenv("WIC_DATA_DIR"); configured != nullptr && *configured != '\0') {
    return configured;
  }
  if (std::filesystem::is_directory("data")) {
    return "data";
  }
  return WIC_SOURCE_DATA_DIR;
}

std::filesystem::path zip_centroids_path() {
  if (const char* configured = std::getenv("WIC_ZIP_CENTROIDS"); configured != nullptr && *configured != '\0') {
    return configured;
  }
  return data_directory() / "us-zip-codes.csv";
}

}  // namespace wic::stores
