// diary_extract: the extract's layout on pdf_flow — a title with the QR code, each day's lessons as
// a table, then the period's marks and averages per subject and the guardian's acknowledgements.
#include "docs/diary_extract.hpp"

#include "docs/pdf_flow.hpp"

namespace classbook::docs {

Result<std::string> diary_extract_pdf(const DiaryExtract& e) {
  Flow flow("Выписка из электронного дневника · " + e.pupil + " · " + e.class_name + " · сформирована " + e.made_at,
            "стр.", "из");
  flow.title({"Выписка из электронного дневника", e.school, "Ученик: " + e.pupil + ", класс " + e.class_name,
              "Период: " + e.period, "Сформирована: " + e.made_at,
              "Подлинность: " + e.verify_url},
             e.verify_url, "Код проверки:\n" + e.verify_code);
  constexpr TextStyle small{8, false, 0};
  constexpr TextStyle muted{8, false, 0.35};
  const std::vector<double> widths = {4, 11, 17, 32, 20, 11};
  for (const auto& day : e.days) {
    flow.heading(day.date);
    if (day.lessons.empty()) {
      flow.paragraph("Уроков нет.", muted);
      continue;
    }
    std::vector<std::vector<Cell>> rows;
    for (const auto& l : day.lessons) {
      std::string lesson = l.topic.empty() ? "" : "Тема: " + l.topic;
      if (!l.homework.empty()) lesson += (lesson.empty() ? "" : "\n") + std::string("Д/з: ") + l.homework;
      std::string marks = l.marks;
      if (!l.comments.empty()) marks += (marks.empty() ? "" : "\n") + l.comments;
      rows.push_back({{l.period, small}, {l.time, small}, {l.subject + "\n" + l.teacher, small}, {lesson, small},
                      {marks, small}, {l.attendance, small}});
    }
    flow.table(widths, {{"№", small}, {"Время", small}, {"Предмет", small}, {"Тема и домашнее задание", small},
                        {"Оценки", small}, {"Пропуски", small}},
               std::move(rows));
  }
  flow.heading("Оценки и средние баллы за период");
  if (e.subjects.empty()) {
    flow.paragraph("Оценок за период нет.", muted);
  } else {
    std::vector<std::vector<Cell>> rows;
    for (const auto& s : e.subjects)
      rows.push_back({{s.subject, small}, {s.marks, small}, {s.average, small}, {s.absences, small}});
    flow.table({26, 44, 12, 18}, {{"Предмет", small}, {"Оценки", small}, {"Средний балл", small}, {"Пропуски", small}},
               std::move(rows));
    flow.paragraph("Средний балл взвешенный: каждая оценка учитывается с весом своего вида работы.", muted);
  }
  if (!e.acknowledgements.empty()) {
    flow.heading("Ознакомление родителей");
    flow.paragraph(e.acknowledgements, small);
  }
  return flow.pdf("Выписка из электронного дневника — " + e.pupil + ", " + e.period);
}

}  // namespace classbook::docs
