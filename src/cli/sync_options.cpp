#include "cli/sync_options.h"

#include <charconv>

#include <fmt/format.h>

#include "retailers/environment.h"

namespace wic::cli {

SyncRuntime open_sync_runtime(CommandContext& context, const std::string& env_file) {
  auto environment = retailers::Environment::from_process_and_file(env_file);
  if (!environment) {
    throw CommandError(kExitInvalidInput, environment.error().message);
  }

  SyncRuntime runtime;
  runtime.storage = std::shared_ptr<storage::Storage>(storage::open_storage(context.database));
  runtime.clock = context.clock();
  auto services = sync::make_sync_services(*environment, runtime.storage, runtime.clock);
  if (!services) {
    throw CommandError(kExitInvalidInput, services.error().message);
  }
  runtime.services = std::move(services).value();
  return runtime;
}

std::optional<Retailer> parse_retailer_option(const std::string& name) {
  if (name.empty()) {
    return std::nullopt;
  }
  auto retailer = parse_retailer(name);
  if (!retailer) {
    throw CommandError(kExitInvalidInput, fmt::format("invalid retailer \"{}\": expected walmart or kroger", name));
  }
  return retailer;
}

std::vector<StoreId> parse_store_ids(const std::vector<std::string>& ids) {
  std::vector<StoreId> stores;
  for (const std::string& id : ids) {
    auto store = StoreId::parse(id);
    if (!store) {
      throw CommandError(kExitInvalidInput, store.error().message);
    }
    stores.push_back(*store);
  }
  return stores;
}

std::vector<Gtin> parse_upcs(const std::vector<std::string>& codes) {
  std::vector<Gtin> gtins;
  for (const std::string& code : codes) {
    auto parsed = ProductCode::parse(code, CodeConvention::kCheckDigitIncluded);
    if (!parsed) {
      throw CommandError(kExitInvalidInput, parsed.error().message);
    }
    if (!parsed->is_gtin()) {
      throw CommandError(kExitInvalidInput,
                         fmt::format("\"{}\" is a produce or retailer-assigned code: retailer product APIs cannot "
                                     "look it up; pass a UPC or GTIN",
                                     code));
    }
    gtins.push_back(parsed->gtin());
  }
  return gtins;
}

Duration parse_age(const std::string& text) {
  const auto invalid = [&text] {
    return CommandError(kExitInvalidInput,
                        fmt::format("invalid age \"{}\": expected a whole number followed by d, h or m, e.g. 7d",
                                    text));
  };
  if (text.size() < 2) {
    throw invalid();
  }
  long long value = 0;
  const char* end = text.data() + text.size() - 1;
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || stop != end || value <= 0 || value > 3650LL * 24 * 60) {
    throw invalid();
  }
  switch (text.back()) {
    case 'd':
      return std::chrono::hours{24 * value};
    case 'h':
      return std::chrono::hours{value};
    case 'm':
      return std::chrono::minutes{value};
    default:
      throw invalid();
  }
}

}  // namespace wic::cli
