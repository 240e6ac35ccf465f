// demo_school: fills a freshly initialised database with a believable school — people, timetable, weeks of journal.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"
#include "domain/calendar.hpp"
#include "store/db.hpp"

namespace classbook::demo {

struct DemoOptions {
  std::uint64_t seed = 20260901;
  int students = 900;
  int weeks = 8;
  domain::Date first_monday = *domain::parse_date("2026-09-07");
  int hash_threads = 2;
};

// One sign-in of the demo school with its clear-text password, for the people trying it out.
struct DemoAccount {
  std::string login;
  std::string password;
  std::string role;       // student, guardian, teacher, secretary, director
  std::string person_id;  // uuid of the pupil, guardian or teacher behind the account, or ""
  std::string name;       // "Анна Петрова"
  std::vector<std::string> children;  // pupils' uuids, guardians only
  std::string class_name;             // "5А", pupils only
};

// Called from the building thread: a stage ("roster", "timetable", "weeks", "accounts") and how far it got.
using DemoProgress = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

// Builds the whole school into `db`, which `classbookctl init` has migrated and given settings, terms
// and the five default work types. Refuses (conflict) when the school already has pupils.
// Lessons fall on Monday to Friday of each week, except public holidays and the holidays between
// the configured terms. Everything but password hashes (salted) follows from `opt` (seed first):
// the same options give the same database. Returns every account made (not admin's) with its
// password. The roster is committed before the weeks: after a failure, start from a fresh database.
Result<std::vector<DemoAccount>> build_demo_school(store::Db& db, const DemoOptions& opt,
                                                   const DemoProgress& progress);

// The accounts as a pretty-printed JSON array, written to a temporary file and renamed over `path`,
// readable by the owner only (it holds passwords).
Status write_demo_accounts_json(const std::vector<DemoAccount>& accounts, const std::string& path);

}  // namespace classbook::demo
