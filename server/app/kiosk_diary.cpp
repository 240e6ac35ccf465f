// kiosk_diary: card → pupil → PIN → the same diary the web shows.
#include "app/kiosk_diary.hpp"

#include "app/hash_pool.hpp"
#include "app/kiosks.hpp"
#include "app/reads.hpp"
#include "app/writes.hpp"
#include "auth/password.hpp"
#include "classbook/common/log.hpp"
#include "domain/kiosk_pin.hpp"
#include "store/kiosk_pins.hpp"
#include "store/kiosks.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/taps.hpp"
#include "store/writer.hpp"
#include "store/security_log.hpp"

namespace classbook::app {
namespace {

domain::PinCounter counter_of(const store::KioskPinRecord& p) {
  domain::PinCounter c;
  c.failures = p.failures;
  c.lockouts = p.lockouts;
  TimePoint until;
  if (p.locked_until && parse_utc(*p.locked_until, until)) c.locked_until = until;
  return c;
}

Result<std::string> card_of(const KioskDiaryQuery& q) {
  if (q.card.empty() == q.qr.empty())
    return make_error(Errc::invalid_input, "kiosk_diary.card_and_qr", "send either the card or the qr text, not both", "card");
  std::string_view text = q.card;
  if (!q.qr.empty()) {
    if (q.qr.rfind(card_qr_prefix, 0) != 0)
      return make_error(Errc::invalid_input, "kiosk_diary.qr_not_a_pupil", "this QR code is not a pupil's card; show the code from the web diary", "qr");
    text = std::string_view(q.qr).substr(std::string_view(card_qr_prefix).size());
  }
  auto card = normalise_card(text);
  if (!card) return make_error(Errc::invalid_input, "card.number_malformed", "card must be the card number in hex or decimal digits", q.qr.empty() ? "card" : "qr");
  return *card;
}

KioskDiaryOutcome refused(const char* why) {
  KioskDiaryOutcome o;
  o.refusal = why;
  return o;
}

// The PIN check and its outcome, on a hashing thread.
void check_pin(Context& ctx_, Id kiosk_id, const std::string& card, const std::string& week, const std::string& pin_text,
                 const std::string& pin_hash, const store::StudentBrief& pupil_brief,
                 const domain::PinCounter& counter, TimePoint now,
                 const std::function<void(Result<KioskDiaryOutcome>)>& finish) {
  const auto* pupil = &pupil_brief;
  if (auth::verify_password(pin_text, pin_hash)) {
    // The pupil opens the own diary: the same read, under the pupil's own right.
    domain::Actor self;
    self.role = domain::Role::student;
    self.person_id = pupil->id;
    auto diary = get_diary(ctx_, self, pupil->uuid, week);
    if (!diary) return finish(diary.error());
    KioskDiaryOutcome o;
    o.diary = std::move(*diary);
    if (counter.failures == 0 && !counter.locked_until && counter.lockouts == 0) return finish(std::move(o));
    return ctx_.writer.submit(
        [id = pupil->id](store::WriteContext& w) { return store::set_kiosk_pin_counter(w.db, id, 0, std::nullopt, 0); },
        [o = std::move(o), finish](const Status& s) mutable {
          if (!s) return finish(s.error());
          finish(std::move(o));
        });
  }

  // A wrong PIN: counted, and at the limit the card locks.
  const auto after = domain::after_wrong_pin(counter, now);
  ctx_.writer.submit(
      [id = pupil->id, after, kiosk_id, card](store::WriteContext& w) -> Status {
        const std::optional<std::string> until = after.locked_until ? std::optional(format_utc(*after.locked_until)) : std::nullopt;
        if (auto s = store::set_kiosk_pin_counter(w.db, id, after.failures, until, after.lockouts); !s) return s;
        if (!after.locked_until) return ok_status();
        return store::insert_security_event(
            w.db, {w.now_text, "pin_locked", kiosk_id, card, id,
                   std::to_string(domain::pin_max_attempts) + " wrong PINs in a row; locked until " + *until});
      },
      [after, name = pupil->name, finish](const Status& s) {
        if (!s) return finish(s.error());
        if (after.locked_until) {
          log::warn("entrance", "the hall-kiosk PIN of " + name + " is locked after " +
                                    std::to_string(domain::pin_max_attempts) + " wrong tries");
          auto o = refused(kiosk_error::pin_locked);
          o.locked_until = format_utc(*after.locked_until);
          return finish(o);
        }
        auto o = refused(kiosk_error::wrong_pin);
        o.attempts_left = domain::attempts_left(after);
        finish(o);
      });
}

}  // namespace

bool KioskDiary::begin_check(Id student_id) {
  std::lock_guard lock(mutex_);
  return checking_.insert(student_id).second;
}

void KioskDiary::end_check(Id student_id) {
  std::lock_guard lock(mutex_);
  checking_.erase(student_id);
}

void KioskDiary::open(const domain::Actor& kiosk, KioskDiaryQuery q, Reply<KioskDiaryOutcome> reply) {
  if (auto d = domain::decide(kiosk, domain::Action::open_diary_at_kiosk, {}); !d)
    return reply(make_error(Errc::forbidden, "kiosk_diary.not_allowed", d.reason));
  auto card = card_of(q);
  if (!card) return reply(card.error());
  if (q.pin.size() > max_pin_chars) return reply(make_error(Errc::invalid_input, "pin.malformed", "the PIN is 4 to 6 digits", "pin"));
  std::string week = q.week;
  if (week.empty()) week = domain::format_iso_week(domain::iso_week_of(local_date(ctx_, ctx_.clock.now())));
  if (!domain::parse_iso_week(week))
    return reply(make_error(Errc::invalid_input, "date.week_malformed", "week must look like 2026-W48 (ISO year, W, week number)", "week"));

  std::optional<store::StudentBrief> pupil;
  {
    auto db = ctx_.readers.acquire();
    auto sid = store::student_by_card(*db, *card);
    if (!sid) return reply(sid.error());
    if (*sid) {
      auto brief = store::student_brief(*db, **sid);
      if (!brief) return reply(brief.error());
      pupil = *brief;
    }
  }
  if (!pupil)
    return reply(make_error(Errc::not_found, "card.unknown", "this card belongs to no pupil; ask the office", kiosk_error::unknown_card));
  if (!begin_check(pupil->id))
    return reply(make_error(Errc::throttled, "pin.check_in_progress", "this card's PIN is being checked; try again in a moment", "1"));
  auto finish = [this, id = pupil->id, reply](Result<KioskDiaryOutcome> r) {
    end_check(id);
    reply(std::move(r));
  };

  std::optional<store::KioskPinRecord> pin;
  {
    auto db = ctx_.readers.acquire();
    auto found = store::find_kiosk_pin(*db, pupil->id);
    // A failed read is the database's trouble (503), never "this pupil has no PIN".
    if (!found) return finish(found.error());
    pin = std::move(*found);
  }
  if (!pin) return finish(refused(kiosk_error::no_pin));
  const auto counter = counter_of(*pin);
  const auto now = ctx_.clock.now();
  if (domain::pin_locked(counter, now)) {
    auto o = refused(kiosk_error::pin_locked);
    o.locked_until = format_utc(*counter.locked_until);
    return finish(o);
  }

  // Argon2 on the hashing pool, not on the network thread that called us.
  auto job = [this, kiosk_id = kiosk.person_id, card = *card, week, pin_text = std::move(q.pin),
              hash = pin->pin_hash, pupil = *pupil, counter, now, finish] {
    check_pin(ctx_, kiosk_id, card, week, pin_text, hash, pupil, counter, now, finish);
  };
  if (!ctx_.hashing->submit(std::move(job))) finish(hashing_busy());
}

}  // namespace classbook::app
