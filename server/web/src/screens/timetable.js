// timetable: the week's timetable — days, lessons with the bells' times, the breaks and meals between
// them, and the week's changes (substitutions, cancellations, rooms, moves) marked on the lessons.
// A pupil's (for the pupil or a guardian) from the class's weekly template and the pupil's group; a
// teacher's in one read of the own week (GET /api/v1/me/timetable), the box marking the changes.
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { me, school, pupilsOf } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading, NotAllowed } from "../parts/notes.js";
import { Redirect } from "../parts/redirect.js";
import { isoWeek, isWeek, mondayOf, addDays, parseDate, formatDate } from "../week.js";
import { composeWeek, effective, teacherWeek } from "../timetable_week.js";
import { WeekBar } from "../parts/week_bar.js";

const weekRange = (monday) => `from=${formatDate(monday)}&to=${formatDate(addDays(monday, 6))}`;

export function PupilTimetable() {
  const { params } = useRoute();
  const week = isWeek(params.week) ? params.week : null;
  const pupil = pupilsOf(me.value).find((p) => p.id === params.pupil);
  const monday = week && mondayOf(week);
  const cls = pupil && pupil.class_id ? encodeURIComponent(pupil.class_id) : null;
  const bells = useApi(cls && "/api/v1/bells");
  const timetable = useApi(cls && `/api/v1/classes/${cls}/timetable`);
  const changes = useApi(cls && week && `/api/v1/timetable-changes?${weekRange(monday)}&class_id=${cls}`);
  if (!pupil) return html`<${NotAllowed} />`;
  if (!week) return html`<${Redirect} to=${`/pupils/${params.pupil}/timetable/${isoWeek(new Date())}`} />`;
  const failed = bells.error || timetable.error || changes.error;
  const ready = bells.data && timetable.data && changes.data;
  const group = pupil.group || 0;
  const lessons = ready ? timetable.data.lessons.filter((l) => !l.group || !group || l.group === group)
    .map((l) => ({ ...l, class: timetable.data.class })) : [];
  return html`<section aria-labelledby="tt-title">
    <${TimetableBar} week=${week} base=${`/pupils/${params.pupil}/timetable`} who=${`${pupil.name}, ${pupil.class}`} />
    ${!ready && !failed && html`<${Loading} />`}
    <${ErrorNote} error=${failed} retry=${() => { bells.reload(); timetable.reload(); changes.reload(); }} />
    ${ready && html`<${Week} days=${composeWeek({ monday, bells: bells.data, lessons, changes: changes.data.changes })} />`}
  </section>`;
}

export function TeacherTimetable() {
  const { params } = useRoute();
  const m = me.value;
  const week = isWeek(params.week) ? params.week : null;
  // One read: the box puts the week's changes on the teacher's lessons across classes.
  const mine = useApi(m.teacher_id && week && `/api/v1/me/timetable?week=${week}`);
  if (!m.teacher_id) return html`<${Redirect} to="/" />`;
  if (!week) return html`<${Redirect} to=${`/timetable/${isoWeek(new Date())}`} />`;
  return html`<section aria-labelledby="tt-title">
    <${TimetableBar} week=${week} base="/timetable" who=${m.name} />
    ${!mine.data && !mine.error && html`<${Loading} />`}
    <${ErrorNote} error=${mine.error} retry=${mine.reload} />
    ${mine.data && html`<${Week} days=${teacherWeek(mine.data)} Lesson=${TeacherLesson} />`}
  </section>`;
}

// The shared week bar (parts/week_bar.js), its heading naming the timetable and whose it is.
function TimetableBar({ week, base, who }) {
  return html`<${WeekBar} id="tt-title" title="" student=${{ name: `${t("timetable.title")} · ${who}` }} week=${week} base=${base} />`;
}

// A date outside every term of the school is a holiday: the template does not ring then.
function holiday(date) {
  const terms = (school.value && school.value.terms) || [];
  return terms.length > 0 && !terms.some((x) => x.from <= date && date <= x.to);
}

// A teacher's lesson has its changes listed; a pupil's has the one change put on it.
const isChanged = (l) => Boolean(l.change || (l.changes && l.changes.length));

function Week({ days, Lesson = PupilLesson }) {
  const today = formatDate(new Date());
  if (days.length === 0) return html`<p class="empty">${t("timetable.no_bells")}</p>`;
  return html`<ol class="days timetable">
    ${days.map((d) => {
      const date = parseDate(d.date);
      const off = d.school_day === false || holiday(d.date);
      const changed = d.rows.some((r) => r.kind === "period" && r.lessons.some(isChanged));
      return html`<li class=${d.date === today ? "day today" : "day"} aria-current=${d.date === today ? "date" : undefined}>
        <h2><span class="weekday">${fmt.weekday(date)}</span> <span class="date">${fmt.day(date)}</span>
          ${d.date === today && html`<span class="badge">${t("diary.today")}</span>`}
          ${!off && changed && html`<span class="badge changed">${t("timetable.changes")}</span>`}</h2>
        ${off ? html`<p class="empty">${t("timetable.holiday")}</p>`
          : html`<ol class="tt-rows">${trim(d.rows).map((r) => (r.kind === "break" ? html`<${Break} row=${r} />` : html`<${Period} row=${r} Lesson=${Lesson} />`))}</ol>`}
      </li>`;
    })}
  </ol>`;
}

// The day from its first lesson to its last (breaks and empty periods before and after are not
// the pupil's day); a day with no lessons keeps its bells, so the times can still be read.
function trim(rows) {
  const has = rows.map((r) => r.kind === "period" && r.lessons.length > 0);
  const first = has.indexOf(true);
  if (first < 0) return rows.filter((r) => r.kind === "period");
  const last = has.lastIndexOf(true);
  return rows.slice(first, last + 1);
}

function Break({ row }) {
  const what = row.meal === "breakfast" ? t("timetable.breakfast") : row.meal === "lunch" ? t("timetable.lunch") : t("timetable.break");
  return html`<li class=${row.meal ? "tt-break meal" : "tt-break"}>${what}${row.minutes !== null && html`, ${t("timetable.minutes", { n: row.minutes })}`}</li>`;
}

function Period({ row, Lesson }) {
  return html`<li class="tt-period">
    <div class="when"><span class="period">${row.number}</span> <span class="time">${row.starts}–${row.ends}</span></div>
    <div class="what">
      ${row.lessons.length === 0 ? html`<p class="empty">${t("timetable.no_lesson")}</p>`
        : row.lessons.map((l) => html`<${Lesson} lesson=${l} />`)}
    </div>
  </li>`;
}

// A lesson of the class's week: the template's, with the day's change put on it.
function PupilLesson({ lesson: l }) {
  const e = effective(l);
  const c = l.change;
  const marks = [];
  if (c && c.kind === "cancelled") marks.push(t("timetable.cancelled"));
  if (c && c.kind === "substitution") marks.push(t("timetable.substitution"));
  if (c && c.kind === "room") marks.push(t("timetable.room_changed"));
  if (l.moved === "away") marks.push(t("timetable.moved_to", { n: c.to_period }));
  if (l.moved === "here") marks.push(t("timetable.moved_from", { n: l.change.period }));
  return html`<div class=${`tt-lesson${c ? " changed" : ""}${e.cancelled ? " cancelled" : ""}`}>
    <p class="subject">${e.subject ? e.subject.name : ""}
      ${l.group ? html` <span class="badge">${t("timetable.group", { n: l.group })}</span>` : null}
      ${marks.map((x) => html` <span class="badge change">${x}</span>`)}</p>
    <p class="meta">${e.teacher ? e.teacher.name : ""}${e.room ? html` · ${t("diary.room")} ${e.room}` : null}</p>
    ${e.note && html`<p class="meta">${e.note}</p>`}
  </div>`;
}

// A lesson of the teacher's own week, as the box marks it: a substitution the teacher takes (its
// sheet one link away while it is made), an own lesson cancelled, taken by another, moved or in
// another room.
function TeacherLesson({ lesson: l }) {
  const marks = [];
  if (l.cancelled) marks.push(t("timetable.cancelled"));
  if (l.part === "substitute") marks.push(t("timetable.you_substitute"));
  if (l.part === "taken_over") marks.push(t("timetable.substitution"));
  if (l.room_changed) marks.push(t("timetable.room_changed"));
  if (l.moved_from) marks.push(t("timetable.moved_from", { n: l.moved_from }));
  const subject = l.part === "substitute" && l.lesson_id
    ? html`<a href=${`/journal-lesson/${l.lesson_id}`}>${l.subject.name}</a>` : l.subject.name;
  const changed = l.changes.length > 0;
  return html`<div class=${`tt-lesson${changed ? " changed" : ""}${l.cancelled || l.part === "taken_over" ? " cancelled" : ""}`}>
    <p class="subject">${subject}
      ${l.group ? html` <span class="badge">${t("timetable.group", { n: l.group })}</span>` : null}
      ${marks.map((x) => html` <span class="badge change">${x}</span>`)}</p>
    <p class="meta">${l.class.name}${l.room ? html` · ${t("diary.room")} ${l.room}` : null}${l.substitute_for
      ? html` · ${t("timetable.instead_of", { name: l.substitute_for.name })}` : null}${l.taken_by
      ? html` · ${t("timetable.taken_by", { name: l.taken_by.name })}` : null}</p>
    ${l.note && html`<p class="meta">${l.note}</p>`}
  </div>`;
}
