"""Helpers for test_cache.py (python3 stdlib only): the answer cache's entry
format (cache/entry.cpp) read and written from Python, so the test can tell
a valid entry from a broken one and forge a valid-looking one.

XXH3-64 (seed 0, default secret) is implemented here in plain Python because
the entry's checksum is XXH3_64bits of every byte before it, and the stdlib
has no xxhash. It follows xxhash.h 0.8.x (the scalar code paths) and is
cross-checked at run time against the checksums of entries gostatus wrote.
"""

import os
import re
import struct

M64 = (1 << 64) - 1

P32_1, P32_2, P32_3 = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D
P64_1, P64_2, P64_3 = 0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
P64_4, P64_5 = 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5

SECRET = bytes.fromhex(
    "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
    "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
    "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
    "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
    "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
    "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e")
assert len(SECRET) == 192


def _r64(b, o):
    return int.from_bytes(b[o:o + 8], "little")


def _r32(b, o):
    return int.from_bytes(b[o:o + 4], "little")


def _fold(a, b):
    p = a * b
    return (p & M64) ^ (p >> 64)


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def _avalanche(h):
    h ^= h >> 37
    h = (h * 0x165667919E3779F9) & M64
    return h ^ (h >> 32)


def _xxh64_avalanche(h):
    h ^= h >> 33
    h = (h * P64_2) & M64
    h ^= h >> 29
    h = (h * P64_3) & M64
    return h ^ (h >> 32)


def _rrmxmx(h, n):
    h ^= _rotl(h, 49) ^ _rotl(h, 24)
    h = (h * 0x9FB21C651E98DF25) & M64
    h ^= (h >> 35) + n
    h = (h * 0x9FB21C651E98DF25) & M64
    return h ^ (h >> 28)


def _mix16(b, o, so):
    return _fold(_r64(b, o) ^ _r64(SECRET, so), _r64(b, o + 8) ^ _r64(SECRET, so + 8))


def _acc512(acc, b, o, so):
    for i in range(8):
        v = _r64(b, o + 8 * i)
        k = v ^ _r64(SECRET, so + 8 * i)
        acc[i ^ 1] = (acc[i ^ 1] + v) & M64
        acc[i] = (acc[i] + (k & 0xFFFFFFFF) * (k >> 32)) & M64


def _scramble(acc, so):
    for i in range(8):
        a = acc[i]
        a ^= a >> 47
        a ^= _r64(SECRET, so + 8 * i)
        acc[i] = (a * P32_1) & M64


def xxh3_64(data):
    b = bytes(data)
    n = len(b)
    if n == 0:
        return _xxh64_avalanche(_r64(SECRET, 56) ^ _r64(SECRET, 64))
    if n <= 3:
        combined = (b[0] << 16) | (b[n >> 1] << 24) | b[n - 1] | (n << 8)
        return _xxh64_avalanche(combined ^ (_r32(SECRET, 0) ^ _r32(SECRET, 4)))
    if n <= 8:
        i64 = _r32(b, n - 4) + (_r32(b, 0) << 32)
        return _rrmxmx(i64 ^ (_r64(SECRET, 8) ^ _r64(SECRET, 16)), n)
    if n <= 16:
        lo = _r64(b, 0) ^ (_r64(SECRET, 24) ^ _r64(SECRET, 32))
        hi = _r64(b, n - 8) ^ (_r64(SECRET, 40) ^ _r64(SECRET, 48))
        swapped = int.from_bytes(lo.to_bytes(8, "little"), "big")
        return _avalanche((n + swapped + hi + _fold(lo, hi)) & M64)
    if n <= 128:
        acc = (n * P64_1) & M64
        if n > 32:
            if n > 64:
                if n > 96:
                    acc += _mix16(b, 48, 96) + _mix16(b, n - 64, 112)
                acc += _mix16(b, 32, 64) + _mix16(b, n - 48, 80)
            acc += _mix16(b, 16, 32) + _mix16(b, n - 32, 48)
        acc += _mix16(b, 0, 0) + _mix16(b, n - 16, 16)
        return _avalanche(acc & M64)
    if n <= 240:
        acc = (n * P64_1) & M64
        for i in range(8):
            acc += _mix16(b, 16 * i, 16 * i)
        acc = _avalanche(acc & M64)
        for i in range(8, n // 16):
            acc += _mix16(b, 16 * i, 16 * (i - 8) + 3)
        acc += _mix16(b, n - 16, 136 - 17)
        return _avalanche(acc & M64)
    acc = [P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1]
    stripes_per_block = (192 - 64) // 8
    block = 64 * stripes_per_block
    nb_blocks = (n - 1) // block
    for blk in range(nb_blocks):
        for s in range(stripes_per_block):
            _acc512(acc, b, blk * block + 64 * s, 8 * s)
        _scramble(acc, 192 - 64)
    for s in range(((n - 1) - block * nb_blocks) // 64):
        _acc512(acc, b, nb_blocks * block + 64 * s, 8 * s)
    _acc512(acc, b, n - 64, 192 - 64 - 7)
    res = (n * P64_1) & M64
    for i in range(4):
        res += _fold(acc[2 * i] ^ _r64(SECRET, 11 + 16 * i), acc[2 * i + 1] ^ _r64(SECRET, 11 + 16 * i + 8))
    return _avalanche(res & M64)


# --------------------------------------------------------------------------
# The entry format (cache/entry.cpp, version 2)

MAGIC = b"GSCE"
VERSION = 2
ENTRY_NAME_RE = re.compile(r"^[0-9a-f]{32}\.gsc$")
TEMP_PREFIX = ".gostatus-tmp."
DEP_FIXED = struct.Struct("<BBBIIQqqQQ")   # how listed kind mode uid size mtime ctime dev ino


class EntryError(Exception):
    pass


class Entry:
    def __init__(self):
        self.version = VERSION
        self.key_hi = 0
        self.key_lo = 0
        self.recorded_ns = 0
        self.deps = []       # (path bytes, fields tuple as DEP_FIXED)
        self.payload = b""

    @property
    def key_hex(self):
        return "%016x%016x" % (self.key_hi, self.key_lo)

    def answer(self):
        """The payload as (line, health, version) strings."""
        parts = self.payload.decode("utf-8", "surrogateescape").split("\n", 2)
        return tuple(parts) if len(parts) == 3 else None


def decode_entry(data, check_sum=True):
    """Parses entry bytes; raises EntryError naming what is wrong."""
    n = len(data)
    if n > (1 << 20):
        raise EntryError("too large")
    if data[:4] != MAGIC:
        raise EntryError("bad magic")
    if n < 4 + 2 + 16 + 8 + 4 + 4 + 8:
        raise EntryError("too short")
    e = Entry()
    e.version, e.key_hi, e.key_lo, e.recorded_ns = struct.unpack_from("<HQQq", data, 4)
    if e.version != VERSION:
        raise EntryError("bad version %d" % e.version)
    body = n - 8
    if check_sum and xxh3_64(data[:body]) != _r64(data, body):
        raise EntryError("bad checksum")
    o = 30
    (count,) = struct.unpack_from("<I", data, o)
    o += 4
    for _ in range(count):
        if o + 4 > body:
            raise EntryError("truncated")
        (plen,) = struct.unpack_from("<I", data, o)
        o += 4
        if plen == 0 or plen > 4096 or o + plen + DEP_FIXED.size > body:
            raise EntryError("bad dependency")
        path = bytes(data[o:o + plen])
        o += plen
        e.deps.append((path, DEP_FIXED.unpack_from(data, o)))
        o += DEP_FIXED.size
    if o + 4 > body:
        raise EntryError("truncated")
    (plen,) = struct.unpack_from("<I", data, o)
    o += 4
    if o + plen != body:
        raise EntryError("payload length")
    e.payload = bytes(data[o:o + plen])
    return e


def encode_entry(e):
    out = bytearray(MAGIC)
    out += struct.pack("<HQQq", e.version, e.key_hi, e.key_lo, e.recorded_ns)
    out += struct.pack("<I", len(e.deps))
    for path, fields in e.deps:
        out += struct.pack("<I", len(path)) + path + DEP_FIXED.pack(*fields)
    out += struct.pack("<I", len(e.payload)) + e.payload
    out += struct.pack("<Q", xxh3_64(bytes(out)))
    return bytes(out)


def entry_names(cache_dir):
    try:
        return sorted(n for n in os.listdir(cache_dir) if ENTRY_NAME_RE.match(n))
    except OSError:
        return []
