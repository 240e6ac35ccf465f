// lazy_screen: a staff area's screens fetched when one is first opened (issue 12) — a pupil's or a
// guardian's phone never downloads the office's, the director's or the admin's screens. `load` is the
// area's dynamic import (esbuild makes it its own hashed chunk); `name` the component it exports.
import { useEffect, useState } from "preact/hooks";
import { html } from "../html.js";
import { Loading, ErrorNote } from "./notes.js";

export function lazyScreen(load, name) {
  let Screen = null;
  return function LazyScreen(props) {
    const [, loaded] = useState(0);
    const [error, setError] = useState(null);
    useEffect(() => {
      if (Screen) return;
      load().then((m) => {
        Screen = m[name];
        loaded((n) => n + 1);
      }, () => setError({ status: 0 }));  // the chunk did not arrive: said as "no connection to the box"
    }, []);
    if (error) return html`<${ErrorNote} error=${error} retry=${() => location.reload()} />`;
    return Screen ? html`<${Screen} ...${props} />` : html`<${Loading} />`;
  };
}
