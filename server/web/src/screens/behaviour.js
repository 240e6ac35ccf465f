// behaviour: the class teacher's note on the pupil's week, week by week, as the pupil and the
// guardians read it (the class teacher writes it on the class day screen).
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { Redirect } from "../parts/redirect.js";
import { WeekBar } from "../parts/week_bar.js";
import { isoWeek, isWeek } from "../week.js";

export function Behaviour() {
  const { params } = useRoute();
  const week = isWeek(params.week) ? params.week : null;
  const base = `/pupils/${params.pupil}/behaviour`;
  const note = useApi(week && `/api/v1/students/${encodeURIComponent(params.pupil)}/weeks/${week}/behaviour`);
  if (!week) return html`<${Redirect} to=${`${base}/${isoWeek(new Date())}`} />`;
  const n = note.data && note.data.note;
  return html`<section aria-labelledby="behaviour-title" class="narrow">
    <${WeekBar} id="behaviour-title" title=${t("behaviour.title")} student=${note.data && note.data.student} week=${week} base=${base} />
    ${note.loading && !note.data && html`<${Loading} />`}
    <${ErrorNote} error=${note.error} retry=${note.reload} />
    ${note.data && (n
      ? html`<figure class="card behaviour-note">
          <blockquote class="body">${n.text}</blockquote>
          <figcaption class="meta">${n.author.name}, ${fmt.moment(n.at)}</figcaption>
        </figure>`
      : html`<p class="empty">${t("behaviour.none")}</p>`)}
  </section>`;
}
