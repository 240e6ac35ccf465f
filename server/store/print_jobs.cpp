// print_jobs: SQL for the print jobs' register.
#include "store/print_jobs.hpp"

namespace classbook::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, uuid, user_id, office, document, title, printer, destination, copies, cups_job_id, state, reason, "
    "created_at, updated_at FROM print_jobs ";

PrintJobRecord read_job(Stmt& r) {
  return PrintJobRecord{r.i64(0),  r.text(1), r.i64(2),  r.i32(3) != 0, r.text(4),  r.text(5),  r.text(6),
                        r.text(7), r.i32(8),  r.i32(9),  r.text(10),    r.text(11), r.text(12), r.text(13)};
}

}  // namespace

Status insert_print_job(Db& db, const PrintJobRecord& j, const std::string& pdf) {
  auto& q = db.prepare(
      "INSERT INTO print_jobs(uuid, user_id, office, document, title, printer, destination, copies, cups_job_id, state, "
      "reason, pdf, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, j.uuid).bind(2, j.user_id).bind(3, j.office ? 1 : 0).bind(4, j.document).bind(5, j.title).bind(6, j.printer);
  q.bind(7, j.destination).bind(8, j.copies).bind(9, j.cups_job_id).bind(10, j.state).bind(11, j.reason);
  // None kept once printed, nor when the caller keeps none (login slips: their passwords stay out of the database).
  if (j.state == "completed" || pdf.empty()) q.bind_null(12); else q.bind_blob(12, pdf);
  return q.bind(13, j.created_at).bind(14, j.updated_at).run();
}

Result<std::optional<PrintJobRecord>> find_print_job(Db& db, std::string_view uuid) {
  auto& q = db.prepare(std::string(kColumns) + "WHERE uuid=?");
  q.bind(1, uuid);
  return q.first(read_job);
}

Result<std::string> print_job_pdf(Db& db, Id job_id) {
  auto& q = db.prepare("SELECT pdf FROM print_jobs WHERE id=?");
  q.bind(1, job_id);
  return q.first_or([](Stmt& r) { return r.blob(0); }, std::string());
}

Status update_print_job(Db& db, Id job_id, int cups_job_id, const std::string& state, const std::string& reason,
                        const std::string& now) {
  auto& q = db.prepare(
      "UPDATE print_jobs SET cups_job_id=?, state=?, reason=?, updated_at=?, "
      "pdf = CASE WHEN ? = 'completed' THEN NULL ELSE pdf END WHERE id=?");
  return q.bind(1, cups_job_id).bind(2, state).bind(3, reason).bind(4, now).bind(5, state).bind(6, job_id).run();
}

Result<std::vector<PrintJobRecord>> recent_print_jobs(Db& db, Id user_id, JobsOf whose, int limit) {
  auto& q = db.prepare(std::string(kColumns) + "WHERE user_id=? OR (? AND office) OR ? ORDER BY id DESC LIMIT ?");
  q.bind(1, user_id).bind(2, whose == JobsOf::office ? 1 : 0).bind(3, whose == JobsOf::everyone ? 1 : 0).bind(4, limit);
  return q.all(read_job);
}

}  // namespace classbook::store
