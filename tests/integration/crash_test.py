"""crash_test: kill classbookd with SIGKILL at random moments under tap load, restart it, and check
that every tap the server acknowledged is in the database and that the database is sound.
A short run is part of the tests; `./run crash` does the long one (1,000 kills)."""
import argparse
import datetime
import http.client
import json
import os
import random
import signal
import ssl
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402


def tap_worker(box, cards, acked, stop, lock):
    ctx = ssl.create_default_context(cafile=os.path.join(box.data, "tls/ca.crt"))
    conn = None
    while not stop.is_set():
        try:
            if conn is None:
                conn = http.client.HTTPSConnection("localhost", box.port, context=ctx, timeout=5)
            tap_id = str(uuid.uuid4())
            at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            body = json.dumps({"tap_id": tap_id, "card": random.choice(cards), "reader": "entrance-1", "at": at})
            conn.request("POST", "/api/v1/taps", body=body,
                         headers={"Content-Type": "application/json", "Authorization": "Bearer " + box.kiosk_key})
            r = conn.getresponse()
            r.read()
            if r.status in (200, 201):
                with lock:
                    acked.append(tap_id)
        except (OSError, http.client.HTTPException):
            conn = None  # the server died under us: the tap was not acknowledged, which is fine
            time.sleep(0.01)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    random.seed(args.seed)
    box = Box(students=40, weeks=1)
    try:
        with box.db() as db:
            cards = [r[0] for r in db.execute("SELECT card FROM students WHERE card IS NOT NULL")]
        acked, lock = [], threading.Lock()
        total_checked = 0
        for kill in range(1, args.kills + 1):
            box.start()
            stop = threading.Event()
            workers = [threading.Thread(target=tap_worker, args=(box, cards, acked, stop, lock)) for _ in range(args.workers)]
            for w in workers:
                w.start()
            time.sleep(random.uniform(0.2, 1.2))
            box.stop(signal.SIGKILL)
            stop.set()
            for w in workers:
                w.join()
            with lock:
                ids = list(acked)
            with box.db() as db:
                present = {r[0] for r in db.execute("SELECT tap_id FROM taps")}
            missing = [t for t in ids if t not in present]
            if missing:
                print(f"kill {kill}: {len(missing)} acknowledged taps are missing, e.g. {missing[:3]}")
                return 1
            total_checked = len(ids)
            if kill % 10 == 0 or kill == args.kills:
                print(f"kill {kill}/{args.kills}: {len(ids)} acknowledged taps all present", flush=True)
        check = ctl(box.data, "check", check=False)
        if check.returncode != 0:
            print("integrity check failed after the kills:", check.stderr)
            return 1
        audit = ctl(box.data, "verify-audit", check=False)
        if audit.returncode != 0:
            print("audit chain broken after the kills:", audit.stderr)
            return 1
        if total_checked == 0:
            print("no tap was acknowledged at all: the test measured nothing")
            return 1
        print(f"{args.kills} kills, {total_checked} acknowledged taps present, integrity ok, audit chain ok")
        return 0
    finally:
        box.cleanup()


if __name__ == "__main__":
    sys.exit(main())
