// director: the director's: settings, reports, the audit search, card anomalies and the security log (issue 12).
// ROUTES: [path, component] rows the app's router takes as they are. SECTIONS(): the area's start
// page and menu — {href, title, text, nav} in the order the work is done most often; nav: shown in
// the main menu as well as on the start page.
import { t } from "../../i18n.js";
import "./director.css";
import { lazyScreen } from "../../parts/lazy_screen.js";

const load = () => import("./screens.js");
const Reports = lazyScreen(load, "Reports");
const Audit = lazyScreen(load, "Audit");
const Settings = lazyScreen(load, "Settings");
const Security = lazyScreen(load, "Security");

export const ROUTES = [
  ["/director/reports/:kind?", Reports],
  ["/director/audit", Audit],
  ["/director/settings", Settings],
  ["/director/security", Security],
];

export function SECTIONS() {
  return [
    { href: "/director/reports", title: t("director.reports"), text: t("director.reports_text"), nav: true },
    { href: "/director/audit", title: t("director.audit"), text: t("director.audit_text"), nav: true },
    { href: "/director/settings", title: t("director.settings"), text: t("director.settings_text"), nav: true },
    { href: "/director/security", title: t("director.security"), text: t("director.security_text") },
  ];
}
