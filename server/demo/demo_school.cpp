// demo_school: builds the demo school stage by stage — roster, timetable, weeks, accounts.
#include "demo/demo_school.hpp"

#include <optional>

#include "demo/accounts.hpp"
#include "demo/roster.hpp"
#include "demo/timetable.hpp"
#include "demo/weeks.hpp"
#include "store/audit_check.hpp"
#include "store/people.hpp"

namespace classbook::demo {
namespace {

constexpr int max_demo_students = 10000;  // beyond ~8000 classes outgrow the 27 letters
constexpr int max_demo_weeks = 60;
constexpr int max_hash_threads = 64;

std::optional<Error> check_options(const DemoOptions& opt) {
  if (opt.students < 1 || opt.students > max_demo_students)
    return make_error(Errc::invalid_input, "demo.students_out_of_range", "the demo school needs 1 to " + std::to_string(max_demo_students) +
                                               " pupils", "students");
  if (opt.weeks < 0 || opt.weeks > max_demo_weeks)
    return make_error(Errc::invalid_input, "demo.weeks_out_of_range", "the demo journal covers 0 to " + std::to_string(max_demo_weeks) +
                                               " weeks", "weeks");
  if (!opt.first_monday.ok() || domain::iso_weekday(opt.first_monday) != 1)
    return make_error(Errc::invalid_input, "demo.first_day_not_monday", "the demo weeks must start on a Monday, like 2026-09-07", "first_monday");
  if (opt.hash_threads < 1 || opt.hash_threads > max_hash_threads)
    return make_error(Errc::invalid_input, "demo.hash_threads_out_of_range", "use 1 to " + std::to_string(max_hash_threads) + " hashing threads",
                      "hash_threads");
  return std::nullopt;
}

// The settings, terms and work types `classbookctl init` wrote.
Status load_school_settings(store::Db& db, School& s) {
  auto settings = store::load_settings(db);
  if (!settings) return settings.error();
  s.utc_offset_minutes = settings->utc_offset_minutes;
  s.academic_year = settings->academic_year;
  s.terms = settings->terms;
  const std::pair<const char*, Id*> wanted[] = {{"test", &s.work_test}, {"independent", &s.work_independent},
                                                {"classwork", &s.work_classwork}, {"oral", &s.work_oral},
                                                {"homework", &s.work_homework}};
  for (const auto& [code, id] : wanted) {
    const auto* w = settings->work_type(code);
    if (!w)
      return make_error(Errc::conflict, "demo.work_type_missing", std::string("the school has no work type '") + code +
                                            "'; create the database with `classbookctl init` first");
    *id = w->id;
  }
  return ok_status();
}

Status refuse_existing_school(store::Db& db) {
  auto& q = db.prepare("SELECT count(*) FROM students");
  const auto count = q.first_or([](store::Stmt& r) { return r.i64(0); }, std::int64_t{0});
  if (!count) return count.error();
  const std::int64_t n = *count;
  if (n > 0)
    return make_error(Errc::conflict, "demo.school_not_empty", "this school already has " + std::to_string(n) +
                                          " pupils; build the demo school into a fresh database made by "
                                          "`classbookctl init`");
  return ok_status();
}

// A page cache big enough for the pupil-keyed indexes of a large school while it is built;
// the connection gets its own setting back afterwards.
class BuildCache {
 public:
  explicit BuildCache(store::Db& db) : db_(db) {
    auto& q = db.prepare("PRAGMA cache_size");
    if (auto v = q.first([](store::Stmt& r) { return r.i64(0); }); v && *v) previous_ = **v;
    (void)db.exec("PRAGMA cache_size=" + std::to_string(-build_cache_kib));
  }
  ~BuildCache() {
    if (previous_) (void)db_.exec("PRAGMA cache_size=" + std::to_string(*previous_));
  }
  BuildCache(const BuildCache&) = delete;
  BuildCache& operator=(const BuildCache&) = delete;

 private:
  static constexpr std::int64_t build_cache_kib = 256 * 1024;
  store::Db& db_;
  std::optional<std::int64_t> previous_;
};

template <class Fn>
Status in_transaction(store::Db& db, Fn&& fn) {
  store::Transaction tx(db);
  if (!tx.begun()) return tx.begun();
  if (auto st = fn(); !st) return st;
  return tx.commit();
}

}  // namespace

Result<std::vector<DemoAccount>> build_demo_school(store::Db& db, const DemoOptions& opt,
                                                   const DemoProgress& progress) {
  if (auto e = check_options(opt)) return *e;
  School s;
  s.uuids = DemoRng(opt.seed, uuid_stream);
  if (auto st = load_school_settings(db, s); !st) return st.error();
  plan_school(opt, s);
  BuildCache cache(db);
  if (auto st = in_transaction(db, [&] {
        if (auto refused = refuse_existing_school(db); !refused) return refused;
        return insert_roster(db, opt, s, progress);
      });
      !st)
    return st.error();

  // Hashing is the dearest part; it runs on its own threads while the journal is written.
  std::vector<std::string> passwords;
  passwords.reserve(s.accounts.size());
  for (const auto& a : s.accounts) passwords.push_back(a.account.password);
  PasswordHasher hasher(std::move(passwords), opt.hash_threads);

  plan_timetable(opt, s, progress);
  if (auto st = in_transaction(db, [&] { return insert_timetable(db, s); }); !st) return st.error();
  if (auto st = insert_weeks(db, opt, s, progress); !st) return st.error();
  // The journal is written as the teachers' requests would have written it, audit trail included:
  // classbookd compares the two at start and would report every demo mark as changed beside it.
  if (auto st = in_transaction(db, [&]() -> Status {
        auto written = store::audit_unaudited_journal(db);
        return written ? ok_status() : Status(written.error());
      });
      !st)
    return st.error();
  // The entrance remembers who is inside: after the last afternoon everyone has gone home.
  if (auto st = db.exec("INSERT INTO presence(student_id, inside, last_at) "
                        "SELECT student_id, 0, max(at) FROM taps WHERE student_id IS NOT NULL GROUP BY student_id");
      !st)
    return st.error();

  auto hashes = hasher.wait(progress);
  if (!hashes) return hashes.error();
  if (auto st = in_transaction(db, [&]() -> Status {
        for (std::size_t i = 0; i < s.accounts.size(); ++i) {
          auto& q = db.prepare("UPDATE users SET password_hash=? WHERE id=?");
          if (auto u = q.bind(1, (*hashes)[i]).bind(2, s.accounts[i].user_id).run(); !u) return u;
        }
        return ok_status();
      });
      !st)
    return st.error();

  std::vector<DemoAccount> out;
  out.reserve(s.accounts.size());
  for (auto& a : s.accounts) out.push_back(std::move(a.account));
  return out;
}

}  // namespace classbook::demo
