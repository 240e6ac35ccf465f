// run_command: `classbook-kiosk run` — config → readers, spool, uplink, screen, all around one
// agent loop on this thread; SIGTERM/SIGINT stop it cleanly, SIGHUP re-reads the config.
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>

#include "classbook/common/log.hpp"
#include "kiosk/app/agent_loop.hpp"
#include "kiosk/app/commands.hpp"
#include "kiosk/app/config_file.hpp"
#include "kiosk/app/reader_set.hpp"
#include "kiosk/core/kiosk_logic.hpp"
#include "kiosk/screen/screen_server.hpp"
#include "kiosk/spool/sqlite_spool.hpp"
#include "kiosk/uplink/box_uplink.hpp"
#include "kiosk/uplink/https_client.hpp"
#include "kiosk/uplink/kiosk_tls.hpp"
#include "printing/printers.hpp"

namespace classbook::kiosk {
namespace net = boost::asio;

namespace {

constexpr auto prune_interval = std::chrono::hours(1);

// The screen server needs its ScreenInput before the logic exists, and the logic needs the screen:
// this stands in for the logic until it is made (no input can arrive before the loop runs).
class InputRelay final : public ScreenInput {
 public:
  ScreenInput* target = nullptr;
  void pin_digit(int d) override { if (target) target->pin_digit(d); }
  void pin_erase() override { if (target) target->pin_erase(); }
  void pin_submit() override { if (target) target->pin_submit(); }
  void week_step(int delta) override { if (target) target->week_step(delta); }
  void done() override { if (target) target->done(); }
  void print_extract() override { if (target) target->print_extract(); }
};

int fail(const std::string& message, int code = exit_failure) {
  log::error("kiosk", message);
  return code;
}

void keep_pruning(net::steady_timer& timer, SqliteSpool& spool) {
  timer.expires_after(prune_interval);
  timer.async_wait([&timer, &spool](boost::system::error_code ec) {
    if (ec) return;
    if (auto n = spool.prune(); !n) log::error("spool", n.error().message);
    keep_pruning(timer, spool);
  });
}

}  // namespace

int run_command(const std::string& config_path) {
  auto config = load_kiosk_config(config_path);
  if (!config) return fail(config.error().message, exit_usage);
  log::set_level(config->log_level);
  const auto files = kiosk_files(config->data_dir);
  auto tls = kiosk_tls_context(files);
  if (!tls) return fail(tls.error().message);

  SystemClock clock;
  net::io_context io(1);
  HttpsOptions http{config->server.host, config->server.port, config->server.host_header(), config->timing.request_timeout};
  http.user_agent = std::string("classbook-kiosk/") + CLASSBOOK_VERSION;
  HttpsClient client(io, **tls, http);
  BoxUplink uplink(client);

  std::unique_ptr<SqliteSpool> spool;
  if (config->mode == Mode::entrance) {
    auto opened = SqliteSpool::open(files.spool, clock);
    if (!opened) return fail(opened.error().message);
    spool = std::move(*opened);
    uplink.report_spool_depth([&spool] { return spool->depth(); });
  }
  auto readers = ReaderSet::create(config->readers, clock);
  if (!readers) return fail(readers.error().message, exit_usage);

  // The hall's printer. Its calls run on the agent's thread: each is bounded by the CUPS adapter's
  // own time-outs (connect 5 s, an answer 30 s), and a local cupsd answers in milliseconds.
  std::unique_ptr<printing::Printers> printers;
  if (config->mode == Mode::hall && config->printer.prints()) {
    printers = printing::cups_printers(config->printer.cups_server);
  } else if (config->printer.prints()) {
    log::warn("kiosk", "[printer] queue is set, but only hall kiosks print: an entrance kiosk ignores it");
  }

  InputRelay relay;
  ScreenServerOptions screen_options;
  screen_options.address = config->screen_address;
  screen_options.port = config->screen_port;
  // Inputs go straight onto the agent's io_context: they run only inside io.run(), on this thread,
  // after the relay has its target — nothing the screen thread does touches the logic directly.
  auto screen = ScreenServer::create(screen_options, relay, [&io](std::function<void()> task) {
    net::post(io, std::move(task));
  });
  if (!screen) return fail(screen.error().message);

  KioskLogic logic(*config, KioskPorts{clock, uplink, **screen, **readers, spool.get(), printers.get()});
  relay.target = &logic;
  AgentLoop loop(io, logic, clock);

  net::steady_timer prune_timer(io);
  if (spool) keep_pruning(prune_timer, *spool);

  net::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  std::function<void(boost::system::error_code, int)> on_signal = [&](boost::system::error_code ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      // Reloading in place comes later; for now check the file so the admin knows a restart will work.
      auto fresh = load_kiosk_config(config_path);
      if (fresh) log::info("kiosk", "SIGHUP: " + config_path + " is valid; restart classbook-kiosk to apply it");
      else log::error("kiosk", "SIGHUP: " + fresh.error().message + " — the running kiosk keeps its old settings");
      signals.async_wait(on_signal);
      return;
    }
    log::info("kiosk", std::string("stopping (") + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ")");
    (*readers)->stop();
    (*screen)->stop();
    prune_timer.cancel();
    io.stop();
  };
  signals.async_wait(on_signal);

  log::info("kiosk", std::string("classbook-kiosk ") + CLASSBOOK_VERSION + ": " +
                         (config->mode == Mode::entrance ? "entrance" : "hall") + " kiosk, box " + config->server.text +
                         ", screen " + (*screen)->url() + ", " + std::to_string((*readers)->size()) + " reader source(s)" +
                         (spool ? ", " + std::to_string(spool->depth()) + " taps waiting in the spool" : "") +
                         (printers ? ", printer queue '" + config->printer.queue + "' on " +
                                         (config->printer.cups_server.empty() ? "this machine's CUPS"
                                                                              : config->printer.cups_server)
                                   : ""));
  loop.start();
  if (auto s = (*readers)->start(loop); !s) return fail(s.error().message);
  io.run();

  (*readers)->stop();
  (*screen)->stop();
  if (spool) log::info("kiosk", "stopped; " + std::to_string(spool->depth()) + " taps wait in the spool for the next start");
  else log::info("kiosk", "stopped");
  return exit_ok;
}

}  // namespace classbook::kiosk
