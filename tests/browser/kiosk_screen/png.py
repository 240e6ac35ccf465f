"""png: a small PNG reader (8-bit RGB/RGBA, not interlaced — what Chromium's screenshots are), stdlib only.

Rows filtered with None, Sub and Up (most of a screenshot) are rebuilt with whole-row integer
arithmetic; Average and Paeth rows byte by byte.
"""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Image:
    def __init__(self, width, height, channels, rows):
        self.width, self.height, self.channels, self.rows = width, height, channels, rows

    def pixel(self, x, y):
        """(r, g, b) at column x, row y."""
        i = x * self.channels
        return tuple(self.rows[y][i:i + 3])


def _bytewise_add(n):
    """A function adding two n-byte big-endian integers byte by byte, each byte modulo 256."""
    low = int.from_bytes(b"\x7f" * n, "big")
    high = int.from_bytes(b"\x80" * n, "big")
    return lambda a, b: ((a & low) + (b & low)) ^ ((a ^ b) & high)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read(path):
    data = open(path, "rb").read()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a PNG file")
    pos, header, idat = len(SIGNATURE), None, []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"{path}: only 8-bit RGB/RGBA, non-interlaced PNGs are read here (got {header})")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(b"".join(idat))
    if len(raw) != height * (stride + 1):
        raise ValueError(f"{path}: image data is {len(raw)} bytes, expected {height * (stride + 1)}")

    add = _bytewise_add(stride)
    rows, prev = [], bytes(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        if kind == 0:
            cur = line
        elif kind == 2:  # Up
            cur = add(int.from_bytes(line, "big"), int.from_bytes(prev, "big")).to_bytes(stride, "big")
        elif kind == 1:  # Sub: a prefix sum along the row with step `channels`, by doubling
            x, shift = int.from_bytes(line, "big"), 8 * channels
            while shift < 8 * stride:
                x = add(x, x >> shift)
                shift *= 2
            cur = x.to_bytes(stride, "big")
        elif kind in (3, 4):
            out = bytearray(line)
            for i in range(stride):
                a = out[i - channels] if i >= channels else 0
                b = prev[i]
                if kind == 3:
                    out[i] = (out[i] + ((a + b) >> 1)) & 0xFF
                else:
                    c = prev[i - channels] if i >= channels else 0
                    out[i] = (out[i] + _paeth(a, b, c)) & 0xFF
            cur = bytes(out)
        else:
            raise ValueError(f"{path}: row {y} has unknown filter {kind}")
        rows.append(cur)
        prev = cur
    return Image(width, height, channels, rows)
