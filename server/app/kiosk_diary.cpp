// kiosk_diary: card → pupil → PIN → the same diary the web shows.
#include "app/kiosk_diary.hpp"

#include "app/hash_pool.hpp"
#include "app/kiosks.hpp"
#include "app/reads.hpp"
#include "app/school_days.hpp"
#include "app/writes.hpp"
#include "auth/password.hpp"
#include "classbook/common/log.hpp"
#include "domain/kiosk_pin.hpp"
#include "store/issued_documents.hpp"
#include "store/kiosk_pins.hpp"
#include "store/roster.hpp"
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

// The week's extract for the kiosk's printer, once the PIN was right: within the day's limit, made
// and registered as the web's extract is (made_by: the kiosk, which is how the limit counts it).
void print_week(Context& ctx, domain::Actor self, Id kiosk_id, const store::StudentBrief& pupil, const std::string& week,
                int prints_per_day, const std::string& origin, const std::function<void(Result<KioskDiaryOutcome>)>& finish) {
  const auto now = ctx.clock.now();
  const auto today = local_date(ctx, now);
  const auto since = format_utc(school_day_start(ctx, today));
  int printed = 0;
  {
    auto db = ctx.readers.acquire();
    auto n = store::kiosk_extracts_since(*db, pupil.id, since);
    if (!n) return finish(n.error());
    printed = *n;
    // Registered as the pupil's own (the pupil asked for it, at the kiosk).
    auto account = store::account_of(*db, domain::Role::student, pupil.id);
    if (!account) return finish(account.error());
    if (!*account)
      return finish(make_error(Errc::conflict, "kiosk_print.no_account",
                               "this pupil has no account to print for; ask the office for a login slip"));
    self.user_id = (*account)->user_id;
  }
  if (printed >= prints_per_day) {
    auto o = refused(kiosk_error::print_limit);
    o.prints_left = 0;
    return finish(o);
  }
  const auto monday = std::chrono::sys_days(domain::monday_of(*domain::parse_iso_week(week)));
  const auto from = domain::format_date(domain::Date(monday)), to = domain::format_date(domain::Date(monday + std::chrono::days(6)));
  issue_diary_extract(
      ctx, self, pupil.uuid, from, to, origin,
      [finish, left = prints_per_day - printed - 1](Result<IssuedPdf> pdf) {
        if (!pdf) return finish(pdf.error());
        KioskDiaryOutcome o;
        o.extract = std::move(*pdf);
        o.prints_left = left;
        finish(std::move(o));
      },
      kiosk_id);
}

// The PIN check and its outcome, on a hashing thread.
void check_pin(Context& ctx_, const domain::Actor& kiosk, const std::string& card, const KioskDiaryQuery& q,
               const std::string& week, const std::string& pin_hash, const store::StudentBrief& pupil_brief,
               const domain::PinCounter& counter, TimePoint now, int prints_per_day,
               const std::function<void(Result<KioskDiaryOutcome>)>& finish) {
  const auto* pupil = &pupil_brief;
  const Id kiosk_id = kiosk.person_id;
  if (auth::verify_password(q.pin, pin_hash)) {
    // The pupil opens the own diary: the same read, under the pupil's own right.
    domain::Actor self;
    self.role = domain::Role::student;
    self.person_id = pupil->id;
    auto answer = [&ctx_, self, kiosk_id, pupil = *pupil, week, q, prints_per_day, finish]() {
      if (q.extract) return print_week(ctx_, self, kiosk_id, pupil, week, prints_per_day, q.box_origin, finish);
      auto diary = get_diary(ctx_, self, pupil.uuid, week);
      if (!diary) return finish(diary.error());
      KioskDiaryOutcome o;
      o.diary = std::move(*diary);
      finish(std::move(o));
    };
    if (counter.failures == 0 && !counter.locked_until && counter.lockouts == 0) return answer();
    return ctx_.writer.submit(
        [id = pupil->id](store::WriteContext& w) { return store::set_kiosk_pin_counter(w.db, id, 0, std::nullopt, 0); },
        [answer, finish](const Status& s) {
          if (!s) return finish(s.error());
          answer();
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
  auto job = [this, kiosk, card = *card, week, q = std::move(q), hash = pin->pin_hash, pupil = *pupil, counter, now,
              prints = prints_per_day_, finish] {
    check_pin(ctx_, kiosk, card, q, week, hash, pupil, counter, now, prints, finish);
  };
  if (!ctx_.hashing->submit(std::move(job))) finish(hashing_busy());
}

}  // namespace classbook::app
