// daemon_config: see the header. The typed reads and their messages are ConfigValues' (common).
#include "config/daemon_config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "classbook/common/config_toml.hpp"

namespace classbook::config {
namespace {

constexpr std::string_view queues_prefix = "printing.queues.";
constexpr std::size_t max_queue_name = 32;

// The box's own names for printers are what users pick and what the API takes: keep them plain.
bool valid_queue_name(std::string_view s) {
  return !s.empty() && s.size() <= max_queue_name && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// CUPS takes any printable name up to 127 bytes but space, tab, '/', '\' and '#' (lpadmin(8)).
bool valid_cups_name(std::string_view s) {
  return !s.empty() && s.size() <= 127 && std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '/' && c != '\\' && c != '#' && c != '\'' && c != '"';
  });
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Result<std::optional<std::string>> optional_text(const ConfigValues& v, std::string_view section, std::string_view key) {
  const auto* e = v.find(section, key);
  if (!e) return std::optional<std::string>{};
  if (e->value.empty())
    return v.error_at(e, std::string(section) + "." + std::string(key) + " is empty: give a value or leave the line out");
  return std::optional<std::string>{e->value};
}

template <class T>
Result<std::optional<T>> optional_number(const ConfigValues& v, std::string_view section, std::string_view key,
                                         std::int64_t min, std::int64_t max) {
  if (!v.find(section, key)) return std::optional<T>{};
  auto n = v.integer(section, key, 0, min, max);
  if (!n) return n.error();
  return std::optional<T>{static_cast<T>(*n)};
}

Status read_server(const ConfigValues& v, ServerSection& s) {
  auto data = optional_text(v, "server", "data");
  if (!data) return data.error();
  if (*data && !data->value().starts_with("/"))
    return v.error_at(v.find("server", "data"), "server.data must be an absolute path (such as /var/lib/classbook), not '" +
                                                     data->value() + "'");
  s.data = *data;
  auto listen = optional_text(v, "server", "listen");
  if (!listen) return listen.error();
  s.listen = *listen;
  auto metrics = optional_text(v, "server", "metrics_from");
  if (!metrics) return metrics.error();
  s.metrics_from = *metrics;
  auto port = optional_number<std::uint16_t>(v, "server", "port", 1, 65535);
  if (!port) return port.error();
  s.port = *port;
  auto threads = optional_number<int>(v, "server", "threads", 1, 64);
  if (!threads) return threads.error();
  s.threads = *threads;
  auto cap = optional_number<int>(v, "server", "max_per_address", 1, 100000);
  if (!cap) return cap.error();
  s.max_per_address = *cap;
  return ok_status();
}

Status read_printing(const ConfigValues& v, const std::set<std::string>& names, PrintingSection& p) {
  auto server = optional_text(v, "printing", "cups_server");
  if (!server) return server.error();
  p.cups_server = server->value_or("");
  for (const auto& name : names) {
    const std::string section = std::string(queues_prefix) + name;
    const auto* dest = v.find(section, "destination");
    if (!dest) {
      const auto* any = v.find(section, "label");
      return v.error_at(any, "[" + section + "] needs destination = \"the CUPS queue's name\" (`lpstat -p` lists them)");
    }
    if (!valid_cups_name(dest->value))
      return v.error_at(dest, section + ".destination must be a CUPS queue's name (no spaces, quotes, / \\ or #, up to "
                              "127 characters), not '" + dest->value + "'");
    auto label = optional_text(v, section, "label");
    if (!label) return label.error();
    p.queues.push_back(PrintQueue{name, dest->value, label->value_or(name)});
  }
  std::vector<std::string> list(names.begin(), names.end());
  const auto* def = v.find("printing", "default_queue");
  if (def) {
    if (list.empty())
      return v.error_at(def, "printing.default_queue is '" + def->value + "' but no queue is set up: add [printing.queues." +
                                 def->value + "] with destination = \"the CUPS queue's name\"");
    if (!names.contains(def->value))
      return v.error_at(def, "printing.default_queue is '" + def->value + "', which names no queue; the queues are " + joined(list));
    p.default_queue = def->value;
  } else if (list.size() == 1) {
    p.default_queue = list.front();
  } else if (list.size() > 1) {
    return v.error_at(nullptr, "printing.default_queue is missing: say which of " + joined(list) +
                                   " prints when a user chooses none");
  }
  return ok_status();
}

// "HH:MM" (00:00–23:59) → minutes after midnight; nullopt for anything else.
std::optional<int> clock_minute(std::string_view t) {
  const auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(t[i])) != 0; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
  const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

Status read_portal(const ConfigValues& v, PortalSection& p) {
  for (auto [key, out] : {std::pair<const char*, std::string*>{"url", &p.url}, {"ca_file", &p.ca_file}, {"client_id", &p.client_id},
                          {"client_secret", &p.client_secret}, {"client_file", &p.client_file}, {"token_url", &p.token_url},
                          {"school", &p.school}}) {
    auto t = optional_text(v, "portal", key);
    if (!t) return t.error();
    *out = t->value_or("");
  }
  if (!p.url.empty() && !p.url.starts_with("https://"))
    return v.error_at(v.find("portal", "url"), "portal.url must start with https:// (the box syncs over TLS only), not '" + p.url + "'");
  if (!p.token_url.empty() && !p.token_url.starts_with("https://"))
    return v.error_at(v.find("portal", "token_url"), "portal.token_url must start with https://, not '" + p.token_url + "'");
  if (const auto* at = v.find("portal", "at")) {
    const auto minute = clock_minute(at->value);
    if (!minute)
      return v.error_at(at, "portal.at is the time of the nightly sync in the school's local time, like \"02:30\", not '" + at->value + "'");
    p.nightly_minute = *minute;
  }
  auto connect = optional_number<int>(v, "portal", "connect_timeout_seconds", 1, 300);
  if (!connect) return connect.error();
  if (*connect) p.connect_timeout_seconds = **connect;
  auto read = optional_number<int>(v, "portal", "read_timeout_seconds", 1, 3600);
  if (!read) return read.error();
  if (*read) p.read_timeout_seconds = **read;
  const bool any = !p.url.empty() || !p.client_file.empty() || !p.ca_file.empty() || !p.client_id.empty();
  if (!any) return ok_status();
  if (p.url.empty() && p.client_file.empty())
    return v.error_at(nullptr, "[portal] needs url = \"https://…\" (or client_file = the portal's client.json, which names it)");
  if (p.ca_file.empty())
    return v.error_at(nullptr, "[portal] needs ca_file = the CA certificate the portal's certificate is checked against");
  if (p.client_file.empty() && (p.client_id.empty() || p.client_secret.empty()))
    return v.error_at(nullptr, "[portal] needs client_id and client_secret (or client_file = the portal's client.json)");
  return ok_status();
}

bool loopback_host(std::string_view h) {
  return h == "localhost" || h == "::1" || h == "[::1]" || h.starts_with("127.");
}

Status read_mail(const ConfigValues& v, MailSection& m) {
  const auto* any = [&]() -> const ConfigEntry* {
    for (const auto& e : v.entries())
      if (e.section == "mail") return &e;
    return nullptr;
  }();
  if (!any) return ok_status();
  m.configured = true;
  const auto* host = v.find("mail", "host");
  if (!host || host->value.empty())
    return v.error_at(any, "[mail] needs host = \"the SMTP relay's name\" (such as smtp.example.ru)");
  m.host = host->value;
  if (const auto* tls = v.find("mail", "starttls")) {
    if (tls->value != "required" && tls->value != "none")
      return v.error_at(tls, "mail.starttls is \"required\" or \"none\", not '" + tls->value + "'");
    m.starttls = tls->value == "required";
    if (!m.starttls && !loopback_host(m.host))
      return v.error_at(tls, "mail.starttls = \"none\" is only for a relay on this machine (127.0.0.1, ::1, localhost): "
                             "guardians' addresses and the relay's password must not cross the network in the clear");
  }
  if (!m.starttls) m.port = 25;
  auto port = optional_number<std::uint16_t>(v, "mail", "port", 1, 65535);
  if (!port) return port.error();
  if (*port) m.port = **port;
  for (auto [key, out] : {std::pair{"username", &m.username}, std::pair{"password", &m.password},
                          std::pair{"password_file", &m.password_file}, std::pair{"from", &m.from},
                          std::pair{"from_name", &m.from_name}, std::pair{"ca_file", &m.ca_file}}) {
    auto t = optional_text(v, "mail", key);
    if (!t) return t.error();
    *out = t->value_or("");
  }
  if (!m.password.empty() && !m.password_file.empty())
    return v.error_at(v.find("mail", "password_file"), "give mail.password or mail.password_file, not both");
  if ((!m.password.empty() || !m.password_file.empty()) && m.username.empty())
    return v.error_at(v.find("mail", "username"), "mail.username is missing: a password needs the user name it belongs to");
  const auto at = m.from.find('@');
  if (m.from.empty() || at == std::string::npos || at == 0 || m.from.find('.', at) == std::string::npos ||
      m.from.find_first_of(" <>\"") != std::string::npos)
    return v.error_at(v.find("mail", "from") ? v.find("mail", "from") : any,
                      "mail.from must be the address notices come from, such as journal@school5.example.ru");
  for (const auto* key : {"ca_file", "password_file"}) {
    const auto* e = v.find("mail", key);
    if (e && !e->value.starts_with("/"))
      return v.error_at(e, std::string("mail.") + key + " must be an absolute path, not '" + e->value + "'");
  }
  if (const auto* d = v.find("mail", "digest_at")) {
    const auto minute = clock_minute(d->value);
    if (!minute)
      return v.error_at(d, "mail.digest_at is the school's clock time of the daily digest, such as \"18:00\", not '" + d->value + "'");
    m.digest_minute = *minute;
  }
  return ok_status();
}

}  // namespace

Result<std::string> mail_password(const MailSection& m) {
  if (m.password_file.empty()) return m.password;
  std::ifstream in(m.password_file, std::ios::binary);
  if (!in)
    return make_error(Errc::unavailable, "config.unreadable",
                      m.password_file + " (mail.password_file): cannot be read (" + std::strerror(errno) +
                          "); classbookd's user must be able to read it");
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

const PrintQueue* PrintingSection::find(std::string_view name) const {
  for (const auto& q : queues)
    if (q.name == name) return &q;
  return nullptr;
}

Result<DaemonConfig> parse_daemon_config(std::string_view text, const std::string& file) {
  auto entries = parse_config_toml(text, file);
  if (!entries) return entries.error();
  const ConfigValues v(std::move(*entries), file);
  // The queues' names are tables of their own, so what the file may hold depends on them.
  std::vector<std::string> known = {"server.data", "server.listen", "server.port", "server.threads",
                                    "server.max_per_address", "server.metrics_from", "sign_in.one_time_password_days",
                                    "kiosk.prints_per_day", "printing.cups_server", "printing.default_queue",
                                    "portal.url", "portal.ca_file", "portal.client_id", "portal.client_secret",
                                    "portal.client_file", "portal.token_url", "portal.school", "portal.at",
                                    "portal.connect_timeout_seconds", "portal.read_timeout_seconds",
                                    "mail.host", "mail.port", "mail.starttls", "mail.username", "mail.password",
                                    "mail.password_file", "mail.from", "mail.from_name", "mail.ca_file", "mail.digest_at"};
  std::set<std::string> names;
  for (const auto& e : v.entries()) {
    if (e.section == "printing.queues" || (e.section == "printing" && e.key == "queues"))
      return v.error_at(&e, "each queue is a table of its own: [printing.queues." +
                                (e.section == "printing" ? std::string("NAME") : e.key) +
                                "] with destination = \"the CUPS queue's name\"");
    if (!e.section.starts_with(queues_prefix)) continue;
    const auto name = e.section.substr(queues_prefix.size());
    if (!valid_queue_name(name))
      return v.error_at(&e, "the queue name '" + name + "' may hold only lowercase letters, digits, _ and -, up to " +
                                std::to_string(max_queue_name) + " (users and the API pick a printer by it)");
    if (names.insert(name).second) {
      known.push_back(std::string(queues_prefix) + name + ".destination");
      known.push_back(std::string(queues_prefix) + name + ".label");
    }
  }
  if (auto s = v.only(known); !s) return s.error();
  DaemonConfig c;
  c.file = file;
  if (auto s = read_server(v, c.server); !s) return s.error();
  auto days = optional_number<int>(v, "sign_in", "one_time_password_days", 1, 365);
  if (!days) return days.error();
  c.sign_in.one_time_password_days = *days;
  auto prints = optional_number<int>(v, "kiosk", "prints_per_day", 0, 50);
  if (!prints) return prints.error();
  c.kiosk.prints_per_day = *prints;
  if (auto s = read_printing(v, names, c.printing); !s) return s.error();
  if (auto s = read_portal(v, c.portal); !s) return s.error();
  if (auto s = read_mail(v, c.mail); !s) return s.error();
  return c;
}

Result<DaemonConfig> read_daemon_config(const std::string& path, bool required) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (!required) return DaemonConfig{};
    return make_error(Errc::invalid_input, "config.missing",
                      path + ": no such file; give the path of classbookd.toml, or leave --config out to use " +
                          default_config_path + " when it exists and the defaults when not");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(Errc::unavailable, "config.unreadable",
                      path + ": cannot be read (" + std::strerror(errno) + "); classbookd's user must be able to read it");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_daemon_config(text.str(), path);
}

std::string describe(const DaemonConfig& c) {
  std::string out = "configuration: " + (c.file.empty() ? std::string("no file, the defaults") : c.file) + "\n";
  const auto& s = c.server;
  if (s.data) out += "server.data = " + *s.data + "\n";
  if (s.listen) out += "server.listen = " + *s.listen + "\n";
  if (s.port) out += "server.port = " + std::to_string(*s.port) + "\n";
  if (s.threads) out += "server.threads = " + std::to_string(*s.threads) + "\n";
  if (s.max_per_address) out += "server.max_per_address = " + std::to_string(*s.max_per_address) + "\n";
  if (s.metrics_from) out += "server.metrics_from = " + *s.metrics_from + "\n";
  if (c.sign_in.one_time_password_days)
    out += "sign_in.one_time_password_days = " + std::to_string(*c.sign_in.one_time_password_days) + "\n";
  if (c.kiosk.prints_per_day) out += "kiosk.prints_per_day = " + std::to_string(*c.kiosk.prints_per_day) + "\n";
  const auto& sync = c.portal;
  if (!sync.configured()) out += "portal: none (no sync with the city portal)\n";
  else
    out += "portal: " + (sync.url.empty() ? "from " + sync.client_file : sync.url) + ", CA " + sync.ca_file + ", nightly at " +
           (sync.nightly_minute / 60 < 10 ? "0" : "") + std::to_string(sync.nightly_minute / 60) + ":" +
           (sync.nightly_minute % 60 < 10 ? "0" : "") + std::to_string(sync.nightly_minute % 60) + "\n";
  const auto& m = c.mail;
  if (!m.configured) {
    out += "mail: no relay (guardians' e-mail notices wait in the queue)\n";
  } else {
    char digest[32];
    std::snprintf(digest, sizeof digest, "%02d:%02d", m.digest_minute / 60, m.digest_minute % 60);
    out += "mail: relay " + m.host + ":" + std::to_string(m.port) + (m.starttls ? ", STARTTLS required" : ", no TLS (loopback)") +
           (m.username.empty() ? std::string(", no AUTH") : ", AUTH as " + m.username) + ", from " + m.from +
           (m.ca_file.empty() ? std::string(", the system's CAs") : ", CA " + m.ca_file) + ", digest at " + digest + "\n";
  }
  const auto& p = c.printing;
  if (p.queues.empty()) return out + "printing: no queues (documents can be downloaded, not printed)\n";
  out += "printing: on " + (p.cups_server.empty() ? std::string("CUPS's default server") : "CUPS server " + p.cups_server) + "\n";
  for (const auto& q : p.queues)
    out += "  " + q.name + " → CUPS queue " + q.destination + " (\"" + q.label + "\")" +
           (q.name == p.default_queue ? ", the default" : "") + "\n";
  return out;
}

}  // namespace classbook::config
