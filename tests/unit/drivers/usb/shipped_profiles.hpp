// shipped_profiles: the reader profiles in firmware-config/readers/, as the kiosk loads them, so
// the emulated devices carry the real VID:PIDs and the drivers the real settings.
#pragma once

#include <stdexcept>
#include <string>

#include "drivers/card/reader_profile.hpp"

namespace classbook::test::usb {

inline drivers::ReaderProfile shipped_profile(const std::string& file_name) {
  auto all = drivers::load_reader_profiles(CLASSBOOK_READERS_DIR);
  if (!all) throw std::runtime_error("loading " CLASSBOOK_READERS_DIR ": " + all.error().message);
  for (const auto& p : *all)
    if (p.file.size() >= file_name.size() && p.file.compare(p.file.size() - file_name.size(), file_name.size(), file_name) == 0)
      return p;
  throw std::runtime_error("no profile " + file_name + " in " CLASSBOOK_READERS_DIR);
}

// The reader name UsbReaders gives the device at `location`, e.g. "acs-acr122u@1-1".
inline std::string reader_name(const std::string& file_name, const std::string& location) {
  return file_name.substr(0, file_name.rfind('.')) + "@" + location;
}

}  // namespace classbook::test::usb
