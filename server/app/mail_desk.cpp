// mail_desk: see the header. "Sent once": a row becomes 'sent' only in the writer job after the
// relay's 250 to the whole message. A crash between the two leaves it queued, and it goes once more
// with the same Message-ID (docs/mail.md).
#include "app/mail_desk.hpp"

#include <functional>

#include "classbook/common/log.hpp"
#include "domain/notice_mail.hpp"
#include "mail/mail_transport.hpp"
#include "mail/message.hpp"
#include "store/notice_mail.hpp"
#include "store/reader_pool.hpp"
#include "store/writer.hpp"

namespace classbook::app {
namespace {

using Kind = mail::SendOutcome::Kind;

std::chrono::seconds message_pause(int attempts) {
  auto pause = std::chrono::duration_cast<std::chrono::seconds>(message_retry_first);
  for (int i = 1; i < attempts && pause < message_retry_max; ++i) pause *= 2;
  return std::min(pause, std::chrono::duration_cast<std::chrono::seconds>(message_retry_max));
}

}  // namespace

MailDesk::MailDesk(Context& ctx, std::unique_ptr<mail::MailTransport> transport, MailDeskSettings settings)
    : ctx_(ctx), transport_(std::move(transport)), settings_(std::move(settings)) {}

MailDesk::~MailDesk() { stop(); }

void MailDesk::start() {
  if (thread_.joinable() || !transport_) return;
  thread_ = std::thread([this] { loop(); });
}

void MailDesk::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailDesk::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const auto pass = send_due();
    if (pass.sent + pass.retried + pass.failed > 0)
      log::info("mail", std::to_string(pass.sent) + " notices sent, " + std::to_string(pass.retried) + " to try later, " +
                            std::to_string(pass.failed) + " refused by the relay");
    lock.lock();
    wake_.wait_for(lock, mail_poll_interval, [this] { return stopping_; });
  }
}

void MailDesk::note_success(TimePoint now) {
  std::lock_guard lock(mutex_);
  last_success_at_ = format_utc(now);
  last_error_.reset();
  last_error_at_.reset();
  relay_pause_ = std::chrono::seconds(0);
  relay_pause_until_.reset();
}

void MailDesk::note_trouble(TimePoint now, const std::string& words) {
  std::lock_guard lock(mutex_);
  const bool repeated = last_error_ == words;
  last_error_ = words;
  last_error_at_ = format_utc(now);
  relay_pause_ = relay_pause_.count() == 0 ? std::chrono::duration_cast<std::chrono::seconds>(relay_retry_first)
                                           : std::min(relay_pause_ * 2, std::chrono::duration_cast<std::chrono::seconds>(relay_retry_max));
  relay_pause_until_ = now + relay_pause_;
  if (!repeated) log::warn("mail", "notices wait: " + words);
}

MailPass MailDesk::send_due() {
  MailPass pass;
  if (!transport_) return pass;
  const auto now = ctx_.clock.now();
  {
    std::lock_guard lock(mutex_);
    if (relay_pause_until_ && now < *relay_pause_until_) {
      pass.relay_down = true;
      return pass;
    }
  }
  pass = send_immediate(now);
  if (pass.relay_down) return pass;
  const auto digests = send_digests(now);
  pass.sent += digests.sent;
  pass.retried += digests.retried;
  pass.failed += digests.failed;
  pass.relay_down = digests.relay_down;
  return pass;
}

namespace {

// Records what the relay said about the rows of one mail. False when the relay is down: the pass ends.
struct Outcomes {
  store::Writer& writer;
  MailPass& pass;

  void write(const char* what, const std::function<Status(store::WriteContext&)>& job) {
    // A failed write leaves the rows queued: a sent mail then goes once more, with its Message-ID.
    if (auto s = writer.run(job); !s) log::error("mail", std::string("could not record ") + what + ": " + s.error().message);
  }

  void record(const mail::SendOutcome& o, const std::vector<store::Id>& ids, int attempts) {
    switch (o.kind) {
      case Kind::sent:
        write("a sent notice", [&](store::WriteContext& w) { return store::mark_mail_sent(w.db, ids, w.now_text); });
        pass.sent += static_cast<int>(ids.size());
        return;
      case Kind::rejected:
        write("a refused notice", [&](store::WriteContext& w) { return store::mark_mail_failed(w.db, ids, o.reason, w.now_text); });
        pass.failed += static_cast<int>(ids.size());
        return;
      case Kind::retry_later:
        if (attempts + 1 >= max_message_attempts) {
          const auto why = "given up after " + std::to_string(attempts + 1) + " attempts: " + o.reason;
          write("a notice given up", [&](store::WriteContext& w) { return store::mark_mail_failed(w.db, ids, why, w.now_text); });
          pass.failed += static_cast<int>(ids.size());
          return;
        }
        write("a notice to retry", [&](store::WriteContext& w) {
          return store::mark_mail_retry(w.db, ids, format_utc(w.now + message_pause(attempts + 1)), o.reason);
        });
        pass.retried += static_cast<int>(ids.size());
        return;
      case Kind::relay_unavailable:
        pass.relay_down = true;
        return;
    }
  }
};

}  // namespace

MailPass MailDesk::send_immediate(TimePoint now) {
  MailPass pass;
  std::vector<store::MailRow> rows;
  {
    auto db = ctx_.readers.acquire();
    auto r = store::due_immediate_mail(*db, format_utc(now), mail_rows_per_pass);
    if (!r) {
      log::warn("mail", "the mail queue could not be read: " + r.error().message);
      return pass;
    }
    rows = std::move(*r);
  }
  Outcomes out{ctx_.writer, pass};
  const auto offset = ctx_.settings().utc_offset_minutes;
  for (const auto& row : rows) {
    mail::MailMessage m{settings_.from_address, settings_.from_name, row.to_address, row.subject, row.body, now, offset,
                        mail::message_id_for(row.uuid, settings_.from_address)};
    const auto o = transport_->send({settings_.from_address, row.to_address, mail::compose_message(m)});
    out.record(o, {row.id}, row.attempts);
    if (o.kind == Kind::relay_unavailable) {
      note_trouble(now, o.reason);
      return pass;
    }
    note_success(now);
  }
  return pass;
}

MailPass MailDesk::send_digests(TimePoint now) {
  MailPass pass;
  const auto today = local_date(ctx_, now);
  const auto minute = local_minute(ctx_, now);
  const auto last_due_day = minute >= ctx_.notice_digest_minute ? today : domain::add_days(today, -1);
  std::vector<store::MailRow> rows;
  {
    auto db = ctx_.readers.acquire();
    auto r = store::due_digest_mail(*db, format_utc(now), domain::format_date(last_due_day), digest_rows_per_pass);
    if (!r) {
      log::warn("mail", "the mail queue could not be read: " + r.error().message);
      return pass;
    }
    rows = std::move(*r);
  }
  // One digest per guardian and day. When the read was cut short, the last group may be incomplete:
  // it waits for the next pass rather than go in two mails.
  std::vector<std::vector<const store::MailRow*>> groups;
  for (const auto& row : rows) {
    if (groups.empty() || groups.back().front()->guardian_id != row.guardian_id ||
        groups.back().front()->digest_day != row.digest_day || groups.back().size() >= domain::max_digest_items)
      groups.emplace_back();
    groups.back().push_back(&row);
  }
  if (rows.size() == static_cast<std::size_t>(digest_rows_per_pass) && groups.size() > 1) groups.pop_back();
  Outcomes out{ctx_.writer, pass};
  const auto& s = ctx_.settings();
  for (const auto& group : groups) {
    const auto& first = *group.front();
    std::vector<domain::NoticeText> items;
    std::vector<store::Id> ids;
    for (const auto* r : group) {
      items.push_back({r->subject, r->body});
      ids.push_back(r->id);
    }
    const auto day = domain::parse_date(first.digest_day.value_or("")).value_or(today);
    const auto text = domain::digest_text(day, items, s.name);
    // The same rows make the same Message-ID: a digest resent after a crash is recognisably the same.
    mail::MailMessage m{settings_.from_address, settings_.from_name, group.back()->to_address, text.subject, text.body, now,
                        s.utc_offset_minutes, mail::message_id_for("digest-" + first.uuid, settings_.from_address)};
    const auto o = transport_->send({settings_.from_address, group.back()->to_address, mail::compose_message(m)});
    out.record(o, ids, first.attempts);
    if (o.kind == Kind::relay_unavailable) {
      note_trouble(now, o.reason);
      return pass;
    }
    note_success(now);
  }
  return pass;
}

Result<MailStatusView> MailDesk::status(const domain::Actor& actor) const {
  if (!domain::decide(actor, domain::Action::operate_box, {}))
    return make_error(Errc::forbidden, "mail.admin_only", domain::decide(actor, domain::Action::operate_box, {}).reason);
  auto db = ctx_.readers.acquire();
  auto f = store::mail_queue_figures(*db);
  if (!f) return f.error();
  MailStatusView v;
  v.relay_configured = transport_ != nullptr;
  v.relay = settings_.relay;
  v.from = settings_.from_address;
  v.digest_minute = ctx_.notice_digest_minute;
  v.queued = f->queued;
  v.failed = f->failed;
  v.oldest_queued_at = f->oldest_queued_at;
  if (f->oldest_queued_at) {
    TimePoint t;
    if (parse_utc(*f->oldest_queued_at, t))
      v.oldest_queued_age_seconds =
          std::max<long long>(0, std::chrono::duration_cast<std::chrono::seconds>(ctx_.clock.now() - t).count());
  }
  if (f->last_failed_at) {
    v.last_failure = f->last_failure;
    v.last_failure_at = f->last_failed_at;
  }
  std::lock_guard lock(mutex_);
  v.last_success_at = last_success_at_ ? last_success_at_ : f->last_sent_at;
  if (!transport_) v.last_error = "no relay is configured: add a [mail] section to classbookd.toml and restart classbookd";
  else v.last_error = last_error_;
  v.last_error_at = last_error_at_;
  return v;
}

}  // namespace classbook::app
