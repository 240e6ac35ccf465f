// access_approval: approving an application for access to the diary. Whose account it gives access
// to is worked out first from a reader (the plan), refused with the reason to deny when the
// application does not hold up; then the one-time password is hashed and the login slip drawn on the
// hash pool, and only then one writer job links or opens the guardian's account, sets the password
// and records the decision — after checking the plan still holds, so a slip is never handed over for
// a password that was not stored, nor a password stored that no slip shows.
#include <memory>

#include "app/access_applications.hpp"
#include "app/access_applications_shared.hpp"
#include "app/roster_shared.hpp"
#include "app/sign_in.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/roster.hpp"
#include "domain/text.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
using namespace access_detail;
using roster_detail::NewPassword;

namespace {

// Whose account the approval gives access to, as the register stands before anything is written.
struct ApprovalPlan {
  store::AccessApplicationRecord application;
  domain::ApplicantKind kind = domain::ApplicantKind::parent;
  store::PupilRecord pupil;
  domain::PersonName holder;  // the account holder's name: the applicant
  // Guardian kinds: the guardian found in the register (id 0: a new one from the application), and
  // whether the link to the pupil is still to be made.
  store::GuardianRecord guardian;
  bool link_needed = false;
  std::string relation;
  // The account whose password is replaced; none: one is opened under `login`.
  std::optional<store::UserRecord> account;
  std::string login;
};

// What a refusal to approve says last: the regulation's reason to deny the application with instead.
std::string deny_with(const char* reason) {
  return std::string("; this application cannot be approved — deny it with the reason ") + reason;
}

Error changed_meanwhile(const store::AccessApplicationRecord& a) {
  return make_error(Errc::conflict, "access_application.changed_meanwhile",
                    "the register changed while application " + a.number + " was being approved; approve it again",
                    "application_id");
}

std::string missing_words(const std::vector<domain::ApplicationDocument>& missing) {
  std::string out;
  for (auto d : missing) out += (out.empty() ? "" : ", ") + std::string(domain::to_string(d));
  return out;
}

// The pupil the application is for, as the register has them; refused with the reason to deny.
Result<store::PupilRecord> pupil_of(store::Db& db, const store::AccessApplicationRecord& a) {
  if (!a.student_id) {
    auto found = pupils_named(db, a.pupil_name.value_or(""), a.pupil_birth_date.value_or(""));
    if (!found) return found.error();
    if (found->empty())
      return make_error(Errc::conflict, "access_application.pupil_not_found",
                        "no pupil at school is named " + a.pupil_name.value_or("") + " and born on " +
                            a.pupil_birth_date.value_or("") + deny_with("not_a_pupil"),
                        "application_id");
    if (found->size() > 1)
      return make_error(Errc::conflict, "access_application.pupil_ambiguous",
                        std::to_string(found->size()) + " pupils at school are named " + a.pupil_name.value_or("") +
                            " and born on " + a.pupil_birth_date.value_or("") +
                            "; register the application again with the pupil's student_id" +
                            deny_with("documents_conflict"),
                        "application_id");
    return std::move(found->front());
  }
  auto found = store::find_pupil(db, *a.student_id);
  if (!found) return found.error();
  if (!*found) return make_error(Errc::internal, "store.row_vanished", "the application's pupil vanished");
  auto& p = **found;
  if (p.left_on)
    return make_error(Errc::conflict, "access_application.not_a_pupil",
                      p.last_name + " " + p.first_name + " left school on " + *p.left_on + deny_with("not_a_pupil"),
                      "application_id");
  if (a.pupil_name) {
    const auto given = domain::split_full_name(*a.pupil_name);
    if (!given || !names_match(*given, p))
      return make_error(Errc::conflict, "access_application.names_mismatch",
                        "the pupil named in the application (" + *a.pupil_name + ") is " + p.last_name + " " +
                            p.first_name + (p.middle_name.empty() ? "" : " " + p.middle_name) +
                            " in the school's record" + deny_with("documents_conflict"),
                        "application_id");
  }
  if (a.pupil_birth_date && p.birth_date && *a.pupil_birth_date != *p.birth_date)
    return make_error(Errc::conflict, "access_application.names_mismatch",
                      "the application gives the pupil's birth date as " + *a.pupil_birth_date +
                          ", the school's record as " + *p.birth_date + deny_with("documents_conflict"),
                      "application_id");
  return std::move(p);
}

// The account to give: the one behind `brief`, or none (one is opened under a free login).
Status plan_account(store::Db& db, ApprovalPlan& plan, const std::optional<store::AccountBrief>& brief) {
  if (brief) {
    if (brief->disabled)
      return make_error(
          Errc::conflict, "access_application.account_disabled",
          "the account " + brief->login + " is disabled; ask the administrator to enable it, then approve again",
          "application_id");
    auto user = store::find_user(db, brief->user_id);
    if (!user) return user.error();
    if (!*user) return make_error(Errc::internal, "store.row_vanished", "the account vanished");
    plan.account = std::move(**user);
    plan.login = plan.account->login;
    return ok_status();
  }
  auto login = store::free_login(db, domain::login_base(plan.holder.last, plan.holder.first));
  if (!login) return login.error();
  plan.login = std::move(*login);
  return ok_status();
}

Result<ApprovalPlan> plan_approval(Context& ctx, store::Db& db, std::string_view application_id) {
  ApprovalPlan plan;
  auto a = find_application(db, application_id, local_date(ctx, ctx.clock.now()));
  if (!a) return a.error();
  if (a->status != "registered") return already_decided(*a);
  const auto kind = domain::parse_applicant_kind(a->applicant_kind);
  if (!kind) return make_error(Errc::internal, "store.row_vanished", "the application's kind is not one the box knows");
  plan.kind = *kind;
  const auto missing = domain::missing_documents(*kind, documents_of(*a));
  if (!missing.empty())
    return make_error(Errc::conflict, "access_application.documents_missing",
                      std::string("a ") + domain::to_string(*kind) + " presents " +
                          missing_words(domain::required_documents(*kind)) + ", and this application lacks " +
                          missing_words(missing) + deny_with("documents_invalid"),
                      "application_id");
  auto pupil = pupil_of(db, *a);
  if (!pupil) return pupil.error();
  plan.pupil = std::move(*pupil);
  const auto holder = domain::split_full_name(a->applicant_name);
  if (!holder) return make_error(Errc::internal, "store.row_vanished", "the application's applicant has no full name");
  plan.holder = *holder;
  plan.application = std::move(*a);

  if (plan.kind == domain::ApplicantKind::pupil) {
    if (!names_match(plan.holder, plan.pupil))
      return make_error(Errc::conflict, "access_application.names_mismatch",
                        "the applicant (" + plan.application.applicant_name +
                            ") applies as the pupil but the pupil is " + plan.pupil.last_name + " " +
                            plan.pupil.first_name + deny_with("documents_conflict"),
                        "application_id");
    // The account and the slip carry the register's spelling of the name.
    plan.holder = {plan.pupil.last_name, plan.pupil.first_name, plan.pupil.middle_name};
    if (auto st = plan_account(db, plan, plan.pupil.account); !st) return st.error();
    return plan;
  }
  plan.relation = std::string(*domain::relation_of(plan.kind));
  // The guardian: one linked to the pupil under this name already, one registered with this name and
  // phone (met again with a younger child), or a new one.
  auto linked = store::guardians_of_pupil(db, plan.pupil.id);
  if (!linked) return linked.error();
  for (const auto& link : *linked) {
    const auto& g = link.guardian;
    if (domain::same_name(g.last_name, plan.holder.last) && domain::same_name(g.first_name, plan.holder.first) &&
        (plan.holder.middle.empty() || domain::same_name(g.middle_name, plan.holder.middle))) {
      plan.guardian = g;
      break;
    }
  }
  const bool phone = plan.application.contact.starts_with('+');
  if (!plan.guardian.id) {
    plan.link_needed = true;
    if (phone) {
      auto same = store::guardian_matching(db, plan.holder.last, plan.holder.first, plan.application.contact);
      if (!same) return same.error();
      if (*same) {
        auto g = store::find_guardian(db, **same);
        if (!g) return g.error();
        if (*g) plan.guardian = std::move(**g);
      }
    }
  }
  if (plan.guardian.id) {
    plan.holder = {plan.guardian.last_name, plan.guardian.first_name, plan.guardian.middle_name};
  } else {
    plan.guardian.last_name = plan.holder.last;
    plan.guardian.first_name = plan.holder.first;
    plan.guardian.middle_name = plan.holder.middle;
    (phone ? plan.guardian.phone : plan.guardian.email) = plan.application.contact;
  }
  if (auto st = plan_account(db, plan, plan.guardian.account); !st) return st.error();
  return plan;
}

// Inside the writer job: the account of the plan given the new password, or opened with it.
Result<Id> write_account(store::WriteContext& w, const domain::Actor& actor, const ApprovalPlan& plan,
                         domain::Role role, Id person_id, const std::string& person_uuid, const std::string& hash,
                         const std::string& by) {
  if (plan.account) {
    auto user = store::find_user(w.db, plan.account->id);
    if (!user) return user.error();
    if (!*user || (*user)->disabled || (*user)->login != plan.login) return changed_meanwhile(plan.application);
    if (auto st = write_password_reset(w, **user, actor.user_id, by, hash); !st) return st.error();
    return plan.account->id;
  }
  auto existing = store::account_of(w.db, role, person_id);
  if (!existing) return existing.error();
  if (*existing) return changed_meanwhile(plan.application);
  auto slip = roster_detail::open_account(w, actor, role, person_id, person_uuid, plan.holder, NewPassword{"", hash});
  if (!slip) return slip.error();
  if (slip->login != plan.login) return changed_meanwhile(plan.application);  // the slip shows plan.login
  auto made = store::account_of(w.db, role, person_id);
  if (!made) return made.error();
  if (!*made) return make_error(Errc::internal, "store.row_vanished", "the account vanished after it was written");
  return (*made)->user_id;
}

// Inside the writer job: the guardian of the plan, registered if new and linked to the pupil if not yet.
Result<store::GuardianRecord> write_guardian(store::WriteContext& w, const domain::Actor& actor,
                                             const ApprovalPlan& plan) {
  auto g = plan.guardian;
  if (!g.id) {
    g.uuid = new_uuid();
    auto id = store::insert_guardian(w.db, g);
    if (!id) return id.error();
    g.id = *id;
    roster_detail::record_person<store::GuardianRecord>(w, actor, "guardian", "create", std::nullopt, g);
  } else {
    auto still = store::find_guardian(w.db, g.id);
    if (!still) return still.error();
    if (!*still) return changed_meanwhile(plan.application);
  }
  auto linked = store::link_relation(w.db, plan.pupil.id, g.id);
  if (!linked) return linked.error();
  if (!*linked) {
    if (!plan.link_needed) return changed_meanwhile(plan.application);  // unlinked meanwhile: approve again
    if (auto st = store::insert_link(w.db, plan.pupil.id, g.id, plan.relation); !st) return st.error();
    const auto key = roster_detail::link_key(plan.pupil.uuid, g.uuid);
    const auto after = roster_detail::link_json(plan.pupil.uuid, g.uuid, plan.relation);
    w.audit(actor.user_id, "student_guardian", key, "create", "{}", after);
    w.outbox("student_guardian", key, "upsert", after);
  }
  return g;
}

std::string slip_role(const ApprovalPlan& plan) {
  const auto& p = plan.pupil;
  if (plan.kind == domain::ApplicantKind::pupil) return "обучающийся, " + p.class_name;
  return std::string(domain::applicant_words(plan.kind)) + ": " + p.last_name + " " + p.first_name + ", " +
         p.class_name;
}

}  // namespace

void approve_access_application(Context& ctx, const domain::Actor& actor, const std::string& actor_name,
                                std::string application_id, std::string comment, std::string box_origin,
                                SlipsOptions options, Reply<IssuedPdf> reply) {
  if (auto s = may_handle(actor); !s) return reply(s.error());
  comment = domain::tidy(comment);
  const auto length = domain::utf8_length(comment);
  if (!length || *length > max_application_comment_chars)
    return reply(roster_detail::invalid(
        "access_application.comment_too_long",
        "the comment is at most " + std::to_string(max_application_comment_chars) + " characters", "comment"));
  std::shared_ptr<const ApprovalPlan> plan;
  {
    auto db = ctx.readers.acquire();
    auto made = plan_approval(ctx, *db, application_id);
    if (!made) return reply(made.error());
    plan = std::make_shared<const ApprovalPlan>(std::move(*made));
  }
  auto words = slip_words(ctx.settings(), ctx.clock.now(), options.one_time_password_lifetime, std::move(box_origin));
  const std::string by = actor_name + ", " + domain::to_string(actor.role);
  // Off the network thread: the hash and the drawing.
  auto job = [&ctx, actor, plan, words = std::move(words), by, comment, reply]() {
    SlipHolder holder;
    holder.account = plan->account.value_or(store::UserRecord{});
    holder.account.login = plan->login;
    holder.name = plan->holder.full();
    holder.role = slip_role(*plan);
    auto printed = print_slips({holder}, words, 1);
    if (!printed) return reply(printed.error());
    auto slip = std::make_shared<PrintedSlips>(std::move(*printed));
    submit<IssuedPdf>(
        ctx,
        [&ctx, actor, plan, slip, by, comment](store::WriteContext& w) -> Result<IssuedPdf> {
          const auto today = local_date(ctx, w.now);
          auto now = find_application(w.db, plan->application.uuid, today);
          if (!now) return now.error();
          if (now->status != "registered") return already_decided(*now);
          auto pupil = store::find_pupil(w.db, plan->pupil.id);
          if (!pupil) return pupil.error();
          if (!*pupil || (*pupil)->left_on) return changed_meanwhile(plan->application);
          const auto& hash = slip->hashes.front();
          Result<Id> account = Id{0};
          if (plan->kind == domain::ApplicantKind::pupil) {
            account = write_account(w, actor, *plan, domain::Role::student, plan->pupil.id, plan->pupil.uuid, hash, by);
          } else {
            auto g = write_guardian(w, actor, *plan);
            if (!g) return g.error();
            account = write_account(w, actor, *plan, domain::Role::guardian, g->id, g->uuid, hash, by);
          }
          if (!account) return account.error();
          store::ApplicationDecision d;
          d.application_id = now->id;
          d.status = "approved";
          d.comment = comment;
          d.student_id = plan->pupil.id;
          d.account_user = *account;
          d.decided_by = actor.user_id;
          d.decided_at = w.now_text;
          auto written = store::record_application_decision(w.db, d);
          if (!written) return written.error();
          if (!*written) return already_decided(*now);
          auto saved = find_application(w.db, now->uuid, today);
          if (!saved) return saved.error();
          w.audit(actor.user_id, "access_application", saved->uuid, "approve", audit_json(*now), audit_json(*saved));
          return IssuedPdf{std::move(slip->pdf), "login-slip-" + saved->number + ".pdf", ""};
        },
        reply);
  };
  if (!ctx.hashing->submit(std::move(job))) reply(hashing_busy());
}

}  // namespace classbook::app
