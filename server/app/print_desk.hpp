// print_desk: the school's printers for its staff (issue 11) — which printers there are and how they
// are, a document sent to one (rendered as the sender may read it), a job's progress and a retry. The
// print server is behind printing::Printers (CUPS in the box, a fake in tests); its calls run on the
// desk's own worker, never on a network thread, since a print server can be slow or gone.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/hash_pool.hpp"
#include "domain/policy.hpp"

namespace classbook::printing {
class Printers;
}
namespace classbook::store {
struct PrintJobRecord;
}

namespace classbook::app {

constexpr int max_print_copies = 20;  // a class set of a letter; more is a slip of the keyboard

// A printer users may pick: the box's name for it, the CUPS queue it is, what users read.
struct PrinterChoice {
  std::string name, destination, label;
};

struct PrinterView {
  std::string name, label;
  bool is_default = false;
  std::string state;    // ready, busy, off, out_of_paper, jammed, unreachable, other_problem
  std::string message;  // in words: "Готов", "Нет бумаги", …
};

struct PrintJobView {
  std::string id, document, title, printer, printer_label;
  int copies = 1;
  std::string state;   // pending, processing, completed, stopped, cancelled
  std::string reason;  // a stopped job: the printer's reason in words
  std::string created_at, updated_at;
};

struct PrintRequest {
  std::string document;  // a document path (app/documents.hpp)
  std::string printer;   // "" for the default
  int copies = 1;
};

// A PDF made before it is printed, by a use case that cannot make it twice (login slips carry new
// passwords: made once, written once).
struct MadeDocument {
  std::string document;  // the path it was made at, for the job's list ("/api/v1/classes/{id}/login-slips?for=pupils")
  std::string printer;   // "" for the default
  std::string pdf;
  bool keep = false;     // false: the box keeps no copy (the job's row holds none; a retry asks to make it anew)
};

class PrintDesk {
 public:
  PrintDesk(Context& ctx, std::shared_ptr<printing::Printers> printers, std::vector<PrinterChoice> choices,
            std::string default_printer);
  // Waits for the desk's calls still running.
  ~PrintDesk() = default;
  PrintDesk(const PrintDesk&) = delete;
  PrintDesk& operator=(const PrintDesk&) = delete;

  void printers(const domain::Actor& actor, Reply<std::vector<PrinterView>> reply);
  // Renders the document as `actor` may read it, sends it, records the job: the job as CUPS took it
  // (pending), or stopped with the reason when the print server could not be reached.
  void print(const domain::Actor& actor, PrintRequest in, std::string box_origin, Reply<PrintJobView> reply);
  // The job as the print server says it is now (the actor's own, or any of the office's for the office).
  void job(const domain::Actor& actor, std::string_view id, Reply<PrintJobView> reply);
  Result<std::vector<PrintJobView>> recent(const domain::Actor& actor);
  // Whether `actor` may print on `printer` ("" for the default): asked before a document that cannot
  // be made twice is made, so that a wrong printer name changes nothing.
  Status may_print_on(const domain::Actor& actor, std::string_view printer) const;
  // A made PDF sent as one job and recorded, as print() does after rendering.
  void print_made(const domain::Actor& actor, MadeDocument doc, Reply<PrintJobView> reply);
  // A stopped or cancelled job sent again; one the print server has printed meanwhile is said so.
  void retry(const domain::Actor& actor, std::string_view id, Reply<PrintJobView> reply);

 private:
  const PrinterChoice* choice(std::string_view name) const;
  // The printer a request names, or the refusal (no printers, unknown name).
  Result<const PrinterChoice*> chosen(std::string_view name) const;
  // Submits `pdf` on the worker and records the job (keeping the PDF for a retry when `keep`).
  void send(store::PrintJobRecord j, std::shared_ptr<std::string> pdf, bool keep, Reply<PrintJobView> reply);
  // Runs `call` on the worker; a full worker answers busy.
  template <class T, class Call>
  void on_worker(Call call, Reply<T> reply);
  Context& ctx_;
  std::shared_ptr<printing::Printers> printers_;
  std::vector<PrinterChoice> choices_;
  std::string default_printer_;
  HashPool worker_{1, 64};  // the print server's calls, one at a time, ~1 s of backlog at most
};

}  // namespace classbook::app
