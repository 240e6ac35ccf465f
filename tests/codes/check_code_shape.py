#!/usr/bin/env python3
"""An error code of the wrong shape does not compile: make_error with each bad code below must be
refused by the compiler, and the same file with a good code must compile (so a refusal is the
code's doing, not a broken probe). Usage: check_code_shape.py CXX SOURCE_DIR"""
import os
import subprocess
import sys

cxx, source = sys.argv[1], sys.argv[2]
probe = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shape_probe.cpp")


def compiles(code):
    r = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", "-I", os.path.join(source, "common/include"),
                        f"-DPROBE_CODE={code}", probe], capture_output=True, text=True)
    return r.returncode == 0, r.stderr


ok, err = compiles('"mark.value_out_of_scale"')
assert ok, "the probe with a good code does not compile:\n" + err
for bad in ['"Mark.value"', '"mark"', '"mark.value.again"', '".value"', '"mark."', '"mark.value-x"', '"mark value"',
            '""']:
    ok, _ = compiles(bad)
    assert not ok, f"make_error accepted the code {bad}"
    print(f"refused at compile time: {bad}")
print("error code shape: good code compiles, every bad one is refused")
