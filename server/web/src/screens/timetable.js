// timetable: the week's timetable — days, lessons with the bells' times, the breaks and meals between
// them, and the week's changes (substitutions, cancellations, rooms, moves) marked on the lessons.
// A pupil's (for the pupil or a guardian) from the class's weekly template and the pupil's group; a
// teacher's from the own lessons in the classes taught and the substitutions the teacher takes.
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { api } from "../api.js";
import { me, school, pupilsOf } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading, NotAllowed } from "../parts/notes.js";
import { Redirect } from "../parts/redirect.js";
import { isoWeek, isWeek, mondayOf, addDays, parseDate, formatDate } from "../week.js";
import { composeWeek, effective } from "../timetable_week.js";
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
  const monday = week && mondayOf(week);
  const mine = m.teacher_id || "";
  const bells = useApi(mine && "/api/v1/bells");
  const changes = useApi(mine && week && `/api/v1/timetable-changes?${weekRange(monday)}`);
  // The classes taught, and those where the teacher substitutes this week (for their subjects).
  const classes = [...new Set([...(m.teaches || []).map((x) => x.class_id),
    ...(changes.data ? changes.data.changes.filter((c) => c.teacher && c.teacher.id === mine).map((c) => c.class.id) : [])])].sort();
  const timetables = useAll(mine && changes.data ? classes.map((c) => `/api/v1/classes/${encodeURIComponent(c)}/timetable`) : null);
  if (!mine) return html`<${Redirect} to="/" />`;
  if (!week) return html`<${Redirect} to=${`/timetable/${isoWeek(new Date())}`} />`;
  const failed = bells.error || changes.error || timetables.error;
  const ready = bells.data && changes.data && timetables.data;
  let days = [];
  if (ready) {
    const all = timetables.data.flatMap((tt) => tt.lessons.map((l) => ({ ...l, class: tt.class })));
    // A substitution names its subject only when it differs: else it is the template lesson's.
    const weekChanges = changes.data.changes.map((c) => {
      if (c.kind !== "substitution" || c.subject) return c;
      const weekday = (parseDate(c.date).getDay() || 7);
      const l = all.find((x) => x.class.id === c.class.id && x.weekday === weekday && x.period === c.period && (x.group || 0) === (c.group || 0));
      return l ? { ...c, subject: l.subject } : c;
    });
    const own = all.filter((l) => l.teacher && l.teacher.id === mine);
    days = composeWeek({ monday, bells: bells.data, lessons: own, changes: weekChanges, teacherId: mine });
  }
  return html`<section aria-labelledby="tt-title">
    <${TimetableBar} week=${week} base="/timetable" who=${m.name} />
    ${!ready && !failed && html`<${Loading} />`}
    <${ErrorNote} error=${failed} retry=${() => { bells.reload(); changes.reload(); timetables.reload(); }} />
    ${ready && html`<${Week} days=${days} teacher=${true} />`}
  </section>`;
}

// Several reads at once: {data: [answers in order], error, reload}; none while `paths` is null.
function useAll(paths) {
  const key = paths ? paths.join("|") : null;
  const [state, setState] = useState({ key: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    Promise.all(paths.map((p) => api("GET", p))).then(
      (data) => live && setState({ key, data, error: null }),
      (error) => live && setState({ key, data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const mine = state.key === key;
  return { data: mine ? state.data : null, error: mine ? state.error : null, reload: () => setTick((n) => n + 1) };
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

function Week({ days, teacher = false }) {
  const today = formatDate(new Date());
  if (days.length === 0) return html`<p class="empty">${t("timetable.no_bells")}</p>`;
  return html`<ol class="days timetable">
    ${days.map((d) => {
      const date = parseDate(d.date);
      const off = holiday(d.date);
      const changed = d.rows.some((r) => r.kind === "period" && r.lessons.some((l) => l.change));
      return html`<li class=${d.date === today ? "day today" : "day"} aria-current=${d.date === today ? "date" : undefined}>
        <h2><span class="weekday">${fmt.weekday(date)}</span> <span class="date">${fmt.day(date)}</span>
          ${d.date === today && html`<span class="badge">${t("diary.today")}</span>`}
          ${!off && changed && html`<span class="badge changed">${t("timetable.changes")}</span>`}</h2>
        ${off ? html`<p class="empty">${t("timetable.holiday")}</p>`
          : html`<ol class="tt-rows">${trim(d.rows).map((r) => (r.kind === "break" ? html`<${Break} row=${r} />` : html`<${Period} row=${r} teacher=${teacher} />`))}</ol>`}
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

function Period({ row, teacher }) {
  return html`<li class="tt-period">
    <div class="when"><span class="period">${row.number}</span> <span class="time">${row.starts}–${row.ends}</span></div>
    <div class="what">
      ${row.lessons.length === 0 ? html`<p class="empty">${t("timetable.no_lesson")}</p>`
        : row.lessons.map((l) => html`<${Lesson} lesson=${l} teacher=${teacher} />`)}
    </div>
  </li>`;
}

function Lesson({ lesson: l, teacher }) {
  const e = effective(l);
  const c = l.change;
  const marks = [];
  if (c && c.kind === "cancelled") marks.push(t("timetable.cancelled"));
  if (c && c.kind === "substitution") marks.push(l.extra ? t("timetable.you_substitute") : t("timetable.substitution"));
  if (c && c.kind === "room") marks.push(t("timetable.room_changed"));
  if (l.moved === "away") marks.push(t("timetable.moved_to", { n: c.to_period }));
  if (l.moved === "here") marks.push(t("timetable.moved_from", { n: l.change.period }));
  const who = teacher ? l.class.name : e.teacher ? e.teacher.name : "";
  return html`<div class=${`tt-lesson${c ? " changed" : ""}${e.cancelled ? " cancelled" : ""}`}>
    <p class="subject">${e.subject ? e.subject.name : ""}
      ${l.group ? html` <span class="badge">${t("timetable.group", { n: l.group })}</span>` : null}
      ${marks.map((x) => html` <span class="badge change">${x}</span>`)}</p>
    <p class="meta">${who}${e.room ? html` · ${t("diary.room")} ${e.room}` : null}${teacher && c && c.kind === "substitution" && !l.extra && e.teacher
      ? html` · ${t("timetable.taken_by", { name: e.teacher.name })}` : null}</p>
    ${e.note && html`<p class="meta">${e.note}</p>`}
  </div>`;
}
