// smtp_transport: see the header. A blocking dialogue on a non-blocking socket: every wait is a
// poll() with the deadline of its step, so a silent relay costs at most that step's time-out.
#include "mail/smtp_transport.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "mail/message.hpp"

namespace classbook::mail {
namespace {

using Clock = std::chrono::steady_clock;
using Kind = SendOutcome::Kind;

constexpr std::size_t max_reply_bytes = 64 * 1024;  // a reply longer than this is not SMTP
constexpr std::size_t read_chunk = 4096;

struct Reply {
  int code = 0;        // 0: no reply (time-out, closed, garbage)
  std::string text;    // the reply's lines, joined by " / "
  std::string failure; // why there was no reply
};

std::string openssl_error() {
  const auto e = ERR_get_error();
  if (!e) return "unknown TLS error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

bool is_ip_address(const std::string& host) {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// One connection: the socket and, after STARTTLS, the TLS session on it.
class Link {
 public:
  ~Link() {
    if (ssl_) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }

  std::optional<std::string> connect(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const auto port_text = std::to_string(port);
    if (int rc = ::getaddrinfo(host.c_str(), port_text.c_str(), &hints, &found); rc != 0)
      return "the relay's name " + host + " could not be resolved (" + gai_strerror(rc) + ")";
    std::string last = "no address";
    for (auto* a = found; a; a = a->ai_next) {
      int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
      if (rc != 0 && errno == EINPROGRESS) {
        if (wait_fd(fd, POLLOUT, deadline)) {
          int err = 0;
          socklen_t len = sizeof err;
          ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
          rc = err == 0 ? 0 : -1;
          errno = err;
        } else {
          errno = ETIMEDOUT;
        }
      }
      if (rc == 0) {
        fd_ = fd;
        ::freeaddrinfo(found);
        return std::nullopt;
      }
      last = std::strerror(errno);
      ::close(fd);
    }
    ::freeaddrinfo(found);
    return "the relay " + host + ":" + port_text + " could not be reached (" + last + ")";
  }

  std::optional<std::string> start_tls(SSL_CTX* ctx, const std::string& host, Clock::time_point deadline) {
    ssl_ = SSL_new(ctx);
    if (!ssl_) return "TLS could not be set up: " + openssl_error();
    SSL_set_fd(ssl_, fd_);
    if (is_ip_address(host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl_, host.c_str());
      SSL_set1_host(ssl_, host.c_str());
    }
    for (;;) {
      ERR_clear_error();
      const int rc = SSL_connect(ssl_);
      if (rc == 1) return std::nullopt;
      const int err = SSL_get_error(ssl_, rc);
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
        if (!wait_fd(fd_, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) return "the TLS handshake timed out";
        continue;
      }
      const long verify = SSL_get_verify_result(ssl_);
      if (verify != X509_V_OK)
        return std::string("the relay's certificate was not accepted (") + X509_verify_cert_error_string(verify) +
               "); give its CA as [mail] ca_file or fix the relay's certificate";
      return "the TLS handshake with the relay failed: " + openssl_error();
    }
  }

  bool secure() const { return ssl_ != nullptr; }

  // Writes it all or says why not.
  std::optional<std::string> write(std::string_view data, Clock::time_point deadline) {
    while (!data.empty()) {
      long n;
      int want = POLLOUT;
      if (ssl_) {
        ERR_clear_error();
        n = SSL_write(ssl_, data.data(), static_cast<int>(data.size()));
        if (n <= 0) {
          const int err = SSL_get_error(ssl_, static_cast<int>(n));
          if (err == SSL_ERROR_WANT_READ) want = POLLIN;
          else if (err != SSL_ERROR_WANT_WRITE) return "the connection to the relay broke while sending";
          n = -1;
        }
      } else {
        n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
          return std::string("the connection to the relay broke while sending (") + std::strerror(errno) + ")";
      }
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (!wait_fd(fd_, want, deadline)) return "the relay did not take what was sent in time";
    }
    return std::nullopt;
  }

  // One reply, multi-line replies joined ("250-a", "250 b").
  Reply read_reply(Clock::time_point deadline) {
    Reply r;
    for (;;) {
      const auto eol = buffer_.find("\r\n");
      if (eol == std::string::npos) {
        if (buffer_.size() > max_reply_bytes) return fail(r, "the relay's reply was too long");
        if (auto why = fill(deadline)) return fail(r, *why);
        continue;
      }
      const auto line = buffer_.substr(0, eol);
      buffer_.erase(0, eol + 2);
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
          !std::isdigit(static_cast<unsigned char>(line[1])) || !std::isdigit(static_cast<unsigned char>(line[2])))
        return fail(r, "the relay answered something that is not SMTP: " + line.substr(0, 80));
      if (!r.text.empty()) r.text += " / ";
      r.text += line.size() > 4 ? line.substr(4) : "";
      if (line.size() == 3 || line[3] == ' ') {
        r.code = std::stoi(line.substr(0, 3));
        return r;
      }
    }
  }

 private:
  static bool wait_fd(int fd, int events, Clock::time_point deadline) {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{fd, static_cast<short>(events), 0};
      const int rc = ::poll(&p, 1, static_cast<int>(left));
      if (rc > 0) return true;
      if (rc < 0 && errno != EINTR) return false;
    }
  }

  static Reply fail(Reply r, std::string why) {
    r.code = 0;
    r.failure = std::move(why);
    return r;
  }

  std::optional<std::string> fill(Clock::time_point deadline) {
    char buf[read_chunk];
    for (;;) {
      long n;
      int want = POLLIN;
      if (ssl_) {
        ERR_clear_error();
        n = SSL_read(ssl_, buf, sizeof buf);
        if (n <= 0) {
          const int err = SSL_get_error(ssl_, static_cast<int>(n));
          if (err == SSL_ERROR_WANT_WRITE) want = POLLOUT;
          else if (err != SSL_ERROR_WANT_READ) return "the relay closed the connection";
          n = -1;
        }
      } else {
        n = ::recv(fd_, buf, sizeof buf, 0);
        if (n == 0) return "the relay closed the connection";
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
          return std::string("the connection to the relay broke (") + std::strerror(errno) + ")";
      }
      if (n > 0) {
        buffer_.append(buf, static_cast<std::size_t>(n));
        return std::nullopt;
      }
      if (!wait_fd(fd_, want, deadline)) return "the relay did not answer in time";
    }
  }

  int fd_ = -1;
  SSL* ssl_ = nullptr;
  std::string buffer_;
};

struct Extensions {
  bool starttls = false;
  bool auth_plain = false;
  bool auth_login = false;
};

Extensions read_extensions(const std::string& ehlo_text) {
  Extensions e;
  std::string upper;
  for (char c : ehlo_text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::size_t start = 0;
  while (start <= upper.size()) {
    auto end = upper.find(" / ", start);
    if (end == std::string::npos) end = upper.size();
    const auto line = upper.substr(start, end - start);
    if (line == "STARTTLS") e.starttls = true;
    if (line.starts_with("AUTH ") || line.starts_with("AUTH=")) {
      const auto padded = " " + line.substr(5) + " ";
      if (padded.find(" PLAIN ") != std::string::npos) e.auth_plain = true;
      if (padded.find(" LOGIN ") != std::string::npos) e.auth_login = true;
    }
    start = end + 3;
  }
  return e;
}

SendOutcome outcome(Kind kind, int code, std::string reason) { return SendOutcome{kind, code, std::move(reason)}; }

std::string said(const Reply& r) { return std::to_string(r.code) + " " + r.text; }

// The relay's answer about the message itself: 4xx later, 5xx never.
SendOutcome about_message(const Reply& r, const std::string& what) {
  if (r.code >= 500) return outcome(Kind::rejected, r.code, "the relay refused " + what + ": " + said(r));
  return outcome(Kind::retry_later, r.code, "the relay asked to try " + what + " later: " + said(r));
}

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings s) : s_(std::move(s)) {
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (!ctx_) {
      setup_error_ = "TLS could not be set up: " + openssl_error();
      return;
    }
    SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    const int ok = s_.ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx_)
                                      : SSL_CTX_load_verify_locations(ctx_, s_.ca_file.c_str(), nullptr);
    if (ok != 1)
      setup_error_ = s_.ca_file.empty() ? "the system's trust store could not be read: " + openssl_error()
                                        : "[mail] ca_file " + s_.ca_file + " could not be read as PEM certificates: " + openssl_error();
  }
  ~SmtpTransport() override {
    if (ctx_) SSL_CTX_free(ctx_);
  }

  SendOutcome send(const OutgoingMail& mail) override {
    if (!setup_error_.empty()) return outcome(Kind::relay_unavailable, 0, setup_error_);
    Link link;
    const auto& t = s_.timeouts;
    if (auto why = link.connect(s_.host, s_.port, Clock::now() + t.connect)) return outcome(Kind::relay_unavailable, 0, *why);
    auto step = [&] { return Clock::now() + t.reply; };
    auto unavailable = [](const Reply& r, const std::string& what) {
      if (r.code == 0) return outcome(Kind::relay_unavailable, 0, r.failure + " (" + what + ")");
      return outcome(Kind::relay_unavailable, r.code, "the relay answered " + said(r) + " to " + what);
    };
    auto command = [&](const std::string& line, Clock::time_point deadline) -> Reply {
      if (auto why = link.write(line + "\r\n", deadline)) return Reply{0, "", *why};
      return link.read_reply(deadline);
    };

    auto r = link.read_reply(step());
    if (r.code != 220) return unavailable(r, "the greeting");
    r = command("EHLO " + s_.helo_name, step());
    if (r.code != 250) return unavailable(r, "EHLO");
    auto ext = read_extensions(r.text);
    if (s_.starttls) {
      if (!ext.starttls)
        return outcome(Kind::relay_unavailable, 0, "the relay does not offer STARTTLS, and [mail] starttls is \"required\"");
      r = command("STARTTLS", step());
      if (r.code != 220) return unavailable(r, "STARTTLS");
      if (auto why = link.start_tls(ctx_, s_.host, Clock::now() + t.connect)) return outcome(Kind::relay_unavailable, 0, *why);
      // RFC 3207: what the relay said before TLS is forgotten; ask again.
      r = command("EHLO " + s_.helo_name, step());
      if (r.code != 250) return unavailable(r, "EHLO after STARTTLS");
      ext = read_extensions(r.text);
    }
    if (!s_.username.empty()) {
      if (auto refused = authenticate(link, ext, command, step)) return *refused;
    }
    r = command("MAIL FROM:<" + mail.from + ">", step());
    if (r.code != 250) {
      if (r.code >= 500)
        return outcome(Kind::relay_unavailable, r.code, "the relay refused the sender address " + mail.from + ": " + said(r) +
                                                            "; check [mail] from");
      return unavailable(r, "MAIL FROM");
    }
    r = command("RCPT TO:<" + mail.to + ">", step());
    if (r.code == 0) return unavailable(r, "RCPT TO");
    if (r.code != 250 && r.code != 251) return about_message(r, "the address " + mail.to);
    r = command("DATA", step());
    if (r.code == 0) return unavailable(r, "DATA");
    if (r.code != 354) return about_message(r, "the message");
    std::string data = dot_stuff(mail.text);
    if (!data.ends_with("\r\n")) data += "\r\n";
    data += ".\r\n";
    const auto end = Clock::now() + t.data_end;
    if (auto why = link.write(data, end)) return outcome(Kind::relay_unavailable, 0, *why + " (the message)");
    r = link.read_reply(end);
    // No reply after the whole message: the relay may have taken it. It stays queued and goes again
    // with the same Message-ID (docs/mail.md, "Sent once").
    if (r.code == 0) return unavailable(r, "the end of the message");
    if (r.code != 250) return about_message(r, "the message");
    (void)command("QUIT", step());  // the message is the relay's now, whatever QUIT gets
    return outcome(Kind::sent, 250, "accepted: " + r.text);
  }

 private:
  template <class Command, class Step>
  std::optional<SendOutcome> authenticate(Link& link, const Extensions& ext, Command& command, Step& step) {
    if (!link.secure() && s_.starttls)
      return outcome(Kind::relay_unavailable, 0, "refusing to send the password without TLS");
    auto refused = [](const Reply& r) {
      if (r.code == 0) return outcome(Kind::relay_unavailable, 0, r.failure + " (AUTH)");
      return outcome(Kind::relay_unavailable, r.code,
                     "the relay refused the user name or password (" + said(r) + "); check [mail] username and password");
    };
    if (ext.auth_plain) {
      const std::string creds = std::string(1, '\0') + s_.username + std::string(1, '\0') + s_.password;
      const auto r = command("AUTH PLAIN " + base64(creds), step());
      if (r.code != 235) return refused(r);
      return std::nullopt;
    }
    if (ext.auth_login) {
      auto r = command("AUTH LOGIN", step());
      if (r.code != 334) return refused(r);
      r = command(base64(s_.username), step());
      if (r.code != 334) return refused(r);
      r = command(base64(s_.password), step());
      if (r.code != 235) return refused(r);
      return std::nullopt;
    }
    return outcome(Kind::relay_unavailable, 0, "the relay offers neither AUTH PLAIN nor AUTH LOGIN, and [mail] username is set");
  }

  SmtpSettings s_;
  SSL_CTX* ctx_ = nullptr;
  std::string setup_error_;
};

}  // namespace

std::unique_ptr<MailTransport> smtp_transport(SmtpSettings settings) {
  return std::make_unique<SmtpTransport>(std::move(settings));
}

}  // namespace classbook::mail
