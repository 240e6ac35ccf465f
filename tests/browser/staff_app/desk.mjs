// desk.mjs: the browser scenarios of the desk screens (issue 12); run by staff_app.mjs with its kit
// ({config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT}).
export default function scenarios({ config, openAs, openMenu, PHONE, DESKTOP, TIMEOUT }) {
  return {
    // (the secretary's start page is checked by office.mjs)
  };
}
