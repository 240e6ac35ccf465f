// main: the browser app's entry — styles, then the app into #app.
import "./style.css";
import { render } from "preact";
import { html } from "./html.js";
import { App } from "./app.js";

render(html`<${App} />`, document.getElementById("app"));
