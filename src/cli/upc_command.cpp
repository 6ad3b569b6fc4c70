// wic-inventory upc CODE [--convention NAME]

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/gtin.h"

namespace wic::cli {
namespace {

void print_gtin(const Gtin& gtin) {
  fmt::print("GTIN-14    {}\n", gtin.gtin14());
  fmt::print("UPC-A      {}\n", gtin.upc_a().value_or("(none: the GTIN does not start with 00)"));
  fmt::print("EAN-13     {}\n", gtin.ean13().value_or("(none: the GTIN does not start with 0)"));
  fmt::print("Kroger id  {}\n", gtin.kroger_product_id());
}

// An 8-digit code can be a GTIN-8 or a UPC-E. Which one is a fact about the
// source, so the command names the other reading instead of choosing.
void print_upc_e_reading(const std::string& code) {
  if (code.size() != 8) {
    return;
  }
  if (auto upc_e = Gtin::parse(code, CodeConvention::kUpcE)) {
    fmt::print("note       {} is also a valid UPC-E code for UPC-A {}; pass --convention upc-e if it is one\n",
               code, upc_e->upc_a().value_or(upc_e->gtin14()));
  }
}

void run_upc(const std::string& code, const std::string& convention_name) {
  const auto convention = parse_convention(convention_name);
  if (!convention) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid convention \"{}\": expected check-digit-included, check-digit-omitted "
                                   "or upc-e",
                                   convention_name));
  }

  auto parsed = ProductCode::parse(code, *convention);
  if (!parsed) {
    std::string message = parsed.error().message;
    if (*convention == CodeConvention::kCheckDigitIncluded && Gtin::parse(code, CodeConvention::kUpcE).ok()) {
      message += "; it is a valid UPC-E code, so pass --convention upc-e if it is one";
    }
    throw CommandError(kExitInvalidInput, message);
  }

  fmt::print("input      {} ({})\n", code, to_string(*convention));
  if (!parsed->is_gtin()) {
    const ProduceCode& produce = parsed->produce();
    fmt::print("kind       {} code, not a GTIN: retailer product APIs cannot look it up\n", to_string(produce.kind));
    return;
  }
  print_gtin(parsed->gtin());
  if (*convention == CodeConvention::kCheckDigitIncluded) {
    print_upc_e_reading(code);
  }
}

}  // namespace

void add_upc_command(CLI::App& app, CommandContext&) {
  auto* command = app.add_subcommand("upc", "Print every form of a barcode (GTIN-14, UPC-A, EAN-13, Kroger id)");
  auto code = std::make_shared<std::string>();
  auto convention = std::make_shared<std::string>(std::string(to_string(CodeConvention::kCheckDigitIncluded)));

  command->add_option("code", *code, "The barcode digits")->required();
  command
      ->add_option("--convention", *convention,
                   "How the code is written: check-digit-included (leading zeros may be stripped), "
                   "check-digit-omitted, or upc-e")
      ->capture_default_str();
  command->callback([code, convention] { run_upc(*code, *convention); });
}

}  // namespace wic::cli
