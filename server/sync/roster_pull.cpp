// roster_pull: see the header.
#include "sync/roster_pull.hpp"

#include <boost/json.hpp>

#include <map>
#include <set>

#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "store/portal_links.hpp"
#include "sync/oneroster/collection.hpp"
#include "sync/oneroster/dates.hpp"
#include "sync/oneroster/json.hpp"
#include "sync/oneroster/query.hpp"

namespace classbook::sync {
namespace json = boost::json;
namespace {

bool retryable(int status) { return status == 408 || status == 429 || status >= 500; }

// The high-water mark: the latest dateLastModified seen, kept exactly as the portal wrote it.
struct Mark {
  std::string text;
  std::optional<oneroster::Instant> at;
  void see(const std::string& stamp) {
    auto t = oneroster::parse_datetime(stamp);
    if (t && (!at || *at < *t)) at = t, text = stamp;
  }
};

}  // namespace

struct RosterPull::Read {
  std::map<std::string, Mark> marks;  // collection → latest stamp read
  std::vector<RosterRefusal> refused;
  std::size_t objects = 0;
  bool moved = false;  // an object came twice with different stamps: the paging slid under it
};

RosterPull::RosterPull(PushParts parts, store::Writer& writer, std::string database, std::string school)
    : parts_(std::move(parts)), writer_(writer), database_(std::move(database)), school_(std::move(school)) {}

Result<std::string> RosterPull::get(const std::string& target, bool missing_ok) {
  bool retried_401 = false;
  std::optional<Error> last;
  for (int attempt = 0;;) {
    if (parts_.stopping()) return make_error(Errc::unavailable, "sync.stopped", "the sync was stopped while the roster was read");
    std::optional<std::chrono::milliseconds> retry_after;
    auto auth = parts_.tokens.authorization();
    if (!auth && auth.error().code == Errc::unauthenticated) return auth.error();
    if (!auth) {
      last = auth.error();
    } else {
      auto answer = parts_.transport.send({"GET", target, {{"Authorization", *auth}, {"Accept", "application/json"}, {"X-Request-Id", new_uuid()}}, ""});
      if (!answer) {
        last = answer.error();
      } else if (answer->status == 200) {
        // A body cut short reads as malformed JSON: fetched again like a cut connection.
        if (oneroster::parse_json_text(answer->body)) {
          parts_.backoff.reset();
          return std::move(answer->body);
        }
        last = make_error(Errc::unavailable, "sync.portal_answer_unreadable", "a roster page from the portal could not be read as JSON");
      } else if (answer->status == 404 && missing_ok) {
        return std::string();
      } else if (answer->status == 401 && !retried_401) {
        retried_401 = true;
        parts_.tokens.forget();
        continue;
      } else if (answer->status == 401 || answer->status == 403) {
        return make_error(Errc::forbidden, "sync.portal_refused",
                          "the portal refuses to show the box its roster (HTTP " + std::to_string(answer->status) +
                              "); ask the portal's operator whether this box's client has the roster.readonly scope");
      } else if (retryable(answer->status)) {
        if (auto h = answer->header("Retry-After")) retry_after = parse_retry_after(*h, parts_.clock.now());
        last = make_error(Errc::unavailable, "sync.portal_unavailable", "the portal answered HTTP " + std::to_string(answer->status) + " to a roster page");
      } else {
        return make_error(Errc::unavailable, "sync.portal_unexpected",
                          "the portal answered HTTP " + std::to_string(answer->status) + " to " + target);
      }
    }
    if (++attempt >= max_attempts_per_batch)
      return make_error(last->code, last->id, last->message + " — gave up after " + std::to_string(attempt) + " attempts; the next sync tries again");
    parts_.wait(parts_.backoff.next(retry_after));
  }
}

template <class T>
Status RosterPull::read_collection(const char* collection, const std::string& since, std::vector<T>& out, Read& read) {
  oneroster::CollectionQuery q;
  q.limit = roster_page;
  if (!since.empty()) {
    auto f = oneroster::parse_filter(oneroster::delta_filter(since));
    if (!f) return f.error();
    q.filter = *f;
  }
  std::map<std::string, std::string> seen;  // sourcedId → dateLastModified, to see the list move
  auto& mark = read.marks[collection];
  mark.see(since);
  for (std::size_t offset = 0;;) {
    auto body = get(std::string(rostering_path) + collection + "?" + oneroster::query_string(q, offset), false);
    if (!body) return body.error();
    auto value = oneroster::parse_json_text(*body);
    if (!value) return value.error();
    auto page = oneroster::parse_collection<T>(*value);
    if (!page)
      return make_error(Errc::unavailable, "sync.roster_unreadable",
                        std::string("the portal's ") + collection + " page is not a OneRoster collection: " + page.error().message);
    // Every object's stamp counts for the mark, refused ones too: a bad object is refused once, and
    // read again only when the portal changes it.
    const auto& items = value->as_object().at(oneroster::collection_key<T>()).as_array();
    for (const auto& item : items) {
      const auto* o = item.if_object();
      const auto* sid = o ? o->if_contains("sourcedId") : nullptr;
      const auto* stamp = o ? o->if_contains("dateLastModified") : nullptr;
      if (!stamp || !stamp->is_string()) continue;
      mark.see(std::string(stamp->as_string()));
      if (sid && sid->is_string()) {
        auto [it, fresh] = seen.emplace(std::string(sid->as_string()), std::string(stamp->as_string()));
        if (!fresh && it->second != stamp->as_string()) read.moved = true;
      }
    }
    read.objects += items.size();
    for (auto& r : page->refused)
      read.refused.push_back({collection, r.sourced_id, std::string(r.reason.id.view()), r.reason.message});
    for (auto& item : page->items) out.push_back(std::move(item));
    if (items.size() < roster_page) return ok_status();
    // A page that repeats the previous one's last objects (a proxy's duplicate) still moves on by a
    // whole page: its repeats are the same objects, which the planner takes once.
    offset += items.size();
  }
}

template <class T>
Status RosterPull::fetch_one(const char* collection, const std::string& sid, std::vector<T>& out, Read& read) {
  auto body = get(std::string(rostering_path) + collection + "/" + sid, true);
  if (!body) return body.error();
  if (body->empty()) return ok_status();
  // The answer is {"user": {…}} (the singular); read as a collection of one, by the collection's rules.
  auto value = oneroster::parse_json_text(*body);
  const auto* o = value && value->is_object() ? &value->as_object() : nullptr;
  if (!o || o->size() != 1 || !o->begin()->value().is_object()) return ok_status();
  ++read.objects;
  auto one = oneroster::parse_collection<T>(
      json::value(json::object{{oneroster::collection_key<T>(), json::array{o->begin()->value()}}}));
  if (!one) return ok_status();
  for (auto& r : one->refused) read.refused.push_back({collection, sid, std::string(r.reason.id.view()), r.reason.message});
  for (auto& item : one->items) out.push_back(std::move(item));
  return ok_status();
}

// What the read names but did not bring (changed before the mark) is fetched by id: the users of
// enrollments, the classes of teachers' enrollments and the courses of those classes. What the portal
// no longer has stays unknown, and the planner refuses what needed it.
Status RosterPull::fetch_missing(PortalRoster& roster, Read& read) {
  auto db = store::Db::open(database_, store::Db::Mode::read_only);
  if (!db) return db.error();
  auto links = store::portal_links(**db);
  if (!links) return links.error();
  std::set<std::pair<std::string, std::string>> linked;  // (entity, sourcedId)
  for (const auto& l : *links) linked.insert({l.entity, l.sourced_id});
  auto known = [](const auto& items) {
    std::set<std::string> out;
    for (const auto& x : items) out.insert(x.base.sourced_id);
    return out;
  };
  std::set<std::string> taught;  // the classes × subjects of teachers' enrollments
  for (const auto& e : roster.enrollments)
    if (e.role.value == oneroster::EnrollmentRole::teacher) taught.insert(e.class_.sourced_id);

  auto users = known(roster.users);
  std::size_t fetched = 0;
  for (const auto& e : roster.enrollments) {
    const auto& sid = e.user.sourced_id;
    if (users.contains(sid) || linked.contains({pupil_entity, sid}) || linked.contains({teacher_entity, sid}) ||
        fetched >= max_fetched_per_collection)
      continue;
    users.insert(sid);
    ++fetched;
    if (auto s = fetch_one("users", sid, roster.users, read); !s) return s;
    if (e.role.value == oneroster::EnrollmentRole::student)
      if (auto s = fetch_one("demographics", sid, roster.demographics, read); !s) return s;
  }

  const auto classes = known(roster.classes);
  fetched = 0;
  for (const auto& sid : taught) {
    if (classes.contains(sid) || linked.contains({class_entity, sid}) || fetched >= max_fetched_per_collection) continue;
    ++fetched;
    if (auto s = fetch_one("classes", sid, roster.classes, read); !s) return s;
  }
  auto courses = known(roster.courses);
  fetched = 0;
  for (const auto& c : roster.classes) {
    const auto& sid = c.course.sourced_id;
    const bool homeroom = c.class_type && c.class_type->value == oneroster::ClassType::homeroom;
    if (homeroom || !taught.contains(c.base.sourced_id) || courses.contains(sid) || linked.contains({subject_entity, sid}) ||
        fetched >= max_fetched_per_collection)
      continue;
    courses.insert(sid);
    ++fetched;
    if (auto s = fetch_one("courses", sid, roster.courses, read); !s) return s;
  }
  return ok_status();
}

// The org the box syncs for must be a school on the portal, whether or not it changed since the mark.
Status RosterPull::check_school(PortalRoster& roster, Read& read) {
  if (school_.empty()) return ok_status();
  auto find = [&]() -> const oneroster::Org* {
    const oneroster::Org* found = nullptr;
    for (const auto& o : roster.orgs)
      if (o.base.sourced_id == school_) found = &o;  // the latest
    return found;
  };
  if (!find())
    if (auto s = fetch_one("orgs", school_, roster.orgs, read); !s) return s;
  return check_school_org(find(), school_);
}

Result<RosterPullReport> RosterPull::run() {
  std::map<std::string, std::string, std::less<>> marks;
  {
    auto db = store::Db::open(database_, store::Db::Mode::read_only);
    if (!db) return db.error();
    auto m = store::roster_marks(**db);
    if (!m) return m.error();
    marks = std::move(*m);
  }
  auto since = [&marks](const char* c) {
    auto it = marks.find(c);
    return it == marks.end() ? std::string() : it->second;
  };
  for (int attempt = 1;; ++attempt) {
    PortalRoster roster;
    Read read;
    // Courses before the classes naming them, classes before the pupils in them, users before the
    // enrollments naming them.
    if (auto s = read_collection("orgs", since("orgs"), roster.orgs, read); !s) return s.error();
    if (auto s = read_collection("academicSessions", since("academicSessions"), roster.academic_sessions, read); !s)
      return s.error();
    if (auto s = read_collection("courses", since("courses"), roster.courses, read); !s) return s.error();
    if (auto s = read_collection("classes", since("classes"), roster.classes, read); !s) return s.error();
    if (auto s = read_collection("users", since("users"), roster.users, read); !s) return s.error();
    if (auto s = read_collection("demographics", since("demographics"), roster.demographics, read); !s) return s.error();
    if (auto s = read_collection("enrollments", since("enrollments"), roster.enrollments, read); !s) return s.error();
    if (read.moved) {
      if (attempt >= max_roster_reads)
        return make_error(Errc::unavailable, "sync.roster_moving",
                          "the portal's roster kept changing while the box read it (" + std::to_string(attempt) +
                              " reads); the next sync reads it again");
      log::info("sync", "the portal's roster changed while it was read; reading it again");
      continue;
    }
    if (auto s = check_school(roster, read); !s) return s.error();
    if (auto s = fetch_missing(roster, read); !s) return s.error();
    std::map<std::string, std::string> new_marks;
    for (const auto& [collection, mark] : read.marks)
      if (!mark.text.empty()) new_marks[collection] = mark.text;
    RosterPullReport report;
    report.objects_read = read.objects;
    report.first_read = marks.empty();
    auto applied = writer_.run([&](store::WriteContext& w) -> Status {
      auto plan = plan_against_box(w.db, roster);
      if (!plan) return plan.error();
      plan->refused.insert(plan->refused.begin(), read.refused.begin(), read.refused.end());
      auto tally = apply_roster_plan(w, *plan, new_marks);
      if (!tally) return tally.error();
      report.tally = *tally;
      report.refused = plan->refused;
      report.notes = plan->notes;
      return ok_status();
    });
    if (!applied) return applied.error();
    for (const auto& note : report.notes) log::info("sync", "roster: " + note);
    // The first ones in the log; all of them are in sync_refusals.
    for (std::size_t i = 0; i < report.refused.size() && i < max_refusals_logged; ++i)
      log::warn("sync", "roster: refused " + report.refused[i].collection + " " + report.refused[i].sourced_id + ": " + report.refused[i].reason);
    if (report.refused.size() > max_refusals_logged)
      log::warn("sync", "roster: " + std::to_string(report.refused.size() - max_refusals_logged) + " more refused (see sync_refusals)");
    return report;
  }
}

}  // namespace classbook::sync
