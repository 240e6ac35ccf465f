// notices_mail: a guardian's e-mail notice, queued inside the writer job of the change it tells of
// (an absence at the first lesson, a low mark, a teacher's message), so the notice exists exactly
// when the change does. Internal to app: the journal's and community's writers call it.
#pragma once

#include "app/context.hpp"
#include "domain/attendance.hpp"
#include "domain/policy.hpp"
#include "store/records.hpp"
#include "store/writer.hpp"

namespace classbook::app::notices {

// The pupil was recorded absent at this lesson. Tells the guardians who want absences when it is the
// pupil's first lesson of the day and no guardian's absence notice covers the day. Once per pupil,
// day and guardian, however often the attendance is changed.
Status absence_recorded(const Context& ctx, store::WriteContext& w, const store::LessonRecord& lesson,
                        const store::StudentBrief& pupil, domain::Presence presence, bool covered_by_notice);
// A new mark: tells the guardians whose threshold it is below. Edits do not tell again.
Status mark_given(const Context& ctx, store::WriteContext& w, const store::LessonRecord& lesson,
                  const store::StudentBrief& pupil, const std::string& mark_uuid, int value, const std::string& work_type_name);
// A teacher wrote in a conversation: tells its guardian members who want teachers' messages.
Status teacher_wrote(const Context& ctx, store::WriteContext& w, const domain::Actor& author, Id thread_id,
                     const std::string& topic, const std::string& message_uuid, const std::string& body);

}  // namespace classbook::app::notices
