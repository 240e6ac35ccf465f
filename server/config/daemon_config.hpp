// daemon_config: classbookd's configuration file, /etc/classbook/classbookd.toml by default (an
// example: server/config/classbookd.example.toml). Everything in it has a default, so a box with no
// file runs; a file with anything wrong stops the start with the file, the line and what to write.
// Command-line flags win over the file (a technician trying something need not edit it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::config {

constexpr const char* default_config_path = "/etc/classbook/classbookd.toml";

// [server]: where the box keeps its data and how it listens (empty: the built-in default).
struct ServerSection {
  std::optional<std::string> data;          // the data folder
  std::optional<std::string> listen;        // the address to listen on
  std::optional<std::uint16_t> port;
  std::optional<int> threads;               // network threads
  std::optional<int> max_per_address;       // open connections one address may hold
  std::optional<std::string> metrics_from;  // the one address besides loopback that may read /metrics
};

// [sign_in]
struct SignInSection {
  std::optional<int> one_time_password_days;  // how long a one-time password (a login slip's) stays good
};

// [kiosk]
struct KioskSection {
  std::optional<int> prints_per_day;  // a pupil's prints of the week's extract at the hall kiosks a day (0: none)
};

// One printer the box may print on, by the name users pick it by ("office", "staffroom").
struct PrintQueue {
  std::string name;
  std::string destination;  // the CUPS queue it is
  std::string label;        // said to users; the name when the file gives none
};

// [printing]: the CUPS server and the named queues, one of them the default.
struct PrintingSection {
  std::string cups_server;  // "host", "host:port" or a socket path; empty: CUPS's own default
  std::vector<PrintQueue> queues;  // by name
  std::string default_queue;       // a queue's name; empty only when there are none
  const PrintQueue* find(std::string_view name) const;
};

// [portal]: the city portal the box syncs with (issue 13, docs/sync-protocol.md). Left out: no sync.
// The client's id and secret come from client_id and client_secret, or from client_file (the
// portal's client.json: client_id, client_secret, token_url, base_url), whose values the lines here win over.
struct PortalSection {
  std::string url;            // the portal's base URL, https://…
  std::string ca_file;        // the CA the portal's certificate must chain to
  std::string client_id, client_secret;
  std::string client_file;    // path of a client.json
  std::string token_url;      // the OAuth token endpoint; empty: client.json's, else url + /oauth/token
  std::string school;         // the school org's sourcedId at the portal; empty: client.json's "school" (or "org"), else the client id
  int nightly_minute = 150;   // at = "02:30": minutes after the school's local midnight
  int connect_timeout_seconds = 10;
  int read_timeout_seconds = 60;
  bool configured() const { return !url.empty() || !client_file.empty(); }
};

// [mail]: the SMTP relay guardians' e-mail notices go through (docs/mail.md). No section: no relay;
// notices guardians chose wait in the queue until one is configured.
struct MailSection {
  bool configured = false;      // the file has a [mail] section
  std::string host;
  std::uint16_t port = 587;     // submission; 25 when starttls = "none" and no port is given
  bool starttls = true;         // "required" (default) or "none" — "none" only for a relay on loopback
  std::string username;         // "" sends no AUTH
  std::string password;         // given inline, or read from password_file at start
  std::string password_file;
  std::string from;             // the envelope sender and From: address
  std::string from_name;        // shown in From: (default: the school's name)
  std::string ca_file;          // PEM CA(s) for the relay's certificate; "" trusts the system's store
  int digest_minute = 18 * 60;  // digest_at = "18:00", school time
};

struct DaemonConfig {
  std::string file;  // the file read; empty when there was none
  ServerSection server;
  SignInSection sign_in;
  KioskSection kiosk;
  PrintingSection printing;
  PortalSection portal;
  MailSection mail;
};

// Parses classbookd.toml's text; `file` names it in messages.
Result<DaemonConfig> parse_daemon_config(std::string_view text, const std::string& file);
// Reads the file. A missing file is no error unless `required` (it was named with --config).
Result<DaemonConfig> read_daemon_config(const std::string& path, bool required);
// [mail] password_file's first line (the password), or why it cannot be read; the inline password
// when no file is named.
Result<std::string> mail_password(const MailSection& m);
// What the box will run with, a line each (classbookd --check-config).
std::string describe(const DaemonConfig& c);

}  // namespace classbook::config
