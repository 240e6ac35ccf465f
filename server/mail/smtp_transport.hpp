// smtp_transport: the real MailTransport — RFC 5321 to the school's relay: EHLO, STARTTLS (OpenSSL,
// the relay's certificate checked against the system's trust store or a CA file and its name),
// AUTH PLAIN or LOGIN, MAIL/RCPT/DATA with dot-stuffing, QUIT. One connection per message: a
// school sends a few hundred notices a day, and a fresh connection never inherits a stuck one.
// OpenSSL stays inside the .cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "mail/mail_transport.hpp"

namespace classbook::mail {

// Each wait of the dialogue has its own limit (RFC 5321 4.5.3.2 suggests minutes; a relay on the
// school's network answers in milliseconds, and a sender stuck for ten minutes helps nobody).
struct SmtpTimeouts {
  std::chrono::milliseconds connect{10'000};     // TCP connect and the TLS handshake
  std::chrono::milliseconds reply{30'000};       // the greeting and each command's reply
  std::chrono::milliseconds data_end{120'000};   // the reply to the final "." (the relay may scan the message)
};

struct SmtpSettings {
  std::string host;
  std::uint16_t port = 587;
  bool starttls = true;           // false only for a relay on loopback (config refuses anything else)
  std::string username;           // "" sends no AUTH
  std::string password;
  std::string ca_file;            // PEM; "" trusts the system's store
  std::string helo_name = "classbook.local";
  SmtpTimeouts timeouts;
};

std::unique_ptr<MailTransport> smtp_transport(SmtpSettings settings);

}  // namespace classbook::mail
