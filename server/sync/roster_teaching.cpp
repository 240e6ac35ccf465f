// roster_teaching: the teaching rules of roster in (docs/sync.md § Roster in, "Teaching") — a teacher's
// enrollment in a class × subject as a row of `teaching`, and the subjects it needs. Pure, like the rest
// of the plan, whose second half it is: it reads the classes and teachers that half already settled.
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "domain/name_search.hpp"
#include "domain/roster_names.hpp"
#include "sync/roster_plan.hpp"
#include "sync/roster_plan_index.hpp"

namespace classbook::sync {
namespace {
using oneroster::Status;

// A row as it stands after the plan: the box's uuid, or (made by this plan) the sourcedId it is known by.
struct Ref {
  std::string uuid, sourced_id;
  std::string key() const { return uuid.empty() ? "sid:" + sourced_id : uuid; }
};

std::size_t chars_of(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class TeachingPlanner {
 public:
  TeachingPlanner(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links,
                  RosterPlan& plan)
      : box_(box), links_(links), plan_(plan), classes_(plan_index::latest_by_id(portal.classes)),
        courses_(plan_index::latest_by_id(portal.courses)), users_(plan_index::latest_by_id(portal.users)) {
    index_classes();
    index_teachers();
    for (const auto& s : box.subjects) {
      subject_named_[domain::folded_name(s.name)] = {s.uuid, ""};
      subject_name_[s.uuid] = s.name;
    }
    for (const auto& t : box.teaching) have_.insert({t.class_uuid, t.subject_uuid, t.teacher_uuid});
    for (const auto* e : plan_index::latest(portal.enrollments))
      if (e->role.value == oneroster::EnrollmentRole::teacher) enrollments_.push_back(e);
  }

  void run() {
    // In the order read; the same class × subject × teacher twice is one row.
    std::vector<TeachingStep> wanted, ended;
    std::set<std::string> wanted_keys, ended_keys;
    for (const auto* e : enrollments_) {
      const bool active = e->base.status == Status::active;
      auto step = teaching_of(*e, active);
      if (!step) continue;
      if (active ? wanted_keys.insert(key_of(*step)).second : ended_keys.insert(key_of(*step)).second)
        (active ? wanted : ended).push_back(std::move(*step));
    }
    for (auto& step : wanted)
      if (!had(step)) plan_.teaching.push_back(std::move(step));
    // An enrollment gone takes its row away, unless another enrollment read now still gives it.
    for (auto& step : ended)
      if (!wanted_keys.contains(key_of(step)) && had(step)) {
        step.add = false;
        plan_.teaching.push_back(std::move(step));
      }
  }

 private:
  void refuse(const char* collection, const std::string& sid, const char* code, std::string reason) {
    plan_.refused.push_back({collection, sid, code, std::move(reason)});
  }

  static std::string key_of(const TeachingStep& s) {
    return Ref{s.class_uuid, s.class_sourced_id}.key() + "|" + Ref{s.subject_uuid, s.course_sourced_id}.key() + "|" +
           Ref{s.teacher_uuid, s.teacher_sourced_id}.key();
  }

  bool had(const TeachingStep& s) const {
    return !s.class_uuid.empty() && !s.subject_uuid.empty() && !s.teacher_uuid.empty() &&
           have_.contains({s.class_uuid, s.subject_uuid, s.teacher_uuid});
  }

  // The box's classes by name as they are after the plan's class steps.
  void index_classes() {
    for (const auto& c : box_.classes) class_named_[c.name] = {c.uuid, ""};
    for (const auto& c : plan_.classes) {
      if (c.kind == StepKind::update) {
        std::erase_if(class_named_, [&](const auto& entry) { return entry.second.uuid == c.uuid; });
        class_named_[c.name] = {c.uuid, ""};
      } else if (c.kind == StepKind::create) {
        class_named_[c.name] = {"", c.sourced_id};
      }
    }
  }

  // Where each portal teacher stands after the plan's teacher steps; none for one gone or refused.
  void index_teachers() {
    for (const auto& [key, uuid] : links_.uuid_of)
      if (key.first == teacher_entity) teacher_[key.second] = {uuid, key.second};
    for (const auto& t : plan_.teachers) {
      if (t.kind == StepKind::leave) teacher_.erase(t.sourced_id);
      else teacher_[t.sourced_id] = {t.uuid, t.sourced_id};  // create: uuid ""
      teacher_name_[t.sourced_id] = t.last_name + " " + t.first_name;
    }
    for (const auto& r : plan_.refused)
      if (r.collection == "users") teacher_.erase(r.sourced_id);
    for (const auto& t : box_.teachers) teacher_name_.emplace(t.uuid, t.last_name + " " + t.first_name);
  }

  // The class × subject × teacher an enrollment names, or none: not the box's to keep (counted), or
  // refused with its reason. `active`: a gone enrollment only finds what is there, it makes nothing.
  std::optional<TeachingStep> teaching_of(const oneroster::Enrollment& e, bool active) {
    const auto& sid = e.base.sourced_id;
    const auto& class_sid = e.class_.sourced_id;
    const auto cls = classes_.find(class_sid);
    const bool homeroom = !links_.uuid(class_entity, class_sid).empty() ||
                          (cls != classes_.end() && cls->second->class_type &&
                           cls->second->class_type->value == oneroster::ClassType::homeroom);
    if (homeroom) {  // a class teacher: the box's office sets class teachers itself
      ++plan_.not_kept;
      return std::nullopt;
    }
    if (cls == classes_.end()) {
      if (active)
        refuse("enrollments", sid, "roster.class_unknown",
               "enrollment " + sid + " names class " + class_sid + ", which the portal has not sent; it is applied once the class comes");
      return std::nullopt;
    }
    const auto& c = *cls->second;
    // The box's class: the classCode ("5А"), else the title.
    std::optional<domain::ClassName> name;
    for (const auto& text : {c.class_code.value_or(""), c.title})
      if (auto n = domain::parse_class_name(text); !name && n) name = *n;
    if (!name) {  // an elective or a club: no class of the box
      ++plan_.not_kept;
      return std::nullopt;
    }
    const auto box_class = class_named_.find(name->text());
    if (box_class == class_named_.end()) {
      if (active)
        refuse("enrollments", sid, "roster.class_unknown",
               "enrollment " + sid + ": class " + class_sid + " is a subject of " + name->text() +
                   ", a class the box does not have (not sent, or refused); it is applied once the class comes");
      return std::nullopt;
    }
    const auto teacher = teacher_.find(e.user.sourced_id);
    if (teacher == teacher_.end()) {
      if (active && !users_.contains(e.user.sourced_id) && links_.uuid(teacher_entity, e.user.sourced_id).empty())
        refuse("enrollments", sid, "roster.unknown_user",
               "enrollment " + sid + " names user " + e.user.sourced_id + ", whom the portal has not sent; it is applied once the user comes");
      else if (active && users_.contains(e.user.sourced_id))
        ++plan_.not_kept;  // not a teacher the box keeps (another role), or refused on its own
      return std::nullopt;
    }
    const auto subject = subject_of(c, sid, active);
    if (!subject) return std::nullopt;
    TeachingStep step;
    step.enrollment_sourced_id = sid;
    step.class_uuid = box_class->second.uuid;
    step.class_sourced_id = box_class->second.sourced_id;
    step.subject_uuid = subject->uuid;
    step.course_sourced_id = subject->sourced_id;
    step.teacher_uuid = teacher->second.uuid;
    step.teacher_sourced_id = teacher->second.sourced_id;
    step.class_name = name->text();
    step.subject_name = subject->uuid.empty() ? made_subject_name_[subject->sourced_id] : subject_name_[subject->uuid];
    auto tn = teacher_name_.find(teacher->second.sourced_id);
    if (tn == teacher_name_.end()) tn = teacher_name_.find(teacher->second.uuid);
    step.teacher_name = tn == teacher_name_.end() ? e.user.sourced_id : tn->second;
    return step;
  }

  // The subject a class × subject's course names: the one linked to the course, else the box's subject of
  // the same name (case and ё aside; linked to the course when no other course has it), else one made from
  // the course. A gone enrollment (`active` false) makes and links nothing.
  std::optional<Ref> subject_of(const oneroster::Class& c, const std::string& enrollment_sid, bool active) {
    const auto& course_sid = c.course.sourced_id;
    if (auto uuid = links_.uuid(subject_entity, course_sid); !uuid.empty()) return Ref{uuid, course_sid};
    const auto it = courses_.find(course_sid);
    if (it == courses_.end()) {
      if (active)
        refuse("enrollments", enrollment_sid, "roster.course_unknown",
               "enrollment " + enrollment_sid + ": class " + c.base.sourced_id + " names course " + course_sid +
                   ", which the portal has not sent; the box takes the subject from the course's title");
      return std::nullopt;
    }
    const auto& course = *it->second;
    const auto title = domain::tidy(course.title);
    if (title.empty() || chars_of(title) > max_subject_name_chars) {
      if (active && refused_courses_.insert(course_sid).second)
        refuse("courses", course_sid, "roster.course_title",
               "course " + course_sid + ": the title '" + title + "' " +
                   (title.empty() ? std::string("is empty") : "is longer than " + std::to_string(max_subject_name_chars) + " characters") +
                   "; the box names the subject taught in class " + c.base.sourced_id + " by its course's title");
      return std::nullopt;
    }
    const auto folded = domain::folded_name(title);
    if (const auto named = subject_named_.find(folded); named != subject_named_.end()) {
      const auto& [uuid, made_by] = named->second;
      if (uuid.empty()) return Ref{"", made_by};
      if (active && !links_.linked_uuid(subject_entity, uuid)) {
        plan_.subjects.push_back({StepKind::link, course_sid, uuid, subject_name_[uuid], ""});
        links_.add(subject_entity, course_sid, uuid);
      }
      return Ref{uuid, course_sid};
    }
    if (!active) return std::nullopt;
    const auto code = domain::tidy(course.course_code);
    const auto short_name = code.empty() || chars_of(code) > max_subject_short_name_chars ? title : code;
    plan_.subjects.push_back({StepKind::create, course_sid, "", title, short_name});
    subject_named_[folded] = {"", course_sid};
    made_subject_name_[course_sid] = title;
    return Ref{"", course_sid};
  }

  const store::RosterRows& box_;
  plan_index::Links links_;
  RosterPlan& plan_;
  std::map<std::string, const oneroster::Class*> classes_;
  std::map<std::string, const oneroster::Course*> courses_;
  std::map<std::string, const oneroster::User*> users_;
  std::vector<const oneroster::Enrollment*> enrollments_;
  std::map<std::string, Ref> class_named_;    // class name → the class after the plan
  std::map<std::string, Ref> teacher_;        // portal user → the teacher after the plan
  std::map<std::string, std::string> teacher_name_;  // sourcedId or uuid → "Петров Олег"
  std::map<std::string, Ref> subject_named_;  // folded name → uuid, or the course that makes it now
  std::map<std::string, std::string> subject_name_, made_subject_name_;  // uuid / course sourcedId → name
  std::set<std::tuple<std::string, std::string, std::string>> have_;  // (class, subject, teacher) uuids
  std::set<std::string> refused_courses_;
};

}  // namespace

void plan_teaching(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links,
                   RosterPlan& plan) {
  TeachingPlanner(portal, box, links, plan).run();
}

}  // namespace classbook::sync
