// session: who is signed in (GET /api/v1/me) and the school (GET /api/v1/school), as signals the
// screens read. `me` is undefined while loading, null when nobody is signed in.
import { signal } from "@preact/signals";
import { api, setCsrf } from "./api.js";
import { dropEarly } from "./early.js";

export const me = signal(undefined);
export const school = signal(null);

export async function loadMe() {
  try {
    // Both reads at once (a cold page has both under way already, see early.js).
    const [m, s] = await Promise.all([api("GET", "/api/v1/me"), school.value ? school.value : api("GET", "/api/v1/school").catch(() => null)]);
    setCsrf(m.csrf_token);
    if (!school.value) school.value = s;
    me.value = m;
  } catch (e) {
    if (e.status !== 401) throw e;
    dropEarly();  // whatever else was read early was read signed out
    me.value = null;
  }
  return me.value;
}

export async function signIn(login, password) {
  dropEarly();
  const r = await api("POST", "/api/v1/session", { login, password });
  setCsrf(r.csrf_token);
  return loadMe();
}

export async function signOut() {
  dropEarly();
  await api("DELETE", "/api/v1/session").catch(() => {});
  setCsrf(null);
  me.value = null;
}

// The pupils whose diary this user reads: a guardian's children, or the pupil themself.
export function pupilsOf(m) {
  if (!m) return [];
  if (m.children) return m.children;
  if (m.role === "student" && m.student) return [m.student];
  return [];
}
