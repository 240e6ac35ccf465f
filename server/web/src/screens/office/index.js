// office: the secretary's people: pupils, classes, guardians, teachers, the CSV import, ID cards (issue 12).
// ROUTES: [path, component] rows the app's router takes as they are. SECTIONS(): the area's start
// page and menu — {href, title, text, nav} in the order the work is done most often; nav: shown in
// the main menu as well as on the start page.
import { t } from "../../i18n.js";
import "./office.css";
import { lazyScreen } from "../../parts/lazy_screen.js";

const load = () => import("./screens.js");
const Pupils = lazyScreen(load, "Pupils");
const Pupil = lazyScreen(load, "Pupil");
const PupilNew = lazyScreen(load, "PupilNew");
const Classes = lazyScreen(load, "Classes");
const ClassPage = lazyScreen(load, "ClassPage");
const Guardians = lazyScreen(load, "Guardians");
const Teachers = lazyScreen(load, "Teachers");
const Import = lazyScreen(load, "Import");

export const ROUTES = [
  ["/office/pupils", Pupils],
  ["/office/pupils/new", PupilNew],
  ["/office/pupils/:id", Pupil],
  ["/office/classes", Classes],
  ["/office/classes/:id", ClassPage],
  ["/office/guardians", Guardians],
  ["/office/teachers", Teachers],
  ["/office/import", Import],
];

export function SECTIONS() {
  return [
    { href: "/office/pupils", title: t("office.pupils"), text: t("office.pupils_text"), nav: true },
    { href: "/office/classes", title: t("office.classes"), text: t("office.classes_text"), nav: true },
    { href: "/office/guardians", title: t("office.guardians"), text: t("office.guardians_text") },
    { href: "/office/teachers", title: t("office.teachers"), text: t("office.teachers_text") },
    { href: "/office/import", title: t("office.import"), text: t("office.import_text_card"), nav: true },
  ];
}
