#!/usr/bin/env python3
"""browser.kiosk_screen: real headless Chromium renders the kiosk screen served by a real ScreenServer.

For each scenario (a state and a language) the fixture serves the page, Chromium takes a 1280×800
screenshot and dumps the DOM in one run, and the test checks: the PNG is 1280×800; the banner area's
most common colour is the banner's colour from style.css; the footer is the footer's colour; the
texts of that state are in the DOM. Screenshots and DOMs are kept in --out for people to look at.
Exits 77 (skipped) only when Chromium is not installed.
"""
import argparse
import collections
import concurrent.futures
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png  # noqa: E402

WIDTH, HEIGHT = 1280, 800
CHROMIUM_TIMEOUT = 60   # seconds for one Chromium run; a hang (e.g. a stream that never ends) fails
PARALLEL = 3            # Chromium runs at once
COLOUR_TOLERANCE = 8    # per channel, for anti-aliasing and colour management
MIN_SHARE = 0.5         # the banner colour must cover at least this share of the sampled pixels

# The colours named in kiosk/screen/web/style.css.
GREEN = (0x1E, 0x7E, 0x34)
RED = (0xC6, 0x28, 0x28)
AMBER = (0xF0, 0xA5, 0x00)
NAVY = (0x0D, 0x2B, 0x4E)
DESK = (0x45, 0x5A, 0x64)      # the office's reader: calm grey-blue, neither green nor red
WHITE = (0xFF, 0xFF, 0xFF)     # the diary's day cards
DIARY_BAR = (0xDF, 0xE6, 0xEF)
FOOTER = (0x11, 0x11, 0x11)

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
    "--force-device-scale-factor=1", f"--window-size={WIDTH},{HEIGHT}",
]

# Where colours are judged: the banner fills the screen above the footer (about 80 px at this size),
# its top 60 px may hold the language button or the diary's bar, so the box starts below them.
BANNER_BOX = (0, 120, WIDTH, 640)
FOOTER_BOX = (0, HEIGHT - 12, WIDTH, HEIGHT)
DIARY_BAR_BOX = (0, 4, 900, 60)

# name, fixture scenario, language, banner colour, texts that must be in the DOM, texts that must not,
# extra (query, flags) for the run.
SCENARIOS = [
    ("welcome-ru", "welcome", "ru", GREEN,
     ["Добро пожаловать", "Анна Петрова", "5А класс · 08:12", "Сервер на связи", "Все проходы отправлены",
      "Главный вход · Школа № 5", "ACS ACR122U: готов", "RDM6300: сбой"], [], None),
    ("welcome-en", "welcome", "en", GREEN,
     ["Welcome", "Анна Петрова", "Server connected", "All taps sent", "ACS ACR122U: ready"], ["Добро"], None),
    ("unknown_card-ru", "unknown_card", "ru", RED, ["Карта не распознана", "Обратитесь к секретарю"], [], None),
    ("unknown_card-en", "unknown_card", "en", RED, ["Card not recognised", "Please see the secretary"], [], None),
    ("sent_to_desk-ru", "sent_to_desk", "ru", DESK,
     ["Карта передана в канцелярию", "Секретарь видит её номер на своей странице",
      'class="recent-item recent-sent_to_desk"', " · 08:11"], ["Добро пожаловать", "Анна Петрова"], None),
    ("sent_to_desk-en", "sent_to_desk", "en", DESK,
     ["Card sent to the office", "The secretary sees its number on their page"],
     ["Welcome", "Card not recognised", "Анна Петрова"], None),
    ("recorded_offline-ru", "recorded_offline", "ru", AMBER,
     ["Записано, отправим", "3 прохода ждут отправки", "Нет связи с сервером с "], [], None),
    ("recorded_offline-en", "recorded_offline", "en", AMBER,
     ["Recorded, will send", "3 taps waiting to be sent", "Server offline since "], [], None),
    # Loaded with the test stream (?once=1) and a virtual-time budget: must not hang, and the event
    # the stream carries is applied on top of the embedded state.
    ("diary-ru", "diary", "ru", WHITE,
     ["Анна Петрова", "23–28 ноября", "Математика", "Дроби: сложение и вычитание", "Д/з: Стр. 54, № 210–214",
      "Н (болезнь)", "опоздание 10 мин", "Уроков нет", "◀ Пред. неделя", "Печать", "Готово", "×3"], [],
     ("?once=1", ["--virtual-time-budget=3000"])),
    # The HTML carries a welcome; the fixture shows unknown_card once the page's stream opens, so red
    # and its texts can only come from an SSE event the page applied. Opened on the real stream and
    # awaited in real time (live_page.mjs): virtual time once ran out before the fixture had switched.
    ("live-en", "live", "en", RED, ["Card not recognised"], ["Welcome"], ("", "live:Card not recognised")),
    ("diary-en", "diary", "en", WHITE,
     ["23–28 November", "Previous week", "Next week", "Print", "Done", "Absent (ill)",
      "10 min late", "No lessons", "Homework: Стр. 54"], [], None),
    # The Print button's progress under the diary's bar: the printer holds the extract (no paper).
    ("diary_print-en", "diary_print", "en", WHITE,
     ["The printer is out of paper — call the staff on duty", "It will print as soon as the printer works again",
      "Previous week"], ["Printing at the kiosk comes later"], None),
    ("diary_print-ru", "diary_print", "ru", WHITE, ["Нет бумаги — позовите дежурного", "◀ Пред. неделя"], [], None),
    # A welcome whose banner_until_ms has passed: the page shows the hall's idle screen by itself.
    ("expired-ru", "expired", "ru", NAVY, ["Приложите карту или покажите QR-код"], ["Добро пожаловать"], None),
    ("wrong_pin-ru", "wrong_pin", "ru", NAVY,
     ["Неверный PIN — осталось 2 попытки", "Стереть", "OK", 'class="pin-dot filled"'], [], None),
]


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


class Fixture:
    """The fixture program serving one state; stops when its stdin closes."""

    def __init__(self, binary, scenario, language, diary):
        self.proc = subprocess.Popen([binary, scenario, language, diary], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 10)
        line = self.proc.stdout.readline() if ready else ""
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"fixture did not start: {line!r} {self.proc.stderr.read()}")
        self.port = int(line.split()[1])

    def stop(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode


def run_chromium(chromium, url, shot, extra):
    """One run: screenshot to `shot`, the DOM on stdout. Returns (dom, seconds)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kiosk-screen-chromium-") as profile:
        cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, f"--screenshot={shot}", "--dump-dom", url]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"Chromium did not finish within {CHROMIUM_TIMEOUT} s: {' '.join(cmd)}")
    return out.decode("utf-8", "replace"), time.monotonic() - started


def run_live_page(web_dir, url, shot, text):
    """The page on its live stream, awaited until `text` shows (live_page.mjs). Returns (dom, seconds)."""
    started = time.monotonic()
    node = shutil.which("node") or "/usr/bin/node"
    here = os.path.dirname(os.path.abspath(__file__))
    proc = subprocess.run([node, os.path.join(here, "live_page.mjs"), web_dir, url, shot, text],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=CHROMIUM_TIMEOUT)
    dom = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0:
        dom += f"<!-- live_page.mjs exited {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')} -->"
    return dom, time.monotonic() - started


def dominant(image, x0, y0, x1, y1, step=8):
    """The most common colour in a grid of samples over the box, and its share of the samples."""
    counts = collections.Counter(image.pixel(x, y) for y in range(y0, y1, step) for x in range(x0, x1, step))
    colour, n = counts.most_common(1)[0]
    return colour, n / sum(counts.values())


def close_to(a, b):
    return all(abs(p - q) <= COLOUR_TOLERANCE for p, q in zip(a, b))


def check(args, chromium, scenario):
    name, fixture_scenario, language, colour, present, absent, variant = scenario
    query, extra = variant if variant else ("", [])
    awaited = extra[len("live:"):] if isinstance(extra, str) else None
    shot = os.path.join(args.out, f"{name}.png")
    if os.path.exists(shot):
        os.remove(shot)
    fixture = Fixture(args.fixture, fixture_scenario, language, args.diary)
    try:
        url = f"http://127.0.0.1:{fixture.port}/{query}"
        if awaited:
            dom, seconds = run_live_page(args.web_dir, url, shot, awaited)
        else:
            dom, seconds = run_chromium(chromium, url, shot, extra)
    finally:
        code = fixture.stop()
    with open(os.path.join(args.out, f"{name}.html"), "w", encoding="utf-8") as f:
        f.write(dom)

    problems = []
    if code != 0:
        problems.append(f"fixture exited {code}")
    if not os.path.exists(shot):
        return name, seconds, [f"no screenshot written ({shot})"]
    image = png.read(shot)
    if (image.width, image.height) != (WIDTH, HEIGHT):
        problems.append(f"screenshot is {image.width}×{image.height}, expected {WIDTH}×{HEIGHT}")
        return name, seconds, problems
    boxes = [("banner", BANNER_BOX, colour), ("footer", FOOTER_BOX, FOOTER)]
    if fixture_scenario.startswith("diary"):
        boxes.append(("diary bar", DIARY_BAR_BOX, DIARY_BAR))
    for what, box, expected in boxes:
        found, share = dominant(image, *box)
        if not close_to(found, expected) or share < MIN_SHARE:
            problems.append(f"{what} colour {found} over {share:.0%} of samples, expected {expected} over ≥{MIN_SHARE:.0%}")
    if "id=\"banner\"" not in dom:
        problems.append("the DOM dump has no banner (page did not load?)")
    problems += [f"missing text: {t!r}" for t in present if t not in dom]
    problems += [f"unexpected text: {t!r}" for t in absent if t in dom]
    return name, seconds, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--diary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--web-dir", required=True, help="server/web, whose pinned tools hold playwright-core")
    parser.add_argument("--only", help="run only scenarios whose name contains this")
    args = parser.parse_args()

    chromium = find_chromium()
    if not chromium:
        print("SKIP: chromium is not installed (./setup installs it)")
        return 77
    os.makedirs(args.out, exist_ok=True)
    scenarios = [s for s in SCENARIOS if not args.only or args.only in s[0]]
    started, failed = time.monotonic(), 0
    with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
        for name, seconds, problems in pool.map(lambda s: check(args, chromium, s), scenarios):
            status = "ok" if not problems else "FAIL"
            print(f"{status:4} {name:22} {seconds:5.1f} s  {os.path.join(args.out, name + '.png')}")
            for p in problems:
                print(f"     {p}")
            failed += bool(problems)
    print(f"{len(scenarios) - failed}/{len(scenarios)} scenarios passed in {time.monotonic() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
