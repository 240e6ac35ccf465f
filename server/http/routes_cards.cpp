// routes_cards: a pupil's entrance cards — the history, a card given, a lost or damaged card blocked —
// with their JSON (docs/openapi.yaml, "Cards"). The desk reader's cards reach the office live
// (GET /api/v1/stream, event desk_card); its taps come in through POST /api/v1/taps.
#include "app/pupil_cards.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value hand_json(const std::optional<rows::CardHand>& h) {
  if (!h) return nullptr;
  return json::object{{"id", h->uuid}, {"name", h->name}};
}

json::value opt_json(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object card_json(const rows::CardRecord& c) {
  return {{"card", c.card},           {"issued_at", c.issued_at},          {"issued_by", hand_json(c.issued_by)},
          {"ended_at", opt_json(c.ended_at)}, {"end_reason", opt_json(c.end_reason)}, {"ended_by", hand_json(c.ended_by)}};
}

json::value cards_json(const app::PupilCards& p) {
  json::array history;
  for (const auto& c : p.history) history.push_back(card_json(c));
  return json::object{{"current", p.current ? json::value(card_json(*p.current)) : json::value(nullptr)},
                      {"history", std::move(history)}};
}

void get_cards(Env& e, const CallPtr& cp) {
  answer(*cp, app::pupil_cards(e.ctx, cp->session->actor, cp->param("id")), cards_json);
}

void put_card(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"card"});
  if (!f) return c.fail(f.error());
  auto card = f->string("card");
  if (!card) return c.fail(card.error());
  app::give_card(e.ctx, c.session->actor, {c.param("id"), std::move(*card)},
                 c.then<app::PupilCards>(cp, reply_with(status::ok, cards_json)));
}

void post_block(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"reason", "new_card"});
  if (!f) return c.fail(f.error());
  app::CardToBlock in;
  in.student_id = c.param("id");
  auto reason = f->string("reason");
  if (!reason) return c.fail(reason.error());
  in.reason = std::move(*reason);
  auto new_card = f->optional_string("new_card");
  if (!new_card) return c.fail(new_card.error());
  in.new_card = std::move(*new_card);
  app::block_card(e.ctx, c.session->actor, std::move(in), c.then<app::PupilCards>(cp, reply_with(status::ok, cards_json)));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// Cards are the office's; the director reads their history. Giving a card changes nobody's rights.
constexpr Access office = signed_in({{secretary, any}});

const Route rows[] = {
    {V::get, "/api/v1/students/{id}/cards", get_cards, signed_in({{secretary, any}, {director, any}})},
    {V::put, "/api/v1/students/{id}/card", put_card, office},
    {V::post, "/api/v1/students/{id}/card/block", post_block, office},
};

}  // namespace

std::span<const Route> card_routes() { return rows; }

}  // namespace classbook::http
