// wic-inventory catalog import | list

#include <fmt/format.h>

#include "catalog/apl_file.h"
#include "catalog/catalog_importer.h"
#include "cli/commands.h"

namespace wic::cli {
namespace {

struct ImportArguments {
  std::string file;
  std::string state;
  std::string convention = std::string(to_string(CodeConvention::kCheckDigitIncluded));
  std::size_t max_skipped = 50;
};

void print_summary(const ImportArguments& arguments, const catalog::ImportSummary& summary) {
  fmt::print("Imported {} for {}: {} rows\n", arguments.file, arguments.state, summary.rows);
  fmt::print("  loaded     {} new products ({} infant formula in the list)\n", summary.loaded, summary.formula);
  fmt::print("  updated    {}\n", summary.updated);
  fmt::print("  unchanged  {}\n", summary.unchanged);
  fmt::print("  produce    {} PLU and retailer-assigned codes, stored apart from products\n", summary.produce_codes);
  fmt::print("  skipped    {}\n", summary.skipped.size());

  const std::size_t shown = std::min(summary.skipped.size(), arguments.max_skipped);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& row = summary.skipped[i];
    fmt::print("    index {}: {}\n", row.index, row.reason);
  }
  if (shown < summary.skipped.size()) {
    fmt::print("    ... {} more (raise --max-skipped to list them)\n", summary.skipped.size() - shown);
  }
}

void run_import(CommandContext& context, const ImportArguments& arguments) {
  const auto convention = parse_convention(arguments.convention);
  if (!convention) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid convention \"{}\": expected check-digit-included or check-digit-omitted",
                                   arguments.convention));
  }
  if (!catalog::is_valid_state_code(arguments.state)) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid state \"{}\": expected a two-letter code such as MI", arguments.state));
  }

  auto file = catalog::read_apl_json(arguments.file);
  if (!file) {
    throw CommandError(kExitInvalidInput, file.error().message);
  }

  auto summary = catalog::import_catalog(context.storage(), *file, {arguments.state, *convention});
  if (!summary) {
    throw CommandError(kExitInvalidInput, summary.error().message);
  }
  print_summary(arguments, *summary);
}

struct ListArguments {
  bool formula_only = false;
  std::string category;
  std::string state;
  std::size_t limit = 50;
};

void run_list(CommandContext& context, const ListArguments& arguments) {
  storage::ProductFilter filter;
  filter.formula_only = arguments.formula_only;
  if (!arguments.category.empty()) {
    filter.category = arguments.category;
  }
  if (!arguments.state.empty()) {
    filter.state = arguments.state;
  }

  const auto products = context.storage().list_products(filter);
  const std::size_t shown = arguments.limit == 0 ? products.size() : std::min(products.size(), arguments.limit);
  fmt::print("{:<14}  {:<8}  {:<20}  {:<32}  {}\n", "UPC", "formula", "brand", "description", "category");
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& product = products[i];
    fmt::print("{:<14}  {:<8}  {:<20.20}  {:<32.32}  {}\n", product.gtin.display(), product.is_formula ? "yes" : "",
               product.brand, product.description, product.category);
  }
  fmt::print("{} of {} products\n", shown, products.size());
}

}  // namespace

void add_catalog_commands(CLI::App& app, CommandContext& context) {
  auto* catalog = app.add_subcommand("catalog", "Import and list a state's WIC approved product list");
  catalog->require_subcommand(1);

  auto import_arguments = std::make_shared<ImportArguments>();
  auto* import = catalog->add_subcommand("import", "Load an approved product list (APL) JSON file");
  import->add_option("file", import_arguments->file, "APL JSON file, e.g. data/michigan-apl.json")->required();
  import->add_option("--state", import_arguments->state, "Two-letter code of the approving state, e.g. MI")
      ->required();
  import
      ->add_option("--convention", import_arguments->convention,
                   "How the list writes UPCs: check-digit-included (leading zeros may be stripped, as in the "
                   "Michigan list) or check-digit-omitted (lists that keep the check digit in a separate field)")
      ->capture_default_str();
  import->add_option("--max-skipped", import_arguments->max_skipped, "Skipped rows to list")->capture_default_str();
  import->callback([&context, import_arguments] { run_import(context, *import_arguments); });

  auto list_arguments = std::make_shared<ListArguments>();
  auto* list = catalog->add_subcommand("list", "List imported products");
  list->add_flag("--formula", list_arguments->formula_only, "Only infant formula");
  list->add_option("--category", list_arguments->category, "Only this category, e.g. infant_food");
  list->add_option("--state", list_arguments->state, "Only products approved by this state");
  list->add_option("--limit", list_arguments->limit, "Products to print; 0 prints all")->capture_default_str();
  list->callback([&context, list_arguments] { run_list(context, *list_arguments); });
}

}  // namespace wic::cli
