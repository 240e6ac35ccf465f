// print_jobs: what users sent to the box's printers (migration 13).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

struct PrintJobRecord {
  Id id = 0;
  std::string uuid;
  Id user_id = 0;
  bool office = false;      // made by the office: every secretary sees it
  std::string document;     // the document's path, as asked
  std::string title;
  std::string printer;      // the box's name for the printer ("office")
  std::string destination;  // the CUPS queue
  int copies = 1;
  int cups_job_id = 0;      // 0: never reached CUPS
  std::string state;        // pending, processing, completed, stopped, cancelled
  std::string reason;       // why it stopped, in words
  std::string created_at, updated_at;
};

inline constexpr int max_listed_print_jobs = 50;

// `pdf` is kept with the job until it completes; "" keeps none (a retry then finds none to send).
Status insert_print_job(Db& db, const PrintJobRecord& j, const std::string& pdf);
Result<std::optional<PrintJobRecord>> find_print_job(Db& db, std::string_view uuid);
Result<std::string> print_job_pdf(Db& db, Id job_id);  // "" once dropped
// The new CUPS job, state and reason; the PDF is dropped when the job completed.
Status update_print_job(Db& db, Id job_id, int cups_job_id, const std::string& state, const std::string& reason,
                        const std::string& now);
// The newest first: a user's own; the office's also every job the office made; everyone's.
enum class JobsOf { own, office, everyone };
Result<std::vector<PrintJobRecord>> recent_print_jobs(Db& db, Id user_id, JobsOf whose, int limit);

}  // namespace classbook::store
