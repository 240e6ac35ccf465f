// i18n: the app's words in Russian (the default) and English, chosen by the user and remembered on
// this device. Every visible string is a key in texts/ru.js and texts/en.js; dates, numbers and
// plural forms come from the browser's Intl for the chosen language. The server's refusals are
// said by their stable code (SAY); a code a catalogue lacks shows the server's own English message.
import { signal } from "@preact/signals";
import * as ru from "./texts/ru.js";
import * as en from "./texts/en.js";
// issue 12: the office's, the director's and the admin's screens keep their words in their own
// catalogues (one file per area and language), merged here under the same three tables.
import * as officeRu from "./texts/office_ru.js";
import * as officeEn from "./texts/office_en.js";
import * as deskRu from "./texts/desk_ru.js";
import * as deskEn from "./texts/desk_en.js";
import * as directorRu from "./texts/director_ru.js";
import * as directorEn from "./texts/director_en.js";
import * as adminRu from "./texts/admin_ru.js";
import * as adminEn from "./texts/admin_en.js";

function merged(locale, ...parts) {
  const table = (name) => Object.assign({}, ...parts.map((p) => p[name] || {}));
  return { TEXTS: table("TEXTS"), PLURALS: table("PLURALS"), SAY: table("SAY"), locale };
}
const CATALOGUES = { ru: merged("ru-RU", ru, officeRu, deskRu, directorRu, adminRu), en: merged("en-GB", en, officeEn, deskEn, directorEn, adminEn) };
export const LANGUAGES = Object.keys(CATALOGUES);
const KEY = "classbook.lang";

function stored() {
  try {
    const l = localStorage.getItem(KEY);
    return l in CATALOGUES ? l : "ru";
  } catch {
    return "ru";  // storage refused (private mode): Russian, not remembered
  }
}

export const lang = signal(stored());
document.documentElement.lang = lang.value;

export function setLang(l) {
  if (!(l in CATALOGUES)) return;
  lang.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* not remembered: still switched for this page */
  }
}

const cat = () => CATALOGUES[lang.value];

// t("diary.title", {name: "Анна"}): the text of a key, {placeholders} filled in.
export function t(key, params) {
  const text = cat().TEXTS[key] ?? CATALOGUES.ru.TEXTS[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? "").toString()) : text;
}

// plural("marks", 3) → "3 оценки": the catalogue holds {one, few, many, other} forms with {n}.
export function plural(key, n) {
  const forms = cat().PLURALS[key] ?? CATALOGUES.ru.PLURALS[key];
  const form = formatter("plural", (l) => new Intl.PluralRules(l)).select(n);
  return (forms[form] ?? forms.other).replace("{n}", fmt.number(n));
}

// What a refusal means to a person: by its code in the chosen language, else the server's words.
export function say(error) {
  if (!error) return "";
  if (error.status === 0) return t("error.network");  // never reached the box: not a server code
  return cat().SAY[error.code] || error.message || t("error.unknown");
}

// Intl formatters are costly to make (a journal grid formats dates for a thousand cells): one per
// language and kind, made on first use.
const formatters = new Map();
function formatter(kind, make) {
  const key = `${lang.value}|${kind}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make(cat().locale)));
  return f;
}
const dateFormat = (kind, options) => formatter(kind, (l) => new Intl.DateTimeFormat(l, options));

export const fmt = {
  // 2026-11-23 (a Date) → "23 ноября" / "23 November"; with year when asked.
  day: (d, withYear = false) =>
    dateFormat(withYear ? "day-year" : "day", { day: "numeric", month: "long", ...(withYear ? { year: "numeric" } : {}) }).format(d),
  dayShort: (d) => dateFormat("day-short", { day: "2-digit", month: "2-digit" }).format(d),
  weekday: (d) => dateFormat("weekday", { weekday: "long" }).format(d),
  weekdayShort: (d) => dateFormat("weekday-short", { weekday: "short" }).format(d),
  // An instant from the API (ISO-8601 UTC) in local time: "23.11.2026, 14:05".
  moment: (iso) => dateFormat("moment", { dateStyle: "short", timeStyle: "short" }).format(new Date(iso)),
  // issue 13: a recent instant in few words — "7 дек., 02:31" / "7 Dec, 02:31" (the sync line).
  dayTime: (iso) => dateFormat("day-time", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso)),
  number: (x, digits) =>
    formatter(`number-${digits}`, (l) => new Intl.NumberFormat(l, digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits })).format(x),
};
