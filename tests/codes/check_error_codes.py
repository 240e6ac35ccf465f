#!/usr/bin/env python3
"""Every stable error code the sources use is documented, and every documented code is used.

The API's codes (server/ and common/, e.g. "mark.value_out_of_scale") must be the keys of
components.x-error-codes in docs/openapi.yaml; the kiosk protocol's own names (kiosk_error in
server/app/kiosks.hpp, e.g. "wrong_pin") the keys of components.x-kiosk-error-codes; the codes of
the kiosk's own programs (kiosk/ and drivers/, never sent by the API) the list under "## Error
codes" in docs/kiosk.md. The web app (server/web/src) translates only documented codes.
Usage: check_error_codes.py SOURCE_DIR
"""
import os
import re
import sys

import yaml

SHAPE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")
# Where a code is written: as make_error's/fail's second argument after the kind, as the first
# argument of the helpers that take one (invalid, bad, unauthenticated), assigned to an ErrorCode,
# or as the "code" of a JSON body written by hand.
USES = [
    re.compile(r'Errc::\w+\s*,\s*"([^"]*)"'),
    re.compile(r'\b(?:invalid|bad|unauthenticated)\(\s*"([^"]*)"'),
    re.compile(r'\b(?:ErrorCode\s+)?id\s*=\s*"([^"]*)"'),
    re.compile(r'\\?"code\\?"\s*[:,]\s*\\?"([a-z0-9_]+\.[a-z0-9_]+)\\?"'),
]


def codes_in(root, folders):
    found = {}
    for folder in folders:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                text = open(path, encoding="utf-8").read()
                for pattern in USES:
                    for m in pattern.finditer(text):
                        if not SHAPE.match(m.group(1)):
                            continue  # not a code (the compiler refuses a code of the wrong shape)
                        line = text.count("\n", 0, m.start()) + 1
                        found.setdefault(m.group(1), []).append(f"{os.path.relpath(path, root)}:{line}")
    return found


def kiosk_protocol_codes(root):
    text = open(os.path.join(root, "server/app/kiosks.hpp"), encoding="utf-8").read()
    block = text[text.index("namespace kiosk_error {"):text.index("}  // namespace kiosk_error")]
    return set(re.findall(r'constexpr const char\* \w+ = "([^"]+)";', block))


def documented_device_codes(root):
    text = open(os.path.join(root, "docs/kiosk.md"), encoding="utf-8").read()
    start = text.index("\n## Error codes")
    end = text.find("\n## ", start + 1)
    return set(re.findall(r"^- `([^`]+)`", text[start:end if end >= 0 else len(text)], re.M))


def compare(what, used, documented, where):
    problems = []
    for code in sorted(set(used) - set(documented)):
        problems.append(f"{what}: {code} is used ({', '.join(used[code][:3])}) but not documented in {where}")
    for code in sorted(set(documented) - set(used)):
        problems.append(f"{what}: {code} is documented in {where} but no source uses it")
    return problems


def main(root):
    spec = yaml.safe_load(open(os.path.join(root, "docs/openapi.yaml"), encoding="utf-8"))
    api_doc = spec["components"].get("x-error-codes") or {}
    kiosk_doc = spec["components"].get("x-kiosk-error-codes") or {}
    problems = []

    api_used = codes_in(root, ["server", "common"])
    device_used = codes_in(root, ["kiosk", "drivers"])
    for code, meaning in list(api_doc.items()) + list(kiosk_doc.items()):
        if not isinstance(meaning, str) or not meaning.strip():
            problems.append(f"{code} is documented without a meaning")

    problems += compare("API", api_used, api_doc, "docs/openapi.yaml components.x-error-codes")
    protocol = {c: ["server/app/kiosks.hpp"] for c in kiosk_protocol_codes(root)}
    problems += compare("kiosk protocol", protocol, kiosk_doc, "docs/openapi.yaml components.x-kiosk-error-codes")
    problems += compare("kiosk", device_used, documented_device_codes(root), "docs/kiosk.md ## Error codes")

    # The web app's translations (the SAY tables under server/web/src) name only codes the server has.
    said = 0
    for folder, _, names in os.walk(os.path.join(root, "server/web/src")):
        for name in names:
            if not name.endswith(".js"):
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            if "const SAY = {" not in text:
                continue
            say = text[text.index("const SAY = {"):text.index("};", text.index("const SAY = {"))]
            for code in re.findall(r'^\s*"([^"]+)":', say, re.M):
                said += 1
                if code not in api_doc:
                    rel = os.path.relpath(path, root)
                    problems.append(f"web app: {rel} translates {code}, which is not a documented API code")
    if said == 0:
        problems.append("web app: no SAY table of error codes found under server/web/src")

    for p in problems:
        print(p)
    print(f"{len(api_used)} API codes, {len(protocol)} kiosk protocol codes, {len(device_used)} kiosk codes; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")))
