// portal_links: see the header.
#include "store/portal_links.hpp"

namespace classbook::store {

Result<std::vector<PortalLink>> portal_links(Db& db) {
  return db.prepare("SELECT entity, sourced_id, uuid FROM portal_links ORDER BY entity, sourced_id")
      .all([](Stmt& q) { return PortalLink{q.text(0), q.text(1), q.text(2)}; });
}

Status insert_portal_link(Db& db, const PortalLink& link, const std::string& at) {
  return db.prepare("INSERT INTO portal_links(entity, sourced_id, uuid, linked_at) VALUES (?, ?, ?, ?)")
      .bind(1, link.entity).bind(2, link.sourced_id).bind(3, link.uuid).bind(4, at).run();
}

Result<std::map<std::string, std::string, std::less<>>> roster_marks(Db& db) {
  auto rows = db.prepare("SELECT collection, high_water FROM roster_marks").all([](Stmt& q) {
    return std::pair{q.text(0), q.text(1)};
  });
  if (!rows) return rows.error();
  return std::map<std::string, std::string, std::less<>>(rows->begin(), rows->end());
}

Status set_roster_mark(Db& db, std::string_view collection, std::string_view high_water, const std::string& at) {
  return db.prepare("INSERT INTO roster_marks(collection, high_water, applied_at) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT(collection) DO UPDATE SET high_water = ?2, applied_at = ?3")
      .bind(1, collection).bind(2, high_water).bind(3, at).run();
}

Result<RosterRows> roster_rows(Db& db) {
  RosterRows r;
  auto classes = db.prepare("SELECT uuid, name FROM classes ORDER BY id").all([](Stmt& q) {
    return RosterClassRow{q.text(0), q.text(1)};
  });
  if (!classes) return classes.error();
  r.classes = std::move(*classes);
  auto pupils = db.prepare("SELECT s.uuid, s.last_name, s.first_name, s.middle_name, s.birth_date, c.uuid, s.left_on IS NOT NULL, s.email "
                           "FROM students s JOIN classes c ON c.id = s.class_id ORDER BY s.id")
                    .all([](Stmt& q) {
                      RosterPerson p{q.text(0), q.text(1), q.text(2), q.text(3), q.opt_text(4), q.text(5), q.i32(6) != 0, {}, {}};
                      p.email = q.opt_text(7);
                      return p;
                    });
  if (!pupils) return pupils.error();
  r.pupils = std::move(*pupils);
  for (auto [table, out] : {std::pair{"guardians", &r.guardians}, {"teachers", &r.teachers}}) {
    auto people = db.prepare(std::string("SELECT uuid, last_name, first_name, middle_name, phone, email FROM ") + table + " ORDER BY id")
                      .all([](Stmt& q) {
                        RosterPerson p{q.text(0), q.text(1), q.text(2), q.text(3), {}, {}, false, q.opt_text(4), q.opt_text(5)};
                        return p;
                      });
    if (!people) return people.error();
    *out = std::move(*people);
  }
  auto links = db.prepare("SELECT s.uuid, g.uuid, l.relation FROM student_guardians l JOIN students s ON s.id = l.student_id "
                          "JOIN guardians g ON g.id = l.guardian_id ORDER BY l.student_id, l.guardian_id")
                   .all([](Stmt& q) { return RosterGuardianLink{q.text(0), q.text(1), q.text(2)}; });
  if (!links) return links.error();
  r.guardian_links = std::move(*links);
  auto subjects = db.prepare("SELECT uuid, name FROM subjects ORDER BY id").all([](Stmt& q) {
    return RosterSubjectRow{q.text(0), q.text(1)};
  });
  if (!subjects) return subjects.error();
  r.subjects = std::move(*subjects);
  auto teaching = db.prepare("SELECT c.uuid, s.uuid, t.uuid FROM teaching x JOIN classes c ON c.id = x.class_id "
                             "JOIN subjects s ON s.id = x.subject_id JOIN teachers t ON t.id = x.teacher_id")
                      .all([](Stmt& q) { return RosterTeachingRow{q.text(0), q.text(1), q.text(2)}; });
  if (!teaching) return teaching.error();
  r.teaching = std::move(*teaching);
  auto terms = db.prepare("SELECT start_date, end_date FROM terms ORDER BY number").all([](Stmt& q) {
    return RosterTermRow{q.text(0), q.text(1)};
  });
  if (!terms) return terms.error();
  r.terms = std::move(*terms);
  return r;
}

Status set_pupil_email(Db& db, Id student_id, const std::optional<std::string>& email) {
  return db.prepare("UPDATE students SET email = ? WHERE id = ?").bind(1, email).bind(2, student_id).run();
}

}  // namespace classbook::store
