// screens: the office area's screens in one chunk, fetched when the first of them is opened
// (index.js names them through parts/lazy_screen.js).
export { Pupils } from "./pupils.js";
export { Pupil } from "./pupil.js";
export { PupilNew } from "./pupil_new.js";
export { Classes } from "./classes.js";
export { ClassPage } from "./class_page.js";
export { Guardians } from "./guardians.js";
export { Teachers } from "./teachers.js";
export { Import } from "./import.js";
