// Tests of classbookd.toml's [mail] section: the example's values, the defaults, and each mistake
// refused with the key and what to write.
#include <catch2/catch.hpp>

#include <fstream>

#include "config/daemon_config.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::config;

namespace {
Result<DaemonConfig> parse(const std::string& text) { return parse_daemon_config(text, "test.toml"); }
const char* minimal = "[mail]\nhost = \"smtp.example.ru\"\nfrom = \"journal@school.example\"\n";
}  // namespace

TEST_CASE("the example's [mail] section") {
  auto c = read_daemon_config(CLASSBOOK_EXAMPLE_CONFIG, true);
  REQUIRE(c);
  const auto& m = c->mail;
  CHECK(m.configured);
  CHECK(m.host == "smtp.example.ru");
  CHECK(m.port == 587);
  CHECK(m.starttls);
  CHECK(m.password_file == "/etc/classbook/mail-password");
  CHECK(m.digest_minute == 18 * 60);
  CHECK_THAT(describe(*c), Catch::Contains("mail: relay smtp.example.ru:587, STARTTLS required"));
}

TEST_CASE("no [mail] section: no relay - a minimal one: submission with STARTTLS at 18:00") {
  auto none = parse("[server]\nport = 8443\n");
  REQUIRE(none);
  CHECK_FALSE(none->mail.configured);
  auto c = parse(minimal);
  REQUIRE(c);
  CHECK(c->mail.configured);
  CHECK(c->mail.port == 587);
  CHECK(c->mail.starttls);
  CHECK(c->mail.username.empty());
  CHECK(c->mail.digest_minute == 18 * 60);
}

TEST_CASE("starttls = none only for a relay on loopback, then port 25") {
  auto far = parse(std::string(minimal) + "starttls = \"none\"\n");
  REQUIRE_FALSE(far);
  CHECK_THAT(far.error().message, Catch::Contains("test.toml:4") && Catch::Contains("only for a relay on this machine"));
  auto near = parse("[mail]\nhost = \"127.0.0.1\"\nfrom = \"journal@school.example\"\nstarttls = \"none\"\n");
  REQUIRE(near);
  CHECK_FALSE(near->mail.starttls);
  CHECK(near->mail.port == 25);
  CHECK_FALSE(parse(std::string(minimal) + "starttls = \"optional\"\n"));
}

TEST_CASE("each mistake in [mail] is refused") {
  CHECK_THAT(parse("[mail]\nfrom = \"a@b.example\"\n").error().message, Catch::Contains("needs host"));
  CHECK_THAT(parse("[mail]\nhost = \"smtp.example.ru\"\n").error().message, Catch::Contains("mail.from"));
  CHECK_FALSE(parse(std::string(minimal) + "digest_at = \"25:00\"\n"));
  CHECK_FALSE(parse(std::string(minimal) + "digest_at = \"6pm\"\n"));
  CHECK_THAT(parse(std::string(minimal) + "username = \"u\"\npassword = \"p\"\npassword_file = \"/x\"\n").error().message,
             Catch::Contains("not both"));
  CHECK_THAT(parse(std::string(minimal) + "password = \"p\"\n").error().message, Catch::Contains("mail.username"));
  CHECK_FALSE(parse(std::string(minimal) + "ca_file = \"relative.pem\"\n"));
  CHECK_FALSE(parse(std::string(minimal) + "relay = \"x\"\n"));  // unknown key
  auto at = parse(std::string(minimal) + "digest_at = \"07:30\"\n");
  REQUIRE(at);
  CHECK(at->mail.digest_minute == 7 * 60 + 30);
}

TEST_CASE("the password comes from password_file's first line") {
  test::TempDir dir;
  const auto file = dir.file("pw");
  std::ofstream(file) << "s3cret-пароль\nignored\n";
  MailSection m;
  m.password_file = file;
  auto p = mail_password(m);
  REQUIRE(p);
  CHECK(*p == "s3cret-пароль");
  m.password_file = dir.file("missing");
  CHECK_FALSE(mail_password(m));
  m.password_file.clear();
  m.password = "inline";
  CHECK(*mail_password(m) == "inline");
}
