// kiosk_rig: a KioskLogic on fakes and a FakeClock, with helpers to present cards and answer the box.
#pragma once

#include <memory>
#include <string>

#include "classbook/common/clock.hpp"
#include "kiosk/core/kiosk_logic.hpp"
#include "kiosk_fakes.hpp"
#include "printing/fake_printers.hpp"

namespace classbook::kiosk::test {

inline TimePoint test_start() {
  TimePoint t;
  parse_utc("2026-11-30T05:12:00.000Z", t);  // 08:12 in Moscow
  return t;
}

inline KioskConfig test_config(Mode mode = Mode::entrance) {
  auto c = parse_kiosk_config("[server]\nurl = https://box.test:8443\n", "/tmp/kiosk.conf");
  c->mode = mode;
  c->name = "Main entrance";
  return *c;
}

struct KioskRig {
  explicit KioskRig(KioskConfig c = test_config()) : config(std::move(c)) {
    logic = std::make_unique<KioskLogic>(config, KioskPorts{clock, uplink, screen, feedback,
                                                           config.mode == Mode::entrance ? &spool : nullptr,
                                                           config.printer.prints() ? &printers : nullptr});
  }
  KioskConfig config;
  FakeClock clock{test_start()};
  FakeSpool spool;
  FakeUplink uplink;
  FakeScreen screen;
  FakeFeedback feedback;
  printing::FakePrinters printers;  // the hall's printer when config.printer.queue is set
  std::unique_ptr<KioskLogic> logic;

  // Started, with the box answering the first hello.
  void start_online() {
    logic->start();
    uplink.answer("hello", hello_ok());
  }
  void card(const std::string& hex, const std::string& reader = "reader-1") {
    logic->on_card(drivers::CardRead{reader, drivers::CardId{hex, drivers::CardTech::iso14443a}, clock.now()});
  }
  void advance(std::chrono::milliseconds d) {
    clock.advance(d);
    logic->tick();
  }
  const ScreenState& shown() const { return screen.last(); }
  Banner banner() const { return screen.last().banner; }
};

}  // namespace classbook::kiosk::test
