// cards: SQL for the card history.
#include "store/cards.hpp"

namespace classbook::store {
namespace {

std::optional<Id> by_user(Id by) { return by > 0 ? std::optional<Id>(by) : std::nullopt; }

std::optional<CardHand> read_hand(Stmt& q, int col) {
  if (q.is_null(col)) return std::nullopt;
  return CardHand{q.text(col), q.text(col + 1)};
}

}  // namespace

Result<std::vector<CardRecord>> card_history(Db& db, Id student_id) {
  auto& q = db.prepare(
      "SELECT h.card, h.issued_at, h.ended_at, h.end_reason, gi.uuid, gi.display_name, ge.uuid, ge.display_name "
      "FROM student_cards h LEFT JOIN users gi ON gi.id = h.issued_by LEFT JOIN users ge ON ge.id = h.ended_by "
      "WHERE h.student_id=? ORDER BY h.id DESC");
  q.bind(1, student_id);
  return q.all([](Stmt& r) {
    CardRecord c;
    c.card = r.text(0);
    c.issued_at = r.text(1);
    c.ended_at = r.opt_text(2);
    c.end_reason = r.opt_text(3);
    c.issued_by = read_hand(r, 4);
    c.ended_by = read_hand(r, 6);
    return c;
  });
}

Result<std::optional<BlockedCard>> blocked_card(Db& db, std::string_view card) {
  // The same condition as the partial index student_cards_blocked, so the lookup is the index's.
  auto& q = db.prepare(
      "SELECT student_id, end_reason, ended_at FROM student_cards WHERE card=? AND end_reason IN ('lost','damaged') "
      "ORDER BY id DESC LIMIT 1");
  q.bind(1, card);
  return q.first([](Stmt& r) { return BlockedCard{r.i64(0), r.text(1), r.text(2)}; });
}

Status end_held_card(Db& db, Id student_id, const std::string& card, domain::CardEnd why, Id by, const std::string& at) {
  auto& q = db.prepare("UPDATE student_cards SET ended_at=?, end_reason=?, ended_by=? WHERE student_id=? AND ended_at IS NULL");
  if (auto s = q.bind(1, at).bind(2, domain::to_string(why)).bind(3, by_user(by)).bind(4, student_id).run(); !s) return s;
  if (db.changes() > 0) return ok_status();
  auto& add = db.prepare(
      "INSERT INTO student_cards(student_id, card, issued_at, ended_at, end_reason, ended_by) VALUES (?,?,?,?,?,?)");
  return add.bind(1, student_id).bind(2, card).bind(3, at).bind(4, at).bind(5, domain::to_string(why)).bind(6, by_user(by)).run();
}

Status open_card(Db& db, Id student_id, const std::string& card, Id by, const std::string& at) {
  auto& q = db.prepare("INSERT INTO student_cards(student_id, card, issued_at, issued_by) VALUES (?,?,?,?)");
  return q.bind(1, student_id).bind(2, card).bind(3, at).bind(4, by_user(by)).run();
}

Status set_held_card(Db& db, Id student_id, const std::optional<std::string>& card) {
  auto& q = db.prepare("UPDATE students SET card=? WHERE id=?");
  return q.bind(1, card).bind(2, student_id).run();
}

}  // namespace classbook::store
