// taps: validation, the tap's writer job and the anomaly rules' side effects.
#include "app/taps.hpp"

#include <boost/json.hpp>

#include "app/desk_reader.hpp"
#include "app/live_changes.hpp"
#include "app/reads.hpp"
#include "app/submit.hpp"
#include "app/system_notice.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "domain/card_anomaly.hpp"
#include "store/cards.hpp"
#include "store/kiosks.hpp"
#include "store/people.hpp"
#include "store/security_log.hpp"
#include "store/system_messages.hpp"
#include "store/taps.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::WriteContext;

namespace {

struct Seen {
  std::optional<Id> student_id;
  domain::TapFacts facts;
  std::optional<TimePoint> inside_since;
};

// What the anomaly rules need, read inside the tap's transaction before the tap is written: rows
// the tap touches anyway (the pupil's presence, the kiosk's run of unknown cards).
Result<Seen> read_facts(const Context& ctx, WriteContext& w, const domain::Actor& kiosk, const TapInput& in, TimePoint at,
                        domain::TapDirection direction) {
  Seen s;
  s.facts.requested = direction;
  s.facts.kiosk_id = kiosk.person_id;
  s.facts.at = at;
  auto run = store::unknown_run(w.db, kiosk.person_id);
  if (!run) return run.error();
  s.facts.unknown_run_before = *run;
  auto pupil = store::student_by_card(w.db, in.card);
  if (!pupil) return pupil.error();
  s.student_id = *pupil;
  s.facts.known_pupil = s.student_id.has_value();
  if (!s.student_id) return s;
  auto presence = store::presence_of(w.db, *s.student_id);
  if (!presence) return presence.error();
  if (*presence) {
    TimePoint last;
    if (parse_utc((*presence)->last_at, last)) {
      s.facts.previous = domain::CardSighting{(*presence)->last_kiosk, last};
      s.facts.inside_today = domain::inside_today((*presence)->inside, last, at, ctx.settings().utc_offset_minutes);
      if (s.facts.inside_today) s.inside_since = last;
    }
  }
  return s;
}

Result<std::string> detail_of(domain::Anomaly a, WriteContext& w, const Seen& s) {
  switch (a) {
    case domain::Anomaly::two_entrances: {
      auto name = store::kiosk_name(w.db, s.facts.previous->kiosk_id);
      if (!name) return name.error();
      return "the card was read at '" + *name + "' at " + format_utc(s.facts.previous->at) + ", within " +
             std::to_string(domain::two_entrances_window.count()) + " s";
    }
    case domain::Anomaly::already_inside:
      return "an entry while inside since " + (s.inside_since ? format_utc(*s.inside_since) : std::string("today"));
    case domain::Anomaly::unknown_cards:
      return std::to_string(domain::unknown_cards_alarm) + " unknown cards in a row";
  }
  return std::string();
}

// The class teacher hears of it live on the class day, and by one message per pupil, kind and school
// day from the box.
Status tell_class_teacher(const Context& ctx, WriteContext& w, domain::Anomaly a, const store::StudentBrief& pupil,
                          const std::string& kiosk, TimePoint at) {
  const auto found = store::class_teacher_user(w.db, pupil.class_id);
  if (!found) return found.error();
  if (!*found) return ok_status();  // nobody leads the class: the security log still has it
  const Id teacher = **found;
  // The class day lists every anomaly as it comes (GET /api/v1/classes/{id}/card-anomalies); the
  // message below goes once per pupil, kind and day.
  live::accounts(w, "card_anomaly", {teacher},
                 {{"class_id", pupil.class_uuid}, {"student_id", pupil.uuid}, {"date", domain::format_date(local_date(ctx, at))}});
  auto first = store::first_notice_of_day(w.db, pupil.id, domain::to_string(a), domain::format_date(local_date(ctx, at)));
  if (!first) return first.error();
  if (!*first) return ok_status();
  return send_system_notice(w, teacher, anomaly_thread_subject,
                            domain::anomaly_message(a, pupil.name, pupil.class_name, kiosk, minutes_text(local_minute(ctx, at))));
}

// A card reported lost or damaged, tapped at an entrance: not the pupil's entrance. The security log
// names the pupil who held it and the kiosk; the run of unknown cards neither grows nor ends (the card
// is known, as blocked). Called only for a card no pupil holds, so a pupil's tap reads nothing more.
Result<bool> refused_as_blocked(const Context& ctx, WriteContext& w, const domain::Actor& kiosk, const TapInput& in, TapResult& r) {
  const auto blocked = store::blocked_card(w.db, in.card);
  if (!blocked) return blocked.error();
  if (!*blocked) return false;
  TimePoint ended;
  const std::string day = parse_utc((*blocked)->ended_at, ended) ? domain::format_date(local_date(ctx, ended)) : (*blocked)->ended_at;
  store::NewSecurityEvent e{in.at, store::blocked_card_event, kiosk.person_id, in.card, (*blocked)->student_id,
                            "the card was reported " + (*blocked)->end_reason + " on " + day + " and is blocked"};
  if (auto st = store::insert_security_event(w.db, e); !st) return st.error();
  const auto kiosk_name = store::kiosk_name(w.db, kiosk.person_id);
  if (!kiosk_name) return kiosk_name.error();
  r.anomaly_log.push_back(std::string(store::blocked_card_event) + " at kiosk '" + *kiosk_name + "', card " + in.card + ": " + e.detail);
  return true;
}

Status record_anomalies(const Context& ctx, WriteContext& w, const domain::Actor& kiosk, const TapInput& in,
                        TimePoint at, const Seen& s, const std::optional<store::StudentBrief>& pupil, TapResult& r) {
  if (const int run = domain::unknown_run_after(s.facts); run != s.facts.unknown_run_before)
    if (auto st = store::set_unknown_run(w.db, kiosk.person_id, run); !st) return st;
  const auto anomalies = domain::detect_anomalies(s.facts);
  if (anomalies.empty()) return ok_status();
  const auto kiosk_read = store::kiosk_name(w.db, kiosk.person_id);
  if (!kiosk_read) return kiosk_read.error();
  const auto& kiosk_name = *kiosk_read;
  for (auto a : anomalies) {
    const auto detail_read = detail_of(a, w, s);
    if (!detail_read) return detail_read.error();
    const auto& detail = *detail_read;
    store::NewSecurityEvent e{in.at, domain::to_string(a), kiosk.person_id, in.card, s.student_id, detail};
    if (auto st = store::insert_security_event(w.db, e); !st) return st;
    if (pupil)
      if (auto st = tell_class_teacher(ctx, w, a, *pupil, kiosk_name, at); !st) return st;
    r.anomaly_log.push_back(std::string(domain::to_string(a)) + " at kiosk '" + kiosk_name + "', card " + in.card +
                            (pupil ? " (" + pupil->name + ", " + pupil->class_name + ")" : std::string()) + ": " + detail);
  }
  r.anomaly = domain::to_string(anomalies.front());
  return ok_status();
}

}  // namespace

void record_tap(Context& ctx, const domain::Actor& kiosk, TapInput in, Reply<TapResult> reply) {
  if (auto d = domain::decide(kiosk, domain::Action::record_tap, {}); !d)
    return reply(make_error(Errc::forbidden, "tap.not_allowed", d.reason));
  if (!is_uuid(in.tap_id)) return reply(make_error(Errc::invalid_input, "tap.id_malformed", "tap_id must be a UUID made by the kiosk", "tap_id"));
  auto card = normalise_card(in.card);
  if (!card) return reply(make_error(Errc::invalid_input, "card.number_malformed", "card must be the card number in hex or decimal digits", "card"));
  std::size_t reader_chars = 0;
  if (!utf8_length(in.reader, reader_chars) || reader_chars > max_reader_chars ||
      in.reader.find_first_not_of(" \t\r\n") == std::string::npos)
    return reply(make_error(Errc::invalid_input, "tap.reader_malformed", "reader must name the reader in 1 to 64 characters", "reader"));
  const auto direction = domain::parse_tap_direction(in.direction);
  if (!direction) return reply(make_error(Errc::invalid_input, "tap.direction_unknown", "direction must be in, out or toggle", "direction"));
  TimePoint at;
  if (!parse_utc(in.at, at))
    return reply(make_error(Errc::invalid_input, "tap.time_malformed", "at must be a UTC time like 2026-11-29T08:14:03.120Z", "at"));
  const auto now = ctx.clock.now();
  if (at < now - tap_max_age || at > now + tap_max_ahead)
    return reply(make_error(Errc::invalid_input, "tap.clock_skew", "the tap time is too far from the server's clock; check the kiosk's clock", "at"));
  in.card = *card;
  in.at = format_utc(at);
  submit<TapResult>(ctx, [&ctx, kiosk, in = std::move(in), at, direction = *direction](WriteContext& w) -> Result<TapResult> {
    if (in.confirm) {
      const auto current = store::kiosk_credential_current(w.db, in.confirm->kiosk_id, in.confirm->by_key, in.confirm->lookup);
      if (!current) return current.error();
      if (!*current) return kiosk_revoked_error(in.confirm->by_key);
    }
    if (in.desk) return pass_to_desk(w, in);
    TapResult r;
    r.at = in.at;
    const auto dup = store::tap_by_id(w.db, in.tap_id);
    if (!dup) return dup.error();
    if (*dup) {
      r.original = (*dup)->result == blocked_card_result ? "unknown_card" : (*dup)->result;
      r.result = "duplicate";
      if (const auto sid = (*dup)->student_id) {
        auto brief = store::student_brief(w.db, *sid);
        if (!brief) return brief.error();
        r.student = *brief;
      }
      return r;
    }
    const auto seen_read = read_facts(ctx, w, kiosk, in, at, direction);
    if (!seen_read) return seen_read.error();
    const Seen& seen = *seen_read;
    if (!seen.student_id) {
      const auto blocked = refused_as_blocked(ctx, w, kiosk, in, r);
      if (!blocked) return blocked.error();
      if (*blocked) {
        const store::NewTap tap{in.tap_id, std::nullopt, in.card, in.reader, std::to_string(kiosk.person_id),
                                in.at, blocked_card_result, w.now_text, domain::to_string(direction)};
        if (auto s = store::insert_tap(w.db, tap); !s) return s.error();
        r.result = "unknown_card";
        return r;
      }
      r.result = "unknown_card";
    } else {
      const bool in_now = domain::goes_in(direction, seen.facts.inside_today);
      r.result = in_now ? "in" : "out";
      auto brief = store::student_brief(w.db, *seen.student_id);
      if (!brief) return brief.error();
      r.student = *brief;
      if (auto s = store::put_presence(w.db, *seen.student_id, in_now, in.at, kiosk.person_id); !s) return s.error();
    }
    if (auto s = record_anomalies(ctx, w, kiosk, in, at, seen, r.student, r); !s) return s.error();
    const store::NewTap tap{in.tap_id, seen.student_id, in.card, in.reader, std::to_string(kiosk.person_id),
                            in.at, r.result, w.now_text, domain::to_string(direction)};
    if (auto s = store::insert_tap(w.db, tap); !s) return s.error();
    if (r.student) {
      const auto payload = json::serialize(json::object{{"tap_id", in.tap_id}, {"student", r.student->uuid},
                                                        {"direction", r.result}, {"at", in.at}, {"reader", in.reader}});
      w.audit(kiosk.user_id, "tap", in.tap_id, "create", "{}", payload);
      w.outbox("tap", in.tap_id, "create", payload);
    }
    return r;
  }, [reply = std::move(reply)](Result<TapResult> r) {
    // Logged once committed: a rolled-back tap raised no alarm.
    if (r)
      for (const auto& line : r->anomaly_log) log::warn("entrance", line);
    reply(std::move(r));
  });
}

}  // namespace classbook::app
