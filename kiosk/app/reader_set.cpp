// reader_set: the only file that knows which concrete readers exist.
#include "kiosk/app/reader_set.hpp"

#include "classbook/common/log.hpp"
#include "drivers/card/reader_profile.hpp"
#include "drivers/scan/camera_scanner.hpp"
#include "drivers/scan/v4l2_frame_source.hpp"
#include "drivers/sim/simulated_reader.hpp"
#include "drivers/usb/usb_readers.hpp"

namespace classbook::kiosk {

Result<std::unique_ptr<ReaderSet>> ReaderSet::create(const ReadersConfig& config, Clock& clock) {
  auto set = std::make_unique<ReaderSet>();
  if (config.simulated != "none") {
    drivers::SimulatedReaderOptions o;
    o.source = config.simulated;
    o.debounce = config.simulated_debounce;
    set->sources_.push_back(std::make_unique<drivers::SimulatedReader>(o, clock));
  }
  if (config.usb) {
    auto profiles = drivers::load_reader_profiles(config.profiles_dir);
    if (!profiles)
      return make_error(Errc::invalid_input, "reader_profile.invalid", "reader profiles: " + profiles.error().message +
                                                 " — or set 'usb = no' under [readers] if this kiosk has no USB reader");
    log::info("kiosk", std::to_string(profiles->size()) + " reader profiles from " + config.profiles_dir);
    set->sources_.push_back(std::make_unique<drivers::usb::UsbReaders>(std::move(*profiles), clock));
  }
  if (config.camera != "none") {
    drivers::CameraScannerOptions o;
    o.reader = "camera@" + config.camera;
    auto frames = std::make_unique<drivers::V4l2FrameSource>(drivers::V4l2Options{config.camera});
    set->sources_.push_back(std::make_unique<drivers::CameraScanner>(std::move(frames), clock, o));
  }
  if (set->sources_.empty())
    log::warn("kiosk", "no reader is configured: set usb, camera or simulated under [readers]");
  return set;
}

Status ReaderSet::start(drivers::ReaderSink& sink) {
  for (auto& s : sources_)
    if (auto st = s->start(sink); !st) {
      stop();
      return st;
    }
  return ok_status();
}

void ReaderSet::stop() {
  for (auto& s : sources_) s->stop();
}

void ReaderSet::feedback(const std::string& reader, drivers::Feedback f) {
  for (auto& s : sources_) s->feedback(reader, f);
}

}  // namespace classbook::kiosk
