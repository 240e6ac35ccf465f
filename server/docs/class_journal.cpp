// class_journal: the journal's layout on pdf_flow, on landscape sheets. The grid goes in blocks of
// kJournalDatesPerBlock dates, each block a table of its own that repeats the pupils' names and is
// kept on one page when it fits (so a page of the grid is read like a page of the paper journal);
// the last block ends with the average and the term grade. The lessons' topics and homework follow.
#include "docs/class_journal.hpp"

#include <algorithm>

#include "docs/pdf_flow.hpp"

namespace classbook::docs {
namespace {

constexpr TextStyle kSmall{8, false, 0};
constexpr TextStyle kMuted{8, false, 0.35};
// Column widths in points on the landscape text width (~757): a bold date ("05.10") and every
// header stay on one line — a one-line header leaves room for 31 pupils on a page — and names wrap
// past ~105 pt rather than narrow the dates.
constexpr double kNumberWidth = 16, kPupilWidth = 108, kDateWidth = 33, kAverageWidth = 50, kGradeWidth = 40;

// The marks and letters the grid uses, explained under the title — only those that occur.
std::string legend(const ClassJournal& j) {
  bool absent = false, excused = false, ill = false, late = false, dot = false, two = false;
  for (const auto& p : j.pupils)
    for (const auto& c : p.cells) {
      absent |= c == "н";
      excused |= c == "уп";
      ill |= c == "б";
      late |= c.starts_with("оп");
      dot |= c == "•";
      two |= c.find('/') != std::string::npos;
    }
  std::string out;
  auto add = [&](const char* item) { out += (out.empty() ? "" : "; ") + std::string(item); };
  if (two) add("4/5 — две оценки за урок");
  if (absent) add("н — отсутствовал(а) без уважительной причины");
  if (excused) add("уп — по уважительной причине");
  if (ill) add("б — по болезни");
  if (late) add("оп10 — опоздание на 10 минут");
  if (dot) add("• — точка: работа должна быть сдана");
  return out.empty() ? out : "Обозначения: " + out + ".";
}

void grid_block(Flow& flow, const ClassJournal& j, std::size_t from, std::size_t to, std::size_t blocks, std::size_t block) {
  const bool last = block + 1 == blocks;
  std::string heading = "Отметки и посещаемость";
  if (from < to) heading += ": уроки " + std::to_string(from + 1) + "–" + std::to_string(to) + " (" + j.lessons[from].date + " — " + j.lessons[to - 1].date + ")";
  if (blocks > 1) heading += ", часть " + std::to_string(block + 1) + " из " + std::to_string(blocks);
  flow.heading(std::move(heading));

  // The last block keeps the others' column widths: empty date columns fill it, as on paper.
  std::vector<double> widths = {kNumberWidth, kPupilWidth};
  std::vector<Cell> header = {{"№", kSmall}, {"Ученик", kSmall}};
  for (std::size_t l = from; l < from + kJournalDatesPerBlock; ++l) {
    widths.push_back(kDateWidth);
    header.push_back({l < to ? j.lessons[l].date : "", kSmall});
  }
  if (last) {
    widths.insert(widths.end(), {kAverageWidth, kGradeWidth});
    header.insert(header.end(), {{"Ср. балл", kSmall}, {"Итог", kSmall}});
  }
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < j.pupils.size(); ++i) {
    const auto& p = j.pupils[i];
    std::vector<Cell> row = {{std::to_string(i + 1), kSmall}, {p.pupil, kSmall}};
    for (std::size_t l = from; l < from + kJournalDatesPerBlock; ++l) row.push_back({l < to ? p.cells[l] : "", kSmall});
    if (last) row.insert(row.end(), {{p.average, kSmall}, {p.term_grade, TextStyle{8, true, 0}}});
    rows.push_back(std::move(row));
  }
  flow.table(std::move(widths), std::move(header), std::move(rows), TableLook{.grid = true, .keep_whole = true});
}

}  // namespace

Result<std::string> class_journal_pdf(const ClassJournal& j) {
  for (const auto& p : j.pupils)
    if (p.cells.size() != j.lessons.size())
      return make_error(Errc::invalid_input, "journal.cells_mismatch",
                        "the journal of " + p.pupil + " has " + std::to_string(p.cells.size()) + " cells for " +
                            std::to_string(j.lessons.size()) + " lessons; make the journal again");

  Flow flow("Классный журнал · " + j.class_name + " · " + j.subject + " · " + j.term + " · сформирован " + j.made_at, "стр.",
            "из", Orientation::landscape);
  flow.title({"Классный журнал: " + j.subject, j.school,
              "Класс: " + j.class_name + (j.teacher.empty() ? "" : ", учитель " + j.teacher), "Период: " + j.term,
              "Сформирован: " + j.made_at},
             "", "");
  flow.paragraph("Уроков: " + std::to_string(j.lessons.size()) + ", учеников: " + std::to_string(j.pupils.size()) + ".",
                 TextStyle{9.5, false, 0});
  if (auto l = legend(j); !l.empty()) flow.paragraph(std::move(l), kMuted);

  const std::size_t blocks = std::max<std::size_t>(1, (j.lessons.size() + kJournalDatesPerBlock - 1) / kJournalDatesPerBlock);
  for (std::size_t b = 0; b < blocks; ++b)
    grid_block(flow, j, b * kJournalDatesPerBlock, std::min(j.lessons.size(), (b + 1) * kJournalDatesPerBlock), blocks, b);

  flow.heading("Темы уроков и домашние задания");
  if (j.lessons.empty()) {
    flow.paragraph("Уроков за этот период не было.", kMuted);
  } else {
    std::vector<std::vector<Cell>> rows;
    for (std::size_t l = 0; l < j.lessons.size(); ++l)
      rows.push_back({{std::to_string(l + 1), kSmall}, {j.lessons[l].date, kSmall}, {j.lessons[l].topic, kSmall},
                      {j.lessons[l].homework, kSmall}});
    flow.table({4, 7, 52, 37}, {{"№", kSmall}, {"Дата", kSmall}, {"Тема урока", kSmall}, {"Домашнее задание", kSmall}},
               std::move(rows));
  }
  return flow.pdf("Классный журнал — " + j.class_name + ", " + j.subject + ", " + j.term);
}

}  // namespace classbook::docs
