// issued_documents: SQL for the issued documents' register.
#include "store/issued_documents.hpp"

namespace classbook::store {

Status record_issued_document(Db& db, const IssuedDocument& d) {
  auto& q = db.prepare(
      "INSERT INTO issued_documents(code, kind, student_id, period_from, period_to, made_at, made_by, content_hash) "
      "VALUES (?,?,?,?,?,?,?,?)");
  return q.bind(1, d.code).bind(2, d.kind).bind(3, d.student_id).bind(4, d.period_from).bind(5, d.period_to)
      .bind(6, d.made_at).bind(7, d.made_by).bind(8, d.content_hash).run();
}

Result<std::optional<IssuedDocument>> find_issued_document(Db& db, const std::string& code) {
  auto& q = db.prepare(
      "SELECT d.code, d.kind, d.student_id, d.period_from, d.period_to, d.made_at, d.made_by, d.content_hash, s.uuid "
      "FROM issued_documents d JOIN students s ON s.id = d.student_id WHERE d.code=?");
  q.bind(1, code);
  return q.first([](Stmt& r) {
    return IssuedDocument{r.text(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.i64(6), r.text(7), r.text(8)};
  });
}

}  // namespace classbook::store
