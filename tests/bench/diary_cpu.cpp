// diary_cpu: how much CPU one week diary costs inside classbookd, without sockets or TLS — the
// assembling (SQL + rules) and the JSON, measured apart on this thread's CPU clock so that other
// work on the machine does not blur the figure. It guides diary optimisation; bench.py measures
// the whole request.
//
//   classbook-diary-cpu DB_FILE [--week 2026-W48] [--count 5000]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/reads.hpp"
#include "classbook/common/clock.hpp"
#include "http/json_out.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/writer.hpp"

using namespace classbook;

namespace {

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "classbook-diary-cpu: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: classbook-diary-cpu DB_FILE [--week 2026-W48] [--count 5000]");
  const std::string path = argv[1];
  std::string week = "2026-W48";
  int count = 5000;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--week") week = argv[i + 1];
    else if (a == "--count") count = std::max(1, std::atoi(argv[i + 1]));
    else return fail("unknown option " + a);
  }

  SystemClock clock;
  auto writer = store::Writer::start(path, clock);
  if (!writer) return fail(writer.error().message);
  auto readers = store::ReaderPool::open(path, 2);
  if (!readers) return fail(readers.error().message);
  std::vector<std::string> pupils;
  store::SchoolSettings settings;
  {
    auto db = (*readers)->acquire();
    auto s = store::load_settings(*db);
    if (!s) return fail(s.error().message);
    settings = std::move(*s);
    auto& q = db->prepare("SELECT uuid FROM students ORDER BY id");
    while (q.next().value()) pupils.push_back(q.text(0));
  }
  if (pupils.empty()) return fail(path + " has no pupils; build a school with `classbookctl demo` first");
  app::Context ctx{**writer, **readers, clock, settings};
  domain::Actor director;
  director.user_id = 1;
  director.role = domain::Role::director;

  double assemble_us = 0, json_us = 0;
  std::size_t bytes = 0, lessons = 0;
  unsigned long long pick = 88172645463325252ull;  // xorshift: the same pupils every run
  for (int i = 0; i < count; ++i) {
    pick ^= pick << 13, pick ^= pick >> 7, pick ^= pick << 17;
    const auto& pupil = pupils[pick % pupils.size()];
    const double t0 = thread_cpu_us();
    auto view = app::get_diary(ctx, director, pupil, week);
    const double t1 = thread_cpu_us();
    if (!view) return fail(view.error().message);
    const std::string body = http::diary_json(*view);
    const double t2 = thread_cpu_us();
    assemble_us += t1 - t0;
    json_us += t2 - t1;
    bytes += body.size();
    for (const auto& d : view->days) lessons += d.lessons.size();
  }
  std::printf("diaries %d, week %s, %.1f lessons and %zu bytes each\n", count, week.c_str(),
              static_cast<double>(lessons) / count, bytes / static_cast<std::size_t>(count));
  std::printf("CPU per diary: assemble %.1f us, JSON %.1f us, total %.1f us\n", assemble_us / count,
              json_us / count, (assemble_us + json_us) / count);
  return 0;
}
