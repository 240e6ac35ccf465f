// find: the office's lists are read once and searched in the page, so a secretary with a queue types
// and sees the match at once (900 pupils, no request per key). Only the first matches are drawn: a
// list of 900 rows would cost more than the search itself.
import { useMemo } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";

export const SHOWN = 100;  // rows drawn at most; the rest are counted ("showing 100 of 900")

// "Ёлкина  Анна" → "елкина анна": case, ё and extra spaces do not matter to a search.
export function folded(text) {
  return (text || "").toString().toLocaleLowerCase("ru").replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

// The items whose text (haystack(item), folded once per list) holds every word typed, in any order.
// → {shown: the first SHOWN matches, total: how many match}.
export function useFound(items, query, haystack) {
  const indexed = useMemo(() => (items || []).map((it) => [folded(haystack(it)), it]), [items]);
  return useMemo(() => {
    const words = folded(query).split(" ").filter(Boolean);
    const all = words.length ? indexed.filter(([h]) => words.every((w) => h.includes(w))) : indexed;
    return { shown: all.slice(0, SHOWN).map(([, it]) => it), total: all.length, first: all.length ? all[0][1] : null };
  }, [indexed, query]);
}

// "Показано 100 из 900" / "Найдено 12" — said to screen readers as the list changes.
export function FoundCount({ found, of }) {
  const text = found.total > found.shown.length
    ? t("office.showing", { n: found.shown.length, total: found.total })
    : t("office.found", { n: found.total, total: of });
  return html`<p class="found-count" role="status">${text}</p>`;
}
