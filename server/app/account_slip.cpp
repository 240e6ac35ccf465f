// account_slip: one account's login slip — the class slips' printing and writing for a single holder.
#include <cctype>
#include <memory>

#include "app/hash_pool.hpp"
#include "app/login_slips.hpp"
#include "app/sign_in.hpp"
#include "app/submit.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

// What the slip says the holder is, as the class slips word it for pupils and guardians.
Result<std::string> holder_role(store::Db& db, const store::UserRecord& u) {
  using domain::Role;
  switch (u.role) {
    case Role::student: {
      if (!u.person_id) return std::string("обучающийся");
      auto b = store::student_brief(db, *u.person_id);
      if (!b) return b.error();
      return *b ? "обучающийся, " + (*b)->class_name : std::string("обучающийся");
    }
    case Role::guardian: {
      std::string role = "родитель (законный представитель)";
      if (!u.person_id) return role;
      auto children = store::children_of(db, *u.person_id);
      if (!children) return children.error();
      for (std::size_t i = 0; i < children->size(); ++i)
        role += (i == 0 ? ": " : "; ") + (*children)[i].name + ", " + (*children)[i].class_name;
      return role;
    }
    case Role::teacher: return std::string("учитель");
    case Role::secretary: return std::string("канцелярия");
    case Role::director: return std::string("директор");
    case Role::admin: return std::string("администратор");
    case Role::kiosk:
    case Role::api_client: break;
  }
  return std::string(domain::to_string(u.role));
}

}  // namespace

void issue_account_slip(Context& ctx, const domain::Actor& actor, const std::string& actor_name, const std::string& login,
                        std::string box_origin, SlipsOptions options, Reply<IssuedPdf> reply) {
  if (!may_reset_someone(actor)) return reply(may_reset_nobody(actor));
  auto holders = std::make_shared<std::vector<SlipHolder>>();
  {
    auto db = ctx.readers.acquire();
    auto found = resettable_account(*db, actor, login);
    if (!found) return reply(found.error());
    if (!*found) return reply(no_resettable_account(login));
    if ((*found)->disabled)
      return reply(make_error(Errc::conflict, "login_slips.account_disabled",
                              "this account is disabled and gets no slip; the administrator enables it first", "login"));
    auto role = holder_role(*db, **found);
    if (!role) return reply(role.error());
    const auto name = (*found)->display_name;
    holders->push_back({std::move(**found), name, std::move(*role)});
  }
  auto words = slip_words(ctx.settings(), ctx.clock.now(), options.one_time_password_lifetime, std::move(box_origin));
  const std::string by = actor_name + ", " + domain::to_string(actor.role);
  // The file name goes into a header: anything but plain letters, digits, '.', '-' and '_' becomes '_'.
  std::string file = "login-slip-" + holders->front().account.login + ".pdf";
  for (auto& ch : file)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ch = '_';
  issue_slips(ctx, std::move(holders), std::move(words), by, actor.user_id, file, 1, std::move(reply));
}

}  // namespace classbook::app
