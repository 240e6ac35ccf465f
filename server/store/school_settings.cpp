// school_settings: the settings keys, terms and work types the director changes, and what they touch.
#include "store/school_settings.hpp"

namespace classbook::store {
namespace {

// [["2026-09-01","2026-10-27"], …]: the terms as the JSON the queries below walk with json_each.
std::string term_spans(const std::vector<domain::Term>& terms) {
  std::string out = "[";
  for (const auto& t : terms) {
    if (out.size() > 1) out += ',';
    out += "[\"" + domain::format_date(t.start) + "\",\"" + domain::format_date(t.end) + "\"]";
  }
  return out + "]";
}

}  // namespace

Status put_setting(Db& db, std::string_view key, const std::string& value) {
  return db.prepare("INSERT INTO settings(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")
      .bind(1, key).bind(2, value).run();
}

Status replace_terms(Db& db, const std::vector<domain::Term>& terms) {
  if (auto st = db.exec("DELETE FROM terms"); !st) return st;
  for (const auto& t : terms)
    if (auto st = db.prepare("INSERT INTO terms(number, start_date, end_date) VALUES (?,?,?)")
                      .bind(1, t.number).bind(2, domain::format_date(t.start)).bind(3, domain::format_date(t.end)).run();
        !st)
      return st;
  return ok_status();
}

Result<MarksOutside> marks_outside_terms(Db& db, const std::vector<domain::Term>& terms) {
  auto& q = db.prepare(
      "SELECT count(*), coalesce(min(l.date), '') FROM marks m JOIN lessons l ON l.id = m.lesson_id "
      "WHERE m.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM json_each(?) t "
      "WHERE l.date BETWEEN json_extract(t.value, '$[0]') AND json_extract(t.value, '$[1]'))");
  q.bind(1, term_spans(terms));
  return q.first_or([](Stmt& r) { return MarksOutside{r.i64(0), r.text(1)}; }, MarksOutside{});
}

Result<TermGradesBeyond> term_grades_beyond(Db& db, int last_term) {
  auto& q = db.prepare("SELECT count(*), coalesce(max(term), 0) FROM term_grades WHERE term > ?");
  q.bind(1, last_term);
  return q.first_or([](Stmt& r) { return TermGradesBeyond{r.i64(0), r.i32(1)}; }, TermGradesBeyond{});
}

Result<ValuesAbove> values_above(Db& db, int max) {
  auto& q = db.prepare(
      "SELECT (SELECT count(*) FROM marks WHERE deleted_at IS NULL AND value > ?1), "
      "(SELECT count(*) FROM term_grades WHERE grade > ?1)");
  q.bind(1, max);
  return q.first_or([](Stmt& r) { return ValuesAbove{r.i64(0), r.i64(1)}; }, ValuesAbove{});
}

Result<Id> insert_work_type(Db& db, const domain::WorkType& w) {
  auto& q = db.prepare("INSERT INTO work_types(code, name, weight, rank) VALUES (?,?,?,?)");
  q.bind(1, w.code).bind(2, w.name).bind(3, w.weight).bind(4, w.rank);
  if (auto st = q.run(); !st) return st.error();
  return db.last_insert_id();
}

Status update_work_type(Db& db, Id id, const domain::WorkType& w) {
  return db.prepare("UPDATE work_types SET name=?, weight=?, rank=? WHERE id=?")
      .bind(1, w.name).bind(2, w.weight).bind(3, w.rank).bind(4, id).run();
}

}  // namespace classbook::store
