#include "sync/job_spec.h"

#include <algorithm>

#include <fmt/format.h>

namespace wic::sync {
namespace {

constexpr char kFormula[] = "formula";
constexpr char kAll[] = "all";

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string::npos ? text.size() : comma;
    if (end > start) {
      parts.push_back(text.substr(start, end - start));
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return parts;
}

template <typename T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

std::string to_string(const ProductScope& scope) {
  switch (scope.kind) {
    case ProductScope::Kind::kFormula:
      return kFormula;
    case ProductScope::Kind::kAll:
      return kAll;
    case ProductScope::Kind::kList:
      break;
  }
  std::string text;
  for (const Gtin& gtin : scope.gtins) {
    if (!text.empty()) {
      text += ',';
    }
    text += gtin.gtin14();
  }
  return text;
}

Result<ProductScope> parse_product_scope(const std::string& text) {
  if (text == kFormula) {
    return ProductScope::formula();
  }
  if (text == kAll) {
    return ProductScope::all();
  }

  std::vector<Gtin> gtins;
  for (const std::string& part : split_commas(text)) {
    Result<Gtin> gtin = Gtin::from_gtin14(part);
    if (!gtin) {
      return Error{"invalid_product_scope",
                   fmt::format("invalid product scope \"{}\": \"{}\" is not a GTIN-14 ({}); expected formula, all "
                               "or GTIN-14s separated by commas",
                               text, part, gtin.error().message)};
    }
    gtins.push_back(*gtin);
  }
  if (gtins.empty()) {
    return Error{"invalid_product_scope", "empty product scope: expected formula, all or GTIN-14s"};
  }
  return ProductScope::list(std::move(gtins));
}

Result<JobSpec> spec_of(const storage::SyncJob& job) {
  JobSpec spec;
  spec.retailer = job.retailer;
  for (const std::string& id : job.store_ids) {
    Result<StoreId> store = StoreId::parse(id);
    if (!store) {
      return Error{"invalid_store", fmt::format("job {} names an invalid store: {}", job.id, store.error().message)};
    }
    spec.stores.push_back(*store);
  }

  Result<ProductScope> products = parse_product_scope(job.product_scope);
  if (!products) {
    return Error{products.error().code, fmt::format("job {}: {}", job.id, products.error().message)};
  }
  spec.products = *products;
  return spec;
}

Result<JobTargets> resolve_targets(const JobSpec& spec, storage::Storage& storage) {
  JobTargets targets;

  for (const StoreId& store : spec.stores) {
    if (store.retailer() != spec.retailer) {
      return Error{"store_of_other_retailer",
                   fmt::format("store {} is not a {} store; sync one retailer at a time", store.str(),
                               to_string(spec.retailer))};
    }
  }
  if (spec.stores.empty()) {
    for (const storage::Store& store : storage.list_stores(spec.retailer)) {
      targets.stores.push_back(store.id);
    }
  } else {
    targets.stores = spec.stores;
  }
  sort_unique(targets.stores);

  if (spec.products.kind == ProductScope::Kind::kList) {
    targets.gtins = spec.products.gtins;
  } else {
    storage::ProductFilter filter;
    filter.formula_only = spec.products.kind == ProductScope::Kind::kFormula;
    for (const storage::Product& product : storage.list_products(filter)) {
      targets.gtins.push_back(product.gtin);
    }
  }
  sort_unique(targets.gtins);
  return targets;
}

}  // namespace wic::sync
