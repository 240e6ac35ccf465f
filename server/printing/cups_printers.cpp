// cups_printers: the Printers boundary spoken as IPP to a CUPS server through libcups. Each call
// opens its own connection (libcups keeps one hidden connection per thread when given none; we
// never rely on it, nor on cupsSetServer's process-wide choice) and closes it before returning.
// What the answers mean in words is printer_words' business; here are only requests and failures.
#include <cups/cups.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>

#include "printing/cups_address.hpp"
#include "printing/printer_words.hpp"
#include "printing/printers.hpp"

namespace classbook::printing {
namespace {

// A box on the school's network answers at once; one that has not in 5 s is not there.
constexpr int kConnectTimeoutMs = 5000;
// A request that gets no answer for this long is given up (a 500-page PDF is sent well within it).
constexpr double kIoTimeoutSeconds = 30;
// CUPS's own limit for a queue's name (lpadmin(8)).
constexpr std::size_t kMaxDestinationBytes = 127;

struct HttpClose {
  void operator()(http_t* h) const { httpClose(h); }
};
using Http = std::unique_ptr<http_t, HttpClose>;
struct IppDelete {
  void operator()(ipp_t* i) const { ippDelete(i); }
};
using Ipp = std::unique_ptr<ipp_t, IppDelete>;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// strerror's words without its shared buffer (calls run on many threads).
std::string system_words(int error) { return std::error_code(error, std::generic_category()).message(); }

// libcups asks for a password through a callback whose default prompts on the terminal; a daemon
// has none, so it says no at once. (libcups keeps the callback per thread.)
const char* no_password(const char*, http_t*, const char*, const char*, void*) { return nullptr; }

// CUPS names: printable, no space, quote, '/', '\' or '#' (lpadmin(8)); anything else names no queue.
bool valid_destination(const std::string& d) {
  if (d.empty() || d.size() > kMaxDestinationBytes) return false;
  for (unsigned char c : d)
    if (c <= 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '#' || c == '\'' || c == '"') return false;
  return true;
}

// A queue's name inside a URI path: UTF-8 names (a Cyrillic queue) are legal in CUPS.
std::string percent_encoded(const std::string& s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// cupsd finds a queue by its URI's path; the host in it is not consulted (libcups writes localhost too).
std::string printer_resource(const std::string& destination) { return "/printers/" + percent_encoded(destination); }
std::string printer_uri(const std::string& destination) { return "ipp://localhost" + printer_resource(destination); }
std::string job_uri(int job_id) { return "ipp://localhost/jobs/" + std::to_string(job_id); }

// IPP's name(255): cut at a character, never inside one.
std::string job_name(const std::string& title) {
  if (title.empty()) return "Classbook";
  if (title.size() <= kMaxTitleBytes) return title;
  std::size_t end = kMaxTitleBytes;
  while (end > 0 && (static_cast<unsigned char>(title[end]) & 0xC0) == 0x80) --end;
  return title.substr(0, end);
}

Error no_such_queue(const std::string& destination) {
  return make_error(Errc::not_found, "printing.no_such_queue",
                    "the print server has no queue '" + destination +
                        "': check the destination in [printing.queues] of classbookd.toml against `lpstat -p`");
}

Error no_such_job(const std::string& destination, int job_id) {
  return make_error(Errc::not_found, "printing.no_such_job",
                    "queue '" + destination + "' has no job " + std::to_string(job_id) +
                        " (never sent there, or the print server has forgotten it)");
}

// One IPP answer: the response (none when the request never got one) and its status.
struct Answer {
  Ipp response;
  ipp_status_t status = IPP_STATUS_OK;
  std::string words;  // CUPS's own, for the message
  bool failed() const { return status > IPP_STATUS_OK_EVENTS_COMPLETE; }
};

// CUPS's own choice of server as libcups resolves it (CUPS_SERVER, client.conf, the local socket),
// with its port (ippPort()) in cups_address's form.
std::string cups_default() {
  const std::string host = cupsServer();
  if (host.starts_with("/")) return host;
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(ippPort());
}

// One call's connection to the print server, and what it asks there. Made and dropped per call,
// so the adapter itself holds nothing that changes and serves any number of threads at once.
class Connection {
 public:
  // Opens the connection, or says why the server cannot be reached.
  static Result<Connection> open(const std::string& server) {
    cupsSetPasswordCB2(no_password, nullptr);
    auto address = cups_address(server, server.empty() ? cups_default() : "");
    if (!address) return address.error();
    Connection c(server, *address);
    errno = 0;
    c.http_.reset(httpConnect2(c.address_.host.c_str(), c.address_.port, nullptr, AF_UNSPEC,
                               c.address_.local ? HTTP_ENCRYPTION_NEVER : HTTP_ENCRYPTION_IF_REQUESTED, 1,
                               kConnectTimeoutMs, nullptr));
    if (!c.http_) return c.unreachable(errno ? system_words(errno) : "no answer");
    httpSetTimeout(c.http_.get(), kIoTimeoutSeconds, nullptr, nullptr);
    return c;
  }

  // Sends `request` (which this consumes) with the document in `document` (-1: none). A connection
  // that broke on the way is printing.unreachable; an answer, even a refusal, is the caller's to read.
  Result<Answer> ask(ipp_t* request, const std::string& resource, int document = -1) {
    Answer a;
    a.response.reset(cupsDoIORequest(http_.get(), request, resource.c_str(), document, -1));
    a.status = a.response ? ippGetStatusCode(a.response.get()) : cupsLastError();
    a.words = cupsLastErrorString() ? cupsLastErrorString() : "";
    // With no answer at all, libcups says "internal error" for a broken connection and "service
    // unavailable" for one it could not make again.
    if (!a.response && (a.status == IPP_STATUS_ERROR_INTERNAL || a.status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE))
      return unreachable(a.words.empty() ? "the connection broke" : a.words);
    return a;
  }

  Error cups_failed(const std::string& doing, const Answer& a) const {
    std::string hint = "try again; if it goes on, the print server's error_log says more";
    if (a.status == IPP_STATUS_ERROR_NOT_AUTHENTICATED || a.status == IPP_STATUS_ERROR_FORBIDDEN ||
        a.status == IPP_STATUS_ERROR_NOT_AUTHORIZED || a.status == IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED)
      hint = "the print server wants a password or refuses this box: allow its user to print in cupsd.conf";
    return make_error(Errc::unavailable, "printing.cups_failed",
                      "the print server " + where() + " refused " + doing + " (" +
                          (a.words.empty() ? std::string(ippErrorString(a.status)) : a.words) + "): " + hint);
  }

  Result<PrinterReading> read_printer_at(const std::string& destination) {
    static const char* const wanted[] = {"printer-state", "printer-state-reasons", "printer-state-message",
                                         "printer-is-accepting-jobs"};
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(destination).c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, wanted);
    auto answer = ask(request, printer_resource(destination));
    if (!answer) return answer.error();
    if (answer->status == IPP_STATUS_ERROR_NOT_FOUND) return no_such_queue(destination);
    if (answer->failed()) return cups_failed("reading the state of queue '" + destination + "'", *answer);
    ipp_t* r = answer->response.get();
    IppPrinter p;
    if (auto* a = ippFindAttribute(r, "printer-state", IPP_TAG_ENUM)) p.state = ippGetInteger(a, 0);
    if (auto* a = ippFindAttribute(r, "printer-state-reasons", IPP_TAG_KEYWORD))
      for (int i = 0; i < ippGetCount(a); ++i) p.reasons.emplace_back(ippGetString(a, i, nullptr));
    if (auto* a = ippFindAttribute(r, "printer-state-message", IPP_TAG_TEXT))
      if (const char* m = ippGetString(a, 0, nullptr)) p.message = m;
    if (auto* a = ippFindAttribute(r, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) p.accepting = ippGetBoolean(a, 0);
    return read_printer(destination, p);
  }

  // The job's IPP job-state, once it is known to be this queue's job.
  Result<int> job_state_at(const std::string& destination, int job_id) {
    static const char* const wanted[] = {"job-state", "job-printer-uri"};
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, job_uri(job_id).c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, nullptr, wanted);
    auto answer = ask(request, "/jobs/");
    if (!answer) return answer.error();
    if (answer->status == IPP_STATUS_ERROR_NOT_FOUND) return missing_job(destination, job_id);
    if (answer->failed()) return cups_failed("reading job " + std::to_string(job_id), *answer);
    ipp_t* r = answer->response.get();
    if (!printed_at(ippFindAttribute(r, "job-printer-uri", IPP_TAG_URI), destination))
      return missing_job(destination, job_id);
    auto* state = ippFindAttribute(r, "job-state", IPP_TAG_ENUM);
    if (!state)
      return make_error(Errc::unavailable, "printing.cups_failed",
                        "the print server named no state for job " + std::to_string(job_id));
    return ippGetInteger(state, 0);
  }

  // No such job on this queue — or no such queue at all, which is the more useful thing to say.
  Error missing_job(const std::string& destination, int job_id) {
    auto printer = read_printer_at(destination);
    if (!printer) return printer.error();
    return no_such_job(destination, job_id);
  }

 private:
  Connection(const std::string& server, CupsAddress address) : server_(server), address_(std::move(address)) {}

  // Where the server is, for messages: the configured name, or CUPS's default as it resolved.
  std::string where() const {
    const std::string at = address_.host + (address_.host.starts_with("/") ? "" : ":" + std::to_string(address_.port));
    return server_.empty() ? "CUPS's default server (" + at + ")" : "'" + server_ + "'";
  }

  Error unreachable(const std::string& why) const {
    return make_error(Errc::unavailable, "printing.unreachable",
                      "the print server " + where() + " cannot be reached (" + why +
                          "): check that CUPS runs there (systemctl status cups) and that [printing] cups_server in "
                          "classbookd.toml names it");
  }

  // Whether a job's job-printer-uri is the queue `destination` (a printer's or a class's URI).
  static bool printed_at(ipp_attribute_t* uri, const std::string& destination) {
    const char* text = uri ? ippGetString(uri, 0, nullptr) : nullptr;
    if (!text) return false;
    char scheme[32], user[256], host[256], resource[1024];
    int port = 0;
    if (httpSeparateURI(HTTP_URI_CODING_ALL, text, scheme, sizeof scheme, user, sizeof user, host, sizeof host, &port,
                        resource, sizeof resource) < HTTP_URI_STATUS_OK)
      return false;
    const std::string path = resource;
    return path == "/printers/" + destination || path == "/classes/" + destination;
  }

  std::string server_;  // as configured, for messages
  CupsAddress address_;
  Http http_;
};

Error job_finished(const std::string& destination, int job_id) {
  return make_error(Errc::conflict, "printing.job_finished",
                    "job " + std::to_string(job_id) + " of queue '" + destination +
                        "' has already been printed: there is nothing to cancel");
}

bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

class CupsPrinters final : public Printers {
 public:
  explicit CupsPrinters(std::string server) : server_(std::move(server)) {}

  Result<PrinterStatus> status(const std::string& destination) override {
    if (!valid_destination(destination)) return no_such_queue(destination);
    auto cups = Connection::open(server_);
    if (!cups) return cups.error();
    auto printer = cups->read_printer_at(destination);
    if (!printer) return printer.error();
    return std::move(printer->status);
  }

  Result<int> submit(const std::string& destination, const std::string& pdf, const std::string& title,
                     int copies) override {
    if (!valid_destination(destination)) return no_such_queue(destination);
    if (copies < 1 || copies > kMaxCopies)
      return make_error(Errc::invalid_input, "printing.copies_out_of_range",
                        "print 1 to " + std::to_string(kMaxCopies) + " copies, not " + std::to_string(copies), "copies");
    if (!pdf.starts_with("%PDF-"))
      return make_error(Errc::invalid_input, "printing.not_a_pdf",
                        "only a PDF document can be printed (this does not begin with %PDF-); a defect of the caller");
    // The document rides in the Print-Job request itself, so a job is never left without one. libcups
    // sends a request's document from a file: the bytes go through an unnamed file in memory.
    Fd document(memfd_create("classbook-print", MFD_CLOEXEC));
    if (document.get() < 0 || !write_all(document.get(), pdf))
      return make_error(Errc::unavailable, "printing.cups_failed",
                        "the document could not be handed to CUPS (" + system_words(errno) + "); try again");
    auto cups = Connection::open(server_);
    if (!cups) return cups.error();
    ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(destination).c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, job_name(title).c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr, "application/pdf");
    ippAddInteger(request, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", copies);
    auto answer = cups->ask(request, printer_resource(destination), document.get());
    if (!answer) return answer.error();
    if (answer->status == IPP_STATUS_ERROR_NOT_FOUND) return no_such_queue(destination);
    if (answer->status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
      return make_error(Errc::conflict, "printing.not_accepting",
                        "queue '" + destination + "' takes no jobs now (an administrator ran cupsreject; `cupsaccept " +
                            destination + "` lets it take them again)");
    if (answer->failed()) return cups->cups_failed("the document for queue '" + destination + "'", *answer);
    ipp_attribute_t* id = ippFindAttribute(answer->response.get(), "job-id", IPP_TAG_INTEGER);
    if (!id) return make_error(Errc::unavailable, "printing.cups_failed", "the print server took the job but named no job id");
    return ippGetInteger(id, 0);
  }

  Result<JobStatus> job(const std::string& destination, int cups_job_id) override {
    if (!valid_destination(destination)) return no_such_queue(destination);
    if (cups_job_id < 1) return no_such_job(destination, cups_job_id);
    auto cups = Connection::open(server_);
    if (!cups) return cups.error();
    auto state = cups->job_state_at(destination, cups_job_id);
    if (!state) return state.error();
    if (*state == ipp::job_completed || *state == ipp::job_cancelled) return read_job(cups_job_id, *state, {});
    auto printer = cups->read_printer_at(destination);
    if (!printer) return printer.error();
    return read_job(cups_job_id, *state, *printer);
  }

  Status cancel(const std::string& destination, int cups_job_id) override {
    if (!valid_destination(destination)) return no_such_queue(destination);
    // Job id 0 means "the queue's current job" to Cancel-Job: never send it.
    if (cups_job_id < 1) return no_such_job(destination, cups_job_id);
    auto cups = Connection::open(server_);
    if (!cups) return cups.error();
    // Cancel-Job cancels a job of any queue by its id: the job is checked to be this queue's first.
    auto state = cups->job_state_at(destination, cups_job_id);
    if (!state) return state.error();
    if (*state == ipp::job_cancelled || *state == ipp::job_aborted) return ok_status();
    if (*state == ipp::job_completed) return job_finished(destination, cups_job_id);
    ipp_t* request = ippNewRequest(IPP_OP_CANCEL_JOB);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, job_uri(cups_job_id).c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    auto answer = cups->ask(request, "/jobs/");
    if (!answer) return answer.error();
    if (answer->status == IPP_STATUS_ERROR_NOT_FOUND) return no_such_job(destination, cups_job_id);
    if (answer->status == IPP_STATUS_ERROR_NOT_POSSIBLE) {
      // It finished between our look and the cancel: printed, or already cancelled by someone.
      auto now = cups->job_state_at(destination, cups_job_id);
      if (now && (*now == ipp::job_cancelled || *now == ipp::job_aborted)) return ok_status();
      return job_finished(destination, cups_job_id);
    }
    if (answer->failed()) return cups->cups_failed("cancelling job " + std::to_string(cups_job_id), *answer);
    return ok_status();
  }

 private:
  const std::string server_;
};

}  // namespace

std::unique_ptr<Printers> cups_printers(std::string cups_server) {
  return std::make_unique<CupsPrinters>(std::move(cups_server));
}

}  // namespace classbook::printing
