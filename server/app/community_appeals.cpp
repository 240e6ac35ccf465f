// community_appeals: support appeals — filing one with its yearly number, who sees which, and moving
// one along its lifecycle.
#include <boost/json.hpp>

#include "app/community.hpp"
#include "app/community_common.hpp"
#include "app/found.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/appeal.hpp"
#include "domain/messaging.hpp"

namespace classbook::app {
namespace json = boost::json;
using community::invalid;
using store::WriteContext;

namespace {

constexpr const char* status_list = "open, in_progress, answered, closed";

Result<domain::AppealStatus> checked_status(std::string_view text) {
  auto s = domain::parse_appeal_status(text);
  if (!s) return make_error(Errc::invalid_input, "appeal.status_unknown", std::string("status must be one of: ") + status_list, "status");
  return *s;
}

Error no_appeal() { return make_error(Errc::not_found, "appeal.not_found", "no such appeal; check the id from GET /api/v1/appeals", "appeal_id"); }

// Why a transition is refused: a rule of who (403) or of the lifecycle itself (409). Support may
// make every move the lifecycle allows, so a move support could make is refused for the person.
Error refused(domain::AppealStatus from, domain::AppealStatus to, domain::Role by, std::string why) {
  const bool support_could = !domain::check_transition(from, to, domain::Role::secretary);
  return make_error(support_could && !domain::handles_appeals(by) ? Errc::forbidden : Errc::conflict, "appeal.transition_refused", std::move(why),
                    "status");
}

}  // namespace

void file_appeal(Context& ctx, const domain::Actor& actor, NewAppeal in, Reply<store::AppealRecord> reply) {
  if (actor.role == domain::Role::kiosk) return reply(make_error(Errc::forbidden, "appeal.kiosk_cannot_file", "A kiosk cannot write appeals."));
  if (auto e = invalid("message.subject_invalid", domain::check_message_subject(in.topic), "topic")) return reply(*e);
  if (auto e = invalid("message.body_invalid", domain::check_message_body(in.body), "body")) return reply(*e);
  submit<store::AppealRecord>(ctx, [&ctx, actor, in = std::move(in)](WriteContext& w) -> Result<store::AppealRecord> {
    // Numbered by the school's year at filing; the writer's transaction keeps the sequence unique.
    const int year = static_cast<int>(local_date(ctx, w.now).year());
    store::AppealRecord a;
    a.uuid = new_uuid();
    const auto seq = store::next_appeal_seq(w.db, year);
    if (!seq) return seq.error();
    a.number = domain::appeal_number(year, *seq);
    a.author.user_id = actor.user_id;
    a.topic = in.topic;
    a.body = in.body;
    a.status = domain::to_string(domain::AppealStatus::open);
    a.created_at = w.now_text;
    if (auto id = store::insert_appeal(w.db, a); !id) return id.error();
    return existing(store::find_appeal(w.db, a.uuid), make_error(Errc::internal, "store.row_vanished", "the appeal vanished after it was written"));
  }, std::move(reply));
}

Result<std::vector<store::AppealRecord>> list_appeals(Context& ctx, const domain::Actor& actor,
                                                      std::string_view status_text) {
  std::optional<std::string> status;
  if (!status_text.empty()) {
    auto s = checked_status(status_text);
    if (!s) return s.error();
    status = domain::to_string(*s);
  }
  const auto author = domain::handles_appeals(actor.role) ? std::nullopt : std::optional<Id>(actor.user_id);
  auto db = ctx.readers.acquire();
  return store::appeals_for(*db, author, status, max_appeals_listed);
}

void change_appeal(Context& ctx, const domain::Actor& actor, AppealChange in, Reply<store::AppealRecord> reply) {
  auto to = checked_status(in.status);
  if (!to) return reply(to.error());
  if (in.answer) {
    if (*to != domain::AppealStatus::answered && *to != domain::AppealStatus::closed)
      return reply(make_error(Errc::invalid_input, "appeal.answer_not_expected", "an answer goes only with status answered or closed", "answer"));
    if (auto e = invalid("message.body_invalid", domain::check_message_body(*in.answer), "answer")) return reply(*e);
  } else if (*to == domain::AppealStatus::answered) {
    return reply(make_error(Errc::invalid_input, "appeal.answer_required", "write the answer to send with status answered", "answer"));
  }
  submit<store::AppealRecord>(ctx, [actor, in = std::move(in), to = *to](WriteContext& w) -> Result<store::AppealRecord> {
    if (!is_uuid(in.appeal_id)) return no_appeal();
    auto appeal = existing(store::find_appeal(w.db, in.appeal_id), no_appeal());
    if (!appeal) return appeal.error();
    if (appeal->author.user_id != actor.user_id && !domain::handles_appeals(actor.role))
      return make_error(Errc::forbidden, "appeal.not_yours", "Only the author and the school's support can see or change this appeal.");
    auto from = domain::parse_appeal_status(appeal->status);
    if (!from) return make_error(Errc::internal, "store.inconsistent", "the appeal has an unknown status '" + appeal->status + "'");
    if (auto why = domain::check_transition(*from, to, actor.role)) return refused(*from, to, actor.role, *why);

    const auto answer = in.answer ? in.answer : appeal->answer;
    const auto answered_at = to == domain::AppealStatus::answered ? std::optional<std::string>(w.now_text)
                                                                   : appeal->answered_at;
    if (auto s = store::set_appeal_status(w.db, appeal->id, domain::to_string(to), answer, answered_at); !s)
      return s.error();
    json::object after{{"number", appeal->number}, {"status", domain::to_string(to)}};
    if (in.answer) after["answer"] = *in.answer;
    w.audit(actor.user_id, "appeal", appeal->uuid, "update",
            json::serialize(json::object{{"number", appeal->number}, {"status", appeal->status}}),
            json::serialize(after));
    return existing(store::find_appeal(w.db, appeal->uuid),
                    make_error(Errc::internal, "store.row_vanished", "the appeal vanished after it was changed"));
  }, std::move(reply));
}

}  // namespace classbook::app
