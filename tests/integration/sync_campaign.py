#!/usr/bin/env python3
"""sync_campaign: the sync's fault campaign (issue 13, "Tests"). For each seed: a copy of a small demo school
(the box) and a fresh real classbook-portal started with `--faults SEED`; school days are written on the box
(marks, edits, deletes, attendance, lesson contents, taps: tests/integration/support/school_days.py), and
after each day `classbookctl sync` runs through the portal's faults — sometimes cut by SIGKILL part-way,
sometimes with the portal restarted. Then the portal is restarted without faults, one clean sync runs, and
the campaign checks convergence:

  - the portal's records equal the box's, compared by id and value (results = marks with their score or
    tobedeleted, attendance with its presence, lessons, lesson contents with their topic, taps);
  - nothing lost: both cursors at the box's last outbox seq; nothing duplicated: every outbox seq was
    applied in exactly one batch (no stored answer counts duplicates), every key stored once;
  - a resume resent at most the batch in flight: the deliveries of one Idempotency-Key (the portal logs
    each 200, applied or replayed) form one unbroken run — no acknowledged batch was ever sent again.

Each day the portal's roster changes too (its operator posts them, fault-free: the faults are the sync's):
new pupils in two of the box's classes (homeroom classes named as the box's), a pupil's family name
changed, a pupil who left (tobedeleted). After convergence every pupil the portal lists is exactly one
box pupil (its portal link), made once (one audit `create`), with the portal's latest name and class,
and left on the box exactly when the portal says so — except a pupil who left before any sync reached
the box, who is never made.

    tests/integration/sync_campaign.py                       # the ctest sample: seeds 1-3
    tests/integration/sync_campaign.py --seeds 500           # the long campaign (./run sync-campaign)
    tests/integration/sync_campaign.py --seed-list 17,40 -v  # replay chosen seeds, with each step logged
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "support"))
import school_days  # noqa: E402
import test_portal  # noqa: E402

BUILD = test_portal.BUILD
CTL = os.path.join(BUILD, "server/daemon/classbookctl")
SCHOOL = {"students": 150, "weeks": 2, "first_monday": "2026-11-23", "seed": 11}
DAYS = 4
FAULT_RATE = 0.3
SYNC_TIMEOUT = 600
VERBOSE = False


class CampaignError(Exception):
    pass


def log(msg):
    if VERBOSE:
        print(msg, file=sys.stderr, flush=True)


def ctl(data, *args, timeout=300):
    r = subprocess.run([CTL, *args, "--data", data], capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise CampaignError(f"classbookctl {' '.join(args)} failed: {r.stderr or r.stdout}")
    return r.stdout


def make_school(folder):
    ctl(folder, "init", "--name", "Школа кампании", "--host", "localhost")
    ctl(folder, "demo", "--students", str(SCHOOL["students"]), "--weeks", str(SCHOOL["weeks"]),
        "--first-monday", SCHOOL["first_monday"], "--seed", str(SCHOOL["seed"]))


def write_config(path, portal_data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'[portal]\nclient_file = "{portal_data}/client.json"\nca_file = "{portal_data}/tls/ca.crt"\n')


def sync(box, config, cut_after=None):
    """One `classbookctl sync`: (exit code, output); cut_after seconds → SIGKILL then (a cut on the box's side)."""
    proc = subprocess.Popen([CTL, "sync", "--data", box, "--config", config], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        out, _ = proc.communicate(timeout=cut_after if cut_after is not None else SYNC_TIMEOUT)
    except subprocess.TimeoutExpired:
        if cut_after is None:
            proc.kill()
            raise CampaignError("classbookctl sync did not finish in time")
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        return None, out
    return proc.returncode, out


SCHOOL_REF = {"href": "https://portal.example/orgs/school-1", "sourcedId": "school-1", "type": "org"}
FAMILIES = ["Волкова", "Зайцев", "Лебедева", "Орлов", "Соколова", "Медведев", "Ершова", "Кротов"]
GIVEN = ["Мария", "Илья", "Дарья", "Артём", "Полина", "Матвей", "Ева", "Тимур"]


def operator_post(portal, path, body):
    """The portal's operator posts a roster change (the operator's routes take no faults)."""
    status, _, data = portal.request("POST", "/portal/v1" + path, body, {"Authorization": "Bearer " + portal.operator,
                                                                         "Content-Type": "application/json"})
    if status != 200:
        raise CampaignError(f"the portal's operator could not post {path}: {status} {data[:300]!r}")


def portal_roster_day(portal, rng, roster, box):
    """One day of roster changes on the portal's side, remembered in `roster` for the convergence check:
    {"classes": {sid: name}, "pupils": {sid: {"family", "given", "class", "left"}}}."""
    ref = lambda kind, coll, sid: {"href": f"https://portal.example/{coll}/{sid}", "sourcedId": sid, "type": kind}  # noqa: E731
    if not roster["classes"]:
        names = [r[0] for r in rows(sqlite3.connect(os.path.join(box, "classbook.db")),
                                    "SELECT name FROM classes ORDER BY name LIMIT 2")]
        roster["classes"] = {f"c-{i}": n for i, n in enumerate(names)}
        operator_post(portal, "/roster", {"classes": [
            {"sourcedId": sid, "title": name, "classType": "homeroom", "course": ref("course", "courses", "course-hr"),
             "school": SCHOOL_REF, "terms": [ref("academicSession", "academicSessions", "year")]}
            for sid, name in roster["classes"].items()]})
    users, demographics, enrollments = [], [], []

    def user(sid, p):
        return {"sourcedId": sid, "enabledUser": "true", "givenName": p["given"], "familyName": p["family"],
                "roles": [{"roleType": "primary", "role": "student", "org": SCHOOL_REF}]}
    for _ in range(rng.randint(1, 3)):
        sid = f"u-{len(roster['pupils']) + 1}"
        cls = rng.choice(sorted(roster["classes"]))
        # Letters only (the box refuses digits in names); a double family name keeps them apart.
        p = {"family": rng.choice(FAMILIES) + "-" + rng.choice(FAMILIES), "given": rng.choice(GIVEN),
             "class": roster["classes"][cls], "left": False}
        roster["pupils"][sid] = p
        users.append(user(sid, p))
        demographics.append({"sourcedId": sid, "birthDate": f"2015-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"})
        enrollments.append({"sourcedId": f"e-{sid}", "user": ref("user", "users", sid), "class": ref("class", "classes", cls),
                            "school": SCHOOL_REF, "role": "student"})
    staying = [sid for sid, p in sorted(roster["pupils"].items()) if not p["left"] and all(u["sourcedId"] != sid for u in users)]
    if staying and rng.random() < 0.6:
        sid = rng.choice(staying)
        roster["pupils"][sid]["family"] += "-" + rng.choice(FAMILIES)
        users.append(user(sid, roster["pupils"][sid]))
    operator_post(portal, "/roster", {"users": users, "demographics": demographics, "enrollments": enrollments})
    staying = [sid for sid in staying if all(u["sourcedId"] != sid for u in users)]
    if staying and rng.random() < 0.4:
        sid = rng.choice(staying)
        roster["pupils"][sid]["left"] = True
        operator_post(portal, "/roster/tobedeleted", {"users": [sid]})


def check_roster(box, roster):
    """Every pupil the portal listed is one box pupil, made once, as the portal last had them."""
    problems, unseen = [], 0
    db = sqlite3.connect(f"file:{os.path.join(box, 'classbook.db')}?mode=ro", uri=True)
    for sid, p in sorted(roster["pupils"].items()):
        linked = rows(db, "SELECT s.uuid, s.last_name, s.first_name, c.name, s.left_on FROM portal_links l "
                          "JOIN students s ON s.uuid = l.uuid JOIN classes c ON c.id = s.class_id "
                          "WHERE l.entity = 'pupil' AND l.sourced_id = ?", sid)
        if not linked and p["left"]:
            # Left before the box heard of them (the syncs between were cut): never made, rightly.
            unseen += 1
            continue
        if len(linked) != 1:
            problems.append(f"roster: the portal's pupil {sid} is {len(linked)} box pupils, not one")
            continue
        uuid, last, first, cls, left_on = linked[0]
        if (last, first, cls) != (p["family"], p["given"], p["class"]):
            problems.append(f"roster: {sid} is {last} {first} in {cls} on the box, {p['family']} {p['given']} in {p['class']} on the portal")
        if (left_on is not None) != p["left"]:
            problems.append(f"roster: {sid} left the portal: {p['left']}, the box: {left_on}")
        made = rows(db, "SELECT count(*) FROM audit WHERE entity = 'student' AND uuid = ? AND action = 'create'", uuid)[0][0]
        if made != 1:
            problems.append(f"roster: {sid} was made {made} times on the box")
    extra = rows(db, "SELECT count(*) FROM portal_links WHERE entity = 'pupil'")[0][0] - (len(roster["pupils"]) - unseen)
    if extra:
        problems.append(f"roster: the box links {extra} pupils more than the portal listed")
    db.close()
    return problems


def rows(db, sql, *args):
    return db.execute(sql, args).fetchall()


def check_convergence(box, portal_data, client_id):
    """The list of differences between the box and the portal (empty: converged)."""
    problems = []
    b = sqlite3.connect(f"file:{box}/classbook.db?mode=ro", uri=True)
    p = sqlite3.connect(f"file:{portal_data}/portal.db?mode=ro", uri=True)
    try:
        held = {}
        for kind, sid, status, obj in rows(p, "SELECT kind, sourced_id, status, object FROM journal"):
            held[(kind, sid)] = (status, json.loads(obj))

        def expect(kind, sid, what, check):
            got = held.get((kind, sid))
            if got is None:
                problems.append(f"lost: {kind} {sid} ({what}) is not at the portal")
            elif not check(*got):
                problems.append(f"differs: {kind} {sid}: the box has {what}, the portal {got[0]} {json.dumps(got[1])[:200]}")

        marks = rows(b, "SELECT m.uuid, m.value, m.deleted_at IS NOT NULL FROM marks m")
        box_marks = {}
        for uuid, value, deleted in marks:
            box_marks[uuid] = (value, deleted)
            if deleted:
                got = held.get(("result", uuid))
                if got and got[0] != "tobedeleted":
                    problems.append(f"differs: result {uuid} was deleted on the box, the portal has it {got[0]}")
            else:
                expect("result", uuid, f"score {value}", lambda st, o, v=value: st == "active" and o.get("score") == v)
        for (kind, sid), (status, _) in held.items():
            if kind == "result" and status == "active" and (sid not in box_marks or box_marks[sid][1]):
                problems.append(f"extra: result {sid} is active at the portal, not on the box")
        for lesson, pupil, presence in rows(b, "SELECT l.uuid, s.uuid, a.presence FROM attendance a JOIN lessons l ON "
                                               "l.id = a.lesson_id JOIN students s ON s.id = a.student_id"):
            expect("attendance", f"{lesson}~{pupil}", presence, lambda st, o, v=presence: o.get("presence") == v)
        for lesson, topic in rows(b, "SELECT uuid, topic FROM lessons"):
            expect("lesson", lesson, "a lesson", lambda st, o: st == "active")
            if topic:
                expect("homework", lesson, f"topic {topic!r}", lambda st, o, v=topic: o.get("topic") == v)
        box_taps = {r[0] for r in rows(b, "SELECT uuid FROM outbox WHERE entity = 'tap'")}
        box_taps |= {r[0] for r in rows(b, "SELECT tap_id FROM taps WHERE student_id IS NOT NULL")}
        portal_taps = {sid for (kind, sid) in held if kind == "tap"}
        if box_taps != portal_taps:
            problems.append(f"taps differ: {len(box_taps - portal_taps)} lost, {len(portal_taps - box_taps)} extra")

        newest = rows(b, "SELECT coalesce(max(seq), 0) FROM outbox")[0][0]
        acked = rows(b, "SELECT acknowledged_through FROM sync_state WHERE id = 1")[0][0]
        cursor = rows(p, "SELECT acknowledged_through FROM clients WHERE client_id = ?", client_id)[0][0]
        if not acked == cursor == newest:
            problems.append(f"cursors: the box's outbox ends at {newest}, the box has {acked} acknowledged, the portal {cursor}")
        covered = []
        for key, first, last, answer in rows(p, "SELECT idempotency_key, first_seq, last_seq, answer FROM batches "
                                                "WHERE client_id = ? AND http_status = 200", client_id):
            if json.loads(answer).get("duplicates", 0):
                problems.append(f"duplicated: batch {key} carried {json.loads(answer)['duplicates']} items the portal had")
            if first > 0:
                covered.append((first, last, key))
        covered.sort()
        for (f1, l1, k1), (f2, l2, k2) in zip(covered, covered[1:]):
            if f2 <= l1:
                problems.append(f"duplicated: batches {k1} and {k2} overlap")
        seen, previous = set(), None
        for (key,) in rows(p, "SELECT idempotency_key FROM deliveries WHERE client_id = ? ORDER BY n", client_id):
            if key != previous and key in seen:
                problems.append(f"resent: batch {key} came again after later batches (an acknowledged batch was resent)")
            seen.add(key)
            previous = key
    finally:
        b.close()
        p.close()
    return problems


def spoil_and_check(box, portal_data, client_id):
    """The check must see what it is for: a changed score, a lost attendance row, a batch delivered again
    after later ones and a batch overlapping another are each found in a spoilt copy of the portal."""
    spoilt = portal_data + "-spoilt"
    shutil.copytree(portal_data, spoilt)
    p = sqlite3.connect(os.path.join(spoilt, "portal.db"))
    p.execute("UPDATE journal SET object = json_set(object, '$.score', 99) WHERE kind = 'result' AND sourced_id = "
              "(SELECT sourced_id FROM journal WHERE kind = 'result' AND status = 'active' LIMIT 1)")
    p.execute("DELETE FROM journal WHERE kind = 'attendance' AND sourced_id = "
              "(SELECT sourced_id FROM journal WHERE kind = 'attendance' LIMIT 1)")
    first = p.execute("SELECT idempotency_key FROM deliveries ORDER BY n LIMIT 1").fetchone()[0]
    p.execute("INSERT INTO deliveries(client_id, idempotency_key, replayed, received_at) VALUES (?,?,1,'x')", (client_id, first))
    # Two overlapping outbox batches of its own: a seed whose outbox all went in the first full push (the
    # snapshot's seqs are negative) has no outbox batch to copy, so the spoil cannot depend on one.
    for key, first, last in (("spoil-a", 1, 2), ("spoil-b", 2, 3)):
        p.execute("INSERT INTO batches(client_id, idempotency_key, first_seq, last_seq, http_status, answer, received_at, via) "
                  "SELECT client_id, ?, ?, ?, 200, '{}', received_at, via FROM batches LIMIT 1", (key, first, last))
    p.commit()
    p.close()
    found = check_convergence(box, spoilt, client_id)
    shutil.rmtree(spoilt)
    wanted = {"differs: result": False, "lost: attendance": False, "resent:": False, "overlap": False}
    for line in found:
        for k in wanted:
            wanted[k] = wanted[k] or k in line
    missed = [k for k, hit in wanted.items() if not hit]
    return [f"self-check: the convergence check did not notice a spoilt portal ({', '.join(missed)})"] if missed else []


def spoil_roster_and_check(box, roster):
    """The roster check must see what it is for: a pupil renamed on the box alone and a second box pupil
    linked to one portal pupil are found in a spoilt copy of the box's database."""
    if not roster["pupils"]:
        return ["self-check: no roster change was generated"]
    spoilt = box + "-spoilt"
    os.makedirs(spoilt)
    shutil.copy(os.path.join(box, "classbook.db"), os.path.join(spoilt, "classbook.db"))
    db = sqlite3.connect(os.path.join(spoilt, "classbook.db"))
    sids = sorted(roster["pupils"])
    db.execute("UPDATE students SET last_name = 'Подменова' WHERE uuid = "
               "(SELECT uuid FROM portal_links WHERE entity = 'pupil' AND sourced_id = ?)", (sids[0],))
    other = db.execute("SELECT uuid FROM students WHERE uuid NOT IN (SELECT uuid FROM portal_links) LIMIT 1").fetchone()[0]
    db.execute("INSERT INTO portal_links(entity, sourced_id, uuid, linked_at) VALUES ('pupil', ?, ?, 'x')",
               (sids[-1] + "-twin", other))
    db.commit()
    db.close()
    found = check_roster(spoilt, roster)
    shutil.rmtree(spoilt)
    wanted = {f"{sids[0]} is Подменова": False, "links 1 pupils more": False}
    for line in found:
        for k in wanted:
            wanted[k] = wanted[k] or k in line
    missed = [k for k, hit in wanted.items() if not hit]
    return [f"self-check: the roster check did not notice a spoilt box ({', '.join(missed)})"] if missed else []


def run_seed(seed, school, tmp, days, rate, self_check=False):
    rng = random.Random(seed)
    box = os.path.join(tmp, f"box-{seed}")
    portal_data = os.path.join(tmp, f"portal-{seed}")
    shutil.copytree(school, box)
    portal = test_portal.Portal(portal_data, "--faults", str(seed), "--fault-rate", str(rate))
    config = os.path.join(tmp, f"config-{seed}.toml")
    write_config(config, portal_data)
    stats = {"syncs": 0, "failed": 0, "cut": 0, "restarts": 0, "rows": 0}
    roster = {"classes": {}, "pupils": {}}
    try:
        dates = [r[0] for r in sqlite3.connect(os.path.join(box, "classbook.db")).execute(
            "SELECT DISTINCT date FROM lessons ORDER BY date").fetchall()]
        for day in range(days):
            portal_roster_day(portal, rng, roster, box)
            counts = school_days.school_day(os.path.join(box, "classbook.db"), rng, date=rng.choice(dates), scale=1.0)
            stats["rows"] += sum(counts.values())
            for _ in range(rng.randint(1, 2)):
                cut = rng.uniform(0.05, 1.5) if rng.random() < 0.35 else None
                code, out = sync(box, config, cut)
                stats["syncs"] += 1
                if code is None:
                    stats["cut"] += 1
                elif code != 0:
                    stats["failed"] += 1
                log(f"seed {seed} day {day}: sync {'cut' if code is None else code}: {out.strip()[-300:]}")
                if rng.random() < 0.25:
                    portal.stop()
                    portal.start()
                    stats["restarts"] += 1
        portal.stop()
        portal.args = []  # the clean end: no faults
        portal.start()
        code, out = sync(box, config)
        if code != 0:
            raise CampaignError(f"seed {seed}: the clean sync failed: {out.strip()[-1000:]}")
        client_id = portal.client["client_id"]
        portal.stop()
        problems = check_convergence(box, portal_data, client_id) + check_roster(box, roster)
        stats["pupils"] = len(roster["pupils"])
        if self_check and not problems:
            problems = spoil_and_check(box, portal_data, client_id) + spoil_roster_and_check(box, roster)
        with open(portal.log_path, encoding="utf-8", errors="replace") as f:
            stats["faults"] = sum(1 for line in f if " fault #" in line)
        p = sqlite3.connect(f"file:{portal_data}/portal.db?mode=ro", uri=True)
        stats["replayed"] = p.execute("SELECT count(*) FROM deliveries WHERE replayed = 1").fetchone()[0]
        p.close()
        return problems, stats
    finally:
        if portal.proc and portal.proc.poll() is None:
            portal.stop()


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=3, help="seeds 1..N (default 3, the ctest sample)")
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--seed-list", help="comma-separated seeds instead")
    ap.add_argument("--days", type=int, default=DAYS, help=f"school days per seed (default {DAYS})")
    ap.add_argument("--fault-rate", type=float, default=FAULT_RATE)
    ap.add_argument("--keep", action="store_true", help="keep the folders of failed seeds")
    ap.add_argument("--self-check", action="store_true",
                    help="after the first seed converges, also show that the check finds a spoilt portal's differences")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    VERBOSE = a.verbose
    seeds = [int(s) for s in a.seed_list.split(",")] if a.seed_list else list(range(a.first_seed, a.first_seed + a.seeds))
    for tool in (CTL, test_portal.PORTAL):
        if not os.access(tool, os.X_OK):
            raise CampaignError(f"{tool} is missing; build it")
    tmp = tempfile.mkdtemp(prefix="classbook-sync-campaign-")
    failed = []
    try:
        school = os.path.join(tmp, "school")
        make_school(school)
        started = time.monotonic()
        for seed in seeds:
            t = time.monotonic()
            problems, stats = run_seed(seed, school, tmp, a.days, a.fault_rate, a.self_check and seed == seeds[0])
            took = time.monotonic() - t
            verdict = "converged" if not problems else f"{len(problems)} PROBLEMS"
            print(f"seed {seed}: {verdict} in {took:.1f} s — {stats['rows']} outbox rows, {stats['syncs']} syncs "
                  f"({stats['cut']} cut, {stats['failed']} gave up), {stats['restarts']} portal restarts, "
                  f"{stats['faults']} faults, {stats['replayed']} batches answered from their key again, "
                  f"{stats.get('pupils', 0)} pupils from the portal's roster", flush=True)
            for p in problems[:20]:
                print("    " + p)
            if problems:
                failed.append(seed)
            elif not a.keep:
                shutil.rmtree(os.path.join(tmp, f"box-{seed}"), ignore_errors=True)
                shutil.rmtree(os.path.join(tmp, f"portal-{seed}"), ignore_errors=True)
        print(f"sync campaign: {len(seeds) - len(failed)} of {len(seeds)} seeds converged in {time.monotonic() - started:.0f} s"
              + (f"; failed: {','.join(map(str, failed))}" if failed else ""))
        return 1 if failed else 0
    finally:
        if failed and a.keep:
            print(f"sync campaign: kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CampaignError as e:
        print(f"sync campaign: FAILED — {e}", file=sys.stderr)
        sys.exit(1)
