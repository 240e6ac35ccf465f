// fake_mail_transport: see the header.
#include "mail/fake_mail_transport.hpp"

#include <algorithm>

namespace classbook::mail {

SendOutcome FakeMailTransport::send(const OutgoingMail& mail) {
  std::lock_guard lock(mutex_);
  ++calls_;
  if (down_) return {SendOutcome::Kind::relay_unavailable, 0, "the relay could not be reached (fake: down)"};
  if (std::find(rejected_.begin(), rejected_.end(), mail.to) != rejected_.end())
    return {SendOutcome::Kind::rejected, 550, "the relay refused the address " + mail.to + ": 550 no such mailbox"};
  if (!script_.empty()) {
    auto o = script_.front();
    script_.pop_front();
    if (o.kind != SendOutcome::Kind::sent) return o;
  }
  sent_.push_back(mail);
  return {SendOutcome::Kind::sent, 250, "accepted: ok"};
}

void FakeMailTransport::script(std::vector<SendOutcome> outcomes) {
  std::lock_guard lock(mutex_);
  script_.assign(outcomes.begin(), outcomes.end());
}

void FakeMailTransport::set_down(bool down) {
  std::lock_guard lock(mutex_);
  down_ = down;
}

void FakeMailTransport::reject_address(std::string address) {
  std::lock_guard lock(mutex_);
  rejected_.push_back(std::move(address));
}

std::vector<OutgoingMail> FakeMailTransport::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

int FakeMailTransport::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

}  // namespace classbook::mail
