// fuzz_test: a short fixed-seed sample of random and mutated input through every parser — none may
// crash, throw or hang (the sanitizer build turns any memory error into a failure). Long runs: raise
// CLASSBOOK_ONEROSTER_FUZZ_ROUNDS.
#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <random>

#include "samples.hpp"
#include "sync/oneroster/bundle.hpp"
#include "sync/oneroster/collection.hpp"
#include "sync/oneroster/csv.hpp"
#include "sync/oneroster/json.hpp"
#include "sync/oneroster/query.hpp"

using namespace classbook::oneroster;

namespace {

int rounds() {
  const char* env = std::getenv("CLASSBOOK_ONEROSTER_FUZZ_ROUNDS");
  return env ? std::atoi(env) : 400;
}

std::string mutate(std::string s, std::mt19937& rng) {
  std::uniform_int_distribution<int> byte(0, 255);
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    const std::size_t at = rng() % s.size();
    switch (rng() % 3) {
      case 0: s[at] = static_cast<char>(byte(rng)); break;
      case 1: s.erase(at, 1 + rng() % 4); break;
      default: s.insert(at, 1, "{}[]\",:'\\\n"[rng() % 10]); break;
    }
  }
  return s;
}

std::string random_bytes(std::mt19937& rng) {
  std::string s(rng() % 200, '\0');
  for (auto& c : s) c = static_cast<char>(rng() % 256);
  return s;
}

}  // namespace

TEST_CASE("random and mutated JSON never crashes the parsers", "[oneroster][fuzz]") {
  std::mt19937 rng(20260901);
  const std::string seeds[] = {
      boost::json::serialize(boost::json::object{{"users", boost::json::array{to_json(samples::pupil())}}}),
      boost::json::serialize(to_json(samples::klass())), boost::json::serialize(to_json(samples::line_item())),
      boost::json::serialize(to_json(samples::result()))};
  int parsed = 0;
  for (int i = 0; i < rounds(); ++i) {
    const auto text = i % 5 == 0 ? random_bytes(rng) : mutate(seeds[i % 4], rng);
    auto v = parse_json_text(text);
    if (!v) continue;
    ++parsed;
    (void)parse_collection<User>(*v);
    (void)parse_user(*v);
    (void)parse_class(*v);
    (void)parse_line_item(*v);
    (void)parse_result(*v);
    (void)parse_org(*v);
  }
  CHECK(parsed > 0);  // the sample did reach the record parsers
}

TEST_CASE("random filters and CSV never crash", "[oneroster][fuzz]") {
  std::mt19937 rng(7);
  const std::vector<boost::json::object> records{to_json(samples::pupil())};
  for (int i = 0; i < rounds(); ++i) {
    QueryParams p;
    p.filter = mutate("roles.role='teacher' AND email~'x''y' OR a>'1'", rng);
    p.fields = mutate("sourcedId,email", rng);
    p.sort = mutate("roles.org.sourcedId", rng);
    p.limit = mutate("10", rng);
    if (auto q = parse_query(p, record_fields<User>())) (void)apply_query(records, *q);
    (void)read_csv(i % 3 == 0 ? random_bytes(rng) : mutate("a,b\r\n\"x\"\"y\",2\r\n", rng), {100, 100});
    std::map<std::string, std::string, std::less<>> files{
        {"manifest.csv", mutate("propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\n", rng)},
        {"orgs.csv", mutate("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,,,N,school,,\n", rng)}};
    (void)read_bundle_files(files);
  }
  SUCCEED();
}
