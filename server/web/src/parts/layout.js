// layout: the frame of every signed-in page — a skip link, the header (who is signed in, the
// language, signing out) and, on a pupil's pages, the child switcher and the pupil's sections.
import { useLocation } from "preact-iso";
import { html } from "../html.js";
import { t, lang, setLang } from "../i18n.js";
import { me, signOut, pupilsOf } from "../session.js";
// messages (issue 10): the unread badge on "Messages"
import { useEffect, useRef, useState } from "preact/hooks";
import { unreadTotal, refreshUnread } from "./unread.js";
import { useLive } from "../live.js";
import { areaOf } from "../areas.js";
import { SyncLine } from "./sync_line.js";  // issue 13: "synced with the city portal: …"

export function Layout({ children }) {
  const { route, path } = useLocation();
  const other = lang.value === "ru" ? "en" : "ru";
  // phone header (issue 10): below 700 px the sections fold behind one menu button; wider they show.
  const [open, setOpen] = useState(false);
  const toggle = useRef(null);
  useEffect(() => setOpen(false), [path]);
  const closeOnEscape = (e) => {
    if (e.key !== "Escape" || !open) return;
    setOpen(false);
    if (toggle.current) toggle.current.focus();
  };
  const out = async () => { await signOut(); route("/sign-in", true); };
  const unread = unreadTotal.value;
  return html`
    <a class="skip" href="#main">${t("nav.skip")}</a>
    <header class="top">
      <a class="brand" href="/">Classbook</a>
      <span class="who">${me.value.name}</span>
      <button type="button" class="lang" lang=${other} onClick=${() => setLang(other)}>${t("nav.other_language")}</button>
      <button type="button" class="sign-out" onClick=${out}>${t("nav.sign_out")}</button>
      <button type="button" class="menu-toggle" ref=${toggle} aria-expanded=${open ? "true" : "false"} aria-controls="site-menu"
        onClick=${() => setOpen(!open)}><span aria-hidden="true">☰</span> ${t("nav.menu")}${unread > 0
          ? html` <span class="count" aria-hidden="true">${unread}</span><span class="sr">${t("messages.unread", { n: unread })}</span>` : null}</button>
    </header>
    <div id="site-menu" class=${open ? "site-menu open" : "site-menu"} onKeyDown=${closeOnEscape}>
      <${MainNav} />
      <${PupilNav} />
      <div class="menu-foot"><span class="who-menu">${me.value.name}</span>
        <button type="button" onClick=${out}>${t("nav.sign_out")}</button></div>
    </div>
    <main id="main" class="page" tabindex="-1" data-area=${areaAt(path)}>${children}</main>
    <${SyncLine} />`;
}

// issue 12: the staff area a path is in (its screens' CSS is scoped to it, so that a name one area
// styles — .session, .confirm, fieldset — never restyles a pupil's or another area's page).
function areaAt(path) {
  const m = /^\/(office|director|admin)(\/|$)/.exec(path);
  return m ? m[1] : undefined;
}

// On /pupils/{id}/…: the children to switch between (same section) and the pupil's sections.
function PupilNav() {
  const { path } = useLocation();
  const m = /^\/pupils\/([^/]+)\/([^/]+)/.exec(path);
  if (!m) return null;
  const [, current, section] = m;
  const pupils = pupilsOf(me.value);
  const sections = [["diary", t("nav.diary")], ["homework", t("nav.homework")], ["grades", t("nav.grades")],
    ...(me.value.role === "guardian" ? [["absence", t("nav.notice")]] : []), ["kiosk-pin", t("nav.kiosk_pin")]];
  // issue 10 (pupil's more): the rarer sections behind one "More" disclosure, so the row fits at 360 px.
  const more = [["behaviour", t("nav.behaviour")], ["clubs", t("nav.clubs")], ["backpack", t("nav.backpack")], ["appeals", t("nav.appeals")]];
  const inMore = more.some(([s]) => s === section);
  sections.splice(1, 0, ["timetable", t("nav.timetable")]);  // timetable (issue 10): beside the diary
  return html`<nav class="pupil-nav" aria-label=${t("nav.pupil_sections")}>
    ${pupils.length > 1 && html`<ul class="children" aria-label=${t("nav.children")}>
      ${pupils.map((p) => html`<li><a href=${`/pupils/${p.id}/${section}`} aria-current=${p.id === current ? "page" : undefined}>
        ${p.name}<span class="class-name">${p.class}</span></a></li>`)}
    </ul>`}
    <ul class="sections">
      ${sections.map(([s, label]) => html`<li><a href=${`/pupils/${current}/${s}`} aria-current=${s === section ? "page" : undefined}>${label}</a></li>`)}
      <li class="more"><details key=${section}>
        <summary class=${inMore ? "current" : undefined}>${inMore ? more.find(([s]) => s === section)[1] : t("nav.more")}</summary>
        <ul>${more.map(([s, label]) => html`<li><a href=${`/pupils/${current}/${s}`} aria-current=${s === section ? "page" : undefined}>${label}</a></li>`)}</ul>
      </details></li>
    </ul>
  </nav>`;
}

// The sections every signed-in user has: their own start (the diary or the journal), news, messages.
function MainNav() {
  const { path } = useLocation();
  const m = me.value;
  const start = pupilsOf(m).length ? ["/", t("nav.diary"), /^\/($|pupils\/)/] : m.teaches && m.teaches.length ? ["/journal", t("journal.title"), /^\/journal/] : null;
  const items = [...(start ? [start] : []), ["/news", t("nav.news"), /^\/news/], ["/messages", t("nav.messages"), /^\/messages/],
    ["/profile", t("nav.profile"), /^\/profile/]];
  // issue 10 (class day): a class teacher's own class, after the start.
  if (m.class_teacher_of && m.class_teacher_of.length) items.splice(start ? 1 : 0, 0, ["/class", t("nav.my_class"), /^\/class/]);
  if (m.teacher_id) items.splice(start ? 1 : 0, 0, ["/timetable", t("nav.timetable"), /^\/timetable/]);  // timetable (issue 10)
  // issue 12: the staff's area first — its start page and the sections it marks for the menu
  const area = areaOf(m);
  if (area) {
    const own = area.sections().filter((s) => s.nav).map((s) => [s.href, s.title, new RegExp(`^${s.href}(/|$)`)]);
    items.unshift([area.home, area.title(), new RegExp(`^${area.home}$`)], ...own);
  }
  // messages (issue 10): the unread count, read again as the user moves between pages
  useEffect(() => {
    refreshUnread();
  }, [path]);
  useLive(["message"], () => refreshUnread(true));  // live: a message written to this user
  const unread = unreadTotal.value;
  const badge = (href) => href === "/messages" && unread > 0
    ? html` <span class="count" aria-hidden="true">${unread}</span><span class="sr">${t("messages.unread", { n: unread })}</span>` : null;
  return html`<nav class="main-nav" aria-label=${t("nav.main")}><ul>
    ${items.map(([href, label, re]) => html`<li><a href=${href} aria-current=${re.test(path) ? "page" : undefined}>${label}${badge(href)}</a></li>`)}
  </ul></nav>`;
}
