// simulated_reader: one thread that polls the source and a self-pipe, so stop() never waits on a
// blocked read (a FIFO with no writer, a silent terminal).
#include "drivers/sim/simulated_reader.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "classbook/common/log.hpp"
#include "drivers/sim/sim_line.hpp"

namespace classbook::drivers {

SimulatedReader::SimulatedReader(SimulatedReaderOptions options, Clock& clock)
    : options_(std::move(options)), clock_(clock), debouncer_(options_.debounce) {}

SimulatedReader::~SimulatedReader() { stop(); }

Status SimulatedReader::start(ReaderSink& sink) {
  if (thread_.joinable()) return make_error(Errc::conflict, "reader.already_running", "the simulated reader is already running");
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0)
    return make_error(Errc::unavailable, "reader.cannot_start", std::string("cannot start the simulated reader: ") + std::strerror(errno));
  sink_ = &sink;
  thread_ = std::thread([this] { run(); });
  return ok_status();
}

void SimulatedReader::stop() {
  if (!thread_.joinable()) return;
  const char byte = 1;
  [[maybe_unused]] const auto n = ::write(wake_[1], &byte, 1);
  thread_.join();
  ::close(wake_[0]);
  ::close(wake_[1]);
  wake_[0] = wake_[1] = -1;
}

void SimulatedReader::feedback(const std::string& reader, Feedback f) {
  if (reader != options_.name) return;
  log::info("sim", options_.name + " signals " + to_string(f));
  std::lock_guard lock(feedback_mutex_);
  feedback_.push_back(f);
}

std::vector<Feedback> SimulatedReader::feedback_given() const {
  std::lock_guard lock(feedback_mutex_);
  return feedback_;
}

void SimulatedReader::set_status(ReaderState state, const std::string& detail) {
  if (state == state_ && detail == detail_) return;
  state_ = state;
  detail_ = detail;
  sink_->on_status({options_.name, simulated_reader_model, state, detail});
}

// Waits until `fd` is readable (or only for the time-out when fd < 0); false when stop() was called.
bool SimulatedReader::wait(int fd, int timeout_ms) {
  pollfd fds[2] = {{wake_[0], POLLIN, 0}, {fd, POLLIN, 0}};
  const int n = ::poll(fds, fd >= 0 ? 2 : 1, timeout_ms);
  return !(n > 0 && (fds[0].revents & POLLIN));
}

int SimulatedReader::open_source() {
  is_stdin_ = options_.source == "stdin";
  if (is_stdin_) return STDIN_FILENO;
  struct stat st {};
  if (::stat(options_.source.c_str(), &st) != 0) {
    set_status(ReaderState::failed, "cannot open " + options_.source + ": " + std::strerror(errno));
    return -1;
  }
  is_fifo_ = S_ISFIFO(st.st_mode);
  // O_NONBLOCK: opening a FIFO must not wait for a writer, or stop() could not interrupt it.
  const int fd = ::open(options_.source.c_str(), O_RDONLY | O_CLOEXEC | (is_fifo_ ? O_NONBLOCK : 0));
  if (fd < 0) set_status(ReaderState::failed, "cannot open " + options_.source + ": " + std::strerror(errno));
  return fd;
}

void SimulatedReader::run() {
  set_status(ReaderState::opening, "");
  while (true) {
    const int fd = open_source();
    if (fd < 0) {
      if (!wait(-1, static_cast<int>(options_.poll_interval.count()))) return;
      continue;
    }
    if (plugged_) set_status(ReaderState::ready, "reading " + options_.source);
    line_no_ = 0;  // messages count lines of this opening (a FIFO's writer, the file)
    read_from(fd);
    if (fd != STDIN_FILENO) ::close(fd);
    if (!wait(-1, 0)) return;  // stopping
    if (is_stdin_) {
      log::info("sim", "stdin is closed; the simulated reader reads no more");
      while (wait(-1, -1)) {
      }
      return;
    }
  }
}

// Reads until stop (returns) or until the source ends: a FIFO's writer closing, stdin's EOF.
// A regular file is followed: at its end we wait and read again.
void SimulatedReader::read_from(int fd) {
  char chunk[1024];
  const bool regular = !is_fifo_ && !is_stdin_;
  while (true) {
    if (!regular && !wait(fd, -1)) return;
    const auto n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) {
      if (!partial_.empty()) handle_line(std::exchange(partial_, std::string()));
      if (!regular) return;
      if (!wait(-1, static_cast<int>(options_.poll_interval.count()))) return;
      continue;
    }
    partial_.append(chunk, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (auto nl = partial_.find('\n'); nl != std::string::npos; nl = partial_.find('\n', start)) {
      handle_line(partial_.substr(start, nl - start));
      start = nl + 1;
    }
    partial_.erase(0, start);
    if (partial_.size() > simulated_line_limit) {
      log::warn("sim", options_.name + ": a line longer than " + std::to_string(simulated_line_limit) + " bytes was skipped");
      partial_.clear();
    }
    if (regular && !wait(-1, 0)) return;
  }
}

void SimulatedReader::handle_line(const std::string& text) {
  ++line_no_;
  const auto line = parse_sim_line(text);
  const auto where = options_.name + " line " + std::to_string(line_no_);
  if (const auto* bad = std::get_if<SimBad>(&line)) {
    log::warn("sim", where + ": " + bad->message);
  } else if (const auto* plug = std::get_if<SimPlug>(&line)) {
    plugged_ = plug->plugged;
    set_status(plugged_ ? ReaderState::ready : ReaderState::absent, plugged_ ? "reading " + options_.source : "unplugged");
  } else if (!plugged_ && !std::holds_alternative<SimBlank>(line)) {
    log::info("sim", where + ": ignored, the simulated reader is unplugged");
  } else if (const auto* card = std::get_if<SimCard>(&line)) {
    const auto now = clock_.now();
    if (debouncer_.accept(card->card, now)) sink_->on_card({options_.name, card->card, now});
  } else if (const auto* code = std::get_if<SimCode>(&line)) {
    sink_->on_code({options_.name, "QRCode", code->text, clock_.now()});
  }
}

}  // namespace classbook::drivers
