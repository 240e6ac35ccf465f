// timetable: the office's timetable in five parts, one tab each (the address keeps the tab, so a
// reload or a link lands on it): a class's week, the changes of a date, the bells, the rooms, and
// making the journal's lessons for a term.
import { useRoute } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { WeekTab } from "./tt_week.js";
import { ChangesTab } from "./tt_changes.js";
import { BellsTab } from "./tt_bells.js";
import { RoomsTab } from "./tt_rooms.js";
import { MakeTab } from "./tt_make.js";

const TABS = [["week", WeekTab], ["changes", ChangesTab], ["bells", BellsTab], ["rooms", RoomsTab], ["make", MakeTab]];

export function Timetable() {
  const { params } = useRoute();
  const tab = TABS.find(([name]) => name === params.tab) || TABS[0];
  const Tab = tab[1];
  return html`<section class="desk timetable-office" aria-labelledby="tt-title">
    <h1 id="tt-title">${t("desk.tt.title")}</h1>
    <nav class="tabs" aria-label=${t("desk.tt.parts")}>
      <ul>${TABS.map(([name]) => html`<li><a href=${name === "week" ? "/office/timetable" : `/office/timetable/${name}`}
        aria-current=${name === tab[0] ? "page" : undefined}>${t(`desk.tt.tab_${name}`)}</a></li>`)}</ul>
    </nav>
    <${Tab} />
  </section>`;
}
