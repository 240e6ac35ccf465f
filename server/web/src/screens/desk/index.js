// desk: the secretary's desk: access applications, login slips, the timetable, events and clubs (issue 12).
// ROUTES: [path, component] rows the app's router takes as they are. SECTIONS(): the area's start
// page and menu — {href, title, text, nav} in the order the work is done most often; nav: shown in
// the main menu as well as on the start page.
export const ROUTES = [
];

export function SECTIONS() {
  return [
  ];
}
