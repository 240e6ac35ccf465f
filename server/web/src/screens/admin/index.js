// admin: the administrator's: kiosks, users, backups, the box (issue 12).
// ROUTES: [path, component] rows the app's router takes as they are. SECTIONS(): the area's start
// page and menu — {href, title, text, nav} in the order the work is done most often; nav: shown in
// the main menu as well as on the start page.
// Printers and their jobs are not here: GET /api/v1/printers and /print-jobs do not admit the
// administrator (they are the printing staff's), so such a page would only be refused.
import { t } from "../../i18n.js";
import "./admin.css";
import { Kiosks } from "./kiosks.js";
import { Users } from "./users.js";
import { User } from "./user.js";
import { Backups } from "./backups.js";
import { Box } from "./box.js";

export const ROUTES = [
  ["/admin/kiosks", Kiosks],
  ["/admin/users", Users],
  ["/admin/user", User],
  ["/admin/backups", Backups],
  ["/admin/box", Box],
];

export function SECTIONS() {
  return [
    { href: "/admin/kiosks", title: t("admin.kiosks.title"), text: t("admin.kiosks.text"), nav: true },
    { href: "/admin/users", title: t("admin.users.title"), text: t("admin.users.text"), nav: true },
    { href: "/admin/box", title: t("admin.box.title"), text: t("admin.box.text"), nav: true },
    { href: "/admin/backups", title: t("admin.backups.title"), text: t("admin.backups.text") },
  ];
}
