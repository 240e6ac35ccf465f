// usb_test_support: what every emulated-USB test here starts with — skip (exit 77) unless running
// under umockdev-wrapper, and a few byte helpers.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "usb_testbed.hpp"

namespace classbook::test::usb {

// Exits the test process with CTest's skip code when the umockdev preload is missing.
inline void require_umockdev() {
  if (UsbTestbed::preload_active()) return;
  std::fprintf(stderr, "SKIP: run under /usr/bin/umockdev-wrapper (LD_PRELOAD lacks libumockdev-preload)\n");
  std::exit(skip_exit_code);
}

inline std::string hex_of(const Bytes& b) { return to_hex(b); }

}  // namespace classbook::test::usb
