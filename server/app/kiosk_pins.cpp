// kiosk_pins: the PIN rule, the policy, the hash and the writer job.
#include "app/kiosk_pins.hpp"

#include "app/community_common.hpp"
#include "app/kiosk_diary.hpp"
#include "app/submit.hpp"
#include "auth/password.hpp"
#include "domain/kiosk_pin.hpp"
#include "store/kiosk_pins.hpp"
#include "store/reader_pool.hpp"
#include "store/taps.hpp"

namespace classbook::app {
namespace {

// The pupil, when the actor may set the pupil's PIN.
Result<store::StudentBrief> pin_owner(store::Db& db, const domain::Actor& actor, std::string_view student_id) {
  auto pupil = community::find_student(db, student_id);
  if (!pupil) return pupil.error();
  if (auto d = domain::decide(actor, domain::Action::set_kiosk_pin, {pupil->id, pupil->class_id, 0}); !d)
    return make_error(Errc::forbidden, "pin.not_allowed", d.reason);
  return pupil;
}

}  // namespace

void set_kiosk_pin(Context& ctx, const domain::Actor& actor, std::string student_id, std::string pin, Reply<Ok> reply) {
  {
    // Policy first, so that nobody learns the PIN rule's verdict (or burns a hash) for someone else's child.
    auto db = ctx.readers.acquire();
    if (auto p = pin_owner(*db, actor, student_id); !p) return reply(p.error());
  }
  if (auto problem = domain::check_kiosk_pin(pin)) return reply(make_error(Errc::invalid_input, "pin.not_acceptable", *problem, "pin"));
  // Argon2 on the hashing pool, not on the network thread that called us.
  auto job = [&ctx, actor, student_id = std::move(student_id), pin = std::move(pin), reply]() mutable {
    auto hash = auth::hash_password(pin);
    submit<Ok>(ctx, [actor, student_id = std::move(student_id), hash = std::move(hash)](store::WriteContext& w) -> Result<Ok> {
      auto pupil = pin_owner(w.db, actor, student_id);
      if (!pupil) return pupil.error();
      auto old = store::find_kiosk_pin(w.db, pupil->id);
      if (!old) return old.error();
      const bool had = old->has_value();
      if (auto s = store::put_kiosk_pin(w.db, pupil->id, hash, actor.user_id, w.now_text); !s) return s.error();
      w.audit(actor.user_id, "kiosk_pin", pupil->uuid, had ? "update" : "create", "{}", "{}");
      return Ok{};
    }, std::move(reply));
  };
  if (!ctx.hashing->submit(std::move(job))) reply(hashing_busy());
}

void remove_kiosk_pin(Context& ctx, const domain::Actor& actor, std::string student_id, Reply<Ok> reply) {
  submit<Ok>(ctx, [actor, student_id = std::move(student_id)](store::WriteContext& w) -> Result<Ok> {
    auto pupil = pin_owner(w.db, actor, student_id);
    if (!pupil) return pupil.error();
    auto removed = store::delete_kiosk_pin(w.db, pupil->id);
    if (!removed) return removed.error();
    if (*removed) w.audit(actor.user_id, "kiosk_pin", pupil->uuid, "delete", "{}", "{}");
    return Ok{};
  }, std::move(reply));
}

Result<std::string> kiosk_qr_text(Context& ctx, const domain::Actor& actor, std::string_view student_id) {
  auto db = ctx.readers.acquire();
  auto pupil = community::find_student(*db, student_id);
  if (!pupil) return pupil.error();
  // The same right as the PIN's: the code opens nothing without the PIN, but it carries the card number.
  if (auto d = domain::decide(actor, domain::Action::set_kiosk_pin, {pupil->id, pupil->class_id, 0}); !d)
    return make_error(Errc::forbidden, "kiosk_qr.not_allowed", d.reason);
  auto card = store::card_of_student(*db, pupil->id);
  if (!card) return card.error();
  if (!*card)
    return make_error(Errc::conflict, "kiosk_qr.no_card", "this pupil has no card on record; ask the office to register the pupil's card");
  return std::string(card_qr_prefix) + **card;
}

}  // namespace classbook::app
