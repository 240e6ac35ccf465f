// api: the one way the app talks to the box — JSON over fetch, the CSRF token on every change, and
// refusals as ApiError with the server's stable code, kind and field. A lost session (401) goes to
// onSessionLost (the app sends the user to sign in and back to the same page).
import { takeEarly } from "./early.js";

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || (status === 0 ? "network.unreachable" : `http.${status}`);
    this.kind = e.kind || "";
    this.field = e.field || "";
    this.rows = e.rows || null;  // a file's problems, line by line (the roster import)
  }
}

let csrf = null;
let onSessionLost = () => {};
export function setCsrf(token) {
  csrf = token;
}
export function whenSessionLost(fn) {
  onSessionLost = fn;
}

// `type`: send `body` as it is with this Content-Type (a CSV file), not as JSON.
export async function api(method, path, body, type) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = type || "application/json";
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
  let r;
  try {
    const early = method === "GET" ? takeEarly(path) : undefined;
    r = await (early || fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : type ? body : JSON.stringify(body) }));
  } catch {
    throw new ApiError(0, null);  // the box is out of reach: said as network.unreachable
  }
  const text = r.status === 204 || r.status === 304 ? "" : await r.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!r.ok) {
    const err = new ApiError(r.status, data);
    if (r.status === 401 && path !== "/api/v1/session") onSessionLost(err);
    throw err;
  }
  return data;
}
