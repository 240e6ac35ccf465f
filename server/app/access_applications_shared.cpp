// access_applications_shared: the policy, the register's view and the pupil lookup the access
// applications' use cases share.
#include "app/access_applications_shared.hpp"

#include <boost/json.hpp>

#include "classbook/common/crypto.hpp"

namespace classbook::app::access_detail {
namespace json = boost::json;

Status may_handle(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::handle_access_applications, {}); !d)
    return make_error(Errc::forbidden, "access_application.office_only", d.reason);
  return ok_status();
}

Status may_read(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::read_access_applications, {}); !d)
    return make_error(Errc::forbidden, "access_application.office_only", d.reason);
  return ok_status();
}

Result<store::AccessApplicationRecord> find_application(store::Db& db, std::string_view uuid, domain::Date today) {
  const auto missing =
      make_error(Errc::not_found, "access_application.not_found",
                 "no such application; GET /api/v1/access-applications lists them with their ids", "application_id");
  if (!is_uuid(uuid)) return missing;
  auto found = store::find_access_application(db, uuid, today);
  if (!found) return found.error();
  if (!*found) return missing;
  return std::move(**found);
}

Error already_decided(const store::AccessApplicationRecord& a) {
  const bool approved = a.status == "approved";
  return make_error(Errc::conflict, "access_application.already_decided",
                    "application " + a.number + " was " + (approved ? "approved" : "denied") + " on " +
                        a.decided_at.value_or("").substr(0, 10) +
                        "; a decided application is not decided again (the applicant may apply anew)",
                    "application_id");
}

std::vector<domain::ApplicationDocument> documents_of(const store::AccessApplicationRecord& a) {
  std::vector<domain::ApplicationDocument> out;
  std::string_view rest = a.documents;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (auto d = domain::parse_application_document(rest.substr(0, comma))) out.push_back(*d);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::string documents_text(const std::vector<domain::ApplicationDocument>& documents) {
  std::string out;
  for (auto d : domain::in_order(documents)) out += (out.empty() ? "" : ",") + std::string(domain::to_string(d));
  return out;
}

AccessApplication view_of(store::AccessApplicationRecord a) {
  AccessApplication v;
  const auto presented = documents_of(a);
  for (auto d : presented) v.documents.emplace_back(domain::to_string(d));
  if (auto kind = domain::parse_applicant_kind(a.applicant_kind))
    for (auto d : domain::missing_documents(*kind, presented)) v.missing_documents.emplace_back(domain::to_string(d));
  v.record = std::move(a);
  return v;
}

bool names_match(const domain::PersonName& given, const store::PupilRecord& p) {
  return domain::same_name(given.last, p.last_name) && domain::same_name(given.first, p.first_name) &&
         (given.middle.empty() || domain::same_name(given.middle, p.middle_name));
}

Result<std::vector<store::PupilRecord>> pupils_named(store::Db& db, const std::string& name,
                                                     const std::string& birth_date) {
  const auto given = domain::split_full_name(name);
  if (!given) return std::vector<store::PupilRecord>{};
  auto born = store::pupils_born_on(db, birth_date);
  if (!born) return born.error();
  std::vector<store::PupilRecord> out;
  for (auto& p : *born)
    if (names_match(*given, p)) out.push_back(std::move(p));
  return out;
}

std::string audit_json(const store::AccessApplicationRecord& a) {
  auto opt = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  json::object o{{"number", a.number},
                 {"applicant_name", a.applicant_name},
                 {"applicant_kind", a.applicant_kind},
                 {"contact", a.contact},
                 {"student_id", a.student_uuid.empty() ? json::value(nullptr) : json::value(a.student_uuid)},
                 {"pupil_name", opt(a.pupil_name)},
                 {"pupil_birth_date", opt(a.pupil_birth_date)},
                 {"documents", a.documents},
                 {"arrived_at", opt(a.arrived_at)},
                 {"registered_late", a.registered_late},
                 {"due_on", a.due_on},
                 {"status", a.status},
                 {"reason", opt(a.reason)},
                 {"comment", a.comment},
                 {"login", a.account_login.empty() ? json::value(nullptr) : json::value(a.account_login)}};
  return json::serialize(o);
}

}  // namespace classbook::app::access_detail
