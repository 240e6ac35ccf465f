// hall: a hall kiosk shows a pupil's week diary — card or QR, then the PIN on the touch screen,
// then the diary with week steps and the Print button; back to idle (PIN wiped) after hall_idle
// without a touch. The extract is printed on the kiosk's own printer (hall_print.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/pin_buffer.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/core/screen_keeper.hpp"
#include "kiosk/core/server_contact.hpp"
#include "kiosk/core/timing.hpp"
#include "printing/printers.hpp"

namespace classbook::kiosk {

inline constexpr const char* card_qr_prefix = "classbook:card:";  // a pupil's QR code

// A printed job is asked after this often: the screen follows the printer within a second.
inline constexpr auto print_poll_interval = std::chrono::seconds(1);
// A job not printed this long after it was sent is cancelled: it must not come out later, when the
// pupil has gone and someone else stands at the printer.
inline constexpr auto print_follow_max = std::chrono::minutes(2);
// A call to the printer slower than this is logged: it held up the agent's loop (and the screen).
inline constexpr auto print_call_slow = std::chrono::seconds(1);
inline constexpr const char* extract_title_prefix = "Выписка — ";  // the job's name in the queue

// The kiosk's own printer: the queue's name and the print server that has it. `printers` is null
// (and the Print button says so) when this kiosk does not print.
struct HallPrinter {
  printing::Printers* printers = nullptr;
  std::string queue;
};

class Hall {
 public:
  Hall(Clock& clock, const Timing& timing, Uplink& uplink, ServerContact& contact, ScreenKeeper& screen,
       ReaderFeedback& feedback, HallPrinter printer = {})
      : clock_(clock), timing_(timing), uplink_(uplink), contact_(contact), screen_(screen), feedback_(feedback),
        printer_(std::move(printer)) {}

  void on_card(const drivers::CardRead& read);
  void on_code(const drivers::CodeScan& scan);

  void pin_digit(int digit);
  void pin_erase();
  void pin_submit();
  void week_step(int delta);
  void done();
  void print_extract();

  void tick();
  std::optional<TimePoint> next_wakeup() const;

 private:
  enum class Step { idle, pin, diary, notice };
  struct Session {
    std::string card;  // one of card / qr
    std::string qr;
    std::string reader;
    PinBuffer pin;
    bool pin_expired = false;  // wiped at the idle time while a print kept the session open
    std::string week;          // shown week; "" until the first diary
    std::string name;          // the pupil's, from the diary
    PrintProgress print;
    TimePoint hold_until{};    // a print's result stays on the screen at least until then
  };
  // A job sent to the printer, followed until it is printed or given up — also after its session
  // has ended, so an extract left behind is cancelled rather than printed for nobody.
  struct FollowedJob {
    int id = 0;
    std::uint64_t session = 0;  // generation_ of the session that printed it
    TimePoint give_up_at{};
    TimePoint next_poll{};
    int prints_left = -1;
  };

  void begin(std::string card, std::string qr, const std::string& reader);
  void ask(const std::string& week);
  void on_reply(std::uint64_t generation, Reply r);
  bool pin_refusal(const Reply& r);  // wrong/locked/no PIN, unknown card: handled (true) or not
  void show_pin();
  void notice(Banner banner, const std::string& detail = {});
  void end();
  TimePoint idle_deadline() const { return last_touch_ + timing_.hall_idle; }
  TimePoint diary_until() const;  // when the diary screen gives way to idle (0: not while printing)

  // hall_print.cpp
  bool print_running() const;
  void on_extract(std::uint64_t generation, Reply r);
  bool printer_ready();  // asks the printer before the box counts a print; shows why not
  void submit(const std::string& pdf, int prints_left);
  void follow_jobs();
  bool follow(FollowedJob& job);  // true when the job is over (printed, cancelled, given up)
  void print_shown(PrintProgress p);  // the session's progress, on the screen
  void print_over(PrintProgress p);   // a final stage: shown for at least hall_notice
  std::string printer_problem(const Error& e) const;
  void expire_pin();

  Clock& clock_;
  const Timing& timing_;
  Uplink& uplink_;
  ServerContact& contact_;
  ScreenKeeper& screen_;
  ReaderFeedback& feedback_;
  HallPrinter printer_;
  Step step_ = Step::idle;
  std::unique_ptr<Session> session_;
  bool asking_ = false;
  std::uint64_t generation_ = 0;  // replies to an ended session are dropped
  TimePoint last_touch_{};
  std::vector<FollowedJob> jobs_;
};

}  // namespace classbook::kiosk
