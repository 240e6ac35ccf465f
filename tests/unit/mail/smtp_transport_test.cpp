// Tests of the SMTP client against a scripted relay on loopback: the whole dialogue in the clear
// and after STARTTLS (the relay's certificate from a CA given as ca_file, a wrong CA refused), AUTH
// PLAIN and LOGIN, dot-stuffing, a 4xx to try later, a 5xx refused for good with the relay's words,
// a relay that is gone or silent.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fstream>
#include <functional>
#include <map>
#include <thread>

#include "classbook/common/pki.hpp"
#include "mail/message.hpp"
#include "mail/smtp_transport.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::mail;
using namespace std::chrono_literals;
using Kind = SendOutcome::Kind;

namespace {

// A relay that answers each command by the first word, from a table the test fills. It serves one
// connection and remembers every line it got and the message of DATA.
class ScriptedRelay {
 public:
  std::map<std::string, std::string> answers{{"EHLO", "250-relay.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME"},
                                             {"AUTH", "235 ok"},
                                             {"MAIL", "250 sender ok"},
                                             {"RCPT", "250 recipient ok"},
                                             {"DATA", "354 go ahead"},
                                             {".", "250 queued as 42"},
                                             {"QUIT", "221 bye"}};
  std::string greeting = "220 relay.test ESMTP";
  bool silent = false;            // accept and say nothing
  KeyAndCert tls;                 // for STARTTLS (empty: not offered)
  std::vector<std::string> lines;  // what the client sent, outside DATA
  std::string data;               // the DATA text as it came (dot-stuffed), without the final "."

  ScriptedRelay() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    REQUIRE(::listen(fd_, 1) == 0);
  }
  ~ScriptedRelay() {
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) ::close(fd_);
  }
  void start() {
    thread_ = std::thread([this] { serve(); });
  }
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port = 0;

 private:
  void serve() {
    int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) return;
    timeval tv{5, 0};
    ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (silent) {
      char b[16];
      while (::recv(c, b, sizeof b, 0) > 0) {
      }
      ::close(c);
      return;
    }
    conn_ = c;
    say(greeting);
    bool in_data = false;
    std::string line;
    while (read_line(line)) {
      if (in_data) {
        if (line == ".") {
          in_data = false;
          say(answers["."]);
          continue;
        }
        data += line + "\r\n";
        continue;
      }
      lines.push_back(line);
      const auto verb = line.substr(0, line.find(' '));
      if (verb == "STARTTLS" && !tls.cert_pem.empty()) {
        say("220 ready");
        if (!start_tls()) break;
        continue;
      }
      if (verb == "EHLO" && !tls.cert_pem.empty() && !ssl_) {
        say("250-relay.test\r\n250-STARTTLS\r\n250 8BITMIME");
        continue;
      }
      if (verb == "AUTH" && line == "AUTH LOGIN") {
        say("334 VXNlcm5hbWU6");
        std::string user, pass;
        if (!read_line(user)) break;
        lines.push_back(user);
        say("334 UGFzc3dvcmQ6");
        if (!read_line(pass)) break;
        lines.push_back(pass);
        say(answers["AUTH"]);
        continue;
      }
      const auto it = answers.find(verb);
      say(it == answers.end() ? "502 unknown" : it->second);
      if (verb == "DATA" && it != answers.end() && it->second.starts_with("354")) in_data = true;
      if (verb == "QUIT") break;
    }
    if (ssl_) {
      SSL_shutdown(ssl_);
      SSL_free(ssl_);
      SSL_CTX_free(ctx_);
    }
    ::close(c);
  }

  bool start_tls() {
    ctx_ = SSL_CTX_new(TLS_server_method());
    BIO* kb = BIO_new_mem_buf(tls.key_pem.data(), static_cast<int>(tls.key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    BIO_free(kb);
    BIO* cb = BIO_new_mem_buf(tls.cert_pem.data(), static_cast<int>(tls.cert_pem.size()));
    X509* cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    BIO_free(cb);
    SSL_CTX_use_certificate(ctx_, cert);
    SSL_CTX_use_PrivateKey(ctx_, key);
    X509_free(cert);
    EVP_PKEY_free(key);
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, conn_);
    return SSL_accept(ssl_) == 1;
  }

  void say(const std::string& reply) {
    const auto text = reply + "\r\n";
    if (ssl_) SSL_write(ssl_, text.data(), static_cast<int>(text.size()));
    else (void)::send(conn_, text.data(), text.size(), MSG_NOSIGNAL);
  }

  bool read_line(std::string& line) {
    for (;;) {
      const auto eol = buffer_.find("\r\n");
      if (eol != std::string::npos) {
        line = buffer_.substr(0, eol);
        buffer_.erase(0, eol + 2);
        return true;
      }
      char b[4096];
      const long n = ssl_ ? SSL_read(ssl_, b, sizeof b) : ::recv(conn_, b, sizeof b, 0);
      if (n <= 0) return false;
      buffer_.append(b, static_cast<std::size_t>(n));
    }
  }

  int fd_ = -1;
  int conn_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string buffer_;
  std::thread thread_;
};

SmtpSettings plain_settings(std::uint16_t port) {
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = port;
  s.starttls = false;
  s.username = "journal";
  s.password = "pa55-слово";
  s.timeouts = {2000ms, 2000ms, 2000ms};
  return s;
}

OutgoingMail sample_mail() {
  return {"journal@school.example", "olga@example.ru",
          "Subject: test\r\n\r\n.first line starts with a dot\r\nsecond\r\n..two dots\r\n"};
}

struct TestPki {
  KeyAndCert ca, server, other_ca;
  test::TempDir dir;
  std::string ca_file, other_ca_file;
  TestPki() {
    auto c = make_ca("Relay test CA", 30);
    REQUIRE(c);
    ca = *c;
    auto s = make_server_cert(ca, "localhost", {"localhost"}, {"127.0.0.1"}, 30);
    REQUIRE(s);
    server = *s;
    auto o = make_ca("Someone else's CA", 30);
    REQUIRE(o);
    other_ca = *o;
    ca_file = dir.file("ca.crt");
    other_ca_file = dir.file("other.crt");
    std::ofstream(ca_file) << ca.cert_pem;
    std::ofstream(other_ca_file) << other_ca.cert_pem;
  }
};

}  // namespace

TEST_CASE("the whole dialogue in the clear with AUTH PLAIN - the message dot-stuffed on the wire") {
  ScriptedRelay relay;
  relay.start();
  auto t = smtp_transport(plain_settings(relay.port));
  const auto o = t->send(sample_mail());
  relay.join();
  CHECK(o.kind == Kind::sent);
  CHECK(o.reply_code == 250);
  REQUIRE(relay.lines.size() >= 6);
  CHECK(relay.lines[0] == "EHLO classbook.local");
  REQUIRE(relay.lines[1].rfind("AUTH PLAIN ", 0) == 0);
  std::string creds;
  REQUIRE(base64_decode(relay.lines[1].substr(11), creds));
  CHECK(creds == std::string(1, '\0') + "journal" + std::string(1, '\0') + "pa55-слово");
  CHECK(relay.lines[2] == "MAIL FROM:<journal@school.example>");
  CHECK(relay.lines[3] == "RCPT TO:<olga@example.ru>");
  CHECK(relay.lines[4] == "DATA");
  CHECK(relay.lines[5] == "QUIT");
  CHECK(relay.data == "Subject: test\r\n\r\n..first line starts with a dot\r\nsecond\r\n...two dots\r\n");
}

TEST_CASE("STARTTLS with the relay's CA as ca_file, then EHLO again and AUTH LOGIN") {
  TestPki pki;
  ScriptedRelay relay;
  relay.tls = pki.server;
  relay.answers["EHLO"] = "250-relay.test\r\n250 AUTH LOGIN";
  relay.start();
  auto s = plain_settings(relay.port);
  s.starttls = true;
  s.ca_file = pki.ca_file;
  const auto o = smtp_transport(s)->send(sample_mail());
  relay.join();
  CHECK(o.kind == Kind::sent);
  REQUIRE(relay.lines.size() >= 6);
  CHECK(relay.lines[0] == "EHLO classbook.local");
  CHECK(relay.lines[1] == "STARTTLS");
  CHECK(relay.lines[2] == "EHLO classbook.local");
  CHECK(relay.lines[3] == "AUTH LOGIN");
  std::string user;
  REQUIRE(base64_decode(relay.lines[4], user));
  CHECK(user == "journal");
}

TEST_CASE("a relay whose certificate our CA did not sign is refused before any password") {
  TestPki pki;
  ScriptedRelay relay;
  relay.tls = pki.server;
  relay.start();
  auto s = plain_settings(relay.port);
  s.starttls = true;
  s.ca_file = pki.other_ca_file;
  const auto o = smtp_transport(s)->send(sample_mail());
  relay.join();
  CHECK(o.kind == Kind::relay_unavailable);
  CHECK_THAT(o.reason, Catch::Contains("certificate"));
  for (const auto& l : relay.lines) CHECK(l.rfind("AUTH", 0) != 0);
}

TEST_CASE("STARTTLS required but not offered: nothing is sent") {
  ScriptedRelay relay;
  relay.start();
  auto s = plain_settings(relay.port);
  s.starttls = true;
  const auto o = smtp_transport(s)->send(sample_mail());
  relay.join();
  CHECK(o.kind == Kind::relay_unavailable);
  CHECK_THAT(o.reason, Catch::Contains("STARTTLS"));
  CHECK(relay.data.empty());
}

TEST_CASE("a 4xx for the recipient is to be tried later, with the relay's words") {
  ScriptedRelay relay;
  relay.answers["RCPT"] = "450 4.2.1 mailbox busy, try again";
  relay.start();
  const auto o = smtp_transport(plain_settings(relay.port))->send(sample_mail());
  relay.join();
  CHECK(o.kind == Kind::retry_later);
  CHECK(o.reply_code == 450);
  CHECK_THAT(o.reason, Catch::Contains("mailbox busy"));
}

TEST_CASE("a 5xx for the recipient or the message is refused for good, with the reason") {
  SECTION("RCPT") {
    ScriptedRelay relay;
    relay.answers["RCPT"] = "550 5.1.1 <olga@example.ru>: no such user";
    relay.start();
    const auto o = smtp_transport(plain_settings(relay.port))->send(sample_mail());
    relay.join();
    CHECK(o.kind == Kind::rejected);
    CHECK(o.reply_code == 550);
    CHECK_THAT(o.reason, Catch::Contains("no such user") && Catch::Contains("olga@example.ru"));
  }
  SECTION("the end of DATA") {
    ScriptedRelay relay;
    relay.answers["."] = "554 5.7.1 message refused as spam";
    relay.start();
    const auto o = smtp_transport(plain_settings(relay.port))->send(sample_mail());
    relay.join();
    CHECK(o.kind == Kind::rejected);
    CHECK(o.reply_code == 554);
  }
}

TEST_CASE("wrong credentials keep every message waiting: the relay, not the message, is at fault") {
  ScriptedRelay relay;
  relay.answers["AUTH"] = "535 5.7.8 authentication failed";
  relay.start();
  const auto o = smtp_transport(plain_settings(relay.port))->send(sample_mail());
  relay.join();
  CHECK(o.kind == Kind::relay_unavailable);
  CHECK_THAT(o.reason, Catch::Contains("user name or password"));
}

TEST_CASE("a relay that is gone or silent is unavailable, within the time-outs") {
  SECTION("nobody listens") {
    std::uint16_t port;
    {
      ScriptedRelay closed;  // bound, then closed: the port refuses
      port = closed.port;
    }
    const auto o = smtp_transport(plain_settings(port))->send(sample_mail());
    CHECK(o.kind == Kind::relay_unavailable);
    CHECK_THAT(o.reason, Catch::Contains("could not be reached"));
  }
  SECTION("it accepts and says nothing") {
    ScriptedRelay relay;
    relay.silent = true;
    relay.start();
    auto s = plain_settings(relay.port);
    s.timeouts.reply = 300ms;
    const auto started = std::chrono::steady_clock::now();
    const auto o = smtp_transport(s)->send(sample_mail());
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    CHECK(o.kind == Kind::relay_unavailable);
    CHECK_THAT(o.reason, Catch::Contains("did not answer in time"));
  }
}
