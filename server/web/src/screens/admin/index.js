// admin: the administrator's: kiosks, users, printers and their jobs, backups, the box (issue 12).
// ROUTES: [path, component] rows the app's router takes as they are. SECTIONS(): the area's start
// page and menu — {href, title, text, nav} in the order the work is done most often; nav: shown in
// the main menu as well as on the start page.
import { t } from "../../i18n.js";
import "./admin.css";
import { lazyScreen } from "../../parts/lazy_screen.js";

const load = () => import("./screens.js");
const Kiosks = lazyScreen(load, "Kiosks");
const Users = lazyScreen(load, "Users");
const User = lazyScreen(load, "User");
const Backups = lazyScreen(load, "Backups");
const Box = lazyScreen(load, "Box");
const Printers = lazyScreen(load, "Printers");
// issue 13: the city portal, the e-mail sender, the OneRoster API clients
const Portal = lazyScreen(load, "Portal");
const Mail = lazyScreen(load, "Mail");
const ApiClients = lazyScreen(load, "ApiClients");

export const ROUTES = [
  ["/admin/kiosks", Kiosks],
  ["/admin/users", Users],
  ["/admin/user", User],
  ["/admin/backups", Backups],
  ["/admin/box", Box],
  ["/admin/printers", Printers],
  ["/admin/portal", Portal],
  ["/admin/mail", Mail],
  ["/admin/api-clients", ApiClients],
];

export function SECTIONS() {
  return [
    { href: "/admin/kiosks", title: t("admin.kiosks.title"), text: t("admin.kiosks.text"), nav: true },
    { href: "/admin/users", title: t("admin.users.title"), text: t("admin.users.text"), nav: true },
    { href: "/admin/box", title: t("admin.box.title"), text: t("admin.box.text"), nav: true },
    { href: "/admin/printers", title: t("admin.printers.title"), text: t("admin.printers.text") },
    { href: "/admin/backups", title: t("admin.backups.title"), text: t("admin.backups.text") },
    { href: "/admin/portal", title: t("admin.portal.title"), text: t("admin.portal.text") },
    { href: "/admin/mail", title: t("admin.mail.title"), text: t("admin.mail.text") },
    { href: "/admin/api-clients", title: t("admin.clients.title"), text: t("admin.clients.text") },
  ];
}
