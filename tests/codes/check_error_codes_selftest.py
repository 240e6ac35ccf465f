#!/usr/bin/env python3
"""The error code check must be able to fail: a tree with a code used but not documented, one
documented but unused, a kiosk protocol code missing from the list and a web translation of a code
that does not exist has to be refused with each
named, and the same tree made whole has to pass."""
import os
import subprocess
import sys
import tempfile

check = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_error_codes.py")


def tree(root, documented, protocol_documented, said):
    def write(path, text):
        os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
        open(os.path.join(root, path), "w").write(text)
    write("server/app/kiosks.hpp", 'namespace kiosk_error {\nconstexpr const char* revoked = "kiosk_revoked";\n'
                                   "bool is_one(std::string_view field);\n}  // namespace kiosk_error\n")
    write("server/app/marks.cpp", 'return make_error(Errc::invalid_input, "mark.value_out_of_scale", "off the scale");\n'
                                  'return reply(bad("timetable.week_clash", message, "lessons"));\n')
    write("kiosk/spool/spool.cpp", 'return make_error(Errc::unavailable, "spool.full", "the spool is full");\n')
    lines = "".join(f"    {c}: meaning\n" for c in documented)
    kiosk = "".join(f"    {c}: meaning\n" for c in protocol_documented)
    write("docs/openapi.yaml", "components:\n  x-error-codes:\n" + lines + "  x-kiosk-error-codes:\n" + (kiosk or "    {}\n"))
    write("docs/kiosk.md", "# guide\n\n## Error codes\n\n- `spool.full` — full\n")
    write("server/web/src/errors.js", "const SAY = {\n" + "".join(f'  "{c}": "words",\n' for c in said) + "};\n")


def run(root):
    return subprocess.run([sys.executable, check, root], capture_output=True, text=True)


with tempfile.TemporaryDirectory() as broken, tempfile.TemporaryDirectory() as whole:
    tree(broken, ["mark.value_out_of_scale", "mark.never_used"], [], ["mark.value_out_of_scale", "mark.not_a_code"])
    r = run(broken)
    print(r.stdout, r.stderr)
    assert r.returncode == 1, f"the check passed a broken tree (exit {r.returncode})"
    assert "timetable.week_clash is used" in r.stdout, "an undocumented code (from a helper call) was not named"
    assert "mark.never_used is documented" in r.stdout, "an unused documented code was not named"
    assert "kiosk protocol: kiosk_revoked is used" in r.stdout, "an undocumented kiosk protocol code was not named"
    assert "server/web/src/errors.js translates mark.not_a_code" in r.stdout, "a web translation of no code was not named"

    tree(whole, ["mark.value_out_of_scale", "timetable.week_clash"], ["kiosk_revoked"], ["timetable.week_clash"])
    r = run(whole)
    print(r.stdout, r.stderr)
    assert r.returncode == 0, f"the check refused a whole tree (exit {r.returncode})"
print("error code check self-test: the planted breaks were refused and the whole tree passed")
