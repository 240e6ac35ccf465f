// print_desk: printers and print jobs — the job's row is the box's memory of it; the print server's
// word on it is fetched when someone asks.
#include "app/print_desk.hpp"

#include <algorithm>

#include "app/document_words.hpp"
#include "app/documents.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "printing/printers.hpp"
#include "store/print_jobs.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

Error not_allowed(const domain::Actor& actor) {
  return make_error(Errc::forbidden, "print.not_allowed", domain::decide(actor, domain::Action::use_printers, {}).reason);
}

// Who looks after the printers without printing: the administrator (operate_box) sees every
// printer's state and every job, and sends a stopped one again — a job's title names the kind of
// document, never whose, and its PDF is never shown.
bool looks_after_printers(const domain::Actor& actor) {
  return domain::decide(actor, domain::Action::operate_box, {}).allowed;
}
bool may_watch(const domain::Actor& actor) {
  return domain::decide(actor, domain::Action::use_printers, {}).allowed || looks_after_printers(actor);
}

// Whose jobs a reader sees: their own, the office every job the office made, the administrator all.
bool may_see(const domain::Actor& actor, const store::PrintJobRecord& j) {
  return j.user_id == actor.user_id || (actor.role == domain::Role::secretary && j.office) || looks_after_printers(actor);
}

PrintJobView view_of(const store::PrintJobRecord& j, const std::vector<PrinterChoice>& choices, const Context& ctx) {
  auto c = std::find_if(choices.begin(), choices.end(), [&](const PrinterChoice& p) { return p.name == j.printer; });
  return PrintJobView{j.uuid,  j.document, j.title,  j.printer, c == choices.end() ? j.printer : c->label,
                      j.copies, j.state,   j.reason, local_text(ctx, j.created_at), local_text(ctx, j.updated_at)};
}

// The job's new state written, then the job as it now stands.
void save(Context& ctx, store::PrintJobRecord j, std::vector<PrinterChoice> choices, Reply<PrintJobView> reply) {
  submit<PrintJobView>(
      ctx,
      [&ctx, j = std::move(j), choices = std::move(choices)](store::WriteContext& w) -> Result<PrintJobView> {
        auto row = j;
        row.updated_at = w.now_text;
        if (auto st = store::update_print_job(w.db, row.id, row.cups_job_id, row.state, row.reason, w.now_text); !st)
          return st.error();
        return view_of(row, choices, ctx);
      },
      std::move(reply));
}

Error job_not_found() {
  return make_error(Errc::not_found, "print.job_not_found", "no print job of yours has this id; GET /api/v1/print-jobs lists yours",
                    "id");
}

// The job's state as the print server tells it; a server that cannot be reached leaves a job that was
// waiting stopped with that reason (it will be asked again next time).
void take_server_word(printing::Printers& printers, store::PrintJobRecord& j) {
  if (j.cups_job_id == 0 || j.state == "completed" || j.state == "cancelled") return;
  auto now = printers.job(j.destination, j.cups_job_id);
  if (!now) {
    j.state = "stopped";
    j.reason = now.error().message;
    return;
  }
  j.state = std::string(printing::to_string(now->state));
  j.reason = now->reason;
}

}  // namespace

PrintDesk::PrintDesk(Context& ctx, std::shared_ptr<printing::Printers> printers, std::vector<PrinterChoice> choices,
                     std::string default_printer)
    : ctx_(ctx), printers_(std::move(printers)), choices_(std::move(choices)), default_printer_(std::move(default_printer)) {}

const PrinterChoice* PrintDesk::choice(std::string_view name) const {
  auto c = std::find_if(choices_.begin(), choices_.end(), [&](const PrinterChoice& p) { return p.name == name; });
  return c == choices_.end() ? nullptr : &*c;
}

template <class T, class Call>
void PrintDesk::on_worker(Call call, Reply<T> reply) {
  if (!worker_.submit([call = std::move(call), reply]() mutable { call(std::move(reply)); }))
    reply(make_error(Errc::unavailable, "print.busy", "the box is talking to the print server for many people; try again in a moment"));
}

void PrintDesk::printers(const domain::Actor& actor, Reply<std::vector<PrinterView>> reply) {
  if (!may_watch(actor)) return reply(not_allowed(actor));
  on_worker<std::vector<PrinterView>>(
      [printers = printers_, choices = choices_, def = default_printer_](Reply<std::vector<PrinterView>> reply) {
        std::vector<PrinterView> out;
        for (const auto& c : choices) {
          PrinterView v{c.name, c.label, c.name == def, "", ""};
          auto s = printers->status(c.destination);
          if (s) {
            v.state = std::string(printing::to_string(s->state));
            v.message = s->message;
          } else {
            v.state = "unreachable";
            v.message = s.error().message;
          }
          out.push_back(std::move(v));
        }
        reply(std::move(out));
      },
      std::move(reply));
}

Result<const PrinterChoice*> PrintDesk::chosen(std::string_view name) const {
  if (choices_.empty())
    return make_error(Errc::unavailable, "print.no_printers",
                      "this box has no printers set up; the administrator adds them in classbookd.toml's [printing]");
  const auto* printer = choice(name.empty() ? std::string_view(default_printer_) : name);
  if (printer) return printer;
  std::string names;
  for (const auto& c : choices_) names += (names.empty() ? "" : ", ") + c.name;
  return make_error(Errc::invalid_input, "print.unknown_printer",
                    "no printer is called '" + std::string(name.substr(0, 40)) + "'; the printers are: " + names, "printer");
}

Status PrintDesk::may_print_on(const domain::Actor& actor, std::string_view printer) const {
  if (!domain::decide(actor, domain::Action::use_printers, {})) return not_allowed(actor);
  auto c = chosen(printer);
  if (!c) return c.error();
  return ok_status();
}

void PrintDesk::send(store::PrintJobRecord j, std::shared_ptr<std::string> pdf, bool keep, Reply<PrintJobView> reply) {
  auto& ctx = ctx_;
  on_worker<PrintJobView>(
      [&ctx, printers = printers_, j = std::move(j), choices = choices_, pdf, keep](Reply<PrintJobView> reply) mutable {
        auto sent = printers->submit(j.destination, *pdf, j.title, j.copies);
        if (sent) {
          j.cups_job_id = *sent;
          j.state = "pending";
        } else if (sent.error().code == Errc::invalid_input) {
          return reply(sent.error());  // the document or the copies, not the printer
        } else {
          j.state = "stopped";  // kept, to be sent again with retry (when its PDF is kept)
          j.reason = sent.error().message;
        }
        submit<PrintJobView>(
            ctx,
            [&ctx, j, choices, pdf, keep](store::WriteContext& w) -> Result<PrintJobView> {
              auto row = j;
              row.created_at = row.updated_at = w.now_text;
              if (auto st = store::insert_print_job(w.db, row, keep ? *pdf : std::string()); !st) return st.error();
              return view_of(row, choices, ctx);
            },
            std::move(reply));
      },
      std::move(reply));
}

namespace {
store::PrintJobRecord new_job(const domain::Actor& actor, const PrinterChoice& printer, std::string document, int copies) {
  store::PrintJobRecord j;
  j.uuid = new_uuid();
  j.user_id = actor.user_id;
  j.office = actor.role == domain::Role::secretary;
  j.title = document_title(document);
  j.document = std::move(document);
  j.printer = printer.name;
  j.destination = printer.destination;
  j.copies = copies;
  return j;
}
}  // namespace

void PrintDesk::print(const domain::Actor& actor, PrintRequest in, std::string box_origin, Reply<PrintJobView> reply) {
  if (!domain::decide(actor, domain::Action::use_printers, {})) return reply(not_allowed(actor));
  auto printer = chosen(in.printer);
  if (!printer) return reply(printer.error());
  if (in.copies < 1 || in.copies > max_print_copies)
    return reply(make_error(Errc::invalid_input, "print.copies_out_of_range",
                            "copies must be 1 to " + std::to_string(max_print_copies), "copies"));
  auto j = new_job(actor, **printer, in.document, in.copies);
  render_document(ctx_, actor, in.document, std::move(box_origin), [this, j, reply](Result<IssuedPdf> pdf) mutable {
    if (!pdf) return reply(pdf.error());
    send(std::move(j), std::make_shared<std::string>(std::move(pdf->bytes)), true, std::move(reply));
  });
}

void PrintDesk::print_made(const domain::Actor& actor, MadeDocument doc, Reply<PrintJobView> reply) {
  if (auto st = may_print_on(actor, doc.printer); !st) return reply(st.error());
  auto printer = chosen(doc.printer);
  if (!printer) return reply(printer.error());
  send(new_job(actor, **printer, std::move(doc.document), 1), std::make_shared<std::string>(std::move(doc.pdf)), doc.keep,
       std::move(reply));
}

Result<std::vector<PrintJobView>> PrintDesk::recent(const domain::Actor& actor) {
  if (!may_watch(actor)) return not_allowed(actor);
  auto db = ctx_.readers.acquire();
  const auto whose = looks_after_printers(actor)             ? store::JobsOf::everyone
                     : actor.role == domain::Role::secretary ? store::JobsOf::office
                                                             : store::JobsOf::own;
  auto rows = store::recent_print_jobs(*db, actor.user_id, whose, store::max_listed_print_jobs);
  if (!rows) return rows.error();
  std::vector<PrintJobView> out;
  for (const auto& j : *rows) out.push_back(view_of(j, choices_, ctx_));
  return out;
}

void PrintDesk::job(const domain::Actor& actor, std::string_view id, Reply<PrintJobView> reply) {
  if (!may_watch(actor)) return reply(not_allowed(actor));
  std::optional<store::PrintJobRecord> found;
  {
    auto db = ctx_.readers.acquire();
    auto row = store::find_print_job(*db, id);
    if (!row) return reply(row.error());
    found = std::move(*row);
  }
  if (!found || !may_see(actor, *found)) return reply(job_not_found());
  auto& ctx = ctx_;
  on_worker<PrintJobView>(
      [&ctx, printers = printers_, j = *found, choices = choices_](Reply<PrintJobView> reply) mutable {
        const auto before = std::make_pair(j.state, j.reason);
        take_server_word(*printers, j);
        if (before == std::make_pair(j.state, j.reason)) return reply(view_of(j, choices, ctx));
        save(ctx, std::move(j), std::move(choices), std::move(reply));
      },
      std::move(reply));
}

void PrintDesk::retry(const domain::Actor& actor, std::string_view id, Reply<PrintJobView> reply) {
  if (!may_watch(actor)) return reply(not_allowed(actor));
  std::optional<store::PrintJobRecord> found;
  std::string pdf;
  {
    auto db = ctx_.readers.acquire();
    auto row = store::find_print_job(*db, id);
    if (!row) return reply(row.error());
    found = std::move(*row);
    if (found && may_see(actor, *found)) {
      auto bytes = store::print_job_pdf(*db, found->id);
      if (!bytes) return reply(bytes.error());
      pdf = std::move(*bytes);
    }
  }
  if (!found || !may_see(actor, *found)) return reply(job_not_found());
  auto& ctx = ctx_;
  on_worker<PrintJobView>(
      [&ctx, printers = printers_, j = *found, choices = choices_, pdf = std::move(pdf)](Reply<PrintJobView> reply) mutable {
        take_server_word(*printers, j);  // it may have printed since: then there is nothing to do again
        if (j.state != "stopped" && j.state != "cancelled")
          return reply(make_error(Errc::conflict, "print.not_stopped",
                                  "this job is " + j.state + ", not stopped: only a stopped or cancelled job is sent again",
                                  "id"));
        if (pdf.empty())
          return reply(make_error(Errc::conflict, "print.document_gone",
                                  "the box no longer holds this job's document (login slips are never kept: they carry "
                                  "passwords); print it anew",
                                  "id"));
        // The stopped job is withdrawn first, so that the document comes out once.
        if (j.cups_job_id != 0 && j.state == "stopped") (void)printers->cancel(j.destination, j.cups_job_id);
        auto sent = printers->submit(j.destination, pdf, j.title, j.copies);
        if (!sent) {
          j.state = "stopped";
          j.reason = sent.error().message;
        } else {
          j.cups_job_id = *sent;
          j.state = "pending";
          j.reason.clear();
        }
        save(ctx, std::move(j), std::move(choices), std::move(reply));
      },
      std::move(reply));
}

}  // namespace classbook::app
