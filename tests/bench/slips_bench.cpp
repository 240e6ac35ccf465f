// slips_bench: how long the secretary waits for a school's login slips, and whether the memory
// stays flat when she prints them again — N slips rendered to a PDF R times in this process, the
// process's VmRSS/VmHWM after the first run and after the last. One figure per line. Beside the
// wall time, the process's CPU time per run: on a shared machine that is the steadier figure.
//
//   classbook-slips-bench [--slips 1000] [--runs 5]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "app/hash_pool.hpp"
#include "app/login_slips.hpp"
#include "docs/login_slips.hpp"

using namespace classbook;

namespace {

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "classbook-slips-bench: %s\n", what.c_str());
  return 1;
}

// VmRSS and VmHWM in KiB from /proc/self/status.
std::pair<long, long> memory_kib() {
  std::ifstream status("/proc/self/status");
  long rss = -1, hwm = -1;
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) rss = std::atol(line.c_str() + 6);
    if (line.starts_with("VmHWM:")) hwm = std::atol(line.c_str() + 6);
  }
  return {rss, hwm};
}

// A school's worth of slips with names of different lengths, pupils and parents, like app/ makes.
docs::LoginSlipSheet school(std::size_t count) {
  static const char* const kSurnames[] = {"Иванова", "Петров", "Щукина", "Ёлкин", "Хабибуллина", "Константинопольский", "Цой"};
  static const char* const kGiven[] = {"Мария Сергеевна", "Пётр Ильич", "Юлия Эдуардовна", "Фёдор Андреевич",
                                       "Гульнара Ринатовна", "Александр Владимирович", "Виктор Робертович"};
  static const char* const kLatin[] = {"ivanova", "petrov", "shchukina", "yolkin", "khabibullina", "konstantinopolskiy", "tsoy"};
  docs::LoginSlipSheet sheet{"ГБОУ Школа № 1", "07.12.2026 03:20 (МСК)", {}};
  sheet.slips.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t k = i % 7;
    const std::string login = std::string(kLatin[k]) + "." + std::to_string(i);
    sheet.slips.push_back({std::string(kSurnames[k]) + " " + kGiven[(i / 7) % 7],
                           i % 3 == 2 ? "родитель: " + std::string(kSurnames[k]) + " " + kGiven[k] + ", " + std::to_string(1 + i % 11) + "А"
                                      : "ученик " + std::to_string(1 + i % 11) + "А",
                           login, "k7m2-qx9p-" + std::to_string(1000 + i % 9000), "https://journal.school.lan/",
                           "https://journal.school.lan/sign-in?login=" + login,
                           "Пароль действует до 21.12.2026; при первом входе задайте свой."});
  }
  return sheet;
}

// The same people as app/ holds them before it prints: accounts with names and roles.
std::vector<app::SlipHolder> holders_of(const docs::LoginSlipSheet& sheet) {
  std::vector<app::SlipHolder> out;
  out.reserve(sheet.slips.size());
  for (const auto& s : sheet.slips) {
    app::SlipHolder h;
    h.account.login = s.login;
    h.name = s.name;
    h.role = s.role;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t slips = 1000;
  int runs = 5;
  for (int i = 1; i < argc; i += 2) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return fail("usage: classbook-slips-bench [--slips N] [--runs R]");
    if (a == "--slips") slips = static_cast<std::size_t>(std::max(1L, std::atol(argv[i + 1])));
    else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else return fail("unknown option " + a + "; usage: classbook-slips-bench [--slips N] [--runs R]");
  }
  const auto sheet = school(slips);
  const auto holders = holders_of(sheet);
  const app::SlipWords words{sheet.school, sheet.made_at, "https://journal.school.lan", "21.12.2026"};
  std::vector<double> ms, cpu, pdf_ms;
  std::size_t bytes = 0;
  std::pair<long, long> first{}, last{};
  for (int r = 0; r < runs; ++r) {
    const double c0 = cpu_ms();
    const auto t0 = std::chrono::steady_clock::now();
    auto printed = app::print_slips(holders, words, app::default_hash_threads);
    const auto t1 = std::chrono::steady_clock::now();
    cpu.push_back(cpu_ms() - c0);
    if (!printed) return fail(printed.error().message);
    if (printed->hashes.size() != holders.size()) return fail("a password hash is missing");
    bytes = printed->pdf.size();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    const auto p0 = std::chrono::steady_clock::now();
    auto pdf = docs::login_slips_pdf(sheet);
    if (!pdf) return fail(pdf.error().message);
    pdf_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - p0).count());
    if (r == 0) first = memory_kib();
  }
  last = memory_kib();
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::sort(pdf_ms.begin(), pdf_ms.end());
  const std::string n = std::to_string(slips);
  std::printf("slips_%s_runs %d\n", n.c_str(), runs);
  std::printf("slips_%s_ms_p50 %.0f\n", n.c_str(), ms[ms.size() / 2]);
  std::printf("slips_%s_ms_max %.0f\n", n.c_str(), ms.back());
  std::printf("slips_%s_cpu_ms_p50 %.0f\n", n.c_str(), cpu[cpu.size() / 2]);
  std::printf("slips_%s_cpu_ms_max %.0f\n", n.c_str(), cpu.back());
  std::printf("slips_%s_target_ms 2000 %s\n", n.c_str(), slips == 1000 ? (ms[ms.size() / 2] <= 2000 ? "PASS" : "MISS") : "");
  std::printf("slips_%s_pdf_only_ms_p50 %.0f\n", n.c_str(), pdf_ms[pdf_ms.size() / 2]);
  std::printf("slips_%s_pdf_bytes %zu\n", n.c_str(), bytes);
  std::printf("vm_rss_kib_after_first_run %ld\n", first.first);
  std::printf("vm_hwm_kib_after_first_run %ld\n", first.second);
  std::printf("vm_rss_kib_after_last_run %ld\n", last.first);
  std::printf("vm_hwm_kib_after_last_run %ld\n", last.second);
  return 0;
}
