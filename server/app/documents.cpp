// documents: a document path split into its pattern, its id and its query, then the use case.
#include "app/documents.hpp"

#include <map>
#include <vector>

#include "app/class_documents.hpp"
#include "app/report_card.hpp"
#include "app/report_files.hpp"
#include "app/reports.hpp"

namespace classbook::app {
namespace {

struct DocumentPath {
  std::string collection, id, file;  // "students", "<uuid>", "diary-extract.pdf"
  std::map<std::string, std::string> query;
};

// "/api/v1/<collection>/<id>/<file>?k=v&…" — ids and values are plain (uuids, dates, numbers), so
// nothing is percent-decoded: an encoded character makes the value unknown, which is refused.
std::optional<DocumentPath> split(std::string_view path) {
  constexpr std::string_view prefix = "/api/v1/";
  if (path.size() > max_document_path_bytes || !path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  std::string_view query;
  if (auto q = path.find('?'); q != std::string_view::npos) {
    query = path.substr(q + 1);
    path = path.substr(0, q);
  }
  std::vector<std::string> parts;
  for (std::size_t at = 0; at <= path.size();) {
    const auto slash = path.find('/', at);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    parts.emplace_back(path.substr(at, end - at));
    at = end + 1;
  }
  // The director's reports are of the school, not of one object: "/api/v1/reports/<file>".
  if (parts.size() == 2 && parts[0] == "reports") parts.insert(parts.begin() + 1, std::string());
  if (parts.size() != 3) return std::nullopt;
  DocumentPath d{parts[0], parts[1], parts[2], {}};
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos) d.query[std::string(pair.substr(0, eq))] = std::string(pair.substr(eq + 1));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return d;
}

Error unknown_document(std::string_view path) {
  return make_error(Errc::invalid_input, "print.unknown_document",
                    "'" + std::string(path.substr(0, 80)) +
                        "' is not a document the box makes; name one of /api/v1/students/{id}/diary-extract.pdf?from=&to=, "
                        "/api/v1/students/{id}/report-card.pdf?term=, /api/v1/classes/{id}/attendance-report.pdf?from=&to=, "
                        "/api/v1/classes/{id}/journal.pdf?subject=&term=, "
                        "/api/v1/reports/{attendance,grades,at-risk}.pdf?term=|from=&to=[&class_id=]",
                    "document");
}

}  // namespace

void render_document(Context& ctx, const domain::Actor& actor, std::string_view path, std::string box_origin,
                     Reply<IssuedPdf> reply) {
  auto d = split(path);
  if (!d) return reply(unknown_document(path));
  auto q = [&](const char* key) { return d->query.count(key) ? d->query[key] : std::string(); };
  if (d->collection == "students" && d->file == "diary-extract.pdf")
    return issue_diary_extract(ctx, actor, d->id, q("from"), q("to"), std::move(box_origin), std::move(reply));
  if (d->collection == "students" && d->file == "report-card.pdf") return reply(report_card(ctx, actor, d->id, q("term")));
  if (d->collection == "classes" && d->file == "attendance-report.pdf")
    return reply(attendance_report(ctx, actor, d->id, q("from"), q("to")));
  if (d->collection == "classes" && d->file == "journal.pdf")
    return reply(class_journal(ctx, actor, d->id, q("subject"), q("term")));
  if (d->collection == "reports") {
    const ReportRequest period{q("term"), q("from"), q("to"), q("class_id")};
    if (d->file == "attendance.pdf") {
      auto v = attendance_report_view(ctx, actor, period);
      return reply(v ? attendance_pdf(ctx, *v) : Result<IssuedPdf>(v.error()));
    }
    if (d->file == "grades.pdf") {
      auto v = grades_report_view(ctx, actor, period);
      return reply(v ? grades_pdf(ctx, *v) : Result<IssuedPdf>(v.error()));
    }
    if (d->file == "at-risk.pdf") {
      auto v = at_risk_view(ctx, actor, AtRiskRequest{period, q("below"), q("absences")});
      return reply(v ? at_risk_pdf(ctx, *v) : Result<IssuedPdf>(v.error()));
    }
  }
  reply(unknown_document(path));
}

std::string document_title(std::string_view path) {
  if (path.find("/diary-extract.pdf") != std::string_view::npos) return "Выписка из электронного дневника";
  if (path.find("/report-card.pdf") != std::string_view::npos) return "Табель успеваемости";
  if (path.find("/attendance-report.pdf") != std::string_view::npos) return "Отчёт о посещаемости";
  if (path.find("/journal.pdf") != std::string_view::npos) return "Классный журнал";
  if (path.find("/login-slips") != std::string_view::npos) return "Листки для входа в электронный дневник";
  if (path.find("/reports/attendance.pdf") != std::string_view::npos) return "Посещаемость школы";
  if (path.find("/reports/grades.pdf") != std::string_view::npos) return "Успеваемость по классам и предметам";
  if (path.find("/reports/at-risk.pdf") != std::string_view::npos) return "Ученики в группе риска";
  return "Документ";
}

}  // namespace classbook::app
