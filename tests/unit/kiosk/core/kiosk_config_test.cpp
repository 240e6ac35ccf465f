// kiosk_config_test: the config file's defaults, every section, and mistakes reported by line.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "kiosk/core/kiosk_config.hpp"

using namespace classbook;
using namespace classbook::kiosk;

namespace {
Error error_of(const std::string& text) {
  auto c = parse_kiosk_config(text, "/etc/classbook-kiosk/kiosk.conf");
  REQUIRE_FALSE(c);
  return c.error();
}
}  // namespace

TEST_CASE("a config with only the server url takes every default") {
  auto c = parse_kiosk_config("[server]\nurl = https://box.school.local:8443\n", "/etc/classbook-kiosk/kiosk.conf");
  REQUIRE(c);
  CHECK(c->server.host == "box.school.local");
  CHECK(c->server.port == 8443);
  CHECK(c->mode == Mode::entrance);
  CHECK(c->direction == Direction::toggle);
  CHECK(c->language == "ru");
  CHECK(c->data_dir == default_data_dir);
  CHECK(c->screen_address == "127.0.0.1");
  CHECK(c->screen_port == default_screen_port);
  CHECK(c->readers.usb);
  CHECK(c->readers.camera == "none");
  CHECK(c->readers.simulated == "none");
  CHECK(c->timing.online_answer == std::chrono::milliseconds(1000));
  CHECK(c->timing.hall_idle == std::chrono::milliseconds(60000));
  CHECK(c->timing.hello_interval == std::chrono::milliseconds(5000));
  CHECK(c->printer.cups_server.empty());
  CHECK(c->printer.queue.empty());
  CHECK_FALSE(c->printer.prints());
}

TEST_CASE("every section is read, relative paths from the config's folder") {
  const char* text = R"(# a hall kiosk
[server]
url = https://10.0.0.5
[kiosk]
mode = hall
direction = in
language = en
data = state
name = "Library hall"
log = debug
[screen]
address = 127.0.0.1
port = 9090
[readers]
profiles = readers.d
usb = no
camera = /dev/video0
simulated = cards.fifo
simulated_debounce_ms = 250
[printer]
cups_server = /run/cups/cups.sock
queue = "Hall_Printer"
[timing]
online_answer_ms = 800
banner_ms = 3000
alert_banner_ms = 7000
hello_interval_ms = 2000
probe_min_gap_ms = 500
retry_min_ms = 200
retry_max_ms = 9000
request_timeout_ms = 4000
hall_idle_ms = 30000
hall_notice_ms = 2500
)";
  auto c = parse_kiosk_config(text, "/srv/kiosk/kiosk.conf");
  REQUIRE(c);
  CHECK(c->server.host == "10.0.0.5");
  CHECK(c->server.port == 443);
  CHECK(c->mode == Mode::hall);
  CHECK(c->direction == Direction::in);
  CHECK(c->language == "en");
  CHECK(c->data_dir == "/srv/kiosk/state");
  CHECK(c->name == "Library hall");
  CHECK(c->log_level == log::Level::debug);
  CHECK(c->screen_port == 9090);
  CHECK(c->readers.profiles_dir == "/srv/kiosk/readers.d");
  CHECK_FALSE(c->readers.usb);
  CHECK(c->readers.camera == "/dev/video0");
  CHECK(c->readers.simulated == "/srv/kiosk/cards.fifo");
  CHECK(c->readers.simulated_debounce == std::chrono::milliseconds(250));
  CHECK(c->timing.online_answer == std::chrono::milliseconds(800));
  CHECK(c->timing.banner == std::chrono::milliseconds(3000));
  CHECK(c->timing.alert_banner == std::chrono::milliseconds(7000));
  CHECK(c->timing.hello_interval == std::chrono::milliseconds(2000));
  CHECK(c->timing.probe_min_gap == std::chrono::milliseconds(500));
  CHECK(c->timing.retry_min == std::chrono::milliseconds(200));
  CHECK(c->timing.retry_max == std::chrono::milliseconds(9000));
  CHECK(c->timing.request_timeout == std::chrono::milliseconds(4000));
  CHECK(c->timing.hall_idle == std::chrono::milliseconds(30000));
  CHECK(c->timing.hall_notice == std::chrono::milliseconds(2500));
  CHECK(c->printer.cups_server == "/run/cups/cups.sock");
  CHECK(c->printer.queue == "Hall_Printer");
  CHECK(c->printer.prints());
}

TEST_CASE("[printer]: the local CUPS by default, or a named server, and any queue name CUPS would take") {
  auto local = parse_kiosk_config("[server]\nurl = https://box\n[printer]\nqueue = hall\n", "k.conf");
  REQUIRE(local);
  CHECK(local->printer.cups_server.empty());
  CHECK(local->printer.queue == "hall");
  for (const char* server : {"localhost", "127.0.0.1:8631", "[::1]:631", "print.school.local"}) {
    auto c = parse_kiosk_config(std::string("[server]\nurl = https://box\n[printer]\ncups_server = ") + server +
                                    "\nqueue = hall\n",
                                "k.conf");
    CAPTURE(server);
    REQUIRE(c);
    CHECK(c->printer.cups_server == server);
  }
  // Cyrillic names are CUPS names too.
  CHECK(parse_kiosk_config("[server]\nurl = https://box\n[printer]\nqueue = Принтер_холл\n", "k.conf"));
}

TEST_CASE("[printer] mistakes name the key and the line") {
  auto spaced = error_of("[server]\nurl = https://box\n[printer]\nqueue = \"Hall printer\"\n");
  CHECK(spaced.message.find("kiosk.conf:4: printer.queue 'Hall printer' is not a CUPS queue name") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[printer]\nqueue = a/b\n").message.find(":4: printer.queue") !=
        std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[printer]\nqueue = " + std::string(128, 'q') + "\n")
            .message.find(":4: printer.queue") != std::string::npos);
  auto server = error_of("[server]\nurl = https://box\n\n[printer]\ncups_server = http://cups:631/\nqueue = hall\n");
  CHECK(server.message.find("kiosk.conf:5: printer.cups_server 'http://cups:631/' is not a host") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[printer]\nqueu = hall\n").message.find(":4: unknown setting 'printer.queu'") !=
        std::string::npos);
}

TEST_CASE("simulated = stdin stays stdin") {
  auto c = parse_kiosk_config("[server]\nurl = https://box\n[readers]\nsimulated = stdin\n", "k.conf");
  REQUIRE(c);
  CHECK(c->readers.simulated == "stdin");
}

TEST_CASE("mistakes name the file and the line") {
  CHECK(error_of("[server]\nurl = https://box\n[kiosk]\nmode = lobby\n").message.find("kiosk.conf:4:") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[kiosk]\nmode = lobby\n").message.find("entrance, hall") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[kiosk]\ndirection = sideways\n").message.find(":4:") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n\n[screen]\nport = 70000\n").message.find(":5:") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[readers]\nusb = maybe\n").message.find(":4: readers.usb must be yes or no") !=
        std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[timing]\nbanner_ms = fast\n").message.find(":4: timing.banner_ms") !=
        std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[timing]\nbanner_ms = 0\n").message.find(":4:") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box\n[timing]\nretry_min_ms = 5000\nretry_max_ms = 100\n").message.find(":5:") !=
        std::string::npos);
}

TEST_CASE("a typo in a key is an error, not an ignored setting") {
  auto e = error_of("[server]\nurl = https://box\n[kiosk]\nmdoe = hall\n");
  CHECK(e.message.find(":4: unknown setting 'kiosk.mdoe'") != std::string::npos);
}

TEST_CASE("the server url is required and must be https with a host and port only") {
  CHECK(error_of("[kiosk]\nmode = hall\n").message.find("[server] url is missing") != std::string::npos);
  CHECK(error_of("[server]\nurl = http://box:8443\n").message.find(":2: server url 'http://box:8443' must start with https://") !=
        std::string::npos);
  CHECK(error_of("[server]\nurl = https://box:8443/api\n").message.find("only a host and a port") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://box:0\n").message.find("port") != std::string::npos);
  CHECK(error_of("[server]\nurl = https://:8443\n").message.find("no host") != std::string::npos);
}

TEST_CASE("the screen may listen on loopback only") {
  auto e = error_of("[server]\nurl = https://box\n[screen]\naddress = 0.0.0.0\n");
  CHECK(e.message.find(":4: screen.address must be a loopback address") != std::string::npos);
  CHECK(parse_kiosk_config("[server]\nurl = https://box\n[screen]\naddress = ::1\n", "k.conf"));
}

TEST_CASE("server urls: IPv6 literals and host headers") {
  auto u = parse_server_url("https://[fd00::5]:8443/");
  REQUIRE(u);
  CHECK(u->host == "fd00::5");
  CHECK(u->port == 8443);
  CHECK(u->host_header() == "[fd00::5]:8443");
  auto v = parse_server_url("https://box.local");
  REQUIRE(v);
  CHECK(v->host_header() == "box.local:443");
  CHECK_FALSE(parse_server_url("https://[fd00::5"));
  CHECK_FALSE(parse_server_url("https://user@box"));
  CHECK_FALSE(parse_server_url("https://box:84x3"));
}

TEST_CASE("the data folder holds the key, certificates and spool") {
  const auto f = kiosk_files("/var/lib/classbook-kiosk");
  CHECK(f.key == "/var/lib/classbook-kiosk/kiosk.key");
  CHECK(f.certificate == "/var/lib/classbook-kiosk/kiosk.crt");
  CHECK(f.ca == "/var/lib/classbook-kiosk/ca.crt");
  CHECK(f.spool == "/var/lib/classbook-kiosk/spool.sqlite");
}

TEST_CASE("the shipped example config parses and says what the defaults are") {
  std::ifstream in(CLASSBOOK_KIOSK_EXAMPLE);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  auto c = parse_kiosk_config(text.str(), "/etc/classbook-kiosk/kiosk.conf");
  REQUIRE(c);
  CHECK(c->server.host == "box.school.local");
  CHECK(c->screen_port == default_screen_port);
  CHECK(c->readers.profiles_dir == default_profiles_dir);
  const Timing defaults;
  CHECK(c->timing.online_answer == defaults.online_answer);
  CHECK(c->timing.hall_idle == defaults.hall_idle);
  CHECK(c->timing.request_timeout == defaults.request_timeout);
  CHECK_FALSE(c->printer.prints());  // an entrance kiosk prints nothing
}
