// html: Preact components written as tagged templates (htm) — no JSX compiler, nothing evaluated
// at run time, so the box's CSP (no unsafe-eval) holds.
import { h } from "preact";
import htm from "htm";

export const html = htm.bind(h);
