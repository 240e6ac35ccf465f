// class_averages: the policy asked per pupil of the class (read_student), so the same people who may
// open one of its pupils' diaries see the class's figures, and nobody else.
#include "app/class_averages.hpp"

#include <map>
#include <set>

#include "app/found.hpp"
#include "app/reads.hpp"
#include "store/class_marks.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

Result<bool> may_read_a_pupil_of(store::Db& db, const domain::Actor& actor, Id class_id, domain::Date on) {
  auto pupils = store::students_of_class(db, class_id, on);
  if (!pupils) return pupils.error();
  for (const auto& p : *pupils)
    if (domain::decide(actor, domain::Action::read_student, {p.id, class_id, 0})) return true;
  return false;
}

}  // namespace

Result<ClassAveragesView> class_averages(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                         std::string_view term_text) {
  auto term = parse_term(ctx.settings(), term_text);
  if (!term) return term.error();
  auto db = ctx.readers.acquire();
  auto class_id = id_for(*db, store::Table::classes, class_uuid,
                         make_error(Errc::not_found, "class.not_found", "no such class; take the id from GET /api/v1/me", "class_id"));
  if (!class_id) return class_id.error();
  auto allowed = may_read_a_pupil_of(*db, actor, *class_id, local_date(ctx, ctx.clock.now()));
  if (!allowed) return allowed.error();
  if (!*allowed)
    return make_error(Errc::forbidden, "class.averages_not_allowed",
                      "only those who may read a pupil of this class see its averages");
  auto name = store::name_of_class(*db, *class_id);
  if (!name) return name.error();
  auto rows = store::marks_of_class_term(*db, *class_id, term->start, term->end);
  if (!rows) return rows.error();

  struct Acc {
    SubjectAverageView view;
    std::vector<domain::MarkValue> values;
    std::set<Id> pupils;
  };
  std::vector<Acc> subjects;  // in the rows' order: by subject name
  std::map<Id, std::size_t> index;
  for (const auto& r : *rows) {
    auto [it, fresh] = index.try_emplace(r.subject_id, subjects.size());
    if (fresh) subjects.push_back({{r.subject_uuid, r.subject, std::nullopt, 0}, {}, {}});
    if (r.student_id == 0) continue;  // a lesson without marks
    auto& acc = subjects[it->second];
    const auto* w = ctx.settings().work_type(r.work_type_id);
    acc.values.push_back({r.value, w ? w->type.weight : 1, w ? w->type.rank : 0});
    acc.pupils.insert(r.student_id);
  }
  ClassAveragesView view{std::string(class_uuid), *name, term->number, domain::format_date(term->start),
                         domain::format_date(term->end), {}};
  for (auto& acc : subjects) {
    acc.view.average = domain::weighted_average(acc.values);
    acc.view.pupils_with_marks = static_cast<int>(acc.pupils.size());
    view.subjects.push_back(std::move(acc.view));
  }
  return view;
}

}  // namespace classbook::app
