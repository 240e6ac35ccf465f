// roster_import: the roster CSV import — checked against the roster, passwords hashed on the hash pool, written in one writer job.
#include "app/roster.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "app/card_change.hpp"
#include "app/hash_pool.hpp"
#include "app/roster_shared.hpp"
#include "app/submit.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "store/cards.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
using namespace roster_detail;

// ======================================== the CSV import =================================================

namespace {

// One guardian of the file, however many of its lines name them.
struct PlannedGuardian {
  domain::GuardianRow row;
  int line = 0;            // the first line naming them
  std::string child_class;
  bool needs_account = false;           // the box does not know them yet
  std::optional<NewPassword> password;  // made on the hash pool for those who need an account
};

struct ImportPlan {
  std::vector<domain::PupilRow> rows;
  std::vector<std::optional<std::string>> cards;  // normalised, by row
  std::vector<int> guardian_of_row;               // index into guardians, -1 for none
  std::vector<PlannedGuardian> guardians;
  std::vector<NewPassword> pupil_passwords;       // by row
};

// The file's cards in the kiosk's form, each once.
void plan_cards(ImportPlan& plan, std::vector<domain::RowProblem>& problems) {
  std::map<std::string, int> first_line;
  for (const auto& row : plan.rows) {
    std::optional<std::string> card;
    if (!row.card.empty()) {
      card = normalise_card(row.card);
      if (!card) problems.push_back({row.line, "card", "the card number is the hex digits the reader shows, like 04A1B2C3",
                                   "card_malformed"});
      else if (auto [it, fresh] = first_line.emplace(*card, row.line); !fresh)
        problems.push_back({row.line, "card", "card " + *card + " is also on line " + std::to_string(it->second),
                            "card_repeated"});
    }
    plan.cards.push_back(std::move(card));
  }
}

// The same guardian (names and contacts alike) named on several lines — siblings — is one guardian.
void plan_guardians(ImportPlan& plan) {
  std::map<std::string, int> by_key;
  for (const auto& row : plan.rows) {
    if (!row.guardian) {
      plan.guardian_of_row.push_back(-1);
      continue;
    }
    const auto& g = *row.guardian;
    const auto key = g.name.full() + "|" + g.phone + "|" + g.email;
    auto [it, fresh] = by_key.emplace(key, static_cast<int>(plan.guardians.size()));
    if (fresh) plan.guardians.push_back({g, row.line, row.klass.text(), false, std::nullopt});
    plan.guardian_of_row.push_back(it->second);
  }
}

Result<std::optional<Id>> known_guardian(store::Db& db, const domain::GuardianRow& g) {
  if (g.phone.empty()) return std::optional<Id>{};  // without a phone two namesakes are not the same person
  return store::guardian_matching(db, g.name.last, g.name.first, g.phone);
}

// The file against the database: every class exists, no pupil is at school already, every card is
// free and not blocked. Fills `class_ids` by row. The classes are read once (a file names a few classes hundreds of
// times); the twin and card checks are one indexed lookup per row.
Result<std::vector<domain::RowProblem>> check_against(store::Db& db, const ImportPlan& plan, std::vector<Id>& class_ids) {
  std::vector<domain::RowProblem> problems;
  class_ids.clear();
  const auto classes = store::class_ids_by_name(db);
  if (!classes) return classes.error();
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const auto& row = plan.rows[i];
    const auto name = row.klass.text();
    const auto it = classes->find(name);
    const std::optional<Id> id = it == classes->end() ? std::nullopt : std::optional<Id>(it->second);
    if (!id)
      problems.push_back({row.line, "class", "there is no class " + name +
                                                 "; create it first (POST /api/v1/classes) or correct the name — "
                                                 "GET /api/v1/classes lists the classes",
                          "class_unknown"});
    class_ids.push_back(id.value_or(0));
    store::PupilRecord p;
    p.class_id = id.value_or(0);
    p.last_name = row.name.last;
    p.first_name = row.name.first;
    p.middle_name = row.name.middle;
    if (row.birth_date) p.birth_date = domain::format_date(*row.birth_date);
    if (id) {
      const auto twin = store::same_pupil(db, p);
      if (!twin) return twin.error();
      if (const auto& t = *twin)
        problems.push_back({row.line, "last_name", p.last_name + " " + p.first_name + " is already in " + t->class_name +
                                                       " (id " + t->uuid + "); take the line out of the file",
                            "pupil_exists"});
    }
    if (plan.cards[i]) {
      const auto holder_read = store::pupil_with_card(db, *plan.cards[i]);
      if (!holder_read) return holder_read.error();
      if (const auto& holder = *holder_read)
        problems.push_back({row.line, "card", "card " + *plan.cards[i] + " already belongs to " + holder->last_name + " " +
                                                  holder->first_name + " (" + holder->class_name + ")",
                            "card_taken"});
      const auto blocked = store::blocked_card(db, *plan.cards[i]);
      if (!blocked) return blocked.error();
      if (*blocked)
        problems.push_back({row.line, "card", "card " + *plan.cards[i] + " was reported " + (*blocked)->end_reason +
                                                  " and is blocked; give the pupil another card",
                            "card_blocked"});
    }
  }
  return problems;
}

// Pupils per class, in the order the file first names each class.
std::vector<ClassCount> class_counts(const ImportPlan& plan) {
  std::vector<ClassCount> out;
  for (const auto& row : plan.rows) {
    const auto name = row.klass.text();
    auto it = std::find_if(out.begin(), out.end(), [&](const ClassCount& c) { return c.class_name == name; });
    if (it == out.end()) it = out.insert(out.end(), ClassCount{name, 0});
    ++it->pupils;
  }
  return out;
}

// Writes the plan; every row's pupil, account, guardian and link, in file order.
Result<ImportReport> write_import(const Context& ctx, WriteContext& w, const domain::Actor& actor, const ImportPlan& plan,
                                  const std::vector<Id>& class_ids) {
  ImportReport report;
  report.classes = class_counts(plan);
  std::vector<std::optional<store::GuardianRecord>> guardians(plan.guardians.size());
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const auto& row = plan.rows[i];
    store::PupilRecord p;
    p.uuid = new_uuid();
    p.last_name = row.name.last;
    p.first_name = row.name.first;
    p.middle_name = row.name.middle;
    if (row.birth_date) p.birth_date = domain::format_date(*row.birth_date);
    p.class_id = class_ids[i];
    p.group_no = row.group_no;
    auto id = store::insert_pupil(w.db, p);
    if (!id) return id.error();
    if (auto s = change_card(ctx, w, actor, *id, std::nullopt, plan.cards[i], domain::CardEnd::unassigned); !s) return s.error();
    auto slip = open_account(w, actor, domain::Role::student, *id, p.uuid, row.name, plan.pupil_passwords[i]);
    if (!slip) return slip.error();
    auto pupil = found(store::find_pupil(w.db, *id), "pupil");
    if (!pupil) return pupil.error();
    record_pupil(w, actor, "create", std::nullopt, *pupil);
    report.accounts.push_back({row.line, p.uuid, pupil->class_name, std::move(*slip)});
    ++report.pupils;

    const int gi = plan.guardian_of_row[i];
    if (gi < 0) continue;
    const auto& planned = plan.guardians[static_cast<std::size_t>(gi)];
    auto& guardian = guardians[static_cast<std::size_t>(gi)];
    if (!guardian) {
      auto known = known_guardian(w.db, planned.row);
      if (!known) return known.error();
      if (*known) {
        auto g = store::find_guardian(w.db, **known);
        if (!g) return g.error();
        guardian = std::move(*g);
        ++report.guardians_linked;
      } else if (!planned.password) {
        return make_error(Errc::conflict, "roster_import.guardians_changed", "the guardians changed while the file was being checked; send the file again");
      } else {
        store::GuardianRecord g;
        g.uuid = new_uuid();
        g.last_name = planned.row.name.last;
        g.first_name = planned.row.name.first;
        g.middle_name = planned.row.name.middle;
        if (!planned.row.phone.empty()) g.phone = planned.row.phone;
        if (!planned.row.email.empty()) g.email = planned.row.email;
        auto gid = store::insert_guardian(w.db, g);
        if (!gid) return gid.error();
        auto gslip = open_account(w, actor, domain::Role::guardian, *gid, g.uuid, planned.row.name, *planned.password);
        if (!gslip) return gslip.error();
        auto g_read = store::find_guardian(w.db, *gid);
        if (!g_read) return g_read.error();
        guardian = std::move(*g_read);
        if (!guardian) return make_error(Errc::internal, "store.row_vanished", "the guardian vanished after it was written");
        record_person<store::GuardianRecord>(w, actor, "guardian", "create", std::nullopt, *guardian);
        report.accounts.push_back({planned.line, g.uuid, planned.child_class, std::move(*gslip)});
        ++report.guardians_created;
      }
      if (!guardian) return make_error(Errc::internal, "store.inconsistent", "a known guardian could not be read back");
    }
    const auto& relation = row.guardian->relation;
    if (auto s = store::insert_link(w.db, *id, guardian->id, relation); !s) return s.error();
    const auto link = link_json(p.uuid, guardian->uuid, relation);
    w.audit(actor.user_id, "student_guardian", link_key(p.uuid, guardian->uuid), "create", "{}", link);
    w.outbox("student_guardian", link_key(p.uuid, guardian->uuid), "upsert", link);
  }
  return report;
}

// Queues the checked, hashed plan as one writer job. Problems found again inside the job (the
// roster changed meanwhile) come back as the report.
void write_plan(Context& ctx, const domain::Actor& actor, std::shared_ptr<ImportPlan> plan, Reply<ImportReport> reply) {
  auto late = std::make_shared<std::vector<domain::RowProblem>>();
  submit<ImportReport>(ctx, [&ctx, actor, plan, late](WriteContext& w) -> Result<ImportReport> {
    std::vector<Id> class_ids;
    auto checked = check_against(w.db, *plan, class_ids);
    if (!checked) return checked.error();
    *late = std::move(*checked);
    if (!late->empty()) return make_error(Errc::invalid_input, "roster_import.file_stale", "the file no longer fits the roster", "csv");
    return write_import(ctx, w, actor, *plan, class_ids);
  }, Reply<ImportReport>([late, reply = std::move(reply)](Result<ImportReport> r) {
    if (!r && !late->empty()) return reply(ImportReport{*late});
    reply(std::move(r));
  }));
}

}  // namespace

void import_roster(Context& ctx, const domain::Actor& actor, std::string csv, Reply<ImportReport> reply, bool dry_run) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto refused = [&](std::vector<domain::RowProblem> problems) {
    ImportReport r{std::move(problems)};
    r.dry_run = dry_run;
    reply(std::move(r));
  };
  auto parsed = domain::parse_roster_csv(csv, local_date(ctx, ctx.clock.now()));
  if (!parsed.problems.empty()) return refused(std::move(parsed.problems));
  auto plan = std::make_shared<ImportPlan>();
  plan->rows = std::move(parsed.rows);
  std::vector<domain::RowProblem> problems;
  plan_cards(*plan, problems);
  plan_guardians(*plan);
  {
    // A first look from a reader, so that a bad file costs no password hashing and no writer time.
    auto db = ctx.readers.acquire();
    std::vector<Id> class_ids;
    auto found_problems = check_against(*db, *plan, class_ids);
    if (!found_problems) return reply(found_problems.error());
    problems.insert(problems.end(), found_problems->begin(), found_problems->end());
    for (auto& g : plan->guardians) {
      auto known = known_guardian(*db, g.row);
      if (!known) return reply(known.error());
      g.needs_account = !*known;
    }
  }
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const domain::RowProblem& a, const domain::RowProblem& b) { return a.line < b.line; });
    return refused(std::move(problems));
  }
  if (dry_run) {
    // What the writer would make of the plan now; no password is made and nothing is queued.
    ImportReport preview;
    preview.dry_run = true;
    preview.pupils = static_cast<int>(plan->rows.size());
    for (const auto& g : plan->guardians) ++(g.needs_account ? preview.guardians_created : preview.guardians_linked);
    preview.classes = class_counts(*plan);
    return reply(std::move(preview));
  }
  // Every new account's one-time password is hashed on the hash pool, never on the network thread.
  // One pool job for the whole file: an import of a thousand pupils holds one of the pool's threads
  // and leaves the others to sign-ins. The all-or-nothing write stays one writer job, queued once
  // the hashes are made.
  auto job = [&ctx, actor, plan, reply]() mutable {
    for (auto& g : plan->guardians)
      if (g.needs_account) g.password = new_password();
    for (std::size_t i = 0; i < plan->rows.size(); ++i) plan->pupil_passwords.push_back(new_password());
    write_plan(ctx, actor, std::move(plan), std::move(reply));
  };
  if (!ctx.hashing->submit(std::move(job))) reply(hashing_busy());
}

}  // namespace classbook::app
