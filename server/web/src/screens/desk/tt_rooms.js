// tt_rooms: the school's rooms by name — a room named once is chosen in the week and the changes.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { Refusal } from "./tt_common.js";

export function RoomsTab() {
  const rooms = useApi("/api/v1/rooms");
  const [name, setName] = useState("");
  const [error, setError] = useState(null);
  const [added, setAdded] = useState(null);
  async function add(e) {
    e.preventDefault();
    setError(null);
    setAdded(null);
    try {
      const r = await api("POST", "/api/v1/rooms", { name: name.trim() });
      setAdded(r.name);
      setName("");
      rooms.reload();
    } catch (err) {
      setError(err);
    }
  }
  const list = (rooms.data && rooms.data.rooms) || [];
  return html`<div class="tt-rooms">
    <form class="card" onSubmit=${add}>
      <div class="field"><label for="room-name">${t("desk.rooms.new")}</label>
        <input id="room-name" maxlength="40" value=${name} onInput=${(e) => setName(e.currentTarget.value)}
          aria-invalid=${error ? "true" : undefined} aria-describedby=${error ? "room-error" : undefined} /></div>
      <${Refusal} error=${error} id="room-error" />
      ${added && html`<p class="ok" role="status">${t("desk.rooms.added", { name: added })}</p>`}
      <button type="submit" class="primary" disabled=${!name.trim()}>${t("desk.rooms.add")}</button>
    </form>
    <h2>${t("desk.rooms.title", { n: list.length })}</h2>
    <${ErrorNote} error=${rooms.error} retry=${rooms.reload} />
    ${rooms.loading && html`<${Loading} />`}
    <ul class="rooms">${list.map((r) => html`<li>${r.name}</li>`)}</ul>
  </div>`;
}
