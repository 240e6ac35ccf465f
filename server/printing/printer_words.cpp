// printer_words: see the header. The words are for the secretary at the printer, so they name what
// she can see and fix (paper, a jam, a cover), never IPP's keywords.
#include "printing/printer_words.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace classbook::printing {
namespace {

// A problem a printer reports, in the order one outranks another: a jam is what to clear first.
struct Problem {
  std::array<std::string_view, 3> keywords;  // printer-state-reasons, without -error/-report
  PrinterState state;
  std::string_view sentence;  // PrinterStatus::message
  std::string_view phrase;    // the same inside a sentence (a job's reason)
};

constexpr std::array<Problem, 7> kProblems{{
    {{"media-jam"}, PrinterState::jammed, "Замятие бумаги", "замятие бумаги"},
    {{"media-empty", "media-needed"}, PrinterState::out_of_paper, "Нет бумаги", "нет бумаги"},
    {{"offline"}, PrinterState::unreachable, "Принтер не отвечает: проверьте, что он включён и подключён к сети",
     "принтер не отвечает"},
    {{"door-open", "cover-open", "interlock-open"}, PrinterState::other_problem, "Открыта крышка принтера",
     "открыта крышка принтера"},
    {{"toner-empty", "marker-supply-empty"}, PrinterState::other_problem, "Закончился тонер", "закончился тонер"},
    {{"input-tray-missing"}, PrinterState::other_problem, "Нет лотка для бумаги", "нет лотка для бумаги"},
    {{"output-area-full"}, PrinterState::other_problem, "Лоток для готовых листов переполнен",
     "лоток для готовых листов переполнен"},
}};

// A reason keyword as it counts: "-warning" ones never stop printing (toner low), "none" is none;
// "-error" and "-report" are the same problem told with more or less urgency.
std::string_view counted(std::string_view keyword) {
  if (keyword == "none" || keyword.ends_with("-warning")) return {};
  for (std::string_view suffix : {"-error", "-report"})
    if (keyword.ends_with(suffix)) return keyword.substr(0, keyword.size() - suffix.size());
  return keyword;
}

bool has(const std::vector<std::string>& reasons, std::string_view keyword) {
  return std::any_of(reasons.begin(), reasons.end(), [&](const std::string& r) { return counted(r) == keyword; });
}

const Problem* worst_problem(const std::vector<std::string>& reasons) {
  for (const auto& p : kProblems)
    for (auto k : p.keywords)
      if (!k.empty() && has(reasons, k)) return &p;
  return nullptr;
}

// A reason CUPS keeps for itself or a passing step, not a fault of the printer.
bool routine(std::string_view keyword) {
  return keyword.empty() || keyword == "paused" || keyword == "shutdown" || keyword.starts_with("cups-") ||
         keyword == "connecting-to-device" || keyword.starts_with("com.");
}

// The admin's words (cupsdisable -r) are worth showing; CUPS's stock ones say no more than our own.
std::string with_message(std::string_view words, const std::string& message) {
  if (message.empty() || message == "Paused" || message == "Stopped" || message == "Rejecting Jobs") return std::string(words);
  return std::string(words) + ": " + message;
}

PrinterReading reading(const std::string& destination, PrinterState state, std::string message, std::string why,
                       bool holds_jobs) {
  return PrinterReading{PrinterStatus{destination, state, std::move(message)}, std::move(why), holds_jobs};
}

}  // namespace

PrinterReading read_printer(const std::string& destination, const IppPrinter& p) {
  const bool stopped = p.state == ipp::printer_stopped;
  // A printer reports paper, jams and covers while idle or printing too: each stops its jobs.
  if (const auto* problem = worst_problem(p.reasons))
    return reading(destination, problem->state, std::string(problem->sentence), std::string(problem->phrase), true);
  if (stopped) {
    if (has(p.reasons, "paused"))
      return reading(destination, PrinterState::off, with_message("Выключен администратором", p.message),
                     with_message("принтер выключен администратором", p.message), true);
    if (has(p.reasons, "shutdown")) return reading(destination, PrinterState::off, "Принтер выключен", "принтер выключен", true);
    if (has(p.reasons, "connecting-to-device"))
      return reading(destination, PrinterState::unreachable,
                     "Принтер не отвечает: проверьте, что он включён и подключён к сети", "принтер не отвечает", true);
    // A fault we have no words for: its keyword helps whoever is called to fix it.
    for (const auto& r : p.reasons)
      if (!routine(counted(r)))
        return reading(destination, PrinterState::other_problem, with_message("Неполадка принтера (" + r + ")", p.message),
                       with_message("неполадка принтера (" + r + ")", p.message), true);
    return reading(destination, PrinterState::off, with_message("Остановлен", p.message),
                   with_message("принтер остановлен", p.message), true);
  }
  if (!p.accepting)
    return reading(destination, PrinterState::off, with_message("Не принимает задания", p.message),
                   with_message("очередь не принимает задания", p.message), false);
  if (p.state == ipp::printer_processing) return reading(destination, PrinterState::busy, "Печатает", "", false);
  return reading(destination, PrinterState::ready, "Готов", "", false);
}

JobStatus read_job(int cups_job_id, int job_state, const PrinterReading& printer) {
  const auto stopped = [&](std::string reason) { return JobStatus{cups_job_id, JobState::stopped, std::move(reason)}; };
  switch (job_state) {
    case ipp::job_completed: return JobStatus{cups_job_id, JobState::completed, ""};
    case ipp::job_cancelled: return JobStatus{cups_job_id, JobState::cancelled, ""};
    case ipp::job_aborted:
      // CUPS gave the job up (the printer or a filter failed it): it will not print by itself.
      return stopped(printer.holds_jobs ? "печать прервана: " + printer.why : "печать прервана, отправьте документ заново");
    case ipp::job_stopped: return stopped(printer.holds_jobs ? printer.why : "печать приостановлена");
    case ipp::job_pending:
    case ipp::job_held:
      return printer.holds_jobs ? stopped(printer.why) : JobStatus{cups_job_id, JobState::pending, ""};
    case ipp::job_processing:
      return printer.holds_jobs ? stopped(printer.why) : JobStatus{cups_job_id, JobState::processing, ""};
    default: return stopped("неизвестное состояние задания (" + std::to_string(job_state) + ")");
  }
}

}  // namespace classbook::printing
