// access_decision: the decision's layout on pdf_flow — the title with the register's number, the
// application as a two-column table, then the decision, its ground or login, the comment, who and when.
#include "docs/access_decision.hpp"

#include "docs/pdf_flow.hpp"

namespace classbook::docs {

Result<std::string> access_decision_pdf(const AccessDecision& d) {
  const std::string what = "Решение по заявлению № " + d.number;
  Flow flow(what + " · " + d.school + " · " + d.decided_at, "стр.", "из");
  flow.title({"Решение по заявлению о предоставлении доступа к электронному дневнику", d.school,
              "Заявление № " + d.number + " от " + d.registered_on},
             "", "");

  constexpr TextStyle label{9, true, 0};
  constexpr TextStyle value{9, false, 0};
  std::string documents;
  for (const auto& doc : d.documents) documents += (documents.empty() ? "" : "; ") + doc;
  flow.table({30, 70}, {{"Заявление", label}, {"", label}},
             {{{"Заявитель", label}, {d.applicant + " (" + d.applicant_kind + ")", value}},
              {{"Контакт заявителя", label}, {d.contact, value}},
              {{"Обучающийся", label}, {d.pupil, value}},
              {{"Представленные документы", label}, {documents.empty() ? "не представлены" : documents, value}},
              {{"Срок ответа", label}, {"до " + d.due_on + " включительно", value}}},
             TableLook{false, true});
  flow.space(12);
  flow.heading("Решение");
  constexpr TextStyle decision{10.5, true, 0};
  if (d.approved) {
    flow.paragraph("Доступ к электронному дневнику предоставлен.", decision);
    flow.paragraph("Логин: " + d.login +
                       ". Одноразовый пароль выдан заявителю на бланке входа; при первом входе "
                       "его необходимо сменить.",
                   value);
  } else {
    flow.paragraph("В предоставлении доступа к электронному дневнику отказано.", decision);
    flow.paragraph("Основание отказа: " + d.reason + ".", value);
  }
  if (!d.comment.empty()) flow.paragraph("Комментарий: " + d.comment, value);
  flow.space(18);
  flow.paragraph("Решение принял(а): " + d.decided_by, value);
  flow.paragraph("Дата решения: " + d.decided_at, value);
  return flow.pdf(what);
}

}  // namespace classbook::docs
