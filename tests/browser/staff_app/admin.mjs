// admin.mjs: the browser scenarios of the admin screens (issue 12); run by staff_app.mjs with its kit
// ({config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT}).
export default function scenarios({ config, openAs, openMenu, PHONE, DESKTOP, TIMEOUT }) {
  return {
    // The admin signs in and lands on the area's start page, which lists its sections; at 360 px the
    // menu opens with the area first.
    "admin start page": async (s) => {
      const page = await openAs(s, config.admin, "/", PHONE);
      await page.waitForURL((u) => u.pathname === "/admin", { timeout: TIMEOUT });
      await page.locator(".area-home h1").waitFor({ timeout: TIMEOUT });
      await s.check("admin-start-phone");
      await openMenu(page);
      const first = page.locator(".main-nav a").first();
      s.expect((await first.getAttribute("href")) === "/admin", `the menu's first item is ${await first.getAttribute("href")}, not /admin`);
      await page.setViewportSize(DESKTOP);
      await s.check("admin-start-desktop");
    },
  };
}
