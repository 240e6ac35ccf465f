// routes_kiosk: the kiosks' own requests (enrolment, hello, taps, the hall diary — no session, a
// client certificate or device key instead), and the web's side of kiosks: the admin's list, codes
// and revocations, pupils' PINs, the security log. docs/kiosk-protocol.md is the contract.
#include "app/kiosk_pins.hpp"
#include "app/security_log.hpp"
#include "app/taps.hpp"
#include "domain/day_time.hpp"
#include "http/call.hpp"
#include "http/json_out.hpp"

namespace classbook::http {
namespace {

constexpr const char* a = "api";
constexpr const char* v1 = "v1";

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object kiosk_brief(const store::KioskRecord& k) {
  return json::object{{"id", k.uuid}, {"name", k.name}, {"mode", domain::to_string(k.mode)}};
}

json::object kiosk_json(const store::KioskRecord& k) {
  auto o = kiosk_brief(k);
  o["enrolled_at"] = or_null(k.enrolled_at);
  o["last_seen_at"] = or_null(k.last_seen_at);
  o["revoked"] = k.revoked;
  o["cert_fingerprint"] = or_null(k.cert_fingerprint);
  o["code_expires_at"] = or_null(k.code_expires_at);
  return o;
}

// The kiosk protocol names its refusals itself (kiosk_revoked, wrong_pin, …); they ride in
// Error::field from app/ and leave here as the error's code, with any extra members beside it.
void kiosk_fail(Api::Call& c, const Error& e, json::object extra = {}) {
  if (!app::kiosk_error::is_one(e.field)) return c.fail(e);
  const auto s = e.field == app::kiosk_error::pin_locked ? status::locked : status_of(e.code);
  json::object err{{"code", e.field}, {"message", e.message}};
  for (auto& kv : extra) err[kv.key()] = kv.value();
  c.json_reply(s, json::object{{"error", std::move(err)}});
}

}  // namespace

bool Api::route_device(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  if (c.is(verb::post, {a, v1, "kiosks", "enrol"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error()), true;
    auto f = Fields::of(*obj, {"code", "csr"});
    if (!f) return c.fail(f.error()), true;
    auto code = f->string("code");
    if (!code) return c.fail(code.error()), true;
    auto csr = f->string("csr");
    if (!csr) return c.fail(csr.error()), true;
    kiosks_.enrol(c.peer.address, *code, *csr, [cp, this](Result<app::Enrolled> r) {
      if (!r) return kiosk_fail(*cp, r.error());
      cp->json_reply(status::created, json::object{{"kiosk", kiosk_brief(r->kiosk)}, {"certificate", r->certificate},
                                                   {"ca", r->ca}, {"school", ctx_.settings.name}});
    });
    return true;
  }
  if (c.is(verb::post, {a, v1, "taps"})) {
    const auto auth = c.req[bh::field::authorization];
    auto kiosk = !auth.empty() ? kiosks_.by_device_key(auth.substr(0, 7) == "Bearer " ? std::string(auth.substr(7)) : std::string())
                               : kiosks_.by_certificate(c.peer.client_cert_fingerprint);
    if (!kiosk) return kiosk_fail(c, kiosk.error()), true;
    kiosks_.seen(*kiosk);
    auto obj = c.body();
    if (!obj) return c.fail(obj.error()), true;
    auto f = Fields::of(*obj, {"tap_id", "card", "reader", "at", "direction"});
    if (!f) return c.fail(f.error()), true;
    app::TapInput in;
    for (auto [name, dest] : {std::pair{"tap_id", &in.tap_id}, {"card", &in.card}, {"reader", &in.reader}, {"at", &in.at}}) {
      auto v = f->string(name);
      if (!v) return c.fail(v.error()), true;
      *dest = std::move(*v);
    }
    auto direction = f->optional_string("direction");
    if (!direction) return c.fail(direction.error()), true;
    in.direction = direction->value_or("toggle");
    app::record_tap(ctx_, kiosk->actor, std::move(in), c.then<app::TapResult>(cp, [this](Call& c, app::TapResult r) {
      tap_recorded(r.result);
      c.json_reply(r.result == "duplicate" ? status::ok : status::created, to_json(r));
    }));
    return true;
  }
  if (c.is(verb::get, {a, v1, "kiosk", "hello"})) {
    auto kiosk = kiosks_.by_certificate(c.peer.client_cert_fingerprint);
    if (!kiosk) return kiosk_fail(c, kiosk.error()), true;
    kiosks_.seen(*kiosk);
    c.json_reply(status::ok, json::object{{"kiosk", kiosk_brief(kiosk->kiosk)},
                                          {"school", ctx_.settings.name},
                                          {"server_time", format_utc(ctx_.clock.now())},
                                          {"utc_offset", domain::format_utc_offset(ctx_.settings.utc_offset_minutes)}});
    return true;
  }
  if (c.is(verb::post, {a, v1, "kiosk", "diary"})) {
    auto kiosk = kiosks_.by_certificate(c.peer.client_cert_fingerprint);
    if (!kiosk) return kiosk_fail(c, kiosk.error()), true;
    kiosks_.seen(*kiosk);
    auto obj = c.body();
    if (!obj) return c.fail(obj.error()), true;
    auto f = Fields::of(*obj, {"card", "qr", "pin", "week"});
    if (!f) return c.fail(f.error()), true;
    app::KioskDiaryQuery q;
    for (auto [name, dest] : {std::pair{"card", &q.card}, {"qr", &q.qr}, {"week", &q.week}}) {
      auto v = f->optional_string(name);
      if (!v) return c.fail(v.error()), true;
      *dest = v->value_or("");
    }
    auto pin = f->string("pin");
    if (!pin) return c.fail(pin.error()), true;
    q.pin = std::move(*pin);
    kiosk_diary_.open(kiosk->actor, std::move(q), [cp](Result<app::KioskDiaryOutcome> r) {
      Call& c = *cp;
      if (!r) return kiosk_fail(c, r.error());
      namespace ke = app::kiosk_error;
      if (r->refusal == ke::no_pin)
        return kiosk_fail(c, make_error(Errc::conflict, "set a kiosk PIN in the web diary first", ke::no_pin));
      if (r->refusal == ke::wrong_pin)
        return kiosk_fail(c, make_error(Errc::forbidden, "wrong PIN; " + std::to_string(r->attempts_left) + " tries left", ke::wrong_pin),
                          json::object{{"attempts_left", r->attempts_left}});
      if (r->refusal == ke::pin_locked)
        return kiosk_fail(c, make_error(Errc::forbidden, "too many wrong PINs; this card is locked until " + r->locked_until + " (UTC)", ke::pin_locked),
                          json::object{{"locked_until", r->locked_until}});
      const auto& d = *r->diary;
      // The diary as GET /api/v1/students/{id}/diary writes it, inside the kiosk's envelope.
      std::string body = json::serialize(json::object{
          {"student", json::object{{"id", d.student.uuid}, {"name", d.student.name}, {"class", d.student.class_name}}},
          {"week", d.week}});
      body.pop_back();
      body += ",\"diary\":" + diary_json(d) + "}";
      c.reply(make_response(status::ok, c.req.version(), std::move(body)));
    });
    return true;
  }
  return false;
}

void Api::route_kiosk(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  if (c.is(verb::get, {a, v1, "kiosks"})) {
    auto r = kiosks_.list(actor);
    if (!r) return c.fail(r.error());
    json::array list;
    for (const auto& k : *r) list.push_back(kiosk_json(k));
    return c.json_reply(status::ok, json::object{{"kiosks", std::move(list)}});
  }
  if (c.is(verb::post, {a, v1, "kiosks"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"name", "mode"});
    if (!f) return c.fail(f.error());
    auto name = f->string("name");
    if (!name) return c.fail(name.error());
    auto mode_text = f->optional_string("mode");
    if (!mode_text) return c.fail(mode_text.error());
    const auto mode = domain::parse_kiosk_mode(mode_text->value_or("entrance"));
    if (!mode) return c.fail(make_error(Errc::invalid_input, "mode must be entrance or hall", "mode"));
    return kiosks_.make_code(actor, *name, *mode, c.then<app::IssuedCode>(cp, [this](Call& c, app::IssuedCode r) {
      c.json_reply(status::created, json::object{{"kiosk", kiosk_brief(r.kiosk)}, {"code", r.code},
                                                 {"expires_at", r.expires_at}, {"ca_fingerprint", kiosks_.ca_fingerprint()}});
    }));
  }
  if (c.is(verb::delete_, {a, v1, "kiosks", "*"}))
    return kiosks_.revoke(actor, c.path[3], c.then<Ok>(cp, reply_no_content));
  if (c.is(verb::put, {a, v1, "students", "*", "kiosk-pin"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"pin"});
    if (!f) return c.fail(f.error());
    auto pin = f->string("pin");
    if (!pin) return c.fail(pin.error());
    return app::set_kiosk_pin(ctx_, actor, c.path[3], std::move(*pin), c.then<Ok>(cp, reply_no_content));
  }
  if (c.is(verb::delete_, {a, v1, "students", "*", "kiosk-pin"}))
    return app::remove_kiosk_pin(ctx_, actor, c.path[3], c.then<Ok>(cp, reply_no_content));
  if (c.is(verb::get, {a, v1, "security-events"})) {
    auto r = app::list_security_events(ctx_, actor, c.query["from"], c.query["to"]);
    if (!r) return c.fail(r.error());
    json::array list;
    for (const auto& e : *r) {
      json::object o{{"id", e.uuid}, {"at", e.at}, {"kind", e.kind}, {"kiosk", e.kiosk}, {"card", e.card}, {"detail", e.detail}};
      if (e.student_uuid) o["student"] = json::object{{"id", *e.student_uuid}, {"name", e.student_name}, {"class", e.class_name}};
      list.push_back(std::move(o));
    }
    return c.json_reply(status::ok, json::object{{"events", std::move(list)}});
  }
  c.fail(Errc::not_found, "no such API path or method: " + std::string(c.req.method_string()) + " " + std::string(c.req.target()));
}

}  // namespace classbook::http
