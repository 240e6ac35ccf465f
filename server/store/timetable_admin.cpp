// timetable_admin: SQL for bells, rooms, the weekly template, per-date changes and the lessons made from them.
#include "store/timetable_admin.hpp"

#include "classbook/common/crypto.hpp"
#include "store/id_list.hpp"
#include "store/lookup.hpp"
#include "store/person_name.hpp"

namespace classbook::store {
namespace {

std::string short_name(std::string_view t) { return short_name_sql(t); }

Result<std::string> one_text(Stmt& q) { return q.first_or([](Stmt& r) { return r.text(0); }, std::string()); }

const std::string& change_select() {
  static const std::string sql =
      "SELECT c.id, c.uuid, c.date, c.class_id, c.period, c.group_no, c.kind, c.subject_id, c.teacher_id, c.room_id, "
      "coalesce(c.note, ''), c.new_period, c.created_by, c.created_at, k.uuid, k.name, s.uuid, s.name, t.uuid, " +
      short_name("t") + ", r.name "
      "FROM timetable_changes c JOIN classes k ON k.id = c.class_id "
      "LEFT JOIN subjects s ON s.id = c.subject_id LEFT JOIN teachers t ON t.id = c.teacher_id "
      "LEFT JOIN rooms r ON r.id = c.room_id ";
  return sql;
}

ChangeRecord read_change(Stmt& q) {
  ChangeRecord r;
  r.id = q.i64(0);
  r.uuid = q.text(1);
  auto& c = r.change;
  c.date = domain::parse_date(q.text(2)).value_or(domain::Date{});
  c.class_id = q.i64(3);
  c.period = q.i32(4);
  c.group_no = q.i32(5);
  c.kind = domain::parse_change_kind(q.text(6)).value_or(domain::ChangeKind::substitution);
  c.subject_id = q.opt_i64(7);
  c.teacher_id = q.opt_i64(8);
  c.room_id = q.opt_i64(9);
  c.note = q.text(10);
  if (!q.is_null(11)) c.new_period = q.i32(11);
  r.created_by = q.i64(12);
  r.created_at = q.text(13);
  r.klass = Ref{q.text(14), q.text(15)};
  if (!q.is_null(16)) r.subject = Ref{q.text(16), q.text(17)};
  if (!q.is_null(18)) r.teacher = Ref{q.text(18), q.text(19)};
  r.room = q.opt_text(20);
  return r;
}

Status audit_lesson(WriteContext& w, Id actor_user, Id lesson_id, const char* action, const std::string& before) {
  const auto uuid = uuid_of(w.db, Table::lessons, lesson_id);
  if (!uuid) return uuid.error();
  const auto after = lesson_json(w.db, lesson_id);
  if (!after) return after.error();
  w.audit(actor_user, "lesson", *uuid, action, before, *after);
  w.outbox("lesson", *uuid, "upsert", *after);
  return w.side_error() ? Status(*w.side_error()) : ok_status();
}

}  // namespace

// --- names ---

std::string DbNamer::cached(std::map<long long, std::string>& cache, const std::string& sql, long long id) const {
  if (const auto it = cache.find(id); it != cache.end()) return it->second;
  auto name = one_text(db_.prepare(sql).bind(1, id));
  if (!name) {  // the domain's Namer cannot fail; the first failure is kept for the caller to check
    if (!error_) error_ = name.error();
    return {};
  }
  return cache.emplace(id, std::move(*name)).first->second;
}

std::string DbNamer::class_name(long long id) const {
  auto name = cached(classes_, "SELECT name FROM classes WHERE id=?", id);
  return name.empty() ? "class " + std::to_string(id) : name;
}
std::string DbNamer::subject_name(long long id) const {
  auto name = cached(subjects_, "SELECT name FROM subjects WHERE id=?", id);
  return name.empty() ? "subject " + std::to_string(id) : name;
}
std::string DbNamer::teacher_name(long long id) const {
  static const std::string sql = "SELECT " + short_name("t") + " FROM teachers t WHERE t.id=?";
  auto name = cached(teachers_, sql, id);
  return name.empty() ? "teacher " + std::to_string(id) : name;
}
std::string DbNamer::room_name(long long id) const {
  auto name = cached(rooms_, "SELECT name FROM rooms WHERE id=?", id);
  return name.empty() ? "#" + std::to_string(id) : name;
}

Result<TimetableRefs> timetable_refs(Db& db, const TimetableIds& ids) {
  static const std::string in_list = " IN (SELECT value FROM json_each(?))";
  static const std::string classes = "SELECT id, uuid, name FROM classes WHERE id" + in_list;
  static const std::string subjects = "SELECT id, uuid, name FROM subjects WHERE id" + in_list;
  static const std::string teachers = "SELECT t.id, t.uuid, " + short_name("t") + " FROM teachers t WHERE t.id" + in_list;
  TimetableRefs out;
  const auto read = [&db](const std::string& sql, const std::vector<Id>& list, std::map<Id, Ref>& into) {
    return db.prepare(sql).bind(1, id_array(list)).each([&](Stmt& r) { into[r.i64(0)] = Ref{r.text(1), r.text(2)}; });
  };
  if (auto st = read(classes, ids.classes, out.classes); !st) return st.error();
  if (auto st = read(subjects, ids.subjects, out.subjects); !st) return st.error();
  if (auto st = read(teachers, ids.teachers, out.teachers); !st) return st.error();
  auto st = db.prepare("SELECT id, name FROM rooms WHERE id" + in_list).bind(1, id_array(ids.rooms)).each([&](Stmt& r) {
    out.rooms[r.i64(0)] = r.text(1);
  });
  if (!st) return st.error();
  return out;
}

// --- rooms ---

Result<std::vector<RoomRecord>> all_rooms(Db& db) {
  auto& q = db.prepare("SELECT id, name FROM rooms ORDER BY name");
  return q.all([](Stmt& r) { return RoomRecord{r.i64(0), r.text(1)}; });
}

Result<std::optional<Id>> room_by_name(Db& db, std::string_view name) {
  auto& q = db.prepare("SELECT id FROM rooms WHERE name=?");
  q.bind(1, name);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<Id> insert_room(Db& db, const std::string& name) {
  if (auto s = db.prepare("INSERT INTO rooms(name) VALUES (?)").bind(1, name).run(); !s) return s.error();
  return db.last_insert_id();
}

// --- bells ---

Result<domain::WeekBells> load_week_bells(Db& db) {
  domain::WeekBells week;
  auto& q = db.prepare(
      "SELECT variant, number, start_minute, end_minute, coalesce(break_after_name, '') FROM bell_periods "
      "ORDER BY variant, number");
  if (auto st = q.each([&](Stmt& r) {
        const std::string variant = r.text(0);
        if (week.variants.empty() || week.variants.back().variant != variant) week.variants.push_back({variant, {}});
        week.variants.back().periods.push_back({r.i32(1), r.i32(2), r.i32(3), r.text(4)});
      });
      !st)
    return st.error();
  auto& d = db.prepare("SELECT weekday, variant FROM bell_variants ORDER BY weekday");
  if (auto st = d.each([&](Stmt& r) { week.by_weekday[r.i32(0)] = r.text(1); }); !st) return st.error();
  return week;
}

Status put_bell_variant(Db& db, const domain::BellSchedule& s) {
  if (auto st = db.prepare("DELETE FROM bell_periods WHERE variant=?").bind(1, s.variant).run(); !st) return st;
  for (const auto& p : s.periods) {
    auto& q = db.prepare(
        "INSERT INTO bell_periods(variant, number, start_minute, end_minute, break_after_name) VALUES (?,?,?,?,?)");
    q.bind(1, s.variant).bind(2, p.number).bind(3, p.start_minute).bind(4, p.end_minute);
    if (p.break_after_name.empty()) q.bind_null(5);
    else q.bind(5, p.break_after_name);
    if (auto st = q.run(); !st) return st;
  }
  return ok_status();
}

Status set_weekday_bells(Db& db, int weekday, const std::optional<std::string>& variant) {
  if (!variant) return db.prepare("DELETE FROM bell_variants WHERE weekday=?").bind(1, weekday).run();
  return db.prepare(
             "INSERT INTO bell_variants(weekday, variant) VALUES (?,?) "
             "ON CONFLICT(weekday) DO UPDATE SET variant=excluded.variant")
      .bind(1, weekday).bind(2, *variant).run();
}

// Subqueries lose the JSON subtype of their result, hence json() around each nested value.
Result<std::string> bell_variant_json(Db& db, const std::string& variant) {
  return one_text(db.prepare(
                        "SELECT json_object('variant', ?1, 'periods', json(coalesce((SELECT json_group_array(json(p)) "
                        "FROM (SELECT json_object('number', number, 'start_minute', start_minute, 'end_minute', "
                        "end_minute, 'break_after', break_after_name) AS p FROM bell_periods WHERE variant=?1 "
                        "ORDER BY number)), '[]')))")
                      .bind(1, variant));
}

Result<std::string> weekday_bells_json(Db& db, int weekday) {
  return one_text(
      db.prepare("SELECT json_object('weekday', ?1, 'variant', (SELECT variant FROM bell_variants WHERE weekday=?1))")
          .bind(1, weekday));
}

// --- the weekly template ---

Result<std::vector<SlotRecord>> class_timetable(Db& db, Id class_id) {
  auto& q = db.prepare(
      "SELECT x.class_id, x.weekday, x.period, x.group_no, x.subject_id, x.teacher_id, x.room_id, s.uuid, s.name, "
      "t.uuid, " + short_name("t") + ", coalesce(r.name, '') FROM timetable x "
      "JOIN subjects s ON s.id = x.subject_id JOIN teachers t ON t.id = x.teacher_id "
      "LEFT JOIN rooms r ON r.id = x.room_id WHERE x.class_id=? ORDER BY x.weekday, x.period, x.group_no");
  q.bind(1, class_id);
  return q.all([](Stmt& q) {
    SlotRecord r;
    r.slot = {q.i64(0), q.i32(1), q.i32(2), q.i32(3), q.i64(4), q.i64(5), q.opt_i64(6)};
    r.subject = {q.text(7), q.text(8)};
    r.teacher = {q.text(9), q.text(10)};
    r.room = q.text(11);
    return r;
  });
}

Result<std::vector<domain::TimetableSlot>> timetable_slots(Db& db, std::optional<int> weekday) {
  auto& q = db.prepare(
      "SELECT class_id, weekday, period, group_no, subject_id, teacher_id, room_id FROM timetable "
      "WHERE ?1 IS NULL OR weekday=?1 ORDER BY class_id, weekday, period, group_no");
  q.bind(1, weekday);
  return q.all([](Stmt& r) { return domain::TimetableSlot{r.i64(0), r.i32(1), r.i32(2), r.i32(3), r.i64(4), r.i64(5), r.opt_i64(6)}; });
}

Status replace_class_timetable(Db& db, Id class_id, const std::vector<domain::TimetableSlot>& slots) {
  if (auto s = db.prepare("DELETE FROM timetable WHERE class_id=?").bind(1, class_id).run(); !s) return s;
  for (const auto& s : slots) {
    auto& q = db.prepare(
        "INSERT INTO timetable(class_id, weekday, period, group_no, subject_id, teacher_id, room_id) "
        "VALUES (?,?,?,?,?,?,?)");
    q.bind(1, class_id).bind(2, s.weekday).bind(3, s.period).bind(4, s.group_no).bind(5, s.subject_id);
    if (auto st = q.bind(6, s.teacher_id).bind(7, s.room_id).run(); !st) return st;
  }
  return ok_status();
}

Result<std::string> class_timetable_json(Db& db, Id class_id) {
  return one_text(db.prepare(
                        "SELECT json_object('class', (SELECT uuid FROM classes WHERE id=?1), 'lessons', "
                        "json(coalesce((SELECT json_group_array(json(j)) FROM (SELECT json_object('weekday', x.weekday, "
                        "'period', x.period, 'group', x.group_no, 'subject', s.uuid, 'teacher', t.uuid, 'room', r.name) "
                        "AS j FROM timetable x JOIN subjects s ON s.id = x.subject_id JOIN teachers t ON t.id = "
                        "x.teacher_id LEFT JOIN rooms r ON r.id = x.room_id WHERE x.class_id=?1 "
                        "ORDER BY x.weekday, x.period, x.group_no)), '[]')))")
                      .bind(1, class_id));
}

Result<std::vector<TeachingRef>> class_teaching(Db& db, Id class_id) {
  auto& q = db.prepare(
      "SELECT x.subject_id, x.teacher_id, s.uuid, s.name, t.uuid, " + short_name("t") + " FROM teaching x "
      "JOIN subjects s ON s.id = x.subject_id JOIN teachers t ON t.id = x.teacher_id WHERE x.class_id=? "
      "ORDER BY s.name, t.last_name, t.first_name");
  q.bind(1, class_id);
  return q.all([](Stmt& r) { return TeachingRef{r.i64(0), r.i64(1), {r.text(2), r.text(3)}, {r.text(4), r.text(5)}}; });
}

// --- per-date changes ---

Result<std::vector<ChangeRecord>> changes_between(Db& db, std::optional<Id> class_id, domain::Date from, domain::Date to,
                                          int limit) {
  auto& q = db.prepare(change_select() +
                       "WHERE c.date BETWEEN ? AND ? AND (?3 IS NULL OR c.class_id=?3) "
                       "ORDER BY c.date, k.name, c.period, c.group_no, c.id LIMIT ?4");
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to)).bind(3, class_id).bind(4, limit);
  return q.all(read_change);
}

Result<std::vector<ChangeRecord>> changes_on(Db& db, domain::Date day) {
  auto& q = db.prepare(change_select() + "WHERE c.date=? ORDER BY c.id");
  q.bind(1, domain::format_date(day));
  return q.all(read_change);
}

Result<std::vector<ChangeRecord>> changes_touching_teacher(Db& db, Id teacher_id, domain::Date from, domain::Date to) {
  auto& q = db.prepare(change_select() +
                       "WHERE c.date BETWEEN ?1 AND ?2 AND c.class_id IN (SELECT class_id FROM timetable WHERE teacher_id=?3 "
                       "UNION SELECT class_id FROM timetable_changes WHERE teacher_id=?3 AND date BETWEEN ?1 AND ?2) "
                       "ORDER BY c.date, c.id");
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to)).bind(3, teacher_id);
  return q.all(read_change);
}

Result<std::vector<ChangeRecord>> change_days_of_class(Db& db, Id class_id, domain::Date from) {
  auto& q = db.prepare(change_select() +
                       "WHERE c.date IN (SELECT date FROM timetable_changes WHERE class_id=?1 AND date >= ?2) "
                       "ORDER BY c.date, c.id");
  q.bind(1, class_id).bind(2, domain::format_date(from));
  return q.all(read_change);
}

std::vector<domain::TimetableChange> changes_of(const std::vector<ChangeRecord>& records) {
  std::vector<domain::TimetableChange> out;
  for (const auto& r : records) out.push_back(r.change);
  return out;
}

Result<std::optional<ChangeRecord>> find_change(Db& db, std::string_view uuid) {
  auto& q = db.prepare(change_select() + "WHERE c.uuid=?");
  q.bind(1, uuid);
  return q.first(read_change);
}

Result<Id> insert_change(Db& db, const std::string& uuid, const domain::TimetableChange& c, Id created_by,
                         const std::string& created_at) {
  auto& q = db.prepare(
      "INSERT INTO timetable_changes(uuid, date, class_id, period, group_no, kind, subject_id, teacher_id, room_id, "
      "new_period, note, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, uuid).bind(2, domain::format_date(c.date)).bind(3, c.class_id).bind(4, c.period).bind(5, c.group_no);
  q.bind(6, domain::to_string(c.kind)).bind(7, c.subject_id).bind(8, c.teacher_id).bind(9, c.room_id);
  q.bind(10, c.new_period).bind(11, c.note).bind(12, created_by).bind(13, created_at);
  if (auto s = q.run(); !s) return s.error();
  return db.last_insert_id();
}

Status delete_change(Db& db, std::string_view uuid) {
  return db.prepare("DELETE FROM timetable_changes WHERE uuid=?").bind(1, uuid).run();
}

Result<std::string> change_json(Db& db, const ChangeRecord& r) {
  const auto& c = r.change;
  auto& q = db.prepare(
      "SELECT json_object('id', ?1, 'date', ?2, 'class', ?3, 'period', ?4, 'group', ?5, 'kind', ?6, 'subject', ?7, "
      "'teacher', ?8, 'room', ?9, 'to_period', ?10, 'note', ?11, 'created_by', (SELECT uuid FROM users WHERE id=?12), "
      "'created_at', ?13)");
  q.bind(1, r.uuid).bind(2, domain::format_date(c.date)).bind(3, r.klass.id).bind(4, c.period).bind(5, c.group_no);
  q.bind(6, domain::to_string(c.kind));
  q.bind(7, r.subject ? std::optional<std::string>(r.subject->id) : std::nullopt);
  q.bind(8, r.teacher ? std::optional<std::string>(r.teacher->id) : std::nullopt);
  q.bind(9, r.room).bind(10, c.new_period).bind(11, c.note).bind(12, r.created_by).bind(13, r.created_at);
  return one_text(q);
}

// --- lesson rows ---

Result<std::vector<domain::LessonRow>> lesson_rows(Db& db, domain::Date from, domain::Date to, std::optional<Id> class_id) {
  // Driven class by class through lessons_slot (class_id, date, …): lessons have no index on the date alone.
  auto& q = db.prepare(
      "WITH d AS (SELECT lesson_id, count(*) AS n FROM dots GROUP BY lesson_id) "
      "SELECT l.id, l.date, l.period, l.class_id, l.group_no, l.subject_id, l.teacher_id, l.room_id, l.cancelled, "
      "l.topic <> '', (SELECT count(*) FROM marks m WHERE m.lesson_id = l.id), "
      "(SELECT count(*) FROM attendance a WHERE a.lesson_id = l.id), "
      "(SELECT count(*) FROM homework h WHERE h.lesson_id = l.id), coalesce(d.n, 0) "
      "FROM lessons l LEFT JOIN d ON d.lesson_id = l.id "
      "WHERE l.class_id IN (SELECT id FROM classes WHERE ?3 IS NULL OR id=?3) AND l.date BETWEEN ?1 AND ?2 "
      "ORDER BY l.date, l.class_id, l.period, l.group_no");
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to)).bind(3, class_id);
  return q.all([](Stmt& q) {
    domain::LessonRow r;
    r.id = q.i64(0);
    auto& l = r.lesson;
    l.date = domain::parse_date(q.text(1)).value_or(domain::Date{});
    l.period = q.i32(2);
    l.class_id = q.i64(3);
    l.group_no = q.i32(4);
    l.subject_id = q.i64(5);
    l.teacher_id = q.i64(6);
    l.room_id = q.opt_i64(7);
    l.cancelled = q.i32(8) != 0;
    r.use = {q.i32(10), q.i32(11), q.i32(12), q.i32(13), q.i32(9) != 0};
    return r;
  });
}

Result<std::vector<LessonRecord>> lessons_given_in(Db& db, Id teacher_id, const std::vector<Id>& class_ids,
                                                   domain::Date from, domain::Date to) {
  auto& q = db.prepare(
      "SELECT uuid, date, period, class_id, group_no FROM lessons WHERE class_id IN (SELECT value FROM json_each(?1)) "
      "AND date BETWEEN ?2 AND ?3 AND teacher_id=?4 AND cancelled=0 ORDER BY date, period");
  q.bind(1, id_array(class_ids)).bind(2, domain::format_date(from)).bind(3, domain::format_date(to)).bind(4, teacher_id);
  return q.all([teacher_id](Stmt& r) {
    LessonRecord l;
    l.uuid = r.text(0);
    l.date = domain::parse_date(r.text(1)).value_or(domain::Date{});
    l.period = r.i32(2);
    l.class_id = r.i64(3);
    l.group_no = r.i32(4);
    l.teacher_id = teacher_id;
    return l;
  });
}

Result<Id> insert_lesson(Db& db, const std::string& uuid, const domain::PlannedLesson& l) {
  auto& q = db.prepare(
      "INSERT INTO lessons(uuid, date, period, class_id, group_no, subject_id, teacher_id, room_id, cancelled) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(1, uuid).bind(2, domain::format_date(l.date)).bind(3, l.period).bind(4, l.class_id).bind(5, l.group_no);
  q.bind(6, l.subject_id).bind(7, l.teacher_id).bind(8, l.room_id).bind(9, l.cancelled ? 1 : 0);
  if (auto s = q.run(); !s) return s.error();
  return db.last_insert_id();
}

Status update_lesson(Db& db, Id lesson_id, const domain::PlannedLesson& l) {
  return db.prepare("UPDATE lessons SET period=?, subject_id=?, teacher_id=?, room_id=?, cancelled=? WHERE id=?")
      .bind(1, l.period).bind(2, l.subject_id).bind(3, l.teacher_id).bind(4, l.room_id)
      .bind(5, l.cancelled ? 1 : 0).bind(6, lesson_id).run();
}

Status delete_lesson(Db& db, Id lesson_id) {
  return db.prepare("DELETE FROM lessons WHERE id=?").bind(1, lesson_id).run();
}

Result<std::string> lesson_json(Db& db, Id lesson_id) {
  return one_text(db.prepare(
                        "SELECT json_object('id', l.uuid, 'date', l.date, 'period', l.period, 'class', c.uuid, "
                        "'group', l.group_no, 'subject', s.uuid, 'teacher', t.uuid, 'room', r.name, 'cancelled', "
                        "json(CASE WHEN l.cancelled THEN 'true' ELSE 'false' END)) FROM lessons l "
                        "JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id "
                        "JOIN teachers t ON t.id = l.teacher_id LEFT JOIN rooms r ON r.id = l.room_id WHERE l.id=?")
                      .bind(1, lesson_id));
}

Status update_lessons(WriteContext& w, Id actor_user, const std::vector<domain::LessonUpdate>& updates) {
  for (const auto& u : updates) {
    const auto before = lesson_json(w.db, u.row_id);
    if (!before) return before.error();
    if (auto s = update_lesson(w.db, u.row_id, u.after); !s) return s;
    if (auto s = audit_lesson(w, actor_user, u.row_id, "update", *before); !s) return s;
  }
  return ok_status();
}

// --- making the lessons of a day ---

std::string describe(const MadeLessons& m) {
  return std::to_string(m.days) + (m.days == 1 ? " school day: " : " school days: ") + std::to_string(m.created) +
         " created, " + std::to_string(m.updated) + " updated, " + std::to_string(m.unchanged) + " unchanged, " +
         std::to_string(m.removed) + " removed, " + std::to_string(m.conflict_count) +
         (m.conflict_count == 1 ? " conflict" : " conflicts");
}

Result<MadeLessons> make_lessons_on(WriteContext& w, domain::Date day, Id actor_user) {
  DbNamer names(w.db);
  const auto week = load_week_bells(w.db);
  if (!week) return week.error();
  const auto slots = timetable_slots(w.db, domain::iso_weekday(day));
  if (!slots) return slots.error();
  const auto changes = changes_on(w.db, day);
  if (!changes) return changes.error();
  const auto rows = lesson_rows(w.db, day, day);
  if (!rows) return rows.error();
  const auto plan = domain::plan_day(day, domain::bells_on(*week, domain::iso_weekday(day)), *slots,
                                     changes_of(*changes), names);
  const auto diff = domain::diff_lessons(plan.lessons, *rows, names);
  if (names.error()) return *names.error();

  MadeLessons made;
  made.days = 1;
  for (const auto& l : diff.create) {
    auto id = insert_lesson(w.db, new_uuid(), l);
    if (!id) return id.error();
    if (auto s = audit_lesson(w, actor_user, *id, "create", "{}"); !s) return s.error();
    ++made.created;
  }
  if (auto s = update_lessons(w, actor_user, diff.update); !s) return s.error();
  made.updated = static_cast<int>(diff.update.size());
  for (const auto& r : diff.remove) {
    const auto uuid = uuid_of(w.db, Table::lessons, r.id);
    if (!uuid) return uuid.error();
    const auto before = lesson_json(w.db, r.id);
    if (!before) return before.error();
    if (auto s = delete_lesson(w.db, r.id); !s) return s.error();
    w.audit(actor_user, "lesson", *uuid, "delete", *before, "{}");
    w.outbox("lesson", *uuid, "delete", *before);
    ++made.removed;
  }
  made.unchanged = diff.unchanged;
  for (const auto* list : {&plan.left_out, &diff.conflicts}) {
    for (const auto& c : *list) {
      const auto& l = c.lesson;
      const auto class_uuid = uuid_of(w.db, Table::classes, l.class_id);
      if (!class_uuid) return class_uuid.error();
      made.conflicts.push_back({domain::format_date(l.date), {*class_uuid, names.class_name(l.class_id)},
                                l.period, l.group_no, c.reason});
    }
  }
  made.conflict_count = static_cast<int>(made.conflicts.size());
  if (names.error()) return *names.error();
  if (w.side_error()) return *w.side_error();
  return made;
}

}  // namespace classbook::store
