// main: the browser app's entry — the page's first reads set going, styles, then the app into #app
// (replacing the shell index.html paints before any script has run).
import { startEarlyReads, startReadsOnClicks } from "./early.js";
import "./style.css";
import { render } from "preact";
import { html } from "./html.js";
import { App } from "./app.js";

startEarlyReads(location.pathname);
startReadsOnClicks(document);
const root = document.getElementById("app");
root.textContent = "";
render(html`<${App} />`, root);
