// session: who is signed in (GET /api/v1/me) and the school (GET /api/v1/school), as signals the
// screens read. `me` is undefined while loading, null when nobody is signed in.
import { signal } from "@preact/signals";
import { api, setCsrf } from "./api.js";

export const me = signal(undefined);
export const school = signal(null);

export async function loadMe() {
  try {
    const m = await api("GET", "/api/v1/me");
    setCsrf(m.csrf_token);
    me.value = m;
    if (!school.value) school.value = await api("GET", "/api/v1/school").catch(() => null);
  } catch (e) {
    if (e.status !== 401) throw e;
    me.value = null;
  }
  return me.value;
}

export async function signIn(login, password) {
  const r = await api("POST", "/api/v1/session", { login, password });
  setCsrf(r.csrf_token);
  return loadMe();
}

export async function signOut() {
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
