// kiosk_config: section by section, with the same typed reads and messages as every Classbook config.
#include "kiosk/core/kiosk_config.hpp"

#include <filesystem>
#include <vector>

#include "classbook/common/config_text.hpp"
#include "printing/cups_address.hpp"

namespace classbook::kiosk {
namespace {

const std::vector<std::string> known_settings = {
    "server.url",
    "kiosk.mode", "kiosk.direction", "kiosk.language", "kiosk.data", "kiosk.name", "kiosk.log",
    "screen.address", "screen.port",
    "readers.profiles", "readers.usb", "readers.camera", "readers.simulated", "readers.simulated_debounce_ms",
    "timing.online_answer_ms", "timing.banner_ms", "timing.alert_banner_ms", "timing.hello_interval_ms",
    "timing.probe_min_gap_ms", "timing.retry_min_ms", "timing.retry_max_ms", "timing.request_timeout_ms",
    "timing.hall_idle_ms", "timing.hall_notice_ms",
    "printer.cups_server", "printer.queue",
};

// CUPS's own rule for a queue's name (lpadmin(8)): at most 127 bytes, printable, and no space,
// tab, '/', backslash, '#' or quote.
constexpr std::size_t max_queue_name_bytes = 127;

std::string resolve(const std::string& path, const std::string& config_file) {
  if (path.empty() || path.front() == '/') return path;
  const auto dir = std::filesystem::path(config_file).parent_path();
  return (dir / path).lexically_normal().string();
}

bool loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1";
}

// Reads one [timing] key into `slot`, keeping the default when absent.
Status read_ms(const ConfigValues& v, const char* key, std::chrono::milliseconds& slot, std::int64_t min) {
  auto ms = v.integer("timing", key, slot.count(), min,
                      std::chrono::duration_cast<std::chrono::milliseconds>(max_timing).count());
  if (!ms) return ms.error();
  slot = std::chrono::milliseconds(*ms);
  return ok_status();
}

Status read_timing(const ConfigValues& v, Timing& t) {
  const std::pair<const char*, std::chrono::milliseconds*> keys[] = {
      {"online_answer_ms", &t.online_answer}, {"banner_ms", &t.banner}, {"alert_banner_ms", &t.alert_banner},
      {"hello_interval_ms", &t.hello_interval}, {"probe_min_gap_ms", &t.probe_min_gap},
      {"retry_min_ms", &t.retry_min}, {"retry_max_ms", &t.retry_max}, {"request_timeout_ms", &t.request_timeout},
      {"hall_idle_ms", &t.hall_idle}, {"hall_notice_ms", &t.hall_notice}};
  for (auto [key, slot] : keys)
    if (auto s = read_ms(v, key, *slot, 1); !s) return s;
  if (t.retry_max < t.retry_min)
    return v.error_at(v.find("timing", "retry_max_ms"), "timing.retry_max_ms must not be below timing.retry_min_ms");
  return ok_status();
}

Status read_readers(const ConfigValues& v, const std::string& file, ReadersConfig& r) {
  auto profiles = v.text("readers", "profiles", r.profiles_dir);
  auto usb = v.flag("readers", "usb", r.usb);
  auto camera = v.text("readers", "camera", r.camera);
  auto simulated = v.text("readers", "simulated", r.simulated);
  auto debounce = v.integer("readers", "simulated_debounce_ms", r.simulated_debounce.count(), 0, 60000);
  for (const Error* e : {profiles ? nullptr : &profiles.error(), usb ? nullptr : &usb.error(),
                         camera ? nullptr : &camera.error(), simulated ? nullptr : &simulated.error(),
                         debounce ? nullptr : &debounce.error()})
    if (e) return *e;
  r.profiles_dir = resolve(*profiles, file);
  r.usb = *usb;
  r.camera = camera->empty() ? "none" : *camera;
  r.simulated = simulated->empty() ? "none" : *simulated;
  if (r.simulated != "none" && r.simulated != "stdin") r.simulated = resolve(r.simulated, file);
  r.simulated_debounce = std::chrono::milliseconds(*debounce);
  return ok_status();
}

bool valid_queue_name(const std::string& q) {
  if (q.size() > max_queue_name_bytes) return false;
  for (unsigned char c : q)
    if (c <= 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '#' || c == '\'' || c == '"') return false;
  return true;
}

Status read_printer(const ConfigValues& v, PrinterConfig& p) {
  auto server = v.text("printer", "cups_server", "");
  if (!server) return server.error();
  auto queue = v.text("printer", "queue", "");
  if (!queue) return queue.error();
  // Only the shape is checked here; whether CUPS answers there is the printer's own message later.
  if (!server->empty() && !printing::cups_address(*server, "localhost:631"))
    return v.error_at(v.find("printer", "cups_server"),
                      "printer.cups_server '" + *server +
                          "' is not a host, host:port or socket path (e.g. localhost:631 or /run/cups/cups.sock); "
                          "leave it out for this machine's own CUPS");
  if (!valid_queue_name(*queue))
    return v.error_at(v.find("printer", "queue"),
                      "printer.queue '" + *queue +
                          "' is not a CUPS queue name (no spaces, '/', '\\', '#' or quotes; `lpstat -p` lists them); "
                          "leave it empty if this kiosk has no printer");
  p.cups_server = std::move(*server);
  p.queue = std::move(*queue);
  return ok_status();
}

}  // namespace

const char* to_string(Direction d) {
  switch (d) {
    case Direction::in: return "in";
    case Direction::out: return "out";
    case Direction::toggle: return "toggle";
  }
  return "toggle";
}

KioskFiles kiosk_files(const std::string& data_dir) {
  const auto in = [&](const char* name) { return (std::filesystem::path(data_dir) / name).string(); };
  return {in("kiosk.key"), in("kiosk.crt"), in("ca.crt"), in("spool.sqlite")};
}

Result<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& file) {
  auto entries = parse_config_text(text, file);
  if (!entries) return entries.error();
  const ConfigValues v(std::move(*entries), file);
  if (auto s = v.only(known_settings); !s) return s.error();

  KioskConfig c;
  c.file = file;
  const auto* url_entry = v.find("server", "url");
  if (!url_entry)
    return v.error_at(nullptr, "[server] url is missing; add e.g. 'url = https://box.school.local:8443' under [server]");
  auto url = parse_server_url(url_entry->value);
  if (!url) return v.error_at(url_entry, url.error().message);
  c.server = std::move(*url);

  auto mode = v.choice("kiosk", "mode", "entrance", {"entrance", "hall"});
  if (!mode) return mode.error();
  c.mode = *mode == "hall" ? Mode::hall : Mode::entrance;
  auto direction = v.choice("kiosk", "direction", "toggle", {"in", "out", "toggle"});
  if (!direction) return direction.error();
  c.direction = *direction == "in" ? Direction::in : *direction == "out" ? Direction::out : Direction::toggle;
  auto language = v.choice("kiosk", "language", "ru", {"ru", "en"});
  if (!language) return language.error();
  c.language = *language;
  auto data = v.text("kiosk", "data", default_data_dir);
  if (!data || data->empty()) return v.error_at(v.find("kiosk", "data"), "kiosk.data must name a folder");
  c.data_dir = resolve(*data, file);
  c.name = *v.text("kiosk", "name", "");
  auto level = v.choice("kiosk", "log", "info", {"debug", "info", "warn", "error"});
  if (!level) return level.error();
  c.log_level = *level == "debug" ? log::Level::debug : *level == "warn" ? log::Level::warn
              : *level == "error" ? log::Level::error : log::Level::info;

  c.screen_address = *v.text("screen", "address", c.screen_address);
  if (!loopback(c.screen_address))
    return v.error_at(v.find("screen", "address"),
                      "screen.address must be a loopback address (127.0.0.1 or ::1): the page shows pupils' diaries "
                      "and is for this kiosk's own browser only");
  auto port = v.integer("screen", "port", default_screen_port, 1, 65535);
  if (!port) return port.error();
  c.screen_port = static_cast<std::uint16_t>(*port);

  if (auto s = read_readers(v, file, c.readers); !s) return s.error();
  if (auto s = read_printer(v, c.printer); !s) return s.error();
  if (auto s = read_timing(v, c.timing); !s) return s.error();
  return c;
}

}  // namespace classbook::kiosk
