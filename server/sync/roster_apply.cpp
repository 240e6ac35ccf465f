// roster_apply: see the header.
#include "sync/roster_apply.hpp"

#include <boost/json.hpp>

#include "classbook/common/crypto.hpp"
#include "domain/calendar.hpp"
#include "store/cards.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/portal_links.hpp"
#include "store/roster.hpp"
#include "store/sessions.hpp"
#include "store/sync_state.hpp"

namespace classbook::sync {
namespace json = boost::json;
using store::Id;
namespace {

constexpr std::int64_t the_box = 0;  // the audit's actor for what the portal changed
constexpr const char* left_reason = "the city portal lists the pupil as left";

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string person_json(const PersonStep& p, const std::string& uuid) {
  return json::serialize(json::object{{"id", uuid},
                                      {"sourcedId", p.sourced_id},
                                      {"last_name", p.last_name},
                                      {"first_name", p.first_name},
                                      {"middle_name", p.middle_name},
                                      {"birth_date", opt(p.birth_date)},
                                      {"phone", opt(p.phone)},
                                      {"email", opt(p.email)}});
}

class Applier {
 public:
  Applier(store::WriteContext& w, std::string today) : w_(w), today_(std::move(today)) {}

  Status classes(const std::vector<ClassStep>& steps) {
    const auto today = domain::parse_date(today_);
    if (!today) return make_error(Errc::internal, "sync.roster_bad_date", "the roster writer was given no school date");
    for (const auto& c : steps) {
      if (c.kind == StepKind::create) {
        store::ClassRecord r;
        r.uuid = new_uuid();
        r.name = c.name;
        r.grade = c.grade;
        r.letter = c.letter;
        if (auto id = store::insert_class(w_.db, r); !id) return id.error();
        if (auto s = created(class_entity, "class", c.sourced_id, r.uuid, class_json(c, r.uuid)); !s) return s;
        continue;
      }
      auto id = row(store::Table::classes, c.uuid, "class");
      if (!id) return id.error();
      if (c.kind == StepKind::leave) {
        // The class keeps its rows and journal; its pupils stay until the portal moves them.
        w_.audit(the_box, "class", c.uuid, "close", "{}", class_json(c, c.uuid));
        ++tally.left;
        continue;
      }
      if (c.kind == StepKind::link)
        if (auto s = link(class_entity, c.sourced_id, c.uuid, true); !s) return s;
      auto before = store::find_class(w_.db, *id, *today);
      if (!before) return before.error();
      if (!*before) return vanished("class");
      if ((*before)->name != c.name) {
        auto after = **before;
        after.name = c.name;
        after.grade = c.grade;
        after.letter = c.letter;
        if (auto s = store::update_class(w_.db, after); !s) return s;
        w_.audit(the_box, "class", c.uuid, "update", json::serialize(json::object{{"name", (*before)->name}}), class_json(c, c.uuid));
      }
      ++(c.kind == StepKind::link ? tally.linked : tally.updated);
    }
    return ok_status();
  }

  template <class Record>
  Status contact_people(const std::vector<PersonStep>& steps, const char* entity, store::Table table,
                        Result<Id> (*insert)(store::Db&, const Record&), Status (*update)(store::Db&, const Record&),
                        Result<std::optional<Record>> (*find)(store::Db&, Id)) {
    for (const auto& p : steps) {
      if (p.kind == StepKind::create) {
        Record r;
        r.uuid = new_uuid();
        fill(r, p);
        if (auto id = insert(w_.db, r); !id) return id.error();
        if (auto s = created(entity, entity, p.sourced_id, r.uuid, person_json(p, r.uuid)); !s) return s;
        continue;
      }
      auto id = row(table, p.uuid, entity);
      if (!id) return id.error();
      auto before = find(w_.db, *id);
      if (!before) return before.error();
      if (!*before) return vanished(entity);
      if (p.kind == StepKind::leave) {
        if (auto s = disable((*before)->account); !s) return s;
        ++tally.left;
        continue;
      }
      if (p.kind == StepKind::link)
        if (auto s = link(entity, p.sourced_id, p.uuid, true); !s) return s;
      auto after = **before;
      fill(after, p);
      if (auto s = update(w_.db, after); !s) return s;
      if (auto s = follow_name(after.account, p); !s) return s;
      w_.audit(the_box, entity, p.uuid, to_string(p.kind), "{}", person_json(p, p.uuid));
      ++(p.kind == StepKind::link ? tally.linked : tally.updated);
    }
    return ok_status();
  }

  Status pupils(const std::vector<PersonStep>& steps) {
    for (const auto& p : steps) {
      if (p.kind == StepKind::create) {
        store::PupilRecord r;
        r.uuid = new_uuid();
        auto class_id = class_of(p);
        if (!class_id) return class_id.error();
        r.class_id = *class_id;
        fill_pupil(r, p);
        auto id = store::insert_pupil(w_.db, r);
        if (!id) return id.error();
        if (auto s = store::set_pupil_email(w_.db, *id, p.email); !s) return s;
        if (auto s = created(pupil_entity, "student", p.sourced_id, r.uuid, person_json(p, r.uuid)); !s) return s;
        continue;
      }
      auto id = row(store::Table::students, p.uuid, "pupil");
      if (!id) return id.error();
      auto before = store::find_pupil(w_.db, *id);
      if (!before) return before.error();
      if (!*before) return vanished("pupil");
      auto after = **before;
      if (p.kind == StepKind::leave) {
        // The pupil stays with every mark and attendance row; the account and the card go.
        after.left_on = today_;
        after.left_reason = left_reason;
        if (after.card) {
          if (auto s = store::end_held_card(w_.db, *id, *after.card, domain::CardEnd::left, the_box, w_.now_text); !s) return s;
          if (auto s = store::set_held_card(w_.db, *id, std::nullopt); !s) return s;
          after.card.reset();
        }
        if (auto s = store::update_pupil(w_.db, after); !s) return s;
        if (auto s = disable(after.account); !s) return s;
        w_.audit(the_box, "student", p.uuid, "leave", "{}",
                 json::serialize(json::object{{"left_on", today_}, {"left_reason", left_reason}}));
        ++tally.left;
        continue;
      }
      if (p.kind == StepKind::link)
        if (auto s = link(pupil_entity, p.sourced_id, p.uuid, true); !s) return s;
      auto class_id = class_of(p);
      if (!class_id) return class_id.error();
      after.class_id = *class_id;
      fill_pupil(after, p);
      if (auto s = store::update_pupil(w_.db, after); !s) return s;
      if (auto s = store::set_pupil_email(w_.db, *id, p.email); !s) return s;
      if (auto s = follow_name(after.account, p); !s) return s;
      w_.audit(the_box, "student", p.uuid, to_string(p.kind), "{}", person_json(p, p.uuid));
      ++(p.kind == StepKind::link ? tally.linked : tally.updated);
    }
    return ok_status();
  }

  Status guardian_links(const std::vector<GuardianLinkStep>& steps) {
    for (const auto& l : steps) {
      auto pupil = made_or(pupil_entity, l.pupil_uuid, l.pupil_sourced_id, store::Table::students);
      if (!pupil) return pupil.error();
      auto guardian = made_or(guardian_entity, l.guardian_uuid, l.guardian_sourced_id, store::Table::guardians);
      if (!guardian) return guardian.error();
      const auto key = pupil->second + "/" + guardian->second;
      if (l.add) {
        if (auto s = store::insert_link(w_.db, pupil->first, guardian->first, l.relation); !s) return s;
        w_.audit(the_box, "student_guardian", key, "create", "{}",
                 json::serialize(json::object{{"student_id", pupil->second}, {"guardian_id", guardian->second}, {"relation", l.relation}}));
      } else {
        if (auto s = store::delete_link(w_.db, pupil->first, guardian->first); !s) return s;
        w_.audit(the_box, "student_guardian", key, "delete", json::serialize(json::object{{"relation", l.relation}}), "{}");
      }
      ++tally.guardian_links;
    }
    return ok_status();
  }

  Status subjects(const std::vector<SubjectStep>& steps) {
    for (const auto& s : steps) {
      if (s.kind == StepKind::link) {
        if (auto st = link(subject_entity, s.course_sourced_id, s.uuid, true); !st) return st;
        ++tally.linked;
        continue;
      }
      store::SubjectRecord r;
      r.uuid = new_uuid();
      r.name = s.name;
      r.short_name = s.short_name;
      if (auto id = store::insert_subject(w_.db, r); !id) return id.error();
      const auto after = json::serialize(json::object{{"id", r.uuid}, {"sourcedId", s.course_sourced_id}, {"name", r.name},
                                                      {"short_name", r.short_name}});
      if (auto st = created(subject_entity, "subject", s.course_sourced_id, r.uuid, after); !st) return st;
    }
    return ok_status();
  }

  // As the office's own teaching changes are audited (app/roster_teachers), without outbox rows: the
  // portal sent them. A row removed is remembered in teaching_ended by its trigger (the grace period).
  Status teaching(const std::vector<TeachingStep>& steps) {
    for (const auto& t : steps) {
      auto cls = made_or(class_entity, t.class_uuid, t.class_sourced_id, store::Table::classes);
      if (!cls) return cls.error();
      auto subject = made_or(subject_entity, t.subject_uuid, t.course_sourced_id, store::Table::subjects);
      if (!subject) return subject.error();
      auto teacher = made_or(teacher_entity, t.teacher_uuid, t.teacher_sourced_id, store::Table::teachers);
      if (!teacher) return teacher.error();
      const auto key = cls->second + "/" + subject->second + "/" + teacher->second;
      const auto row = json::serialize(json::object{{"class_id", cls->second}, {"subject_id", subject->second},
                                                    {"teacher_id", teacher->second}, {"enrollment", t.enrollment_sourced_id}});
      if (t.add) {
        if (auto s = store::insert_teaching(w_.db, cls->first, subject->first, teacher->first); !s) return s;
        w_.audit(the_box, "teaching", key, "create", "{}", row);
      } else {
        if (auto s = store::delete_teaching(w_.db, cls->first, subject->first, teacher->first); !s) return s;
        w_.audit(the_box, "teaching", key, "delete", row, "{}");
      }
      ++tally.teaching;
    }
    return ok_status();
  }

  RosterTally tally;

 private:
  static std::string class_json(const ClassStep& c, const std::string& uuid) {
    return json::serialize(json::object{{"id", uuid}, {"sourcedId", c.sourced_id}, {"name", c.name}});
  }
  static Error vanished(const char* what) {
    return make_error(Errc::internal, "store.row_vanished", std::string("the ") + what + " vanished while the roster was written");
  }
  template <class Record>
  static void fill(Record& r, const PersonStep& p) {
    r.last_name = p.last_name;
    r.first_name = p.first_name;
    r.middle_name = p.middle_name;
    r.phone = p.phone;
    r.email = p.email;
  }
  static void fill_pupil(store::PupilRecord& r, const PersonStep& p) {
    r.last_name = p.last_name;
    r.first_name = p.first_name;
    r.middle_name = p.middle_name;
    r.birth_date = p.birth_date;
  }

  Result<Id> row(store::Table table, const std::string& uuid, const char* what) {
    auto id = store::id_by_uuid(w_.db, table, uuid);
    if (!id) return id.error();
    if (!*id) return vanished(what);
    return **id;
  }
  // (row id, box uuid) of a person named by uuid or, made by this plan, by sourcedId.
  // (row id, box uuid) of a row named by uuid or, made by this plan, by sourcedId.
  Result<std::pair<Id, std::string>> made_or(const char* entity, const std::string& uuid, const std::string& sid, store::Table table) {
    auto u = uuid;
    if (u.empty())
      if (auto it = made_.find({entity, sid}); it != made_.end()) u = it->second;
    auto id = row(table, u, entity);
    if (!id) return id.error();
    return std::pair{*id, u};
  }
  Result<Id> class_of(const PersonStep& p) {
    auto r = made_or(class_entity, p.class_uuid, p.class_sourced_id, store::Table::classes);
    if (!r) return r.error();
    return r->first;
  }

  // A row made from the portal's object: linked to it (nothing to tell: the portal's own) and audited.
  Status created(const char* entity, const char* audit_entity, const std::string& sid, const std::string& uuid, const std::string& after) {
    made_[{entity, sid}] = uuid;
    if (auto s = link(entity, sid, uuid, false); !s) return s;
    w_.audit(the_box, audit_entity, uuid, "create", "{}", after);
    ++tally.created;
    return ok_status();
  }
  // The portal's object is the box's row; `tell`: the box had it first, so the portal is told (item kind `link`).
  Status link(const char* entity, const std::string& sid, const std::string& uuid, bool tell) {
    if (auto s = store::insert_portal_link(w_.db, {entity, sid, uuid}, w_.now_text); !s) return s;
    if (!tell) return ok_status();
    const auto payload = json::serialize(json::object{{"entity", entity}, {"uuid", uuid}, {"sourcedId", sid}});
    w_.audit(the_box, "portal_link", std::string(entity) + "/" + uuid, "create", "{}", payload);
    w_.outbox("portal_link", std::string(entity) + "/" + uuid, "upsert", payload);
    return ok_status();
  }
  // Their stored sessions end with it; classbookd's session cache re-reads rights on its next refresh.
  Status disable(const std::optional<store::AccountBrief>& account) {
    if (!account || account->disabled) return ok_status();
    if (auto ended = store::disable_account(w_.db, account->user_id); !ended) return ended.error();
    w_.audit(the_box, "user", account->uuid, "update", R"({"disabled":false})", R"({"disabled":true})");
    return ok_status();
  }
  Status follow_name(const std::optional<store::AccountBrief>& account, const PersonStep& p) {
    if (!account) return ok_status();
    return store::rename_account(w_.db, account->user_id, p.first_name + " " + p.last_name);
  }

  store::WriteContext& w_;
  std::string today_;
  std::map<std::pair<std::string, std::string>, std::string> made_;  // (entity, sourcedId) → uuid made now
};

}  // namespace

Result<RosterPlan> plan_against_box(store::Db& db, const PortalRoster& portal) {
  auto rows = store::roster_rows(db);
  if (!rows) return rows.error();
  auto links = store::portal_links(db);
  if (!links) return links.error();
  return plan_roster(portal, *rows, *links);
}

Result<RosterTally> apply_roster_plan(store::WriteContext& w, const RosterPlan& plan,
                                      const std::map<std::string, std::string>& marks) {
  auto settings = store::load_settings(w.db);
  if (!settings) return settings.error();
  const auto local = w.now + std::chrono::minutes(settings->utc_offset_minutes);
  Applier a(w, domain::format_date(domain::Date{std::chrono::floor<std::chrono::days>(local)}));
  if (auto s = a.classes(plan.classes); !s) return s.error();
  if (auto s = a.contact_people<store::TeacherRecord>(plan.teachers, teacher_entity, store::Table::teachers, store::insert_teacher,
                                                      store::update_teacher, store::find_teacher);
      !s)
    return s.error();
  if (auto s = a.contact_people<store::GuardianRecord>(plan.guardians, guardian_entity, store::Table::guardians,
                                                       store::insert_guardian, store::update_guardian, store::find_guardian);
      !s)
    return s.error();
  if (auto s = a.pupils(plan.pupils); !s) return s.error();
  if (auto s = a.guardian_links(plan.guardian_links); !s) return s.error();
  if (auto s = a.subjects(plan.subjects); !s) return s.error();
  if (auto s = a.teaching(plan.teaching); !s) return s.error();
  std::vector<store::SyncRefusal> refused;
  for (const auto& r : plan.refused)
    refused.push_back({0, r.collection + " " + r.sourced_id + ": " + r.reason + " [" + r.code + "]", w.now_text});
  if (auto s = store::record_sync_refusals(w.db, refused); !s) return s.error();
  for (const auto& [collection, mark] : marks)
    if (auto s = store::set_roster_mark(w.db, collection, mark, w.now_text); !s) return s.error();
  // Rights come from these rows (classes taught, children, a pupil's class): sessions read them again.
  if (a.tally.total() > 0)
    if (auto s = store::bump_account_version(w.db); !s) return s.error();
  if (w.side_error()) return *w.side_error();
  auto tally = a.tally;
  tally.refused = plan.refused.size();
  return tally;
}

}  // namespace classbook::sync
