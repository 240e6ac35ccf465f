// reader_set: the card sources a config asks for — simulated, USB readers, camera — started and
// stopped together, and the readers' feedback routed back to all of them (each knows its own).
#pragma once

#include <memory>
#include <vector>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/kiosk_config.hpp"
#include "kiosk/core/ports.hpp"

namespace classbook::kiosk {

class ReaderSet final : public ReaderFeedback {
 public:
  // Fails on a config that cannot work (e.g. USB asked for and no reader profiles).
  static Result<std::unique_ptr<ReaderSet>> create(const ReadersConfig& config, Clock& clock);
  ~ReaderSet() override { stop(); }

  Status start(drivers::ReaderSink& sink);
  void stop();  // joins every source's threads: no sink call after it returns
  void feedback(const std::string& reader, drivers::Feedback f) override;
  std::size_t size() const { return sources_.size(); }

 private:
  std::vector<std::unique_ptr<drivers::CardSource>> sources_;
};

}  // namespace classbook::kiosk
