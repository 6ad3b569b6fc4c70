#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wic::stores {

// Splits one CSV record (RFC 4180: comma-separated, fields may be quoted
// with '"', and a quote inside a quoted field is doubled). A trailing
// carriage return is dropped. Records that span lines are not supported.
std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace wic::stores
