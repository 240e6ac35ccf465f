// relation: how a guardian is related to a pupil (the box's list), as a choice.
import { html } from "../../html.js";
import { t } from "../../i18n.js";

export const RELATIONS = ["parent", "mother", "father", "grandmother", "grandfather", "guardian", "other"];

export function RelationSelect({ id, value, onChange }) {
  return html`<select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
    ${RELATIONS.map((r) => html`<option value=${r}>${t(`office.relation_${r}`)}</option>`)}
  </select>`;
}
