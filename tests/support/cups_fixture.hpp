// cups_fixture: a private cupsd for one test — its own folder, config and loopback port, started
// with the test and killed after it, so tests drive the real print server and touch no system one.
// Queues print to a file through a pass-through PPD (gziptoany), so the bytes a job printed can be
// read back. Needs the Debian packages cups, cups-client and cups-bsd (./setup installs them); a
// test fails saying so when cupsd is missing.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace classbook::test {

// A loopback port nobody holds at this moment (bound for an instant, then let go): for a server to
// listen on, or as a port where nothing listens.
int free_loopback_port();

class CupsFixture {
 public:
  CupsFixture();  // starts cupsd and waits until it answers (the test fails if it does not)
  ~CupsFixture();  // kills it
  CupsFixture(const CupsFixture&) = delete;
  CupsFixture& operator=(const CupsFixture&) = delete;

  // "127.0.0.1:PORT", as classbookd.toml's cups_server would name it.
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // The Unix socket cupsd also listens on.
  std::string socket_path() const { return dir_.file("cups.sock"); }

  // Adds an enabled queue printing to the file output(name).
  void add_queue(const std::string& name);
  std::string output(const std::string& queue) const { return dir_.file(queue + ".out"); }

  // Runs a CUPS admin command (cupsdisable, cupsenable, cupsreject, cupsaccept, lpadmin) against
  // this cupsd: `command` is the program, `args` follow "-h server"; the test fails unless it exits 0.
  void admin(const std::string& command, const std::vector<std::string>& args);

  // Sets what the queue's printer reports, as a driver would (CUPS-Add-Modify-Printer): IPP
  // printer-state (3 idle, 5 stopped) and printer-state-reasons ("media-empty-error", "none", …).
  void report(const std::string& queue, int printer_state, const std::vector<std::string>& reasons);

 private:
  void write_config();
  bool start();  // false: cupsd did not come up on this port (taken since we chose it)
  void stop();

  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace classbook::test
