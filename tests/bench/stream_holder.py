#!/usr/bin/env python3
"""stream_holder: holds many live-update streams (GET /api/v1/stream) open against a classbookd, as
a school's open browser tabs would, for bench.py --streams. Signs in as up to ⌈N/5⌉ different demo
accounts (five streams per account is the server's limit), opens N streams spread over them, prints
"open N" once every stream has said `ready`, then reads and counts frames until stdin closes, and
prints "frames F events E" as its last line.

    stream_holder.py --port P --ca CA --accounts demo-accounts.json --streams 2000
"""
import argparse
import asyncio
import json
import ssl
import sys

PER_ACCOUNT = 5
OPEN_AT_ONCE = 20


async def sign_in(port, ctx, account):
    reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=ctx, server_hostname="localhost")
    body = json.dumps({"login": account["login"], "password": account["password"]}).encode()
    writer.write(b"POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                 b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        return None
    if json.loads(payload).get("must_change_password"):
        return None
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"set-cookie:"):
            return line.split(b":", 1)[1].strip().split(b";")[0].decode()
    return None


class Counts:
    frames = 0
    events = 0


async def hold(port, ctx, cookie, ready, counts):
    reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=ctx, server_hostname="localhost")
    writer.write(f"GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError("the stream was refused: " + head.split(b"\r\n")[0].decode())
    said_ready = False
    buf = b""
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n\n" in buf:
            frame, _, buf = buf.partition(b"\n\n")
            counts.frames += 1
            if b"\nevent: ready" in frame and not said_ready:
                said_ready = True
                ready.release()
            elif b"\nevent: heartbeat" not in frame and b"\nevent: " in frame:
                counts.events += 1


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--accounts", required=True)
    ap.add_argument("--streams", type=int, required=True)
    a = ap.parse_args()
    ctx = ssl.create_default_context(cafile=a.ca)
    with open(a.accounts, encoding="utf-8") as f:
        accounts = [x for x in json.load(f) if x["role"] in ("guardian", "student", "teacher")]
    need = -(-a.streams // PER_ACCOUNT)
    cookies = []
    gate = asyncio.Semaphore(8)

    async def one(acc):
        async with gate:
            return await sign_in(a.port, ctx, acc)

    for start in range(0, len(accounts), 64):
        got = await asyncio.gather(*(one(x) for x in accounts[start:start + 64]))
        cookies += [c for c in got if c]
        if len(cookies) >= need:
            break
    if len(cookies) < need:
        print(f"error only {len(cookies)} accounts could sign in; {need} are needed", flush=True)
        return 1
    ready = asyncio.Semaphore(0)
    counts = Counts()
    # Opened a few at a time, as pages open through a school day, not all in one burst.
    tasks = []
    for start in range(0, a.streams, OPEN_AT_ONCE):
        batch = range(start, min(a.streams, start + OPEN_AT_ONCE))
        tasks += [asyncio.create_task(hold(a.port, ctx, cookies[i // PER_ACCOUNT], ready, counts)) for i in batch]
        for _ in batch:
            await ready.acquire()
    print(f"open {a.streams}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the bench closes our stdin
    for t in tasks:
        t.cancel()
    print(f"frames {counts.frames} events {counts.events}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
