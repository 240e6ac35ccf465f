// usb_reader_emulator: runs a program (the real classbook-kiosk) against an emulated ACR122U. The
// umockdev testbed lives in this process; the child inherits LD_PRELOAD and UMOCKDEV_DIR, so its
// libusb sees the emulated reader and its ioctls are answered here. Commands on stdin, one a line:
//   place <hex uid>   a card in the field      remove   the card taken away
//   unplug / replug   the reader's USB cable   leds     print the LED/buzzer commands seen so far
// Every command is answered with one line on stdout ("ok ..." or "error ..."). Run it under
// umockdev-wrapper:  umockdev-wrapper usb_reader_emulator -- classbook-kiosk run --config kiosk.conf
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "acr122u_device.hpp"
#include "usb_testbed.hpp"

namespace {

using namespace classbook::test::usb;

bool parse_hex(const std::string& text, Bytes& out) {
  if (text.empty() || text.size() % 2 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < text.size(); i += 2) {
    unsigned v = 0;
    if (std::sscanf(text.c_str() + i, "%2x", &v) != 1) return false;
    out.push_back(static_cast<std::uint8_t>(v));
  }
  return true;
}

pid_t start_child(char** argv) {
  const pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv);
    std::perror("usb_reader_emulator: exec");
    _exit(127);
  }
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || std::string(argv[1]) != "--") {
    std::cerr << "usage: umockdev-wrapper usb_reader_emulator -- PROGRAM [ARGS...]\n";
    return 2;
  }
  if (!UsbTestbed::preload_active()) {
    std::cerr << "usb_reader_emulator: run me under umockdev-wrapper\n";
    return skip_exit_code;
  }
  UsbTestbed bed;
  auto reader = std::make_shared<Acr122uDevice>();
  const auto where = bed.plug(reader);
  const pid_t child = start_child(argv + 2);
  if (child < 0) return 1;
  std::cout << "ready " << where << " pid " << child << std::endl;

  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string cmd, arg;
    words >> cmd >> arg;
    Bytes uid;
    if (cmd == "place" && parse_hex(arg, uid)) {
      reader->place_card(uid);
      std::cout << "ok placed " << arg << std::endl;
    } else if (cmd == "remove") {
      reader->remove_card();
      std::cout << "ok removed" << std::endl;
    } else if (cmd == "unplug") {
      bed.unplug(*reader);
      std::cout << "ok unplugged" << std::endl;
    } else if (cmd == "replug") {
      bed.replug(*reader);
      std::cout << "ok replugged" << std::endl;
    } else if (cmd == "leds") {
      std::cout << "ok";
      for (const auto& c : reader->led_buzzer_commands())
        std::cout << ' ' << (c.green_lit() ? "green" : c.red_lit() ? "red" : "dark") << (c.beeps() ? "+beep" : "");
      std::cout << std::endl;
    } else {
      std::cout << "error unknown command: " << line << std::endl;
    }
  }
  // stdin closed: stop the child and wait for it, so its libusb closes before the testbed goes.
  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
