// screens: the desk area's screens in one chunk, fetched when the first of them is opened
// (index.js names them through parts/lazy_screen.js).
export { Applications } from "./applications.js";
export { Slips } from "./slips.js";
export { Timetable } from "./timetable.js";
export { Events } from "./events.js";
export { Clubs } from "./clubs.js";
