#include "sandbox/config.h"

namespace wic::sandbox {

std::filesystem::path default_data_directory() { return WIC_SANDBOX_DATA_DIR; }

}  // namespace wic::sandbox
