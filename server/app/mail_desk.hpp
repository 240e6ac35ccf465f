// mail_desk: the sender of guardians' e-mail notices and what the administrator sees of it
// (GET /api/v1/mail). Its own thread reads the due rows of the mail queue (store/notice_mail),
// hands each to the relay through mail::MailTransport, and records the outcome through the writer —
// never on a network thread or inside a writer job, since a relay can be slow or gone. A relay that
// cannot be reached leaves every row queued, and is tried again after a growing pause; a restart
// finds the rows where they were. Immediate notices go as they come; a guardian's digest notices go
// as one mail a day, at [mail] digest_at school time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::mail {
class MailTransport;
}

namespace classbook::app {

constexpr auto mail_poll_interval = std::chrono::seconds(1);      // how soon a new notice leaves
constexpr auto relay_retry_first = std::chrono::seconds(2);       // the relay down: first pause...
constexpr auto relay_retry_max = std::chrono::seconds(60);        // ...doubling up to this
constexpr auto message_retry_first = std::chrono::seconds(60);    // a 4xx about one message: first pause...
constexpr auto message_retry_max = std::chrono::hours(1);         // ...doubling up to this
constexpr int max_message_attempts = 30;                          // 4xx answers before a message is given up (~1 day)
constexpr int mail_rows_per_pass = 50;                            // rows read per pass
constexpr int digest_rows_per_pass = 500;

// [mail], as the desk needs it.
struct MailDeskSettings {
  std::string relay;         // "host:port", for the administrator; "" when [mail] is absent
  std::string from_address;  // the envelope sender and From:
  std::string from_name;     // the school's name in From:
};

struct MailStatusView {
  bool relay_configured = false;
  std::string relay;
  std::string from;
  int digest_minute = 0;
  int queued = 0;
  int failed = 0;
  std::optional<std::string> oldest_queued_at;
  std::optional<long long> oldest_queued_age_seconds;
  std::optional<std::string> last_success_at;
  std::optional<std::string> last_error;      // the relay's or the link's current trouble, in words
  std::optional<std::string> last_error_at;
  std::optional<std::string> last_failure;    // the newest notice given up, with the relay's reason
  std::optional<std::string> last_failure_at;
};

// What one pass did (for tests and the log).
struct MailPass {
  int sent = 0;
  int retried = 0;   // 4xx: later
  int failed = 0;    // 5xx: never
  bool relay_down = false;
};

class MailDesk {
 public:
  // `transport` null: no relay configured — rows wait, and the status says so.
  MailDesk(Context& ctx, std::unique_ptr<mail::MailTransport> transport, MailDeskSettings settings);
  ~MailDesk();
  MailDesk(const MailDesk&) = delete;
  MailDesk& operator=(const MailDesk&) = delete;

  void start();  // the sender's thread
  void stop();
  // One pass over what is due now (the thread calls it every mail_poll_interval; tests call it).
  MailPass send_due();
  Result<MailStatusView> status(const domain::Actor& actor) const;

 private:
  void loop();
  void note_success(TimePoint now);
  void note_trouble(TimePoint now, const std::string& words);
  MailPass send_immediate(TimePoint now);
  MailPass send_digests(TimePoint now);

  Context& ctx_;
  std::unique_ptr<mail::MailTransport> transport_;
  MailDeskSettings settings_;
  mutable std::mutex mutex_;  // the fields below
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<TimePoint> relay_pause_until_;
  std::chrono::seconds relay_pause_{0};
  std::optional<std::string> last_success_at_, last_error_, last_error_at_;
  std::thread thread_;
};

}  // namespace classbook::app
