// areas: the staff's parts of the app (issue 12) — the office (the secretary), the director and the
// admin. Each role has a start page listing its sections; the sections' screens live under
// screens/<area>/ and declare their own routes, so a new screen is added in one place.
import { t } from "./i18n.js";
import "./screens/staff.css";
import * as office from "./screens/office/index.js";
import * as desk from "./screens/desk/index.js";
import * as director from "./screens/director/index.js";
import * as admin from "./screens/admin/index.js";

const AREAS = {
  secretary: { home: "/office", title: () => t("area.office"), sections: () => [...office.SECTIONS(), ...desk.SECTIONS()] },
  director: { home: "/director", title: () => t("area.director"), sections: director.SECTIONS },
  admin: { home: "/admin", title: () => t("area.admin"), sections: admin.SECTIONS },
};

// The area of a signed-in user (by role), or null for pupils, guardians and teachers.
export function areaOf(m) {
  return (m && AREAS[m.role]) || null;
}

export const AREA_HOMES = Object.values(AREAS);
export const AREA_ROUTES = [...office.ROUTES, ...desk.ROUTES, ...director.ROUTES, ...admin.ROUTES];
