// desk: the secretary's desk: access applications, login slips, the timetable, events and clubs (issue 12).
// ROUTES: [path, component] rows the app's router takes as they are. SECTIONS(): the area's start
// page and menu — {href, title, text, nav} in the order the work is done most often; nav: shown in
// the main menu as well as on the start page.
import { t } from "../../i18n.js";
import "./desk.css";
import { lazyScreen } from "../../parts/lazy_screen.js";

const load = () => import("./screens.js");
const Applications = lazyScreen(load, "Applications");
const Slips = lazyScreen(load, "Slips");
const Timetable = lazyScreen(load, "Timetable");
const Events = lazyScreen(load, "Events");
const Clubs = lazyScreen(load, "Clubs");

export const ROUTES = [
  ["/office/applications", Applications],
  ["/office/slips", Slips],
  ["/office/timetable", Timetable],
  ["/office/timetable/:tab", Timetable],
  ["/office/events", Events],
  ["/office/clubs", Clubs],
];

export function SECTIONS() {
  return [
    { href: "/office/applications", title: t("desk.app.title"), text: t("desk.app.section"), nav: true },
    { href: "/office/slips", title: t("desk.slips.title"), text: t("desk.slips.section"), nav: true },
    { href: "/office/timetable", title: t("desk.tt.title"), text: t("desk.tt.section"), nav: false },
    { href: "/office/events", title: t("desk.events.title"), text: t("desk.events.section"), nav: false },
    { href: "/office/clubs", title: t("desk.clubs.title"), text: t("desk.clubs.section"), nav: false },
  ];
}
