// screens: the admin area's screens in one chunk, fetched when the first of them is opened
// (index.js names them through parts/lazy_screen.js).
export { Kiosks } from "./kiosks.js";
export { Users } from "./users.js";
export { User } from "./user.js";
export { Backups } from "./backups.js";
export { Box } from "./box.js";
export { Printers } from "./printers.js";
export { Portal } from "./portal.js";
export { Mail } from "./mail.js";
export { ApiClients } from "./api_clients.js";
