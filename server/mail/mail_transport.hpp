// mail_transport: the e-mail boundary — one message handed to a relay, and what the relay said.
// The real adapter speaks SMTP (smtp_transport.hpp); FakeMailTransport stands in for it in tests.
#pragma once

#include <string>

namespace classbook::mail {

// One message on its way: the envelope (RFC 5321's MAIL FROM and RCPT TO) and the whole RFC 5322
// text, CRLF line ends, as compose_message makes it.
struct OutgoingMail {
  std::string from;  // bare address, "school@example.org"
  std::string to;    // bare address
  std::string text;  // headers, blank line, body
};

// What became of one hand-over. The sender decides the row's fate from `kind` alone:
// - sent: the relay answered 250 to the end of DATA; it now owns the message.
// - relay_unavailable: nothing was said about this message — the relay could not be reached, its
//   certificate or our credentials were refused, it timed out. The message waits; the relay is
//   tried again later.
// - retry_later: a 4xx about this message (mailbox busy, greylisting): try it again after a while.
// - rejected: a 5xx about this message (no such mailbox, refused): it will never go; say why.
struct SendOutcome {
  enum class Kind { sent, relay_unavailable, retry_later, rejected };
  Kind kind = Kind::relay_unavailable;
  int reply_code = 0;  // the SMTP reply that decided it (0: none, e.g. no connection)
  std::string reason;  // in plain words, with the relay's own text where there is one
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Blocks for at most the transport's own time-outs; call it from a thread of its own.
  virtual SendOutcome send(const OutgoingMail& mail) = 0;
};

}  // namespace classbook::mail
