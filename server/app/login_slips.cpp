// login_slips: who gets a slip, their new passwords and the PDF, then the one write that makes them
// valid (and the earlier ones void).
#include "app/login_slips.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <set>
#include <thread>

#include "app/document_words.hpp"
#include "app/hash_pool.hpp"
#include "app/sign_in.hpp"
#include "app/submit.hpp"
#include "auth/password.hpp"
#include "docs/login_slips.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/roster.hpp"

namespace classbook::app {

std::optional<SlipsFor> parse_slips_for(std::string_view text) {
  if (text == "pupils") return SlipsFor::pupils;
  if (text == "guardians") return SlipsFor::guardians;
  if (text == "all") return SlipsFor::all;
  return std::nullopt;
}

Result<std::vector<SlipHolder>> slip_holders(store::Db& db, Id class_id, domain::Date today, SlipsFor who,
                                             const std::vector<Id>& only) {
  auto pupils = store::pupils_of_class(db, class_id, today, false);
  if (!pupils) return pupils.error();
  std::vector<SlipHolder> out;
  std::set<Id> given;  // accounts already on a slip: a guardian of two pupils of the class gets one
  auto add = [&](const std::optional<store::AccountBrief>& brief, std::string name, std::string role) -> Status {
    if (!brief || brief->disabled || !given.insert(brief->user_id).second) return ok_status();
    auto user = store::find_user(db, brief->user_id);
    if (!user) return user.error();
    if (!*user) return ok_status();
    out.push_back({std::move(**user), std::move(name), std::move(role)});
    return ok_status();
  };
  for (const auto& p : *pupils) {
    if (!only.empty() && std::find(only.begin(), only.end(), p.id) == only.end()) continue;
    const std::string full = p.last_name + " " + p.first_name + (p.middle_name.empty() ? "" : " " + p.middle_name);
    if (who != SlipsFor::guardians)
      if (auto st = add(p.account, full, "обучающийся, " + p.class_name); !st) return st.error();
    if (who == SlipsFor::pupils) continue;
    auto guardians = store::guardians_of_pupil(db, p.id);
    if (!guardians) return guardians.error();
    for (const auto& link : *guardians) {
      const auto& g = link.guardian;
      const std::string name = g.last_name + " " + g.first_name + (g.middle_name.empty() ? "" : " " + g.middle_name);
      if (auto st = add(g.account, name, "родитель (законный представитель): " + p.last_name + " " + p.first_name + ", " +
                                             p.class_name);
          !st)
        return st.error();
    }
  }
  return out;
}

SlipWords slip_words(const store::SchoolSettings& school, TimePoint now, std::chrono::milliseconds lifetime,
                     std::string box_origin) {
  return {school.name, local_text(school, now), std::move(box_origin), local_text(school, now + lifetime).substr(0, 10)};
}

Result<PrintedSlips> print_slips(const std::vector<SlipHolder>& holders, const SlipWords& words, int threads) {
  const auto n = holders.size();
  std::vector<std::string> passwords(n), hashes(n);
  for (auto& p : passwords) p = auth::make_one_time_password();
  // The hashes (~0.7 ms each) need only the passwords and the drawing needs no hash: helpers hash
  // while this thread draws, then it helps with what is left. A school's thousand slips take about
  // as long as the drawing alone.
  std::atomic<std::size_t> next{0};
  auto hash_some = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) hashes[i] = auth::hash_one_time_password(passwords[i]);
  };
  std::optional<Result<std::string>> pdf;
  {
    std::vector<std::jthread> helpers;
    for (int k = 1; k < std::clamp(threads, 1, 8); ++k) helpers.emplace_back(hash_some);
    docs::LoginSlipSheet sheet;
    sheet.school = words.school;
    sheet.made_at = words.made_at;
    sheet.slips.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& h = holders[i];
      sheet.slips.push_back({h.name, h.role, h.account.login, passwords[i], words.box_origin + "/",
                             words.box_origin + "/sign-in?login=" + h.account.login,
                             "Пароль действует до " + words.valid_until + "; при первом входе задайте свой."});
    }
    pdf = docs::login_slips_pdf(sheet);
    hash_some();
  }
  if (!*pdf) return pdf->error();
  return PrintedSlips{std::move(**pdf), std::move(hashes)};
}

Status write_slips(store::WriteContext& w, const std::vector<SlipHolder>& holders, const std::vector<std::string>& hashes,
                   Id actor_user, const std::string& by) {
  for (std::size_t i = 0; i < holders.size(); ++i)
    if (auto st = write_password_reset(w, holders[i].account, actor_user, by, hashes[i]); !st) return st;
  return ok_status();
}

namespace {

// Step 1 for a request: the class, the actor's right to it, the pupils named, and who gets a slip.
Result<SlipPreview> plan_slips(Context& ctx, const domain::Actor& actor, const SlipsRequest& in) {
  const auto who = parse_slips_for(in.for_whom);
  if (!who)
    return make_error(Errc::invalid_input, "login_slips.for_unknown",
                      "say whose slips to print: \"for\": \"pupils\", \"guardians\" or \"all\"", "for");
  if (in.students.size() > max_slip_students_listed)
    return make_error(Errc::invalid_input, "login_slips.too_many_listed",
                      "list at most " + std::to_string(max_slip_students_listed) + " pupils, or none for the whole class",
                      "students");
  auto db = ctx.readers.acquire();
  auto class_id = store::id_by_uuid(*db, store::Table::classes, in.class_id);
  if (!class_id) return class_id.error();
  if (!*class_id)
    return make_error(Errc::not_found, "class.not_found", "no such class; GET /api/v1/classes lists the classes", "class_id");
  domain::Target target;
  target.class_id = **class_id;
  target.account_role = domain::Role::student;
  if (auto d = domain::decide(actor, domain::Action::reset_credentials, target); !d)
    return make_error(Errc::forbidden, "login_slips.not_allowed",
                      "Only the secretary, or the class teacher for their own class, prints login slips.", "class_id");
  const auto today = local_date(ctx, ctx.clock.now());
  std::vector<Id> only;
  for (const auto& uuid : in.students) {
    auto pupil = store::id_by_uuid(*db, store::Table::students, uuid);
    if (!pupil) return pupil.error();
    auto found = *pupil ? store::find_pupil(*db, **pupil) : Result<std::optional<store::PupilRecord>>(std::nullopt);
    if (!found) return found.error();
    if (!*found || (*found)->class_id != **class_id || (*found)->left_on)
      return make_error(Errc::not_found, "login_slips.not_in_class",
                        "the pupil " + uuid.substr(0, 64) +
                            " is not in this class now; GET /api/v1/classes/{class_id}/students lists its pupils",
                        "students");
    only.push_back(**pupil);
  }
  auto name = store::name_of_class(*db, **class_id);
  if (!name) return name.error();
  auto holders = slip_holders(*db, **class_id, today, *who, only);
  if (!holders) return holders.error();
  if (holders->empty())
    return make_error(Errc::invalid_input, "login_slips.nobody",
                      "nobody in " + *name + " has an account to print a slip for (pupils who left and disabled accounts get none)",
                      "for");
  return SlipPreview{in.class_id, std::move(*name), std::move(*holders)};
}

}  // namespace

Result<SlipPreview> preview_login_slips(Context& ctx, const domain::Actor& actor, const SlipsRequest& in) {
  return plan_slips(ctx, actor, in);
}

void issue_login_slips(Context& ctx, const domain::Actor& actor, const std::string& actor_name, const SlipsRequest& in,
                       std::string box_origin, SlipsOptions options, Reply<IssuedPdf> reply) {
  auto plan = plan_slips(ctx, actor, in);
  if (!plan) return reply(plan.error());
  auto holders = std::make_shared<std::vector<SlipHolder>>(std::move(plan->holders));
  const auto now = ctx.clock.now();
  auto words = slip_words(ctx.settings(), now, options.one_time_password_lifetime, std::move(box_origin));
  const std::string by = actor_name + ", " + domain::to_string(actor.role);
  const std::string file = "login-slips-" + plan->class_name + ".pdf";
  // Off the network thread: the hashes and the drawing take a second for a whole school.
  issue_slips(ctx, std::move(holders), std::move(words), by, actor.user_id, file, default_hash_threads, std::move(reply));
}

void issue_slips(Context& ctx, std::shared_ptr<const std::vector<SlipHolder>> holders, SlipWords words, std::string by,
                 Id actor_user, std::string file, int threads, Reply<IssuedPdf> reply) {
  auto job = [&ctx, holders, words = std::move(words), by, actor_user, file, threads, reply]() {
    auto printed = print_slips(*holders, words, threads);
    if (!printed) return reply(printed.error());
    auto shared = std::make_shared<PrintedSlips>(std::move(*printed));
    submit<IssuedPdf>(
        ctx,
        [holders, shared, actor_user, by, file](store::WriteContext& w) -> Result<IssuedPdf> {
          if (auto st = write_slips(w, *holders, shared->hashes, actor_user, by); !st) return st.error();
          return IssuedPdf{std::move(shared->pdf), file, ""};
        },
        reply);
  };
  if (!ctx.hashing->submit(std::move(job))) reply(hashing_busy());
}

}  // namespace classbook::app
