// live_changes: the Change rows, filled the one way live_rules reads them.
#include "app/live_changes.hpp"

#include <boost/json/serialize.hpp>

#include "domain/calendar.hpp"
#include "store/writer.hpp"

namespace classbook::app::live {

void pupil(store::WriteContext& w, std::string kind, const store::StudentBrief& p, boost::json::object data) {
  data["student_id"] = p.uuid;
  w.changed({std::move(kind), store::ChangeScope::pupils, {p.id}, p.class_id, 0, {}, boost::json::serialize(data)});
}

void lesson(store::WriteContext& w, std::string kind, const store::LessonRecord& l, boost::json::object data) {
  data["lesson_id"] = l.uuid;
  data["date"] = domain::format_date(l.date);
  w.changed({std::move(kind), store::ChangeScope::class_journal, {}, l.class_id, l.subject_id, {}, boost::json::serialize(data)});
}

void class_news(store::WriteContext& w, std::string kind, Id class_id, boost::json::object data) {
  w.changed({std::move(kind), store::ChangeScope::class_news, {}, class_id, 0, {}, boost::json::serialize(data)});
}

void accounts(store::WriteContext& w, std::string kind, std::vector<Id> accounts, boost::json::object data) {
  w.changed({std::move(kind), store::ChangeScope::accounts, {}, 0, 0, std::move(accounts), boost::json::serialize(data)});
}

void office(store::WriteContext& w, std::string kind, boost::json::object data) {
  w.changed({std::move(kind), store::ChangeScope::office, {}, 0, 0, {}, boost::json::serialize(data)});
}

}  // namespace classbook::app::live
