// roster_teachers: the office's staff — teachers (with an account), subjects, and who teaches what in which class.
#include "app/roster.hpp"

#include "app/roster_shared.hpp"
#include "app/submit.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
using namespace roster_detail;

// ======================================== staff ==========================================================

Result<std::vector<store::TeacherRecord>> list_teachers(Context& ctx, const domain::Actor& actor) {
  if (auto s = may_read_school(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  return store::all_teachers(*db);
}

Result<std::vector<store::SubjectRecord>> list_subjects(Context& ctx) {
  auto db = ctx.readers.acquire();
  return store::all_subjects(*db);
}

Result<std::vector<store::TeachingRecord>> list_teaching(Context& ctx, const domain::Actor& actor, std::string_view class_id) {
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::classes, class_id, "class_id");
  if (!id) return id.error();
  if (auto s = may_read_class(actor, *id); !s) return s.error();
  return store::teaching_of_class(*db, *id);
}

void add_teacher(Context& ctx, const domain::Actor& actor, NewTeacher in, Reply<EnrolledTeacher> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto t = contact_record<store::TeacherRecord>(in);
  if (!t) return reply(t.error());
  submit_with_new_password<EnrolledTeacher>(ctx, [actor, teacher = *t](WriteContext& w, const NewPassword& pw) -> Result<EnrolledTeacher> {
    auto t = teacher;
    t.uuid = new_uuid();
    auto id = store::insert_teacher(w.db, t);
    if (!id) return id.error();
    auto slip = open_account(w, actor, domain::Role::teacher, *id, t.uuid, {t.last_name, t.first_name, t.middle_name}, pw);
    if (!slip) return slip.error();
    auto saved = found(store::find_teacher(w.db, *id), "teacher");
    if (!saved) return saved.error();
    record_person<store::TeacherRecord>(w, actor, "teacher", "create", std::nullopt, *saved);
    return EnrolledTeacher{std::move(*saved), std::move(*slip)};
  }, std::move(reply));
}

void change_teacher(Context& ctx, const domain::Actor& actor, TeacherChange in, Reply<store::TeacherRecord> reply) {
  auto id = in.teacher_id;
  change_contact_person<store::TeacherRecord>(
      ctx, actor, std::move(id), std::move(in),
      {Table::teachers, "teacher_id", "teacher", store::find_teacher, store::update_teacher}, std::move(reply));
}

namespace {
struct TeachingIds {
  Id class_id = 0, subject_id = 0, teacher_id = 0;
};
Result<TeachingIds> teaching_ids(store::Db& db, const TeachingKey& k) {
  TeachingIds ids;
  for (auto [table, uuid, field, out] : {std::tuple{Table::classes, &k.class_id, "class_id", &ids.class_id},
                                         {Table::subjects, &k.subject_id, "subject_id", &ids.subject_id},
                                         {Table::teachers, &k.teacher_id, "teacher_id", &ids.teacher_id}}) {
    auto id = known(db, table, *uuid, field);
    if (!id) return id.error();
    *out = *id;
  }
  return ids;
}
std::string teaching_key(const TeachingKey& k) { return k.class_id + "/" + k.subject_id + "/" + k.teacher_id; }
std::string teaching_json(const TeachingKey& k) {
  return json::serialize(json::object{{"class_id", k.class_id}, {"subject_id", k.subject_id}, {"teacher_id", k.teacher_id}});
}
}  // namespace

void assign_teaching(Context& ctx, const domain::Actor& actor, TeachingKey in, Reply<store::TeachingRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<store::TeachingRecord>(ctx, [actor, in](WriteContext& w) -> Result<store::TeachingRecord> {
    auto ids = teaching_ids(w.db, in);
    if (!ids) return ids.error();
    auto t = store::find_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id);
    if (!t) return t.error();
    if (*t)
      return make_error(Errc::conflict, "teaching.already_assigned", (*t)->teacher_name + " already teaches " + (*t)->subject_name + " in " + (*t)->class_name,
                        "teacher_id");
    if (auto s = store::insert_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id); !s) return s.error();
    w.audit(actor.user_id, "teaching", teaching_key(in), "create", "{}", teaching_json(in));
    w.outbox("teaching", teaching_key(in), "upsert", teaching_json(in));
    return found(store::find_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id), "teaching");
  }, std::move(reply));
}

void remove_teaching(Context& ctx, const domain::Actor& actor, TeachingKey in, Reply<Ok> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<Ok>(ctx, [actor, in](WriteContext& w) -> Result<Ok> {
    auto ids = teaching_ids(w.db, in);
    if (!ids) return ids.error();
    auto taught = store::find_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id);
    if (!taught) return taught.error();
    if (!*taught)
      return make_error(Errc::not_found, "teaching.not_assigned", "this teacher does not teach this subject in this class; GET /api/v1/classes/" +
                                             in.class_id + "/teaching lists who teaches what there", "teacher_id");
    if (auto s = store::delete_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id); !s) return s.error();
    w.audit(actor.user_id, "teaching", teaching_key(in), "delete", teaching_json(in), "{}");
    w.outbox("teaching", teaching_key(in), "delete", teaching_json(in));
    return Ok{};
  }, std::move(reply));
}

}  // namespace classbook::app
