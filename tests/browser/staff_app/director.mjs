// director.mjs: the browser scenarios of the director screens (issue 12); run by staff_app.mjs with its kit
// ({config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT}).
export default function scenarios({ config, openAs, openMenu, PHONE, DESKTOP, TIMEOUT }) {
  return {
    // The director signs in and lands on the area's start page, which lists its sections; at 360 px the
    // menu opens with the area first.
    "director start page": async (s) => {
      const page = await openAs(s, config.director, "/", PHONE);
      await page.waitForURL((u) => u.pathname === "/director", { timeout: TIMEOUT });
      await page.locator(".area-home h1").waitFor({ timeout: TIMEOUT });
      await s.check("director-start-phone");
      await openMenu(page);
      const first = page.locator(".main-nav a").first();
      s.expect((await first.getAttribute("href")) === "/director", `the menu's first item is ${await first.getAttribute("href")}, not /director`);
      await page.setViewportSize(DESKTOP);
      await s.check("director-start-desktop");
    },
  };
}
