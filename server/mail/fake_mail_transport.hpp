// fake_mail_transport: a MailTransport for tests — keeps what it was given, and answers from a
// script (one outcome a call, then "sent"), or as the relay being down, or rejects one address.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "mail/mail_transport.hpp"

namespace classbook::mail {

class FakeMailTransport final : public MailTransport {
 public:
  SendOutcome send(const OutgoingMail& mail) override;

  // The next calls' outcomes, in order; once used up, every call is "sent".
  void script(std::vector<SendOutcome> outcomes);
  // While down, every call is relay_unavailable and nothing is kept.
  void set_down(bool down);
  // Mail to this address is rejected with a 550.
  void reject_address(std::string address);

  std::vector<OutgoingMail> sent() const;  // accepted, in order
  int calls() const;

 private:
  mutable std::mutex mutex_;
  std::deque<SendOutcome> script_;
  std::vector<OutgoingMail> sent_;
  std::vector<std::string> rejected_;
  bool down_ = false;
  int calls_ = 0;
};

}  // namespace classbook::mail
