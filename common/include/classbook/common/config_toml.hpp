// config_toml: TOML files (classbookd.toml) read into the same entries as config_text, so that one
// set of typed reads (ConfigValues) says "classbookd.toml:12: server.port must be a whole number
// from 1 to 65535, not 'https'" whichever format a file is in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/config_text.hpp"

namespace classbook {

// Each key = value becomes an entry whose section is its table's dotted path ("printing",
// "printing.queues.office"), whose value is the text of the scalar (a string as it is, a number in
// decimal, true/false) and whose line is where the value stands. Fails, naming the file and line,
// on anything that is not TOML (a key given twice included) and on arrays and dates, which no
// setting takes.
Result<std::vector<ConfigEntry>> parse_config_toml(std::string_view text, const std::string& file);

}  // namespace classbook
