// access_applications_shared: what the access applications' use cases share (internal) — the
// policy, reading an application by its id, its register view, and the pupil it names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access_applications.hpp"
#include "domain/access_application.hpp"
#include "store/access_applications.hpp"
#include "store/roster.hpp"

namespace classbook::app::access_detail {

Status may_handle(const domain::Actor& actor);  // register, approve, deny
Status may_read(const domain::Actor& actor);    // the register, the printed decisions

// The application by its id (a malformed id is no application: 404 either way).
Result<store::AccessApplicationRecord> find_application(store::Db& db, std::string_view uuid, domain::Date today);
// A decided application is not decided again.
Error already_decided(const store::AccessApplicationRecord& a);

// The stored comma-separated documents, and back.
std::vector<domain::ApplicationDocument> documents_of(const store::AccessApplicationRecord& a);
std::string documents_text(const std::vector<domain::ApplicationDocument>& documents);
AccessApplication view_of(store::AccessApplicationRecord a);

// Whether a pupil of the register is the one the applicant named ("Иванов Пётр", the middle name
// compared only when given), case and ё/е aside.
bool names_match(const domain::PersonName& given, const store::PupilRecord& p);
// The pupils at school named so and born on `birth_date`.
Result<std::vector<store::PupilRecord>> pupils_named(store::Db& db, const std::string& name,
                                                     const std::string& birth_date);

// What the audit trail keeps of an application.
std::string audit_json(const store::AccessApplicationRecord& a);

}  // namespace classbook::app::access_detail
