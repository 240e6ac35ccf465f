// roster_plan: see the header; the rules are written out in docs/sync.md § "Conflicts".
#include "sync/roster_plan.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "domain/name_search.hpp"
#include "domain/roster_contacts.hpp"
#include "domain/roster_names.hpp"
#include "sync/roster_plan_index.hpp"

namespace classbook::sync {
namespace {
using oneroster::RoleName;
using oneroster::Status;
using plan_index::latest;
using plan_index::Links;

enum class Kind { pupil, guardian, teacher, none };

// The box keeps a user by their primary role (the first role when none says primary).
Kind kind_of(const oneroster::User& u) {
  const oneroster::Role* role = u.roles.empty() ? nullptr : &u.roles.front();
  for (const auto& r : u.roles)
    if (r.role_type == oneroster::RoleType::primary) {
      role = &r;
      break;
    }
  if (!role) return Kind::none;
  switch (role->role.value) {
    case RoleName::student: return Kind::pupil;
    case RoleName::guardian: case RoleName::parent: case RoleName::relative: return Kind::guardian;
    case RoleName::teacher: case RoleName::aide: return Kind::teacher;
    default: return Kind::none;
  }
}

// A guardian's relation as the box words it (domain::guardian_relations).
std::string relation_of(const oneroster::User& g) {
  for (const auto& r : g.roles) {
    if (r.role.value == RoleName::parent) return "parent";
    if (r.role.value == RoleName::guardian) return "guardian";
  }
  return "other";
}

bool same_name(const std::string& a, const std::string& b) { return domain::folded_name(a) == domain::folded_name(b); }

// E-mail addresses match case aside (the local part too: nobody hands out Olga@ and olga@ to two people).
bool same_email(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b || a->size() != b->size()) return false;
  return std::equal(a->begin(), a->end(), b->begin(), [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string full_name(const std::string& last, const std::string& first) { return last + " " + first; }

// The box's people by uuid, and by a key the matching rules ask for, so that a school of 5,000 is
// planned in one pass, not by comparing everyone with everyone.
struct PeopleIndex {
  std::map<std::string, const store::RosterPerson*> by_uuid;
  std::multimap<std::string, const store::RosterPerson*> by_key;
  PeopleIndex(const std::vector<store::RosterPerson>& people, std::string (*key)(const store::RosterPerson&)) {
    for (const auto& p : people) {
      by_uuid[p.uuid] = &p;
      by_key.emplace(key(p), &p);
    }
  }
  const store::RosterPerson* find(const std::string& uuid) const {
    auto it = by_uuid.find(uuid);
    return it == by_uuid.end() ? nullptr : it->second;
  }
};
// Pupils are matched within their class and birth date; guardians and teachers by family name.
std::string class_and_birth(const store::RosterPerson& p) { return p.class_uuid + "|" + p.birth_date.value_or(""); }
std::string folded_family(const store::RosterPerson& p) { return domain::folded_name(p.last_name); }

class Planner {
 public:
  Planner(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links)
      : portal_(portal), box_(box), links_(links), pupils_(box.pupils, class_and_birth),
        guardians_(box.guardians, folded_family), teachers_(box.teachers, folded_family) {}

  RosterPlan run() {
    plan_classes();
    gather_enrollments();
    for (const auto* u : latest(portal_.users)) users_[u->base.sourced_id] = u;
    for (const auto* d : latest(portal_.demographics)) demographics_[d->base.sourced_id] = d;
    for (const auto& [sid, u] : users_) {
      const auto kind = kind_of(*u);
      if (kind == Kind::guardian) plan_contact_person(*u, guardian_entity, guardians_, plan_.guardians);
      else if (kind == Kind::teacher) plan_contact_person(*u, teacher_entity, teachers_, plan_.teachers);
      else if (kind == Kind::none) ++plan_.not_kept;
    }
    plan_pupils();
    plan_guardian_links();
    plan_.notes = term_notes(portal_.academic_sessions, box_.terms);
    return std::move(plan_);
  }

 private:
  void refuse(const char* collection, const std::string& sid, const char* code, std::string reason) {
    plan_.refused.push_back({collection, sid, code, std::move(reason)});
    if (std::string_view(collection) == "users") refused_users_.insert(sid);
  }

  const store::RosterClassRow* box_class_named(const std::string& name) const {
    for (const auto& c : box_.classes)
      if (c.name == name) return &c;
    return nullptr;
  }
  const store::RosterClassRow* box_class(const std::string& uuid) const {
    for (const auto& c : box_.classes)
      if (c.uuid == uuid) return &c;
    return nullptr;
  }

  // Homeroom classes are the box's classes; a class × subject (scheduled) has no row of its own.
  void plan_classes() {
    for (const auto& l : links_.uuid_of)
      if (l.first.first == class_entity) homeroom_.insert(l.first.second);
    for (const auto* c : latest(portal_.classes)) {
      const auto& sid = c->base.sourced_id;
      const bool homeroom = c->class_type && c->class_type->value == oneroster::ClassType::homeroom;
      if (!homeroom && !homeroom_.contains(sid)) {
        ++plan_.not_kept;
        continue;
      }
      homeroom_.insert(sid);
      const auto uuid = links_.uuid(class_entity, sid);
      if (c->base.status == Status::tobedeleted) {
        if (!uuid.empty()) plan_.classes.push_back({StepKind::leave, sid, uuid, box_class(uuid) ? box_class(uuid)->name : "", 0, ""});
        closed_classes_.insert(sid);
        continue;
      }
      const auto name = domain::parse_class_name(c->title);
      if (!name) {
        refuse("classes", sid, "roster.class_name",
               "class " + sid + ": title '" + c->title + "' is not a class name the box keeps (" + name.problem + ")");
        continue;
      }
      const auto text = name->text();
      const auto* namesake = box_class_named(text);
      if (!uuid.empty()) {
        if (namesake && namesake->uuid != uuid) {
          refuse("classes", sid, "roster.class_name_taken",
                 "class " + sid + " is renamed to " + text + ", but the box already has another class " + text +
                     "; rename or close that one first");
          continue;
        }
        if (!namesake) plan_.classes.push_back({StepKind::update, sid, uuid, text, name->grade, name->letter});
        class_uuid_[sid] = uuid;
      } else if (namesake) {
        if (links_.linked_uuid(class_entity, namesake->uuid)) {
          refuse("classes", sid, "roster.class_name_taken",
                 "class " + sid + " is called " + text + ", but the box's " + text + " is another portal class");
          continue;
        }
        plan_.classes.push_back({StepKind::link, sid, namesake->uuid, text, name->grade, name->letter});
        links_.add(class_entity, sid, namesake->uuid);
        class_uuid_[sid] = namesake->uuid;
      } else {
        plan_.classes.push_back({StepKind::create, sid, "", text, name->grade, name->letter});
        class_uuid_[sid] = "";  // made by this plan: known by its sourcedId
      }
    }
  }

  // Per pupil: the homeroom classes the portal has them in now.
  void gather_enrollments() {
    for (const auto* e : latest(portal_.enrollments)) {
      if (e->role.value == oneroster::EnrollmentRole::teacher) continue;  // roster_teaching.cpp
      if (e->role.value != oneroster::EnrollmentRole::student || !homeroom_.contains(e->class_.sourced_id)) {
        ++plan_.not_kept;
        continue;
      }
      auto& classes = enrolled_[e->user.sourced_id];
      if (e->base.status == Status::active) classes.insert(e->class_.sourced_id);
      else classes.erase(e->class_.sourced_id);
    }
  }

  // The names a step would write, or why not.
  std::optional<std::string> bad_names(const oneroster::User& u) const {
    if (auto p = domain::check_person_name(u.family_name, "the family name (familyName)", true)) return p;
    if (auto p = domain::check_person_name(u.given_name, "the given name (givenName)", true)) return p;
    return domain::check_person_name(u.middle_name.value_or(""), "the middle name (middleName)", false);
  }

  // A guardian or teacher: linked → updated, or gone (tobedeleted); unlinked → the box's own person of
  // the same names and phone or e-mail is linked, else a new one.
  void plan_contact_person(const oneroster::User& u, const char* entity, const PeopleIndex& box_people,
                           std::vector<PersonStep>& out) {
    const auto& sid = u.base.sourced_id;
    const auto uuid = links_.uuid(entity, sid);
    if (u.base.status == Status::tobedeleted) {
      if (!uuid.empty()) out.push_back({StepKind::leave, sid, uuid, u.family_name, u.given_name, u.middle_name.value_or(""), {}, {}, {}, "", ""});
      gone_.insert(sid);
      return;
    }
    if (auto problem = bad_names(u)) return refuse("users", sid, "roster.bad_name", "user " + sid + ": " + *problem);
    PersonStep step{StepKind::create, sid, uuid, domain::tidy(u.family_name), domain::tidy(u.given_name),
                    domain::tidy(u.middle_name.value_or("")), {}, {}, {}, "", ""};
    const auto phone_text = u.phone ? u.phone : u.sms;
    if (phone_text && !phone_text->empty()) {
      auto phone = domain::normalize_phone(*phone_text);
      if (!phone) return refuse("users", sid, "roster.bad_contact", "user " + sid + ": phone '" + *phone_text + "': " + phone.problem);
      step.phone = *phone;
    }
    if (u.email && !u.email->empty()) {
      auto email = domain::normalize_email(*u.email);
      if (!email) return refuse("users", sid, "roster.bad_contact", "user " + sid + ": email '" + *u.email + "': " + email.problem);
      step.email = *email;
    }
    if (const auto* now = box_people.find(uuid)) {
      if (now->last_name != step.last_name || now->first_name != step.first_name || now->middle_name != step.middle_name ||
          now->phone != step.phone || now->email != step.email) {
        step.kind = StepKind::update;
        out.push_back(step);
      }
      return;
    }
    for (auto [it, end] = box_people.by_key.equal_range(domain::folded_name(step.last_name)); it != end; ++it) {
      const auto& p = *it->second;
      if (links_.linked_uuid(entity, p.uuid) || !same_name(p.first_name, step.first_name)) continue;
      if ((step.phone && p.phone == step.phone) || same_email(p.email, step.email)) {
        step.kind = StepKind::link;
        step.uuid = p.uuid;
        links_.add(entity, sid, p.uuid);
        out.push_back(step);
        return;
      }
    }
    step.uuid.clear();
    out.push_back(step);
    created_.insert({entity, sid});
  }

  // Every pupil the read touches: their user, their enrollments or their demographics.
  void plan_pupils() {
    std::set<std::string> touched;
    for (const auto& [sid, u] : users_)
      if (kind_of(*u) == Kind::pupil) touched.insert(sid);
    for (const auto& [sid, classes] : enrolled_)
      if (!users_.contains(sid)) touched.insert(sid);
    for (const auto& [sid, d] : demographics_)
      if (!users_.contains(sid) && !links_.uuid(pupil_entity, sid).empty()) touched.insert(sid);
    for (const auto& sid : touched) plan_pupil(sid);
  }

  void plan_pupil(const std::string& sid) {
    const auto uit = users_.find(sid);
    const oneroster::User* u = uit == users_.end() ? nullptr : uit->second;
    const auto uuid = links_.uuid(pupil_entity, sid);
    const auto* now = pupils_.find(uuid);
    if (u && u->base.status == Status::tobedeleted) {
      if (now && !now->left) plan_.pupils.push_back({StepKind::leave, sid, uuid, now->last_name, now->first_name, now->middle_name,
                                                      now->birth_date, {}, now->email, now->class_uuid, ""});
      return;
    }
    if (!u && !now) {
      // An enrollment of a user the box has not been sent (the pull fetches such users one by one).
      return refuse("enrollments", sid, "roster.unknown_user",
                    "an enrollment names user " + sid + ", whom the portal has not sent; it is applied once the user comes");
    }
    if (now && now->left) {
      ++plan_.kept_left;  // the office's leaving stands until the office takes the pupil back
      return;
    }
    if (u)
      if (auto problem = bad_names(*u)) return refuse("users", sid, "roster.bad_name", "user " + sid + ": " + *problem);
    PersonStep step{StepKind::update, sid, uuid, "", "", "", {}, {}, {}, "", ""};
    step.last_name = u ? domain::tidy(u->family_name) : now->last_name;
    step.first_name = u ? domain::tidy(u->given_name) : now->first_name;
    step.middle_name = u ? domain::tidy(u->middle_name.value_or("")) : now->middle_name;
    step.email = now ? now->email : std::nullopt;
    if (u && u->email && !u->email->empty()) {
      auto email = domain::normalize_email(*u->email);
      if (!email) return refuse("users", sid, "roster.bad_contact", "user " + sid + ": email '" + *u->email + "': " + email.problem);
      step.email = *email;
    } else if (u) {
      step.email.reset();
    }
    step.birth_date = now ? now->birth_date : std::nullopt;
    if (auto d = demographics_.find(sid); d != demographics_.end() && d->second->birth_date) step.birth_date = d->second->birth_date;

    // The class: the one homeroom class the portal has the pupil in, else the box's.
    const auto classes = enrolled_.find(sid);
    if (classes != enrolled_.end() && classes->second.size() > 1) {
      std::string names;
      for (const auto& c : classes->second) names += (names.empty() ? "" : " and ") + c;
      return refuse("users", sid, "roster.two_classes",
                    "user " + sid + " is enrolled in two classes at once (" + names + "); the box keeps a pupil in one class — "
                    "end one of the enrollments");
    }
    if (classes != enrolled_.end() && classes->second.size() == 1) {
      const auto& class_sid = *classes->second.begin();
      const auto known = class_uuid_.find(class_sid);
      const auto linked = links_.uuid(class_entity, class_sid);
      if (closed_classes_.contains(class_sid))
        return refuse("users", sid, "roster.class_closed", "user " + sid + " is enrolled in class " + class_sid + ", which is closed");
      if (known != class_uuid_.end()) {
        step.class_uuid = known->second;
        step.class_sourced_id = class_sid;
      } else if (!linked.empty()) {
        step.class_uuid = linked;
        step.class_sourced_id = class_sid;
      } else {
        return refuse("users", sid, "roster.class_unknown",
                      "user " + sid + " is enrolled in class " + class_sid + ", which the box does not have (not sent, or refused)");
      }
    } else if (now) {
      step.class_uuid = now->class_uuid;
    } else {
      return refuse("users", sid, "roster.no_class",
                    "user " + sid + " (" + full_name(step.last_name, step.first_name) +
                        ") has no active enrollment in a homeroom class; the box keeps every pupil in a class");
    }

    if (now) {
      if (now->last_name != step.last_name || now->first_name != step.first_name || now->middle_name != step.middle_name ||
          now->birth_date != step.birth_date || now->email != step.email || now->class_uuid != step.class_uuid)
        plan_.pupils.push_back(step);
      return;
    }
    // The same child the office enrolled offline: same class, family and given names, and birth date.
    if (!step.class_uuid.empty() && step.birth_date)
      for (auto [it, end] = pupils_.by_key.equal_range(step.class_uuid + "|" + *step.birth_date); it != end; ++it)
        if (const auto& p = *it->second; !p.left && !links_.linked_uuid(pupil_entity, p.uuid) &&
                                         same_name(p.last_name, step.last_name) && same_name(p.first_name, step.first_name)) {
          step.kind = StepKind::link;
          step.uuid = p.uuid;
          links_.add(pupil_entity, sid, p.uuid);
          plan_.pupils.push_back(step);
          return;
        }
    step.kind = StepKind::create;
    step.uuid.clear();
    plan_.pupils.push_back(step);
    created_.insert({pupil_entity, sid});
  }

  // Where a person stands after the plan: the box's uuid, or (created now) its sourcedId; none when
  // the box will not have them.
  std::optional<std::pair<std::string, std::string>> target(const char* entity, const std::string& sid) const {
    if (refused_users_.contains(sid) || gone_.contains(sid)) return std::nullopt;
    if (auto uuid = links_.uuid(entity, sid); !uuid.empty()) return std::pair{uuid, sid};
    if (created_.contains({entity, sid})) return std::pair{std::string(), sid};
    return std::nullopt;
  }

  // A pupil's agents say who their guardians are (links to guardians the portal does not know are
  // the office's and stay); a guardian's agents add their children. A guardian gone loses their links.
  void plan_guardian_links() {
    std::set<std::pair<std::string, std::string>> have, planned;  // (pupil uuid, guardian uuid) on the box
    std::multimap<std::string, const store::RosterGuardianLink*> of_pupil, of_guardian;
    for (const auto& l : box_.guardian_links) {
      have.insert({l.pupil_uuid, l.guardian_uuid});
      of_pupil.emplace(l.pupil_uuid, &l);
      of_guardian.emplace(l.guardian_uuid, &l);
    }
    auto add = [&](const std::pair<std::string, std::string>& pupil, const std::pair<std::string, std::string>& guardian,
                   const std::string& relation) {
      const auto key = std::pair{pupil.first.empty() ? "sid:" + pupil.second : pupil.first,
                                 guardian.first.empty() ? "sid:" + guardian.second : guardian.first};
      if (have.contains(key) || !planned.insert(key).second) return;
      plan_.guardian_links.push_back({true, pupil.first, pupil.second, guardian.first, guardian.second, relation});
    };
    auto relation = [&](const std::string& guardian_sid) {
      auto it = users_.find(guardian_sid);
      return it == users_.end() ? std::string("parent") : relation_of(*it->second);
    };
    for (const auto& [sid, u] : users_) {
      const auto kind = kind_of(*u);
      if (kind == Kind::pupil) {
        const auto pupil = target(pupil_entity, sid);
        if (!pupil || u->base.status != Status::active) continue;
        if (const auto* now = pupils_.find(pupil->first); now && now->left) continue;
        std::set<std::string> wanted;
        for (const auto& a : u->agents)
          if (auto g = target(guardian_entity, a.sourced_id)) {
            add(*pupil, *g, relation(a.sourced_id));
            if (!g->first.empty()) wanted.insert(g->first);
          }
        for (auto [it, end] = of_pupil.equal_range(pupil->first); it != end; ++it)
          if (const auto& l = *it->second; links_.linked_uuid(guardian_entity, l.guardian_uuid) && !wanted.contains(l.guardian_uuid))
            plan_.guardian_links.push_back({false, l.pupil_uuid, sid, l.guardian_uuid, "", l.relation});
      } else if (kind == Kind::guardian) {
        if (u->base.status == Status::tobedeleted) {
          const auto uuid = links_.uuid(guardian_entity, sid);
          for (auto [it, end] = of_guardian.equal_range(uuid); !uuid.empty() && it != end; ++it)
            plan_.guardian_links.push_back({false, it->second->pupil_uuid, "", uuid, sid, it->second->relation});
          continue;
        }
        const auto guardian = target(guardian_entity, sid);
        if (!guardian) continue;
        for (const auto& a : u->agents)
          if (auto p = target(pupil_entity, a.sourced_id)) {
            if (const auto* now = pupils_.find(p->first); now && now->left) continue;
            add(*p, *guardian, relation_of(*u));
          }
      }
    }
  }

  const PortalRoster& portal_;
  const store::RosterRows& box_;
  Links links_;
  PeopleIndex pupils_, guardians_, teachers_;
  RosterPlan plan_;
  std::set<std::string> homeroom_, closed_classes_, refused_users_, gone_;
  std::map<std::string, std::string> class_uuid_;  // homeroom class sourcedId → box uuid ("" = made by this plan)
  std::map<std::string, std::set<std::string>> enrolled_;
  std::map<std::string, const oneroster::User*> users_;
  std::map<std::string, const oneroster::Demographics*> demographics_;
  std::set<std::pair<std::string, std::string>> created_;  // (entity, sourcedId)
};

}  // namespace

const char* to_string(StepKind k) {
  switch (k) {
    case StepKind::create: return "create";
    case StepKind::update: return "update";
    case StepKind::link: return "link";
    case StepKind::leave: return "leave";
  }
  return "?";
}

std::size_t RosterPlan::changes() const {
  return classes.size() + teachers.size() + guardians.size() + pupils.size() + guardian_links.size() + subjects.size() +
         teaching.size();
}

RosterPlan plan_roster(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links) {
  auto plan = Planner(portal, box, links).run();
  plan_teaching(portal, box, links, plan);
  return plan;
}

std::vector<std::string> describe(const RosterPlan& plan) {
  std::vector<std::string> out;
  for (const auto& c : plan.classes)
    out.push_back(std::string("class ") + to_string(c.kind) + " " + c.sourced_id + " " + c.name);
  for (auto [word, steps] : {std::pair{"teacher", &plan.teachers}, {"guardian", &plan.guardians}, {"pupil", &plan.pupils}})
    for (const auto& p : *steps) {
      auto line = std::string(word) + " " + to_string(p.kind) + " " + p.sourced_id + " " + full_name(p.last_name, p.first_name);
      if (!p.class_uuid.empty() || !p.class_sourced_id.empty())
        line += " (class " + (p.class_sourced_id.empty() ? p.class_uuid : p.class_sourced_id) + ")";
      out.push_back(std::move(line));
    }
  for (const auto& l : plan.guardian_links)
    out.push_back(std::string("guardian link ") + (l.add ? "add " : "remove ") +
                  (l.pupil_sourced_id.empty() ? l.pupil_uuid : l.pupil_sourced_id) + " ← " +
                  (l.guardian_sourced_id.empty() ? l.guardian_uuid : l.guardian_sourced_id));
  for (const auto& s : plan.subjects)
    out.push_back(std::string("subject ") + to_string(s.kind) + " " + s.course_sourced_id + " " + s.name);
  for (const auto& t : plan.teaching)
    out.push_back(std::string("teaching ") + (t.add ? "add " : "remove ") + t.enrollment_sourced_id + " " + t.teacher_name + ": " +
                  t.class_name + " " + t.subject_name);
  for (const auto& r : plan.refused) out.push_back("refused " + r.collection + " " + r.sourced_id + ": " + r.reason + " [" + r.code + "]");
  return out;
}

}  // namespace classbook::sync
