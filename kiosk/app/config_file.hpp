// config_file: the one place the kiosk reads its config file from disk.
#pragma once

#include <string>

#include "kiosk/core/kiosk_config.hpp"

namespace classbook::kiosk {

Result<KioskConfig> load_kiosk_config(const std::string& path);

}  // namespace classbook::kiosk
