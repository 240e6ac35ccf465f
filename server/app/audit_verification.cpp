// audit_verification: the policy, then the database's path from a reader for the verifier's own connection.
#include "app/audit_verification.hpp"

#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

// The box's one verifier: one run at a time for the whole process, whichever request asks. It lives
// until the process ends; its worker finishes a run under way before it goes.
AuditVerifier& the_verifier() {
  static AuditVerifier verifier;
  return verifier;
}

}  // namespace

void verify_audit(Context& ctx, const domain::Actor& actor, Reply<AuditVerificationView> reply) {
  if (auto d = domain::decide(actor, domain::Action::read_all, {}); !d)
    return reply(make_error(Errc::forbidden, "audit.not_allowed", d.reason));
  std::string path;
  {
    auto db = ctx.readers.acquire();
    path = db->path();
  }
  the_verifier().verify(std::move(path), ctx.clock, std::move(reply));
}

}  // namespace classbook::app
