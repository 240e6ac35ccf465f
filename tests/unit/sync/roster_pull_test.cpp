// Roster in on a real store against an in-memory rostering service: the first full read, deltas
// after the high-water marks, exactly once across cuts between pages, a list that moves while it is
// paged, bad items refused while the rest is applied, and the pupil who left keeping their rows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <random>

#include "roster_json.hpp"
#include "store/portal_links.hpp"
#include "store/roster.hpp"
#include "store/sync_state.hpp"
#include "sync/oneroster/dates.hpp"
#include "sync/portal_paths.hpp"
#include "sync/roster_pull.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace roster_json;
using namespace std::chrono;

namespace {

TimePoint t0() {
  TimePoint t{};
  parse_utc("2026-12-07T22:00:00Z", t);
  return t;
}

std::string decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '%' && i + 2 < s.size()) out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)), i += 2;
    else out += s[i] == '+' ? ' ' : s[i];
  return out;
}

// A rostering service in memory: collections in dateLastModified order, limit/offset, the delta filter.
// A single object's key in a GET …/{collection}/{id} answer.
std::string singular(const std::string& collection) {
  static const std::map<std::string, std::string> one{{"users", "user"}, {"classes", "class"}, {"courses", "course"},
                                                      {"orgs", "org"}, {"demographics", "demographics"}};
  return one.at(collection);
}

class RosterPortal final : public PortalTransport {
 public:
  std::map<std::string, std::vector<json::object>> collections;  // "users" → objects
  int fail_pages = 0;          // the next page requests with offset > 0 fail (a cut) this many times
  // Runs after each page is made, with the collection and the offset (the portal changes meanwhile).
  std::function<void(const std::string&, std::size_t)> after_page;
  std::vector<std::string> targets;  // every GET

  void put(const std::string& collection, json::object o) {
    auto& list = collections[collection];
    std::erase_if(list, [&](const json::object& x) { return x.at("sourcedId") == o.at("sourcedId"); });
    list.push_back(std::move(o));
  }

  Result<PortalResponse> send(const PortalRequest& r) override {
    if (r.method == "POST") return PortalResponse{200, {}, R"({"access_token":"t","token_type":"bearer","expires_in":3600})"};
    targets.push_back(r.target);
    const std::string prefix = rostering_path;
    const auto rest = r.target.substr(prefix.size());
    const auto q = rest.find('?');
    const auto path = rest.substr(0, q);
    if (const auto slash = path.find('/'); slash != std::string::npos) {
      const auto collection = path.substr(0, slash), id = path.substr(slash + 1);
      for (const auto& o : collections[collection])
        if (o.at("sourcedId").as_string() == id)
          return PortalResponse{200, {}, json::serialize(json::object{{singular(collection), o}})};
      return PortalResponse{404, {}, "{}"};
    }
    std::map<std::string, std::string> params;
    for (auto p = q + 1; q != std::string::npos && p < rest.size();) {
      auto amp = rest.find('&', p);
      auto part = rest.substr(p, amp == std::string::npos ? std::string::npos : amp - p);
      auto eq = part.find('=');
      params[part.substr(0, eq)] = decoded(part.substr(eq + 1));
      if (amp == std::string::npos) break;
      p = amp + 1;
    }
    const auto offset = std::stoul(params["offset"]), limit = std::stoul(params["limit"]);
    if (offset > 0 && fail_pages > 0) {
      --fail_pages;
      return make_error(Errc::unavailable, "sync.portal_unreachable", "the connection dropped");
    }
    std::optional<oneroster::Instant> since;
    if (auto f = params.find("filter"); f != params.end()) {
      const auto open = f->second.find('\''), close = f->second.rfind('\'');
      since = oneroster::parse_datetime(f->second.substr(open + 1, close - open - 1));
    }
    auto list = collections[path];
    std::stable_sort(list.begin(), list.end(), [](const json::object& a, const json::object& b) {
      return std::pair{*oneroster::parse_datetime(a.at("dateLastModified").as_string()), std::string(a.at("sourcedId").as_string())} <
             std::pair{*oneroster::parse_datetime(b.at("dateLastModified").as_string()), std::string(b.at("sourcedId").as_string())};
    });
    json::array page;
    std::size_t seen = 0;
    for (const auto& o : list) {
      if (since && !(*oneroster::parse_datetime(o.at("dateLastModified").as_string()) > *since)) continue;
      if (seen++ >= offset && page.size() < limit) page.push_back(o);
    }
    auto body = json::serialize(json::object{{path, page}});
    if (after_page) after_page(path, offset);
    return PortalResponse{200, {}, body};
  }
};

struct Box {
  test::TempDir dir;
  FakeClock clock{t0()};
  std::unique_ptr<store::Writer> writer;
  RosterPortal portal;
  std::mt19937_64 rng{1};
  Backoff backoff{[this] { return rng(); }};
  TokenSource tokens{portal, clock, {"box-7", "secret", default_token_path, portal_scopes}};

  Box() {
    { auto db = store::Db::open(db_path(), store::Db::Mode::read_write_create); REQUIRE(db); }
    auto w = store::Writer::start(db_path(), clock);
    REQUIRE(w);
    writer = std::move(*w);
  }
  ~Box() { writer->stop(); }
  std::string db_path() const { return dir.file("s.db"); }
  Result<RosterPullReport> pull(const std::string& school = "") {
    return RosterPull({portal, tokens, backoff, clock, [this](milliseconds d) { clock.advance(d); }}, *writer, db_path(), school).run();
  }
  std::unique_ptr<store::Db> db() {
    auto d = store::Db::open(db_path(), store::Db::Mode::read_only);
    REQUIRE(d);
    return std::move(*d);
  }
  store::RosterRows rows() {
    auto r = store::roster_rows(*db());
    REQUIRE(r);
    return *r;
  }
  std::map<std::string, std::string, std::less<>> marks() {
    auto m = store::roster_marks(*db());
    REQUIRE(m);
    return *m;
  }
  std::int64_t count(const char* sql) {
    auto d = db();
    auto n = d->prepare(sql).first_or([](store::Stmt& q) { return q.i64(0); }, std::int64_t{0});
    REQUIRE(n);
    return *n;
  }
  // A school of `classes` classes with `per_class` pupils each, all stamped `stamp`.
  void school(int classes, int per_class, const std::string& stamp = "2026-09-01T08:00:00Z") {
    for (int c = 0; c < classes; ++c) {
      const auto cid = "c-" + std::to_string(c);
      portal.put("classes", homeroom(cid, std::to_string(5 + c % 7) + std::string(c / 7 ? "Б" : "А"), stamp));
      for (int p = 0; p < per_class; ++p) {
        const auto uid = "u-" + std::to_string(c) + "-" + std::to_string(p);
        portal.put("users", user(uid, "student", "Ученик", "Имя", stamp));
        portal.put("enrollments", enrollment("e-" + uid, uid, cid, stamp));
        portal.put("demographics", demographics(uid, "2014-05-0" + std::to_string(1 + p % 9), stamp));
      }
    }
  }
};

}  // namespace

TEST_CASE("roster pull: the first read brings the whole roster in pages and sets each collection's mark") {
  Box b;
  b.school(3, 900);  // 2,700 users: three pages of users
  auto r = b.pull();
  REQUIRE(r);
  CHECK(r->first_read);
  CHECK(r->refused.empty());
  CHECK(r->tally.created == 3 + 2700);
  const auto rows = b.rows();
  CHECK(rows.classes.size() == 3);
  CHECK(rows.pupils.size() == 2700);
  CHECK(b.count("SELECT count(*) FROM portal_links") == 2703);
  CHECK(b.marks().at("users") == "2026-09-01T08:00:00Z");
  CHECK(std::count_if(b.portal.targets.begin(), b.portal.targets.end(),
                      [](const std::string& t) { return t.starts_with(std::string(rostering_path) + "users?"); }) == 3);

  // Nothing changed: every collection is asked for what changed after its mark, and nothing is.
  b.portal.targets.clear();
  auto again = b.pull();
  REQUIRE(again);
  CHECK(again->objects_read == 0);
  CHECK(again->tally.total() == 0);
  CHECK(b.portal.targets.size() == 7);  // orgs, academicSessions, courses, classes, users, demographics, enrollments
  CHECK(b.portal.targets[4].starts_with(std::string(rostering_path) + "users?"));
  CHECK(b.portal.targets[4].find("filter=dateLastModified%3E%272026-09-01T08%3A00%3A00Z%27") != std::string::npos);
}

TEST_CASE("roster pull: a change on the portal arrives once — a cut between pages costs a re-read, never a skip or a repeat") {
  Box b;
  b.school(2, 600);
  REQUIRE(b.pull());
  const auto pupils_before = b.rows().pupils.size();
  // 1,500 users change; the second page of users is cut every time during this run.
  for (int i = 0; i < 1500; ++i) {
    const auto uid = "u-" + std::to_string(i / 600) + "-" + std::to_string(i % 600);
    b.portal.put("users", user(uid, "student", "Ученица", "Имя" + std::string(i % 2 ? "а" : "я"), "2026-12-07T21:00:00Z"));
  }
  b.portal.fail_pages = max_attempts_per_batch;
  auto cut = b.pull();
  REQUIRE_FALSE(cut);
  CHECK(cut.error().id.view() == "sync.portal_unreachable");
  CHECK(b.count("SELECT count(*) FROM students WHERE last_name = 'Ученица'") == 0);  // nothing half-applied
  CHECK(b.marks().at("users") == "2026-09-01T08:00:00Z");                              // the mark did not move
  const auto audit_before = b.count("SELECT count(*) FROM audit");

  auto r = b.pull();
  REQUIRE(r);
  CHECK(r->tally.updated == 1200);  // 1,200 of the 1,500 are pupils the box has (2 × 600)
  CHECK(b.count("SELECT count(*) FROM students WHERE last_name = 'Ученица'") == 1200);
  CHECK(b.rows().pupils.size() == pupils_before);
  CHECK(b.marks().at("users") == "2026-12-07T21:00:00Z");
  CHECK(b.count("SELECT count(*) FROM audit") == audit_before + 1200);  // each change once

  auto again = b.pull();
  REQUIRE(again);
  CHECK(again->tally.total() == 0);
}

TEST_CASE("roster pull: an object that changes while the list is paged makes the read start again") {
  Box b;
  b.school(1, 2500);
  int reads_of_first_page = 0;
  b.portal.after_page = [&b, &reads_of_first_page](const std::string& path, std::size_t offset) {
    if (path != "users" || offset != 0 || reads_of_first_page++) return;
    // The first user, already read, changes: everything after it slides one place toward the start.
    b.portal.put("users", user("u-0-0", "student", "Позднякова", "Имя", "2026-12-07T21:00:00Z"));
  };
  auto r = b.pull();
  REQUIRE(r);
  CHECK(reads_of_first_page == 2);        // the read started again
  CHECK(b.rows().pupils.size() == 2500);  // none skipped by the slide
  CHECK(b.count("SELECT count(*) FROM students WHERE last_name = 'Позднякова'") == 1);
}

TEST_CASE("roster pull: bad items are refused with their reasons, the rest applied, and a pupil who left keeps their rows") {
  Box b;
  b.school(1, 3);
  auto bad_role = user("u-bad-role", "headmaster", "Иванов", "Иван");
  b.portal.put("users", bad_role);
  auto no_name = user("u-no-name", "student", "Иванов", "Иван");
  no_name.erase("familyName");
  b.portal.put("users", no_name);
  b.portal.put("users", user("u-twice", "student", "Двойкин", "Пётр"));
  b.portal.put("classes", homeroom("c-x", "9В"));
  b.portal.put("enrollments", enrollment("e-t1", "u-twice", "c-0"));
  b.portal.put("enrollments", enrollment("e-t2", "u-twice", "c-x"));
  auto r = b.pull();
  REQUIRE(r);
  CHECK(b.rows().pupils.size() == 3);
  std::map<std::string, std::string> codes;
  for (const auto& x : r->refused) codes[x.sourced_id] = x.code;
  CHECK(codes == std::map<std::string, std::string>{{"u-bad-role", "oneroster.not_in_vocabulary"},
                                                    {"u-no-name", "oneroster.missing_field"},
                                                    {"u-twice", "roster.two_classes"}});
  auto refusals = store::sync_refusals(*b.db(), 10);
  REQUIRE(refusals);
  CHECK(refusals->size() == 3);

  // The portal says a pupil left: the row stays (with its journal), marked left; the account and card go.
  b.portal.put("users", user("u-0-1", "student", "Ученик", "Имя", "2026-12-07T21:00:00Z", {}, true));
  REQUIRE(b.pull());
  CHECK(b.count("SELECT count(*) FROM students WHERE left_on IS NOT NULL") == 1);
  CHECK(b.rows().pupils.size() == 3);
  CHECK(b.count("SELECT count(*) FROM outbox WHERE entity = 'portal_link'") == 0);  // nothing the box had first
}

TEST_CASE("roster pull: a teacher's enrollment in a class × subject becomes a teaching row, and goes with it") {
  Box b;
  b.school(1, 2);  // 5А
  b.portal.put("orgs", org("school-1", "school"));
  b.portal.put("users", user("u-olga", "teacher", "Петрова", "Ольга"));
  b.portal.put("courses", course("k-math", "Математика", "МАТ"));
  b.portal.put("classes", scheduled("c-math-5a", "Математика 5А", "5А", "k-math"));
  b.portal.put("enrollments", enrollment("e-olga", "u-olga", "c-math-5a", "2026-09-01T08:00:00Z", false, "teacher"));
  auto r = b.pull("school-1");
  REQUIRE(r);
  CHECK(r->refused.empty());
  CHECK(b.count("SELECT count(*) FROM subjects WHERE name = 'Математика' AND short_name = 'МАТ'") == 1);
  CHECK(b.count("SELECT count(*) FROM portal_links WHERE entity = 'subject' AND sourced_id = 'k-math'") == 1);
  const char* taught = "SELECT count(*) FROM teaching x JOIN classes c ON c.id = x.class_id JOIN teachers t ON t.id = x.teacher_id "
                       "WHERE c.name = '5А' AND t.last_name = 'Петрова'";
  CHECK(b.count(taught) == 1);
  CHECK(b.count("SELECT count(*) FROM audit WHERE entity = 'teaching' AND action = 'create' AND actor_user = 0") == 1);
  CHECK(b.marks().at("courses") == "2026-09-01T08:00:00Z");

  // A second class × subject of hers comes alone: its class and its course changed before the marks,
  // so both are fetched by id (the course through the class).
  b.portal.put("courses", course("k-algebra", "Алгебра", "АЛГ", "2026-09-01T08:00:00Z"));
  b.portal.put("classes", scheduled("c-alg-5a", "Алгебра 5А", "5А", "k-algebra", "2026-09-01T08:00:00Z"));
  b.portal.put("enrollments", enrollment("e-olga-alg", "u-olga", "c-alg-5a", "2026-12-07T21:00:00Z", false, "teacher"));
  b.portal.targets.clear();
  r = b.pull("school-1");
  REQUIRE(r);
  CHECK(r->refused.empty());
  CHECK(b.count(taught) == 2);
  const auto fetched = [&b](const std::string& what) {
    return std::count(b.portal.targets.begin(), b.portal.targets.end(), std::string(rostering_path) + what);
  };
  CHECK(fetched("classes/c-alg-5a") == 1);
  CHECK(fetched("courses/k-algebra") == 1);
  CHECK(fetched("orgs/school-1") == 1);  // the school is checked at every sync

  // The portal ends the enrollment: the row goes, and the journal's grace period starts (teaching_ended).
  b.portal.put("enrollments", enrollment("e-olga", "u-olga", "c-math-5a", "2026-12-07T22:00:00Z", true, "teacher"));
  REQUIRE(b.pull("school-1"));
  CHECK(b.count(taught) == 1);
  CHECK(b.count("SELECT count(*) FROM teaching_ended") == 1);
  CHECK(b.count("SELECT count(*) FROM audit WHERE entity = 'teaching' AND action = 'delete' AND actor_user = 0") == 1);
  auto again = b.pull("school-1");
  REQUIRE(again);
  CHECK(again->tally.total() == 0);
}

TEST_CASE("roster pull: a school the portal does not have, or that is no school, stops the roster before anything is applied") {
  Box b;
  b.school(1, 2);
  auto r = b.pull("school-1");
  REQUIRE_FALSE(r);
  CHECK(r.error().id.view() == "sync.school_unknown");
  CHECK(b.rows().pupils.empty());
  CHECK(b.marks().empty());

  b.portal.put("orgs", org("school-1", "district"));
  r = b.pull("school-1");
  REQUIRE_FALSE(r);
  CHECK(r.error().id.view() == "sync.school_not_a_school");

  b.portal.put("orgs", org("school-1", "school", "2026-12-07T21:00:00Z"));
  REQUIRE(b.pull("school-1"));
  CHECK(b.rows().pupils.size() == 2);
  CHECK(b.marks().at("orgs") == "2026-12-07T21:00:00Z");
}
