// routes_kiosk: the kiosks' own requests (enrolment, hello, taps, the hall diary — no session, a
// client certificate or device key instead), and the web's side of kiosks: the admin's list, codes
// and revocations, pupils' PINs, the security log. docs/kiosk-protocol.md is the contract.
#include "app/kiosk_pins.hpp"
#include "app/security_log.hpp"
#include "app/taps.hpp"
#include "domain/day_time.hpp"
#include "http/pdf_reply.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"
#include "qr/qr_svg.hpp"

namespace classbook::http {
namespace {

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object kiosk_brief(const rows::KioskRecord& k) {
  return json::object{{"id", k.uuid}, {"name", k.name}, {"mode", domain::to_string(k.mode)}};
}

json::object kiosk_json(const rows::KioskRecord& k) {
  auto o = kiosk_brief(k);
  o["enrolled_at"] = or_null(k.enrolled_at);
  o["last_seen_at"] = or_null(k.last_seen_at);
  o["revoked"] = k.revoked;
  o["cert_fingerprint"] = or_null(k.cert_fingerprint);
  o["code_expires_at"] = or_null(k.code_expires_at);
  return o;
}

// The kiosk protocol names its refusals itself (kiosk_revoked, wrong_pin, …); they ride in
// Error::field from app/ and leave here as the error's code — the kiosks' firmware reads these
// names, so they stay as they are rather than becoming the API's area.name codes — with the kind
// and any extra members beside it.
void kiosk_fail(Call& c, const Error& e, json::object extra = {}) {
  if (!app::kiosk_error::is_one(e.field)) return c.fail(e);
  const auto s = e.field == app::kiosk_error::pin_locked ? status::locked : status_of(e.code);
  json::object err{{"code", e.field}, {"kind", kind_of(e.code)}, {"message", e.message}};
  for (auto& kv : extra) err[kv.key()] = kv.value();
  c.json_reply(s, json::object{{"error", std::move(err)}});
}

void post_enrol(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"code", "csr"});
  if (!f) return c.fail(f.error());
  auto code = f->string("code");
  if (!code) return c.fail(code.error());
  auto csr = f->string("csr");
  if (!csr) return c.fail(csr.error());
  env.kiosks.enrol(c.peer.address, *code, *csr, [cp, &env](Result<app::Enrolled> r) {
    if (!r) return kiosk_fail(*cp, r.error());
    cp->json_reply(status::created, json::object{{"kiosk", kiosk_brief(r->kiosk)}, {"certificate", r->certificate},
                                                 {"ca", r->ca}, {"school", env.ctx.settings().name}});
  });
}

void post_tap(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"tap_id", "card", "reader", "at", "direction"});
  if (!f) return c.fail(f.error());
  app::TapInput in;
  for (auto [name, dest] : {std::pair{"tap_id", &in.tap_id}, {"card", &in.card}, {"reader", &in.reader}, {"at", &in.at}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto direction = f->optional_string("direction");
  if (!direction) return c.fail(direction.error());
  in.direction = direction->value_or("toggle");
  in.confirm = c.kiosk->credential;  // the identity may be the cached one: the tap's transaction confirms it
  if (c.kiosk->kiosk.mode == domain::KioskMode::desk) in.desk = app::DeskKiosk{c.kiosk->kiosk.uuid, c.kiosk->kiosk.name};
  app::record_tap(env.ctx, c.kiosk->actor, std::move(in), [cp, &env](Result<app::TapResult> r) {
    if (!r) return kiosk_fail(*cp, r.error());  // a kiosk revoked meanwhile: its protocol code
    env.metrics.count_tap(r->result);
    cp->json_reply(r->result == "duplicate" ? status::ok : status::created, to_json(*r));
  });
}

void get_hello(Env& env, const CallPtr& cp) {
  cp->json_reply(status::ok, json::object{{"kiosk", kiosk_brief(cp->kiosk->kiosk)},
                                          {"school", env.ctx.settings().name},
                                          {"server_time", format_utc(env.ctx.clock.now())},
                                          {"utc_offset", domain::format_utc_offset(env.ctx.settings().utc_offset_minutes)}});
}

// The body of /kiosk/diary and /kiosk/diary-extract: the card or its QR text, the PIN, the week.
std::optional<app::KioskDiaryQuery> kiosk_query(Call& c) {
  auto obj = c.body();
  if (!obj) return c.fail(obj.error()), std::nullopt;
  auto f = Fields::of(*obj, {"card", "qr", "pin", "week"});
  if (!f) return c.fail(f.error()), std::nullopt;
  app::KioskDiaryQuery q;
  for (auto [name, dest] : {std::pair{"card", &q.card}, {"qr", &q.qr}, {"week", &q.week}}) {
    auto v = f->optional_string(name);
    if (!v) return c.fail(v.error()), std::nullopt;
    *dest = v->value_or("");
  }
  auto pin = f->string("pin");
  if (!pin) return c.fail(pin.error()), std::nullopt;
  q.pin = std::move(*pin);
  return q;
}

// A refusal of the PIN (or of the day's prints) in the kiosk protocol's words; false when there was none.
bool kiosk_refused(Call& c, const app::KioskDiaryOutcome& r) {
  namespace ke = app::kiosk_error;
  if (r.refusal == ke::no_pin)
    return kiosk_fail(c, make_error(Errc::conflict, "pin.not_set", "set a kiosk PIN in the web diary first", ke::no_pin)), true;
  if (r.refusal == ke::wrong_pin)
    return kiosk_fail(c, make_error(Errc::forbidden, "pin.wrong", "wrong PIN; " + std::to_string(r.attempts_left) + " tries left", ke::wrong_pin),
                      json::object{{"attempts_left", r.attempts_left}}),
           true;
  if (r.refusal == ke::pin_locked)
    return kiosk_fail(c, make_error(Errc::forbidden, "pin.locked", "too many wrong PINs; this card is locked until " + r.locked_until + " (UTC)", ke::pin_locked),
                      json::object{{"locked_until", r.locked_until}}),
           true;
  if (r.refusal == ke::print_limit)
    return kiosk_fail(c, make_error(Errc::throttled, "kiosk_print.limit",
                                    "this pupil's prints at the kiosks for today are used up; come back tomorrow or ask the office",
                                    ke::print_limit)),
           true;
  return false;
}

void post_kiosk_diary(Env& env, const CallPtr& cp) {
  auto q = kiosk_query(*cp);
  if (!q) return;
  env.kiosk_diary.open(cp->kiosk->actor, std::move(*q), [cp](Result<app::KioskDiaryOutcome> r) {
    Call& c = *cp;
    if (!r) return kiosk_fail(c, r.error());
    if (kiosk_refused(c, *r)) return;
    const auto& d = *r->diary;
    // The diary as GET /api/v1/students/{id}/diary writes it, inside the kiosk's envelope.
    std::string body = json::serialize(json::object{
        {"student", json::object{{"id", d.student.uuid}, {"name", d.student.name}, {"class", d.student.class_name}}},
        {"week", d.week}});
    body.pop_back();
    body += ",\"diary\":" + diary_json(d) + "}";
    c.reply(make_response(status::ok, c.req.version(), std::move(body)));
  });
}

// The week's extract for a hall kiosk's own printer, after the same PIN; Classbook-Prints-Left says
// how many more the pupil may print there today.
void post_kiosk_extract(Env& env, const CallPtr& cp) {
  auto q = kiosk_query(*cp);
  if (!q) return;
  q->extract = true;
  q->box_origin = origin_of(cp->req);
  env.kiosk_diary.open(cp->kiosk->actor, std::move(*q), [cp](Result<app::KioskDiaryOutcome> r) {
    Call& c = *cp;
    if (!r) return kiosk_fail(c, r.error());
    if (kiosk_refused(c, *r)) return;
    auto res = make_response(status::ok, c.req.version(), std::move(r->extract->bytes), "application/pdf");
    res.set("Classbook-Prints-Left", std::to_string(r->prints_left));
    res.set(bh::field::cache_control, "no-store");
    c.reply(std::move(res));
  });
}

void get_kiosks(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = env.kiosks.list(c.session->actor);
  answer_list(c, "kiosks", r, [&env](const rows::KioskRecord& k) {
    auto o = kiosk_json(k);
    // As the kiosk last reported it; null: not since the box started, or a kiosk too old to say.
    const auto spool = env.kiosks.spool_report(k.id);
    o["spool_depth"] = spool ? json::value(spool->depth) : json::value(nullptr);
    o["spool_reported_at"] = spool ? json::value(spool->at) : json::value(nullptr);
    return o;
  });
}

void post_kiosk(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "mode"});
  if (!f) return c.fail(f.error());
  auto name = f->string("name");
  if (!name) return c.fail(name.error());
  auto mode_text = f->optional_string("mode");
  if (!mode_text) return c.fail(mode_text.error());
  const auto mode = domain::parse_kiosk_mode(mode_text->value_or("entrance"));
  if (!mode) return c.fail(make_error(Errc::invalid_input, "kiosk.mode_unknown", "mode must be entrance, hall or desk", "mode"));
  env.kiosks.make_code(c.session->actor, *name, *mode, c.then<app::IssuedCode>(cp, [&env](Call& c, app::IssuedCode r) {
    c.json_reply(status::created, json::object{{"kiosk", kiosk_brief(r.kiosk)}, {"code", r.code},
                                               {"expires_at", r.expires_at}, {"ca_fingerprint", env.kiosks.ca_fingerprint()}});
  }));
}

void delete_kiosk(Env& env, const CallPtr& cp) {
  env.kiosks.revoke(cp->session->actor, cp->param("id"), cp->then<Ok>(cp, reply_no_content));
}

void put_kiosk_pin(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"pin"});
  if (!f) return c.fail(f.error());
  auto pin = f->string("pin");
  if (!pin) return c.fail(pin.error());
  app::set_kiosk_pin(env.ctx, c.session->actor, c.param("id"), std::move(*pin), c.then<Ok>(cp, reply_no_content));
}

void delete_kiosk_pin(Env& env, const CallPtr& cp) {
  app::remove_kiosk_pin(env.ctx, cp->session->actor, cp->param("id"), cp->then<Ok>(cp, reply_no_content));
}

// The pupil's code for the hall kiosk's camera, drawn here so no script or font of the browser is
// trusted with it; no-store like every API answer (make_response), as it carries the card number.
void get_kiosk_qr(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto text = app::kiosk_qr_text(env.ctx, c.session->actor, c.param("id"));
  if (!text) return c.fail(text.error());
  auto svg = qr::qr_svg(*text);
  if (!svg) return c.fail(svg.error());
  auto res = make_response(status::ok, c.req.version(), std::move(*svg), "image/svg+xml");
  // Opened on its own the picture is a document: it may load and run nothing.
  res.set("Content-Security-Policy", "default-src 'none'");
  c.reply(std::move(res));
}

void get_security_events(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_security_events(env.ctx, c.session->actor, c.query["from"], c.query["to"]);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& e : *r) {
    json::object o{{"id", e.uuid}, {"at", e.at}, {"kind", e.kind}, {"kiosk", e.kiosk}, {"card", e.card}, {"detail", e.detail}};
    if (e.student_uuid) o["student"] = json::object{{"id", *e.student_uuid}, {"name", e.student_name}, {"class", e.class_name}};
    list.push_back(std::move(o));
  }
  c.json_reply(status::ok, json::object{{"events", std::move(list)}});
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    // The kiosks' own requests: a one-time code, then the kiosk's certificate (or its device key).
    {V::post, "/api/v1/kiosks/enrol", post_enrol, open_to(Caller::anyone)},
    {V::post, "/api/v1/taps", post_tap, open_to(Caller::kiosk_or_key).kiosk_confirmed_in_write()},
    {V::get, "/api/v1/kiosk/hello", get_hello, open_to(Caller::kiosk)},
    {V::post, "/api/v1/kiosk/diary", post_kiosk_diary, open_to(Caller::kiosk)},
    {V::post, "/api/v1/kiosk/diary-extract", post_kiosk_extract, open_to(Caller::kiosk)},
    // The web's side of kiosks.
    {V::get, "/api/v1/kiosks", get_kiosks, signed_in({{director, any}, {admin, any}})},
    {V::post, "/api/v1/kiosks", post_kiosk, signed_in({{admin, any}})},
    {V::delete_, "/api/v1/kiosks/{id}", delete_kiosk, signed_in({{admin, any}})},
    {V::put, "/api/v1/students/{id}/kiosk-pin", put_kiosk_pin, signed_in({{student, own}, {guardian, own}})},
    {V::delete_, "/api/v1/students/{id}/kiosk-pin", delete_kiosk_pin, signed_in({{student, own}, {guardian, own}})},
    {V::get, "/api/v1/students/{id}/kiosk-qr", get_kiosk_qr, signed_in({{student, own}, {guardian, own}})},  // issue 10: kiosk QR
    {V::get, "/api/v1/security-events", get_security_events, signed_in({{secretary, any}, {director, any}, {admin, any}})},
};

}  // namespace

bool authenticate_kiosk(Env& env, Call& c, Caller how) {
  const auto auth = c.req[bh::field::authorization];
  const auto check = c.route->route->access.kiosk_checked_in_write ? app::KioskCheck::in_write : app::KioskCheck::now;
  auto kiosk = how == Caller::kiosk_or_key && !auth.empty()
                   ? env.kiosks.by_device_key(auth.substr(0, 7) == "Bearer " ? std::string(auth.substr(7)) : std::string(), check)
                   : env.kiosks.by_certificate(c.peer.client_cert_fingerprint, check);
  if (!kiosk) return kiosk_fail(c, kiosk.error()), false;
  env.kiosks.seen(*kiosk);
  const auto spool = c.req[app::spool_depth_header];
  env.kiosks.note_spool(kiosk->kiosk.id, std::string_view(spool.data(), spool.size()));
  c.kiosk = std::move(*kiosk);
  return true;
}

std::span<const Route> kiosk_routes() { return rows; }

}  // namespace classbook::http
