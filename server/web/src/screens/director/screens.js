// screens: the director area's screens in one chunk, fetched when the first of them is opened
// (index.js names them through parts/lazy_screen.js).
export { Reports } from "./reports.js";
export { Audit } from "./audit.js";
export { Settings } from "./settings.js";
export { Security } from "./security.js";
