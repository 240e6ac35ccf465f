// roster_classes: the office's classes — list, a class's pupils, create and change; one writer job per change with its audit entry.
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

// ======================================== classes ========================================================

Result<std::vector<store::ClassRecord>> list_classes(Context& ctx, const domain::Actor& actor) {
  if (auto s = may_read_school(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  return store::all_classes(*db, local_date(ctx, ctx.clock.now()));
}

Result<ClassList> list_pupils(Context& ctx, const domain::Actor& actor, std::string_view class_id, bool with_left) {
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::classes, class_id, "class_id");
  if (!id) return id.error();
  if (auto s = may_read_class(actor, *id); !s) return s.error();
  const auto today = local_date(ctx, ctx.clock.now());
  auto klass = existing(store::find_class(*db, *id, today),
                        make_error(Errc::not_found, "class.not_found", "no such class; GET /api/v1/classes lists the classes", "class_id"));
  if (!klass) return klass.error();
  auto pupils = store::pupils_of_class(*db, *id, today, with_left);
  if (!pupils) return pupils.error();
  return ClassList{std::move(*klass), std::move(*pupils), is_office(actor)};
}

void create_class(Context& ctx, const domain::Actor& actor, NewClass in, Reply<store::ClassRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  const auto name = domain::parse_class_name(in.name);
  if (!name) return reply(invalid("class.name_invalid", name.problem, "name"));
  if (in.profile) {
    in.profile = domain::tidy(*in.profile);
    if (auto p = domain::check_profile(*in.profile)) return reply(invalid("class.profile_invalid", *p, "profile"));
    if (in.profile->empty()) in.profile.reset();
  }
  const auto today = local_date(ctx, ctx.clock.now());
  submit<store::ClassRecord>(ctx, [actor, in, name = *name, today](WriteContext& w) -> Result<store::ClassRecord> {
    store::ClassRecord c;
    if (in.class_teacher_id) {
      auto t = known(w.db, Table::teachers, *in.class_teacher_id, "class_teacher_id");
      if (!t) return t.error();
      c.class_teacher_id = *t;
    }
    auto other = store::class_by_name(w.db, name.text());
    if (!other) return other.error();
    if (*other) {
      auto other_uuid = store::uuid_of(w.db, Table::classes, **other);
      if (!other_uuid) return other_uuid.error();
      return make_error(Errc::conflict, "class.name_taken", "the class " + name.text() + " already exists (id " + *other_uuid + ")", "name");
    }
    c.uuid = new_uuid();
    c.name = name.text();
    c.grade = name.grade;
    c.letter = name.letter;
    c.profile = in.profile;
    auto id = store::insert_class(w.db, c);
    if (!id) return id.error();
    auto saved = found(store::find_class(w.db, *id, today), "class");
    if (saved) record_class(w, actor, "create", std::nullopt, *saved);
    return saved;
  }, std::move(reply));
}

void change_class(Context& ctx, const domain::Actor& actor, ClassChange in, Reply<ChangedClass> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  std::optional<domain::ClassName> name;
  if (in.name) {
    auto n = domain::parse_class_name(*in.name);
    if (!n) return reply(invalid("class.name_invalid", n.problem, "name"));
    name = *n;
  }
  if (in.profile && *in.profile) {
    **in.profile = domain::tidy(**in.profile);
    if (auto p = domain::check_profile(**in.profile)) return reply(invalid("class.profile_invalid", *p, "profile"));
    if ((*in.profile)->empty()) in.profile->reset();
  }
  const auto today = local_date(ctx, ctx.clock.now());
  submit<ChangedClass>(ctx, [actor, in, name, today](WriteContext& w) -> Result<ChangedClass> {
    auto id = known(w.db, Table::classes, in.class_id, "class_id");
    if (!id) return id.error();
    auto before = found(store::find_class(w.db, *id, today), "class");
    if (!before) return before.error();
    auto after = *before;
    if (name) {
      auto other = store::class_by_name(w.db, name->text());
      if (!other) return other.error();
      if (*other && **other != *id)
        return make_error(Errc::conflict, "class.name_taken", "another class is already called " + name->text(), "name");
      after.name = name->text();
      after.grade = name->grade;
      after.letter = name->letter;
    }
    if (in.profile) after.profile = *in.profile;
    if (in.class_teacher_id) {
      after.class_teacher_id.reset();
      if (*in.class_teacher_id) {
        auto t = known(w.db, Table::teachers, **in.class_teacher_id, "class_teacher_id");
        if (!t) return t.error();
        after.class_teacher_id = *t;
      }
    }
    if (auto s = store::update_class(w.db, after); !s) return s.error();
    ChangedClass out;
    auto saved = found(store::find_class(w.db, *id, today), "class");
    if (!saved) return saved.error();
    record_class(w, actor, "update", *before, *saved);
    out.klass = std::move(*saved);
    return out;
  }, std::move(reply));
}

}  // namespace classbook::app
