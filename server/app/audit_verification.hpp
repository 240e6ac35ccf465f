// audit_verification: the director's audit verification (GET /api/v1/audit/verification) — the
// policy asked, then the box's one AuditVerifier (app/audit_verifier) runs or answers the checks.
#pragma once

#include "app/audit_verifier.hpp"
#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// The director only (read_all).
void verify_audit(Context& ctx, const domain::Actor& actor, Reply<AuditVerificationView> reply);

}  // namespace classbook::app
