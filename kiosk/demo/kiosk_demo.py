"""kiosk_demo: an entrance kiosk for the demo school (`./run kiosk-demo`, beside a running
`./run demo`). Enrols a kiosk with a one-time code, then runs classbook-kiosk with the simulated
reader on this console: type a pupil's card number and Enter, and the tap becomes attendance —
on the kiosk's screen (http://127.0.0.1:8080/) and in the class teacher's overview."""
import os
import re
import sqlite3
import ssl
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../.."))
BUILD = os.environ.get("CLASSBOOK_BUILD", os.path.join(ROOT, "build"))
CTL = os.path.join(BUILD, "server/daemon/classbookctl")
KIOSK = os.path.join(BUILD, "kiosk/app/classbook-kiosk")
DATA = os.environ.get("CLASSBOOK_DATA", os.path.join(ROOT, "var/demo"))
PORT = int(os.environ.get("CLASSBOOK_PORT", "8443"))
SCREEN_PORT = int(os.environ.get("CLASSBOOK_KIOSK_SCREEN_PORT", "8080"))
FOLDER = os.path.join(ROOT, "var/kiosk-demo")
NAME = "Demo entrance"


def box_running():
    ctx = ssl.create_default_context(cafile=os.path.join(DATA, "tls/ca.crt"))
    try:
        with urllib.request.urlopen(f"https://localhost:{PORT}/healthz", context=ctx, timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def ctl(*args, check=True):
    r = subprocess.run([CTL, *args, "--data", DATA], capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"kiosk-demo: classbookctl {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def main():
    if not os.path.exists(os.path.join(DATA, "classbook.db")) or not box_running():
        sys.exit(f"kiosk-demo: the demo box is not running on https://localhost:{PORT}/ — start `./run demo` "
                 "in another terminal first, then run `./run kiosk-demo` again")
    os.makedirs(FOLDER, exist_ok=True)
    config = os.path.join(FOLDER, "kiosk.conf")
    with open(config, "w") as f:
        f.write(f"# written by ./run kiosk-demo\n[server]\nurl = https://localhost:{PORT}\n[kiosk]\nmode = entrance\n"
                f"data = data\nlanguage = ru\n[screen]\nport = {SCREEN_PORT}\n[readers]\n"
                f"profiles = {ROOT}/firmware-config/readers\nusb = no\nsimulated = stdin\n")
    if not os.path.exists(os.path.join(FOLDER, "data/kiosk.crt")):
        ctl("kiosk", "revoke", NAME, check=False)  # a kiosk of an earlier demo run
        out = ctl("kiosk", "enrol", NAME, "--mode", "entrance")
        code = re.search(r"code: (\S+)", out).group(1)
        fingerprint = re.search(r"box CA fingerprint: (\S+)", out).group(1)
        print(f"The admin's one-time code for '{NAME}': {code}")
        r = subprocess.run([KIOSK, "enrol", "--config", config, "--code", code, "--ca-fingerprint", fingerprint])
        if r.returncode != 0:
            sys.exit("kiosk-demo: enrolment failed (see above)")
    db = sqlite3.connect(f"file:{os.path.join(DATA, 'classbook.db')}?mode=ro", uri=True)
    pupils = db.execute("SELECT s.card, s.first_name || ' ' || s.last_name, c.name FROM students s "
                        "JOIN classes c ON c.id = s.class_id WHERE s.card IS NOT NULL ORDER BY c.name, s.last_name "
                        "LIMIT 8").fetchall()
    db.close()
    print(f"\nThe kiosk's screen: http://127.0.0.1:{SCREEN_PORT}/ (open it in a browser)")
    print("Type a card number and Enter — a pupil's card:")
    for card, name, cls in pupils:
        print(f"  {card}   {name}, {cls}")
    print("  DEADBEEF   a card nobody has")
    print("Stop the box (Ctrl-C in its terminal) and tap again: the screen turns amber and the tap waits")
    print("in the spool; start the box again and it is delivered. The class teacher sees the taps in the")
    print("class overview of the web journal. Ctrl-D or Ctrl-C ends the kiosk.\n")
    os.execv(KIOSK, [KIOSK, "run", "--config", config])


if __name__ == "__main__":
    main()
