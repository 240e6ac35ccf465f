// school_settings: the director's changes, each checked whole, written with its audit entry and
// published to every thread in the same writer job.
#include "app/school_settings.hpp"

#include <boost/json.hpp>

#include <memory>

#include "app/live_changes.hpp"
#include "app/submit.hpp"
#include "classbook/common/log.hpp"
#include "domain/school_settings.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/roster.hpp"
#include "store/school_settings.hpp"

namespace classbook::app {
namespace {

namespace json = boost::json;
using store::WriteContext;

Status may_manage_school(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::manage_school, {}); !d)
    return make_error(Errc::forbidden, "school.not_allowed", d.reason);
  return ok_status();
}

Error invalid(ErrorCode code, std::string message, const char* field) {
  return make_error(Errc::invalid_input, code, std::move(message), field);
}

std::string school_json(const store::SchoolSettings& s) {
  return json::serialize(json::object{{"name", s.name}, {"academic_year", s.academic_year},
                                      {"score_thresholds", domain::format_score_thresholds(s.thresholds())}});
}

std::string terms_json(const std::vector<domain::Term>& terms) {
  json::array list;
  for (const auto& t : terms)
    list.push_back(json::object{{"number", t.number}, {"from", domain::format_date(t.start)}, {"to", domain::format_date(t.end)}});
  return json::serialize(json::object{{"terms", std::move(list)}});
}

std::string scale_json(domain::MarkScale s) { return json::serialize(json::object{{"min", s.min}, {"max", s.max}}); }

std::string work_type_json(const domain::WorkType& w) {
  return json::serialize(json::object{{"code", w.code}, {"name", w.name}, {"weight", w.weight}, {"rank", w.rank}});
}

// The settings as the job's transaction now holds them, published to every thread. A reader may see
// them a moment before the commit; should the commit fail, settings_job publishes the database's again.
Result<store::SchoolSettings> publish(Context& ctx, WriteContext& w, bool& published) {
  auto fresh = store::load_settings(w.db);
  if (!fresh) return fresh.error();
  ctx.settings_book.replace(*fresh);
  published = true;
  return fresh;
}

Result<SchoolView> school_view(WriteContext& w, const store::SchoolSettings& s) {
  SchoolView v{s.name, s.academic_year, s.terms, s.scale, {}, {}, s.thresholds()};
  for (const auto& t : s.work_types) v.work_types.push_back(t.type);
  auto subjects = store::all_subjects(w.db);
  if (!subjects) return subjects.error();
  v.subjects = std::move(*subjects);
  return v;
}

// One settings change as a writer job: `work(w, published)` writes, audits and publishes. When the
// job or its commit fails after publishing, the settings the database holds are published again, so
// that no thread keeps weighing marks by a change that never happened.
template <class T, class Work>
void settings_job(Context& ctx, Work work, Reply<T> reply) {
  auto published = std::make_shared<bool>(false);
  submit<T>(
      ctx, [work = std::move(work), published](WriteContext& w) { return work(w, *published); },
      [&ctx, published, reply = std::move(reply)](Result<T> r) {
        if (!r && *published) {
          auto db = ctx.readers.acquire();
          if (auto s = store::load_settings(*db)) ctx.settings_book.replace(std::move(*s));
          else log::error("school", "the school's settings could not be read again after a failed change: " + s.error().message);
        }
        reply(std::move(r));
      });
}

void announce(WriteContext& w, const char* part, json::object data = {}) {
  data["part"] = part;
  live::class_news(w, "school", 0, std::move(data));  // everyone reads the school's settings
}

Result<std::vector<domain::Term>> parsed_terms(const std::vector<TermDates>& in) {
  std::vector<domain::Term> out;
  for (const auto& t : in) {
    auto from = domain::parse_date(t.from), to = domain::parse_date(t.to);
    if (!from || !to)
      return invalid("date.malformed", "term " + std::to_string(t.number) + ": from and to are real days written like 2026-09-01",
                     "terms");
    out.push_back({t.number, *from, *to});
  }
  return out;
}

// Marks and term grades the new terms would leave outside, said with their numbers.
Status nothing_left_outside(store::Db& db, const std::vector<domain::Term>& terms) {
  auto marks = store::marks_outside_terms(db, terms);
  if (!marks) return marks.error();
  if (marks->count > 0)
    return make_error(Errc::conflict, "school.marks_outside_terms",
                      std::to_string(marks->count) + " marks were given on days no term of this list covers (the first on " +
                          marks->first_date + "); the averages would lose them. Keep those days inside a term.",
                      "terms");
  auto grades = store::term_grades_beyond(db, static_cast<int>(terms.size()));
  if (!grades) return grades.error();
  if (grades->count > 0)
    return make_error(Errc::conflict, "school.term_grades_outside_terms",
                      std::to_string(grades->count) + " term grades were given for term " + std::to_string(grades->term) +
                          ", which this list no longer has; keep at least " + std::to_string(grades->term) + " terms.",
                      "terms");
  return ok_status();
}

}  // namespace

void change_school(Context& ctx, const domain::Actor& actor, SchoolChange in, Reply<SchoolView> reply) {
  if (auto s = may_manage_school(actor); !s) return reply(s.error());
  if (!in.name && !in.year && !in.score_thresholds)
    return reply(invalid("school.nothing_to_change",
                         "send the school's new name, its year (like \"2026/2027\"), its score thresholds (like \"85,65,45\"), or some of them",
                         "name"));
  if (in.score_thresholds) {
    std::string why;
    if (!domain::parse_score_thresholds(*in.score_thresholds, ctx.settings().scale, &why))
      return reply(invalid("school.score_thresholds_invalid", why, "score_thresholds"));
  }
  if (in.name)
    if (auto p = domain::check_school_name(*in.name)) return reply(invalid("school.name_invalid", *p, "name"));
  std::optional<int> year;
  if (in.year) {
    year = domain::parse_academic_year(*in.year);
    if (!year)
      return reply(invalid("school.year_invalid",
                           "the year is written like \"2026/2027\": the year it starts, a slash, the next year (" +
                               std::to_string(domain::earliest_academic_year) + " to " + std::to_string(domain::latest_academic_year) + ")",
                           "year"));
  }
  settings_job<SchoolView>(ctx, [&ctx, actor, in, year](WriteContext& w, bool& published) -> Result<SchoolView> {
    auto before = store::load_settings(w.db);
    if (!before) return before.error();
    if (year && *year != before->academic_year)
      if (auto p = domain::check_terms(before->terms, *year))
        return make_error(Errc::conflict, "school.terms_outside_year",
                          "the school's terms do not fit the year " + domain::format_academic_year(*year) + " (" + *p +
                              "); send the year together with its terms to PUT /api/v1/school/terms",
                          "year");
    if (in.name)
      if (auto st = store::put_setting(w.db, "name", *in.name); !st) return st.error();
    if (year)
      if (auto st = store::put_setting(w.db, "academic_year", std::to_string(*year)); !st) return st.error();
    if (in.score_thresholds) {
      std::string why;
      const auto t = domain::parse_score_thresholds(*in.score_thresholds, before->scale, &why);
      if (!t) return make_error(Errc::invalid_input, "school.score_thresholds_invalid", why, "score_thresholds");
      if (auto st = store::put_setting(w.db, "score_thresholds", domain::format_score_thresholds(*t)); !st) return st.error();
    }
    auto after = publish(ctx, w, published);
    if (!after) return after.error();
    if (school_json(*before) != school_json(*after)) {
      w.audit(actor.user_id, "school", "school", "update", school_json(*before), school_json(*after));
      announce(w, "school");
    }
    return school_view(w, *after);
  }, std::move(reply));
}

void replace_terms(Context& ctx, const domain::Actor& actor, TermsChange in, Reply<SchoolView> reply) {
  if (auto s = may_manage_school(actor); !s) return reply(s.error());
  std::optional<int> year;
  if (in.year) {
    year = domain::parse_academic_year(*in.year);
    if (!year) return reply(invalid("school.year_invalid", "the year is written like \"2026/2027\"", "year"));
  }
  auto terms = parsed_terms(in.terms);
  if (!terms) return reply(terms.error());
  if (auto p = domain::check_terms(*terms, year.value_or(ctx.settings().academic_year)))
    return reply(invalid("school.terms_invalid", *p, "terms"));
  settings_job<SchoolView>(ctx, [&ctx, actor, year, terms = std::move(*terms)](WriteContext& w, bool& published) -> Result<SchoolView> {
    auto before = store::load_settings(w.db);
    if (!before) return before.error();
    const int new_year = year.value_or(before->academic_year);
    if (auto p = domain::check_terms(terms, new_year)) return invalid("school.terms_invalid", *p, "terms");
    if (auto st = nothing_left_outside(w.db, terms); !st) return st.error();
    if (auto st = store::replace_terms(w.db, terms); !st) return st.error();
    if (new_year != before->academic_year)
      if (auto st = store::put_setting(w.db, "academic_year", std::to_string(new_year)); !st) return st.error();
    auto after = publish(ctx, w, published);
    if (!after) return after.error();
    if (school_json(*before) != school_json(*after))
      w.audit(actor.user_id, "school", "school", "update", school_json(*before), school_json(*after));
    if (terms_json(before->terms) != terms_json(after->terms)) {
      w.audit(actor.user_id, "terms", "school", "replace", terms_json(before->terms), terms_json(after->terms));
      announce(w, "terms");
    }
    return school_view(w, *after);
  }, std::move(reply));
}

void change_grade_scale(Context& ctx, const domain::Actor& actor, int max, Reply<SchoolView> reply) {
  if (auto s = may_manage_school(actor); !s) return reply(s.error());
  const auto scale = domain::scale_with_max(max);
  if (!scale)
    return reply(invalid("grade_scale.unknown",
                         "a school marks on the five-point scale (max 5) or the ten-point scale (max 10); " +
                             std::to_string(max) + " is neither",
                         "max"));
  settings_job<SchoolView>(ctx, [&ctx, actor, scale = *scale](WriteContext& w, bool& published) -> Result<SchoolView> {
    auto before = store::load_settings(w.db);
    if (!before) return before.error();
    auto above = store::values_above(w.db, scale.max);
    if (!above) return above.error();
    if (above->marks > 0 || above->term_grades > 0)
      return make_error(Errc::conflict, "grade_scale.values_in_use",
                        std::to_string(above->marks) + " marks and " + std::to_string(above->term_grades) +
                            " term grades use values above " + std::to_string(scale.max) +
                            "; the scale cannot lose values that marks already have",
                        "max");
    if (auto st = store::put_setting(w.db, "scale_max", std::to_string(scale.max)); !st) return st.error();
    auto after = publish(ctx, w, published);
    if (!after) return after.error();
    if (scale_json(before->scale) != scale_json(after->scale)) {
      w.audit(actor.user_id, "grade_scale", "school", "update", scale_json(before->scale), scale_json(after->scale));
      announce(w, "grade_scale");
    }
    return school_view(w, *after);
  }, std::move(reply));
}

void change_work_type(Context& ctx, const domain::Actor& actor, WorkTypeChange in, Reply<domain::WorkType> reply) {
  if (auto s = may_manage_school(actor); !s) return reply(s.error());
  if (!in.name && !in.weight && !in.rank)
    return reply(invalid("work_type.nothing_to_change", "send the work type's new name, weight or rank", "weight"));
  if (in.name)
    if (auto p = domain::check_work_type_name(*in.name)) return reply(invalid("work_type.name_invalid", *p, "name"));
  if (in.weight)
    if (auto p = domain::check_work_type_weight(*in.weight)) return reply(invalid("work_type.weight_invalid", *p, "weight"));
  if (in.rank)
    if (auto p = domain::check_work_type_rank(*in.rank)) return reply(invalid("work_type.rank_invalid", *p, "rank"));
  settings_job<domain::WorkType>(ctx, [&ctx, actor, in](WriteContext& w, bool& published) -> Result<domain::WorkType> {
    auto settings = store::load_settings(w.db);
    if (!settings) return settings.error();
    const auto* row = settings->work_type(in.code);
    if (!row) {
      std::string known;
      for (const auto& t : settings->work_types) known += (known.empty() ? "" : ", ") + t.type.code;
      return make_error(Errc::not_found, "work_type.not_found", "no work type '" + in.code + "'; the school has " + known, "code");
    }
    const domain::WorkType before = row->type;
    domain::WorkType after = before;
    if (in.name) after.name = *in.name;
    if (in.weight) after.weight = *in.weight;
    if (in.rank) after.rank = *in.rank;
    if (work_type_json(before) == work_type_json(after)) return after;  // nothing changes, nothing is recorded
    if (auto st = store::update_work_type(w.db, row->id, after); !st) return st.error();
    if (auto p = publish(ctx, w, published); !p) return p.error();
    // The weight is what every average of every pupil uses: the audit keeps what it was.
    w.audit(actor.user_id, "work_type", after.code, "update", work_type_json(before), work_type_json(after));
    announce(w, "work_types", {{"code", after.code}});
    return after;
  }, std::move(reply));
}

void add_work_type(Context& ctx, const domain::Actor& actor, NewWorkType in, Reply<domain::WorkType> reply) {
  if (auto s = may_manage_school(actor); !s) return reply(s.error());
  if (auto p = domain::check_work_type_code(in.code)) return reply(invalid("work_type.code_invalid", *p, "code"));
  if (auto p = domain::check_work_type_name(in.name)) return reply(invalid("work_type.name_invalid", *p, "name"));
  if (auto p = domain::check_work_type_weight(in.weight)) return reply(invalid("work_type.weight_invalid", *p, "weight"));
  const int rank = in.rank.value_or(default_new_work_type_rank);
  if (auto p = domain::check_work_type_rank(rank)) return reply(invalid("work_type.rank_invalid", *p, "rank"));
  domain::WorkType type{in.code, in.name, in.weight, rank};
  settings_job<domain::WorkType>(ctx, [&ctx, actor, type](WriteContext& w, bool& published) -> Result<domain::WorkType> {
    auto settings = store::load_settings(w.db);
    if (!settings) return settings.error();
    if (settings->work_type(type.code))
      return make_error(Errc::conflict, "work_type.code_taken", "the school already has a work type '" + type.code + "'; change it with PUT /api/v1/work-types/" + type.code, "code");
    if (settings->work_types.size() >= domain::max_work_types)
      return make_error(Errc::conflict, "work_type.too_many",
                        "the school already has " + std::to_string(settings->work_types.size()) + " work types, the most a journal shows",
                        "code");
    auto id = store::insert_work_type(w.db, type);
    if (!id) return id.error();
    if (auto p = publish(ctx, w, published); !p) return p.error();
    w.audit(actor.user_id, "work_type", type.code, "create", "{}", work_type_json(type));
    announce(w, "work_types", {{"code", type.code}});
    return type;
  }, std::move(reply));
}

}  // namespace classbook::app
