#pragma once

#include <span>
#include <string_view>

namespace wic::storage {

// One schema change. Versions start at 1 and increase by one; a migration
// is never edited once released, only followed by a new one.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();

}  // namespace wic::storage
