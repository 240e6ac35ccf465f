// json_gradebook: the gradebook service's records (OneRoster 1.2 Gradebook REST binding) to and from
// JSON: categories (work types with weights), score scales, line items and results.
#include "sync/oneroster/json.hpp"
#include "sync/oneroster/json_reader.hpp"
#include "sync/oneroster/json_writer.hpp"

namespace classbook::oneroster {

using detail::finish_record;
using detail::nested;
using detail::ObjectReader;
using detail::put;
using detail::put_base;
using detail::put_bool_text;
using detail::put_number;
using detail::put_ref;

// ---- Category

boost::json::object to_json(const Category& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["title"] = v.title;
  put_number(o, "weight", v.weight);
  return o;
}

classbook::Result<Category> parse_category(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "category");
  Category x;
  x.base = r.base();
  x.title = r.required_string("title");
  x.weight = r.optional_number("weight");
  return finish_record(r, std::move(x));
}

// ---- ScoreScale

boost::json::object to_json(const ScoreScale& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["title"] = v.title;
  o["type"] = v.type;
  put_ref(o, "course", v.course);
  o["class"] = to_json(v.class_);
  boost::json::array values;
  for (const auto& s : v.score_scale_value)
    values.emplace_back(boost::json::object{{"itemValueLHS", s.item_value_lhs}, {"itemValueRHS", s.item_value_rhs}});
  o["scoreScaleValue"] = std::move(values);
  return o;
}

namespace {

classbook::Result<ScoreScaleValue> parse_scale_value(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "score scale value");
  ScoreScaleValue x;
  x.item_value_lhs = r.required_string("itemValueLHS");
  x.item_value_rhs = r.required_string("itemValueRHS");
  return finish_record(r, std::move(x));
}

}  // namespace

classbook::Result<ScoreScale> parse_score_scale(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "score scale");
  ScoreScale x;
  x.base = r.base();
  x.title = r.required_string("title");
  x.type = r.required_string("type");
  x.course = r.optional_ref("course", RefType::course);
  x.class_ = r.required_ref("class", RefType::class_);
  x.score_scale_value = nested<ScoreScaleValue>(r, "scoreScaleValue", 1, parse_scale_value);
  return finish_record(r, std::move(x));
}

// ---- LineItem

boost::json::object to_json(const LineItem& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["title"] = v.title;
  put(o, "description", v.description);
  o["assignDate"] = v.assign_date;
  o["dueDate"] = v.due_date;
  o["class"] = to_json(v.class_);
  o["school"] = to_json(v.school);
  o["category"] = to_json(v.category);
  put_ref(o, "gradingPeriod", v.grading_period);
  put_ref(o, "academicSession", v.academic_session);
  put_ref(o, "scoreScale", v.score_scale);
  put_number(o, "resultValueMin", v.result_value_min);
  put_number(o, "resultValueMax", v.result_value_max);
  if (v.learning_objective_set) o["learningObjectiveSet"] = *v.learning_objective_set;
  return o;
}

classbook::Result<LineItem> parse_line_item(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "line item");
  LineItem x;
  x.base = r.base();
  x.title = r.required_string("title");
  x.description = r.optional_string("description");
  x.assign_date = r.required_datetime("assignDate");
  x.due_date = r.required_datetime("dueDate");
  x.class_ = r.required_ref("class", RefType::class_);
  x.school = r.required_ref("school", RefType::org);
  x.category = r.required_ref("category", RefType::category);
  x.grading_period = r.optional_ref("gradingPeriod", RefType::academicSession);
  x.academic_session = r.optional_ref("academicSession", RefType::academicSession);
  x.score_scale = r.optional_ref("scoreScale", RefType::scoreScale);
  x.result_value_min = r.optional_number("resultValueMin");
  x.result_value_max = r.optional_number("resultValueMax");
  x.learning_objective_set = r.optional_array("learningObjectiveSet");
  return finish_record(r, std::move(x));
}

// ---- Result

boost::json::object to_json(const ResultRecord& v) {
  boost::json::object o;
  put_base(o, v.base);
  o["lineItem"] = to_json(v.line_item);
  o["student"] = to_json(v.student);
  put_ref(o, "class", v.class_);
  put_ref(o, "scoreScale", v.score_scale);
  o["scoreStatus"] = v.score_status.text();
  put_number(o, "score", v.score);
  put(o, "textScore", v.text_score);
  o["scoreDate"] = v.score_date;
  put(o, "comment", v.comment);
  if (v.learning_objective_set) o["learningObjectiveSet"] = *v.learning_objective_set;
  put_bool_text(o, "inProgress", v.in_progress);
  put_bool_text(o, "incomplete", v.incomplete);
  put_bool_text(o, "late", v.late);
  put_bool_text(o, "missing", v.missing);
  return o;
}

classbook::Result<ResultRecord> parse_result(const boost::json::value& v, std::string_view path) {
  ObjectReader r(v, path, "result");
  ResultRecord x;
  x.base = r.base();
  x.line_item = r.required_ref("lineItem", RefType::lineItem);
  x.student = r.required_ref("student", RefType::user);
  x.class_ = r.optional_ref("class", RefType::class_);
  x.score_scale = r.optional_ref("scoreScale", RefType::scoreScale);
  x.score_status = r.required_vocabulary<ScoreStatus>("scoreStatus");
  x.score = r.optional_number("score");
  x.text_score = r.optional_string("textScore");
  x.score_date = r.required_date("scoreDate");
  x.comment = r.optional_string("comment");
  x.learning_objective_set = r.optional_array("learningObjectiveSet");
  x.in_progress = r.optional_bool_text("inProgress");
  x.incomplete = r.optional_bool_text("incomplete");
  x.late = r.optional_bool_text("late");
  x.missing = r.optional_bool_text("missing");
  return finish_record(r, std::move(x));
}

}  // namespace classbook::oneroster
