// Tests of classbookd.toml: the example in the repo reads as documented, the defaults hold without
// a file, and each kind of mistake is refused with the file, the line and what to write instead.
#include <catch2/catch.hpp>

#include <string>

#include "config/daemon_config.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::config;

namespace {
// The message of a refused text, for the checks below ("" when it was accepted).
std::string refusal(const std::string& text) {
  auto c = parse_daemon_config(text, "classbookd.toml");
  return c ? std::string{} : c.error().message;
}
}  // namespace

TEST_CASE("the example in the repo reads as it says") {
  auto c = read_daemon_config(CLASSBOOK_EXAMPLE_CONFIG, true);
  REQUIRE(c);
  CHECK(c->server.port == 8443);
  CHECK_FALSE(c->server.data);  // commented out: the built-in default
  CHECK(c->sign_in.one_time_password_days == 14);
  CHECK(c->kiosk.prints_per_day == 3);
  CHECK(c->printing.cups_server.empty());
  REQUIRE(c->printing.queues.size() == 2);
  CHECK(c->printing.default_queue == "office");
  const auto* office = c->printing.find("office");
  REQUIRE(office);
  CHECK(office->destination == "Office_Laser");
  CHECK(office->label == "Канцелярия");
  CHECK(c->printing.find("staffroom")->destination == "Staffroom_MFP");
  CHECK_FALSE(c->printing.find("hall"));
  const auto said = describe(*c);
  CHECK(said.find("office → CUPS queue Office_Laser (\"Канцелярия\"), the default") != std::string::npos);
}

TEST_CASE("no file at the default path means the defaults, and a file named but missing is an error") {
  test::TempDir dir;
  auto none = read_daemon_config(dir.file("classbookd.toml"), false);
  REQUIRE(none);
  CHECK(none->file.empty());
  CHECK(none->printing.queues.empty());
  CHECK_FALSE(none->server.port);
  CHECK(describe(*none).find("no queues") != std::string::npos);
  auto named = read_daemon_config(dir.file("classbookd.toml"), true);
  REQUIRE_FALSE(named);
  CHECK(named.error().id.view() == "config.missing");
  CHECK(named.error().message.find("no such file") != std::string::npos);
}

TEST_CASE("one queue is the default without saying so, and a queue is labelled with its name by default") {
  auto c = parse_daemon_config("[printing]\ncups_server = \"127.0.0.1:6310\"\n[printing.queues.hall]\ndestination = \"Hall\"\n",
                               "classbookd.toml");
  REQUIRE(c);
  CHECK(c->printing.cups_server == "127.0.0.1:6310");
  CHECK(c->printing.default_queue == "hall");
  CHECK(c->printing.queues.at(0).label == "hall");
}

TEST_CASE("every mistake names the file, the line and what to write") {
  // Not TOML at all.
  CHECK(refusal("[server]\nport = \n") == "classbookd.toml:2: this is not valid TOML: missing value after key-value separator '='");
  CHECK(refusal("[server]\nport = 1\nport = 2\n").starts_with("classbookd.toml:3: this is not valid TOML: "));
  // A typo in a key or a section.
  CHECK(refusal("[server]\nprot = 8443\n") == "classbookd.toml:2: unknown setting 'server.prot'; check its spelling and section");
  CHECK(refusal("[printer]\ndefault_queue = \"office\"\n") ==
        "classbookd.toml:2: unknown setting 'printer.default_queue'; check its spelling and section");
  // Values out of range or of the wrong kind.
  CHECK(refusal("[server]\nport = 70000\n") == "classbookd.toml:2: server.port must be a whole number from 1 to 65535, not '70000'");
  CHECK(refusal("\n[server]\nport = \"https\"\n") == "classbookd.toml:3: server.port must be a whole number from 1 to 65535, not 'https'");
  CHECK(refusal("[kiosk]\nprints_per_day = 51\n") ==
        "classbookd.toml:2: kiosk.prints_per_day must be a whole number from 0 to 50, not '51'");
  CHECK(refusal("[sign_in]\none_time_password_days = 0\n") ==
        "classbookd.toml:2: sign_in.one_time_password_days must be a whole number from 1 to 365, not '0'");
  CHECK(refusal("[server]\ndata = \"var/lib\"\n") ==
        "classbookd.toml:2: server.data must be an absolute path (such as /var/lib/classbook), not 'var/lib'");
  CHECK(refusal("[server]\nlisten = \"\"\n") == "classbookd.toml:2: server.listen is empty: give a value or leave the line out");
  CHECK(refusal("[server]\nlisten = [\"a\", \"b\"]\n") ==
        "classbookd.toml:2: server.listen must be a single value: text in quotes, a whole number, or true/false");
  // Queues.
  CHECK(refusal("[printing]\nqueues = \"office\"\n") ==
        "classbookd.toml:2: each queue is a table of its own: [printing.queues.NAME] with destination = \"the CUPS queue's name\"");
  CHECK(refusal("[printing.queues]\noffice = \"Office_Laser\"\n") ==
        "classbookd.toml:2: each queue is a table of its own: [printing.queues.office] with destination = \"the CUPS queue's name\"");
  CHECK(refusal("[printing.queues.Office]\ndestination = \"X\"\n") ==
        "classbookd.toml:2: the queue name 'Office' may hold only lowercase letters, digits, _ and -, up to 32 "
        "(users and the API pick a printer by it)");
  CHECK(refusal("[printing.queues.office]\nlabel = \"Канцелярия\"\n") ==
        "classbookd.toml:2: [printing.queues.office] needs destination = \"the CUPS queue's name\" (`lpstat -p` lists them)");
  CHECK(refusal("[printing.queues.office]\ndestination = \"Office Laser\"\n") ==
        "classbookd.toml:2: printing.queues.office.destination must be a CUPS queue's name (no spaces, quotes, / \\ or #, "
        "up to 127 characters), not 'Office Laser'");
  CHECK(refusal("[printing.queues.office]\ndestination = \"A\"\ncolour = true\n") ==
        "classbookd.toml:3: unknown setting 'printing.queues.office.colour'; check its spelling and section");
  // The default queue.
  CHECK(refusal("[printing]\ndefault_queue = \"ofice\"\n[printing.queues.office]\ndestination = \"A\"\n"
                "[printing.queues.hall]\ndestination = \"B\"\n") ==
        "classbookd.toml:2: printing.default_queue is 'ofice', which names no queue; the queues are hall, office");
  CHECK(refusal("[printing]\ndefault_queue = \"office\"\n") ==
        "classbookd.toml:2: printing.default_queue is 'office' but no queue is set up: add [printing.queues.office] with "
        "destination = \"the CUPS queue's name\"");
  CHECK(refusal("[printing.queues.office]\ndestination = \"A\"\n[printing.queues.hall]\ndestination = \"B\"\n") ==
        "classbookd.toml: printing.default_queue is missing: say which of hall, office prints when a user chooses none");
}
