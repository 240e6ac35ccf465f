// diary_extract: the diary weeks of a period turned into docs::DiaryExtract, rendered, registered.
#include "app/diary_extract.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "app/document_words.hpp"
#include "app/reads.hpp"
#include "app/school_days.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "docs/diary_extract.hpp"
#include "domain/attendance.hpp"
#include "domain/calendar.hpp"
#include "domain/marks.hpp"
#include "store/issued_documents.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

constexpr const char* kWeekdays[] = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};
// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
constexpr const char* kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kCodeChars = 20;  // 100 random bits, in groups of four

std::string new_code() {
  const auto bytes = random_bytes(13);  // 104 bits, 100 of them used
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t next = 0;
  for (int i = 0; i < kCodeChars; ++i) {
    if (bits < 5) {
      buffer = (buffer << 8) | bytes[next++];
      bits += 8;
    }
    if (i > 0 && i % 4 == 0) out += '-';
    out += kCodeAlphabet[(buffer >> (bits - 5)) & 31u];
    bits -= 5;
  }
  return out;
}

// Everything the extract shows of the journal, in order: what its hash covers (not when it was made).
std::string content_of(const docs::DiaryExtract& e) {
  std::string s = e.pupil + "\n" + e.class_name + "\n" + e.period + "\n";
  for (const auto& d : e.days) {
    s += d.date + "\n";
    for (const auto& l : d.lessons)
      s += l.period + "|" + l.time + "|" + l.subject + "|" + l.teacher + "|" + l.topic + "|" + l.homework + "|" + l.marks +
           "|" + l.attendance + "|" + l.comments + "\n";
  }
  for (const auto& x : e.subjects) s += x.subject + "|" + x.marks + "|" + x.average + "|" + x.absences + "\n";
  return s + e.acknowledgements;
}

struct SubjectTally {
  std::string marks;
  std::vector<domain::MarkValue> values;
  std::vector<domain::Presence> presence;
};

// The extract's content for a period, read the way `actor` may read the diary (get_diary checks).
struct Built {
  docs::DiaryExtract extract;
  store::Id student_row = 0;
};

Result<Built> build_extract(Context& ctx, const domain::Actor& actor, std::string_view student_id, domain::Date from,
                            domain::Date to) {
  Built b;
  auto& e = b.extract;
  e.school = ctx.settings().name;
  std::map<std::string, SubjectTally> subjects;  // by subject name, as the extract lists them
  std::string acks;
  // The diary's own read, week by week: the same rights and the same data as the page shows.
  for (auto monday = domain::monday_of(domain::iso_week_of(from)); !(to < monday); monday = domain::add_days(monday, 7)) {
    auto week = get_diary(ctx, actor, student_id, domain::format_iso_week(domain::iso_week_of(monday)));
    if (!week) return week.error();
    b.student_row = week->student.id;
    e.pupil = week->student.full_name;
    e.class_name = week->student.class_name;
    const auto& cw = *week->class_week;
    for (const auto& day : week->days) {
      const auto date = domain::parse_date(day.date);
      if (!date || *date < from || to < *date || day.lessons.empty()) continue;
      docs::ExtractDay out;
      out.date = std::string(kWeekdays[(day.weekday + 6) % 7]) + ", " + dotted(day.date);
      for (const auto& lv : day.lessons) {
        const auto& l = cw.lessons.at(lv.lesson);
        docs::ExtractLesson x;
        x.period = std::to_string(l.period);
        x.time = minutes_text(l.start_minute) + "–" + minutes_text(l.end_minute);
        x.subject = l.subject;
        x.teacher = l.teacher;
        x.topic = l.topic;
        for (const auto& h : cw.homework)
          if (h.lesson_id == l.id) x.homework += (x.homework.empty() ? "" : "; ") + h.text + (h.mandatory ? "" : " (необязательно)");
        auto& tally = subjects[l.subject];
        for (const auto& m : lv.marks) {
          x.marks += (x.marks.empty() ? "" : "; ") + std::to_string(m.value) + " (" + m.work_type_name + ", ×" +
                     std::to_string(m.weight) + ")";
          if (!m.comment.empty()) x.comments += (x.comments.empty() ? "" : "\n") + ("«" + m.comment + "» — " + m.teacher);
          tally.marks += (tally.marks.empty() ? "" : " ") + std::to_string(m.value);
          tally.values.push_back({m.value, m.weight, 0});
        }
        x.attendance = presence_text(lv.attendance, lv.late_minutes);
        if (lv.attendance) tally.presence.push_back(*lv.attendance);
        out.lessons.push_back(std::move(x));
      }
      e.days.push_back(std::move(out));
    }
    for (const auto& at : week->acknowledged_at) {
      TimePoint t;
      if (parse_utc(at, t))
        acks += (acks.empty() ? "" : "; ") + std::string("неделя ") + week->week + " подтверждена " + local_text(ctx, t);
    }
  }
  for (auto& [name, t] : subjects) {
    const auto absences = domain::count_absences(t.presence);
    std::string absent = absences.total == 0 ? "—" : std::to_string(absences.total);
    if (absences.excused > 0) absent += " (по уважительной причине " + std::to_string(absences.excused) + ")";
    e.subjects.push_back({name, t.marks.empty() ? "—" : t.marks, average_text(domain::weighted_average(t.values)), absent});
  }
  if (!acks.empty()) e.acknowledgements = "Родители ознакомились: " + acks + ".";
  e.period = dotted(domain::format_date(from)) + " — " + dotted(domain::format_date(to));
  return b;
}

// A code as people type it from paper: any case, with or without its dashes and spaces.
std::optional<std::string> normalised_code(std::string_view typed) {
  std::string bare;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (std::string_view(kCodeAlphabet).find(c) == std::string_view::npos) return std::nullopt;
    bare += c;
  }
  if (bare.size() != kCodeChars) return std::nullopt;
  std::string out;
  for (int i = 0; i < kCodeChars; ++i) out += std::string(i > 0 && i % 4 == 0 ? "-" : "") + bare[static_cast<std::size_t>(i)];
  return out;
}

}  // namespace

void issue_diary_extract(Context& ctx, const domain::Actor& actor, std::string_view student_id, std::string_view from_text,
                         std::string_view to_text, std::string box_origin, Reply<IssuedPdf> reply,
                         std::optional<Id> at_kiosk) {
  if (from_text.empty() || to_text.empty())
    return reply(make_error(Errc::invalid_input, "date.malformed",
                            "an extract needs its period: from and to, such as from=2026-12-01&to=2026-12-07",
                            from_text.empty() ? "from" : "to"));
  auto days = parse_school_days(from_text, to_text, local_date(ctx, ctx.clock.now()), max_extract_days);
  if (!days) return reply(days.error());
  // The audit trail's end, read before the journal is: any change after it is listed by /verify, and
  // none made before the read can be missed.
  long long audit_seq = 0;
  {
    auto db = ctx.readers.acquire();
    auto seq = store::last_audit_seq(*db);
    if (!seq) return reply(seq.error());
    audit_seq = *seq;
  }
  auto built = build_extract(ctx, actor, student_id, days->from, days->to);
  if (!built) return reply(built.error());
  auto& e = built->extract;
  const auto now = ctx.clock.now();
  e.made_at = local_text(ctx, now);
  e.verify_code = new_code();
  e.verify_url = box_origin + "/verify/" + e.verify_code;
  auto pdf = docs::diary_extract_pdf(e);
  if (!pdf) return reply(pdf.error());
  store::IssuedDocument record{e.verify_code, "diary_extract", built->student_row, domain::format_date(days->from),
                               domain::format_date(days->to), format_utc(now), actor.user_id, sha256_hex(content_of(e)), {}, audit_seq, at_kiosk};
  // Registered before it is handed out: a document the box cannot vouch for is never given.
  auto issued = std::make_shared<IssuedPdf>(IssuedPdf{std::move(*pdf),
                                                      "diary-extract-" + domain::format_date(days->from) + "-" +
                                                          domain::format_date(days->to) + ".pdf",
                                                      e.verify_code});
  submit<IssuedPdf>(
      ctx,
      [record = std::move(record), issued](store::WriteContext& w) -> Result<IssuedPdf> {
        if (auto s = store::record_issued_document(w.db, record); !s) return s.error();
        return std::move(*issued);
      },
      std::move(reply));
}

Result<std::optional<Verification>> verify_document(Context& ctx, std::string_view typed_code, const std::string& address) {
  if (const int wait = ctx.verifications->take(address, ctx.clock.now()); wait > 0)
    return make_error(Errc::throttled, "document.verify_throttled",
                      "too many verifications from this address; try again in " + std::to_string(wait) + " s",
                      std::to_string(wait));
  const auto code = normalised_code(typed_code);
  if (!code) return std::optional<Verification>{};
  std::optional<store::IssuedDocument> doc;
  {
    auto db = ctx.readers.acquire();
    auto found = store::find_issued_document(*db, *code);
    if (!found) return found.error();
    doc = std::move(*found);
  }
  if (!doc) return std::optional<Verification>{};
  // Read again as the school reads it (the verifier signs in as nobody), and compared with what the
  // document showed when it was made.
  domain::Actor school;
  school.role = domain::Role::director;
  const auto from = domain::parse_date(doc->period_from);
  const auto to = domain::parse_date(doc->period_to);
  if (!from || !to) return make_error(Errc::internal, "document.record_damaged", "the register holds a damaged period for this code");
  auto built = build_extract(ctx, school, doc->student_uuid, *from, *to);
  if (!built) return built.error();
  Verification v;
  v.code = *code;
  v.school = ctx.settings().name;
  v.pupil = built->extract.pupil;
  v.class_name = built->extract.class_name;
  v.period = built->extract.period;
  v.made_at = local_text(ctx, doc->made_at);
  v.changed_since = sha256_hex(content_of(built->extract)) != doc->content_hash;
  if (v.changed_since) {
    auto db = ctx.readers.acquire();
    auto changes = store::journal_changes(*db, doc->student_id, doc->period_from, doc->period_to, doc->audit_seq,
                                          max_listed_changes);
    if (!changes) return changes.error();
    for (const auto& c : *changes)
      v.changes.push_back({local_text(ctx, c.at), c.entity, c.action, dotted(c.lesson_date), c.subject});
  }
  return std::optional<Verification>{std::move(v)};
}

}  // namespace classbook::app
