// words: the admin's figures said as a person reads them — "5 minutes ago" rather than a timestamp,
// "1.2 GB" rather than bytes, "3 days 4 hours" rather than seconds. The exact moment stays in a
// title (and <time datetime>) for whoever needs it.
import { html } from "../../html.js";
import { t, plural, fmt, lang } from "../../i18n.js";

const LOCALES = { ru: "ru-RU", en: "en-GB" };
const locale = () => LOCALES[lang.value] || "ru-RU";

const MINUTE = 60, HOUR = 3600, DAY = 86400;

// How long ago `iso` was, in words ("5 минут назад" / "5 minutes ago"); a moment ahead (a clock a
// little off) is "just now" rather than "in 3 seconds".
export function agoText(iso, now = Date.now()) {
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  if (s < 45) return t("admin.just_now");
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
  if (s < HOUR) return rtf.format(-Math.max(1, Math.round(s / MINUTE)), "minute");
  if (s < DAY) return rtf.format(-Math.round(s / HOUR), "hour");
  return rtf.format(-Math.round(s / DAY), "day");
}

// The same as an element: the words, with the exact local time on hover and for assistive tools.
export function Ago({ at }) {
  if (!at) return null;
  return html`<time datetime=${at} title=${fmt.moment(at)}>${agoText(at)}</time>`;
}

// A span of seconds in its two largest units: "3 дня 4 часа", "5 минут".
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / DAY), h = Math.floor((s % DAY) / HOUR), m = Math.floor((s % HOUR) / MINUTE);
  if (d) return [plural("admin.days", d), h ? plural("admin.hours", h) : ""].filter(Boolean).join(" ");
  if (h) return [plural("admin.hours", h), m ? plural("admin.minutes", m) : ""].filter(Boolean).join(" ");
  return m ? plural("admin.minutes", m) : t("admin.under_minute");
}

// Bytes in the largest unit that keeps a number above 1: "12,3 МБ" / "12.3 MB".
export function size(bytes) {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"];
  let x = Math.max(0, bytes || 0), i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i += 1;
  }
  return new Intl.NumberFormat(locale(), { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: i ? 1 : 0 }).format(x);
}
