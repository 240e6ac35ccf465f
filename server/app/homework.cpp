// homework: the span and filters checked before any read, then the pupil's visibility as the diary's.
#include "app/homework.hpp"

#include "app/found.hpp"
#include "domain/calendar.hpp"
#include "store/homework.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

Error bad(ErrorCode code, std::string message, const char* field) {
  return make_error(Errc::invalid_input, code, std::move(message), field);
}

}  // namespace

Result<HomeworkListView> pupil_homework(Context& ctx, const domain::Actor& actor, const HomeworkQuery& q) {
  const auto from = domain::parse_date(q.from);
  const auto to = domain::parse_date(q.to);
  if (!from) return bad("date.malformed", "from must be a real day written like 2026-11-23", "from");
  if (!to) return bad("date.malformed", "to must be a real day written like 2026-11-29", "to");
  if (*to < *from) return bad("date.range_reversed", "to is before from; swap them", "to");
  // The span counts both ends: from..to of 62 days is the most one request reads.
  if (domain::add_days(*from, max_homework_span_days) <= *to)
    return bad("date.range_too_long", "ask for at most " + std::to_string(max_homework_span_days) + " days of homework at a time", "to");
  std::optional<bool> mandatory;
  if (q.mandatory == "true") mandatory = true;
  else if (q.mandatory == "false") mandatory = false;
  else if (!q.mandatory.empty()) return bad("request.wrong_type", "mandatory is true or false", "mandatory");

  auto db = ctx.readers.acquire();
  auto student = pupil_for(*db, q.student_id,
                           make_error(Errc::not_found, "pupil.not_found", "no such pupil; check the id (a UUID from /api/v1/me)", "student_id"));
  if (!student) return student.error();
  if (auto d = domain::decide(actor, domain::Action::read_student, {student->id, student->class_id, 0}); !d)
    return make_error(Errc::forbidden, "pupil.not_visible", d.reason);
  std::optional<Id> subject;
  if (!q.subject_id.empty()) {
    auto id = id_for(*db, store::Table::subjects, q.subject_id,
                     make_error(Errc::invalid_input, "subject.not_found", "no such subject; take the id from GET /api/v1/school", "subject"));
    if (!id) return id.error();
    subject = *id;
  }
  auto items = store::homework_of_pupil(*db, student->class_id, student->group_no, *from, *to, subject, mandatory);
  if (!items) return items.error();
  return HomeworkListView{*student, domain::format_date(*from), domain::format_date(*to), std::move(*items)};
}

}  // namespace classbook::app
