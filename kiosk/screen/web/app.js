// Classbook kiosk screen: draws the agent's state (first from the page itself, then from each SSE
// "state" event), plays a sound per result, and posts the hall's touches back to the agent.
// Uses el() and button() from diary.js, and TEXTS from texts.js (both loaded first).
"use strict";

const LOST_AFTER_MS = 4000;      // show "screen lost the agent" once the stream has been down this long
const REOPEN_AFTER_MS = 3000;    // re-create a stream the browser gave up on (e.g. the server said 503)
const TICK_MS = 250;             // clock and banner time-out check
const MIN_PIN_SLOTS = 4;         // dots shown before any digit is typed
const ONCE_REPOLL_MS = 1000;     // ?once=1: ask again this long after each one-event stream ends

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// ?once=1 (screenshot tests): each stream carries the current state and closes, so a browser with a
// virtual-time budget finishes; the page asks again after ONCE_REPOLL_MS and so still sees changes.
const onceMode = params.get("once") === "1";

let state = null;
let langOverride = null;  // set by the language button; cleared when the screen goes back to idle
let drawnIdle = true;     // whether the banner on screen now is idle (by state or by time-out)

function texts() {
  const lang = langOverride || (state && state.language) || "ru";
  return TEXTS[lang] ? TEXTS[lang] : TEXTS.ru;
}
function lang() { return texts() === TEXTS.en ? "en" : "ru"; }

function post(path) {
  // fetch() sends this page's Origin; the server refuses inputs with any other.
  fetch(`/input/${path}`, { method: "POST" }).catch(() => {});
}

function hhmm(date) {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

// ---- banners ----------------------------------------------------------------------------------

function big(cls, text) { return el("div", cls, text); }

function idleView(t) {
  const now = new Date();
  return [el("div", "clock", el("span", "clock-time", hhmm(now))),
          el("div", "date", `${t.weekdays[now.getDay() || 7]}, ${now.getDate()} ${t.months[now.getMonth()]}`),
          big("headline", state.mode === "hall" ? t.tapOrQr : t.tap)];
}

function personLine(s, t) {
  const parts = [];
  if (s.class_name) parts.push(`${s.class_name} ${t.classLabel}`);
  if (s.time_text) parts.push(s.time_text);
  return big("sub", parts.join(" · "));
}

function pinPad(s, t) {
  const dots = el("div", "dots");
  const slots = Math.max(MIN_PIN_SLOTS, s.pin_length);
  for (let i = 0; i < slots; i++) dots.append(el("span", i < s.pin_length ? "pin-dot filled" : "pin-dot"));
  const pad = el("div", "pad");
  for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9]) pad.append(button("key", String(d), () => post(`digit/${d}`)));
  pad.append(button("key erase", t.erase, () => post("erase")), button("key", "0", () => post("digit/0")),
             button("key submit", t.submit, () => post("submit")));
  return [dots, pad, button("nav done", t.cancel, () => post("done"))];
}

function bannerView(s, t) {
  switch (s.banner) {
    case "welcome":
    case "goodbye":
      return [big("headline", s.banner === "welcome" ? t.welcome : t.goodbye), big("person", s.person), personLine(s, t)];
    case "unknown_card":
      return [big("headline", t.unknownTitle), big("sub", t.unknownHint)];
    case "sent_to_desk":
      return [big("headline", t.deskTitle), big("sub", t.deskHint)];
    case "recorded_offline":
      return [big("headline", t.offlineTitle), s.person ? big("person", s.person) : null, personLine(s, t), big("hint", t.offlineHint)];
    case "enter_pin":
      return [big("title", t.enterPin), big("pin-person", s.person), ...pinPad(s, t)];
    case "wrong_pin":
      return [big("title warn", t.wrongPin(s.attempts_left)), big("pin-person", s.person), ...pinPad(s, t)];
    case "pin_locked":
      return [big("headline", t.pinLockedTitle), big("sub", t.pinLocked(s.detail)), button("nav done", t.done, () => post("done"))];
    case "no_pin":
      return [big("headline", t.noPinTitle), big("sub", t.noPin), button("nav done", t.done, () => post("done"))];
    case "diary":
      return [renderDiary(s, t, post)];
    case "error":
      return [big("headline", t.errorTitle), big("sub", s.detail || "")];
    default:
      return idleView(t);
  }
}

// A banner's time is up when banner_until_ms has passed; then the page shows idle by itself, even
// if the agent sends nothing (or sends the same state again on reconnect).
function timedOut(s) { return s.banner !== "idle" && s.banner_until_ms > 0 && Date.now() >= s.banner_until_ms; }
function shownBanner() { return timedOut(state) ? "idle" : state.banner; }

// Earlier answers a newer one replaced within their time (entrance): each pupil of a rush finds
// their own name here, under the newest one's banner. Answers without a person say what they were.
const RECENT_TITLES = { unknown_card: (t) => t.unknownTitle, sent_to_desk: (t) => t.deskTitle };
function recentView(s, t) {
  const now = Date.now();
  const items = (s.recent || []).filter((r) => r.until_ms > now).map((r) =>
    el("li", `recent-item recent-${r.banner}`, RECENT_TITLES[r.banner] ? RECENT_TITLES[r.banner](t) : r.person,
       r.class_name ? ` · ${r.class_name}` : null, r.time_text ? ` · ${r.time_text}` : null));
  return items.length ? el("ul", "recent", ...items) : null;
}

function drawBanner() {
  const shown = shownBanner();
  if (shown === "idle" && !drawnIdle) langOverride = null;  // the person has gone
  drawnIdle = shown === "idle";
  const t = texts();
  const main = $("banner");
  main.className = `banner ${shown}`;
  const view = shown === "idle" ? idleView(t) : bannerView(state, t);
  if (state.mode !== "hall") view.push(recentView(state, t));
  main.replaceChildren(...view.filter(Boolean));
}

// ---- footer -----------------------------------------------------------------------------------

function drawFooter() {
  const t = texts();
  const server = $("server");
  server.className = state.server_reachable ? "server ok" : "server down";
  let since = "";
  if (state.last_contact) {
    const d = new Date(state.last_contact);
    if (!isNaN(d)) since = hhmm(d);
  }
  $("server-text").textContent = state.server_reachable ? t.serverOk : since ? t.serverLost(since) : t.serverNever;
  $("spool").textContent = t.spool(state.spool_depth || 0);
  $("spool").className = state.spool_depth > 0 ? "spool waiting" : "spool";
  const readers = $("readers");
  readers.replaceChildren();
  if (!state.readers || state.readers.length === 0) readers.append(el("span", "reader failed", t.noReaders));
  for (const r of state.readers || []) {
    const label = `${r.model || r.reader}: ${t.reader[r.state] || r.state}${r.detail ? ` (${r.detail})` : ""}`;
    const item = el("span", `reader ${r.state}`, el("span", "dot"), label);
    item.title = r.reader;
    readers.append(item);
  }
  $("place").textContent = [state.kiosk_name, state.school].filter(Boolean).join(" · ");
  $("lang").textContent = t.switchTo;
  $("lost").textContent = t.lostAgent;
  document.documentElement.lang = lang();
}

function draw() {
  drawBanner();
  drawFooter();
}

// ---- sound (WebAudio; in kiosk mode Chromium runs with --autoplay-policy=no-user-gesture-required) --

let audio = null;
function tone(freq, start, length, type) {
  const osc = audio.createOscillator(), gain = audio.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  const t0 = audio.currentTime + start;
  gain.gain.setValueAtTime(0.0001, t0);
  gain.gain.exponentialRampToValueAtTime(0.4, t0 + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t0 + length);
  osc.connect(gain).connect(audio.destination);
  osc.start(t0);
  osc.stop(t0 + length + 0.02);
}
const SOUNDS = {
  welcome: () => tone(1320, 0, 0.15, "sine"),                                        // short high beep
  goodbye: () => tone(1320, 0, 0.15, "sine"),
  sent_to_desk: () => tone(1320, 0, 0.15, "sine"),                                   // accepted: the same beep
  unknown_card: () => { tone(180, 0, 0.22, "square"); tone(180, 0.3, 0.22, "square"); },  // low double buzz
  recorded_offline: () => { tone(880, 0, 0.16, "triangle"); tone(587, 0.18, 0.3, "triangle"); },  // falling pair
  wrong_pin: () => tone(220, 0, 0.3, "square"),
};
function play(banner) {
  const sound = SOUNDS[banner];
  if (!sound) return;
  try {
    audio = audio || new AudioContext();
    if (audio.state === "suspended") audio.resume();
    sound();
  } catch (e) { /* no audio device: the screen still says it */ }
}

// ---- state updates ----------------------------------------------------------------------------

function apply(next, fromStream) {
  const changed = !state || next.seq !== state.seq;
  state = next;
  draw();
  if (fromStream && changed && !timedOut(state)) play(state.banner);
}

function tick() {
  if (!state) return;
  if ((shownBanner() === "idle") !== drawnIdle) return draw();
  const clock = document.querySelector(".clock-time");
  if (clock) clock.textContent = hhmm(new Date());
}

let source = null, lostTimer = null;
function setLost(lost) { $("lost").hidden = !lost; }
function connect() {
  source = new EventSource(onceMode ? "/events?once=1" : "/events");
  source.addEventListener("state", (e) => {
    try { apply(JSON.parse(e.data), true); } catch (err) { /* a broken event: keep the last good state */ }
  });
  source.onopen = () => {
    clearTimeout(lostTimer);
    lostTimer = null;
    setLost(false);
  };
  source.onerror = () => {
    if (onceMode) {
      source.close();
      setTimeout(connect, ONCE_REPOLL_MS);
      return;
    }
    if (!lostTimer) lostTimer = setTimeout(() => setLost(true), LOST_AFTER_MS);
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, REOPEN_AFTER_MS);
  };
}

$("lang").addEventListener("click", () => {
  langOverride = lang() === "ru" ? "en" : "ru";
  draw();
});

try {
  apply(JSON.parse($("state").textContent), false);
} catch (e) {
  apply({ seq: 0, banner: "error", detail: "state: " + e.message, readers: [], language: "ru" }, false);
}
tick();
setInterval(tick, TICK_MS);
connect();
