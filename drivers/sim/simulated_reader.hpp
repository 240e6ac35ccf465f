// simulated_reader: a CardSource fed with lines (sim_line) from stdin, a file or a FIFO — for
// demonstrations, manual end-to-end runs and tests without a USB reader. A file is read to its end
// and then followed like `tail -f`; a FIFO is reopened whenever its writer closes.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "classbook/common/clock.hpp"
#include "drivers/card/debouncer.hpp"
#include "drivers/reader.hpp"

namespace classbook::drivers {

inline constexpr const char* simulated_reader_name = "simulated";
inline constexpr const char* simulated_reader_model = "Simulated reader";
inline constexpr auto simulated_poll_interval = std::chrono::milliseconds(200);  // follow / retry open
inline constexpr std::size_t simulated_line_limit = 4096;  // longer lines are not card numbers

struct SimulatedReaderOptions {
  std::string source = "stdin";  // "stdin", or the path of a file or FIFO
  std::chrono::milliseconds debounce{1500};
  std::string name = simulated_reader_name;
  std::chrono::milliseconds poll_interval = simulated_poll_interval;
};

class SimulatedReader final : public CardSource {
 public:
  SimulatedReader(SimulatedReaderOptions options, Clock& clock);
  ~SimulatedReader() override;

  Status start(ReaderSink& sink) override;
  void stop() override;
  void feedback(const std::string& reader, Feedback f) override;  // logged; there is no LED

  std::vector<Feedback> feedback_given() const;

 private:
  void run();
  int open_source();  // -1 when it cannot be opened (status says why)
  void read_from(int fd);
  void handle_line(const std::string& line);
  bool wait(int fd, int timeout_ms);  // false when stopping
  void set_status(ReaderState state, const std::string& detail);

  SimulatedReaderOptions options_;
  Clock& clock_;
  Debouncer debouncer_;
  ReaderSink* sink_ = nullptr;
  std::thread thread_;
  int wake_[2] = {-1, -1};  // self-pipe: stop() writes, the reading thread polls it
  bool plugged_ = true;
  bool is_fifo_ = false;
  bool is_stdin_ = false;
  ReaderState state_ = ReaderState::absent;
  std::string detail_;
  std::string partial_;
  int line_no_ = 0;
  mutable std::mutex feedback_mutex_;
  std::vector<Feedback> feedback_;
};

}  // namespace classbook::drivers
