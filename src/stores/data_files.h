#pragma once

#include <filesystem>

namespace wic::stores {

// Folder of the reference data the product ships with (michigan-apl.json,
// walmart-stores-mi.csv, us-zip-codes.csv): $WIC_DATA_DIR when set, else
// ./data when it exists, else the source tree's data/ folder this binary was
// built from.
std::filesystem::path data_directory();

// The ZIP centroid file: $WIC_ZIP_CENTROIDS when set, else
// data_directory() / "us-zip-codes.csv".
std::filesystem::path zip_centroids_path();

}  // namespace wic::stores
