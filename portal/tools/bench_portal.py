#!/usr/bin/env python3
"""Fills a fresh classbook-portal with RESULTS results in batches of 1,000 (signed, as the box sends
them) and times the batches, then a count and deep pages of the gradebook — the portal must hold a
school's 1.3 million results without trouble. Not part of ctest (it runs for minutes):
    python3 portal/tools/bench_portal.py [RESULTS]   (default 1300000; CLASSBOOK_BUILD=build)"""
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../tests/integration"))
import test_portal as t  # noqa: E402

total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_300_000
tmp = tempfile.mkdtemp(prefix="portal-bench-")
portal = t.Portal(os.path.join(tmp, "data"))
try:
    key = t.BoxKey(os.path.join(tmp, "box"))
    token, school = portal.token(), portal.client["school"]
    started = time.monotonic()
    slowest = 0.0
    for first in range(1, total + 1, 1000):
        last = min(first + 999, total)
        items = [t.result_item(seq, f"res-{seq:07}", seq % 5 + 1) for seq in range(first, last + 1)]
        idem, body = t.batch(school, first, last, items, key=key.pem if first == 1 else None)
        signature = key.sign(body)
        if first % 100_000 == 1:
            token = portal.token()
        sent = time.monotonic()
        status, _, data = t.send(portal, token, idem, body, signature)
        slowest = max(slowest, time.monotonic() - sent)
        assert status == 200, data
    elapsed = time.monotonic() - started
    print(f"{total} results in {elapsed:.1f} s ({total / elapsed:.0f}/s); slowest batch {slowest * 1000:.0f} ms")
    for query in ("limit=1000&offset=0", f"limit=1000&offset={total - 1000}",
                  "limit=100&filter=" + "dateLastModified%3E%272026-12-07T09%3A00%3A00Z%27"):
        sent = time.monotonic()
        status, headers, body = portal.get(t.GRADEBOOK + "/results?" + query, token)
        print(f"GET results?{query}: {status}, X-Total-Count {headers.get('x-total-count')}, "
              f"{len(body['results'])} objects, {(time.monotonic() - sent) * 1000:.0f} ms")
    size = os.path.getsize(os.path.join(portal.data, "portal.db"))
    print(f"portal.db: {size / 1e6:.0f} MB")
finally:
    portal.stop()
    shutil.rmtree(tmp)
