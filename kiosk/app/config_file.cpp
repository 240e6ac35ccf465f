// config_file: read whole, then parse_kiosk_config (pure) does the rest.
#include "kiosk/app/config_file.hpp"

#include <fstream>
#include <sstream>

namespace classbook::kiosk {

Result<KioskConfig> load_kiosk_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(Errc::invalid_input, "config.unreadable", "cannot read the config file " + path +
                                               "; give it with --config FILE (see docs/kiosk.md for an example)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_kiosk_config(text.str(), path);
}

}  // namespace classbook::kiosk
