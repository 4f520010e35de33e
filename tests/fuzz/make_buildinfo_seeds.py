#!/usr/bin/env python3
"""Writes the hand-made seeds of the buildinfo harness: the smallest file of
each container format (ELF 64/32, PE, Mach-O thin and fat, XCOFF 32/64,
Plan 9) that still carries a Go build-info blob, some with a pclntab file
table naming a default GOROOT. Real binaries are added at run time by
scripts/fuzz.sh; these are small enough to commit and to mutate well.
  make_buildinfo_seeds.py OUTDIR
"""
import os
import struct
import sys

START = bytes.fromhex("3077af0c9274080241e1c107e6d618e6")
END = bytes.fromhex("f932433186182072008242104116d8f2")
MODINFO = ("path\texample.com/hello\nmod\texample.com/hello\t(devel)\t\n"
           "build\t-compiler=gc\nbuild\tCGO_ENABLED=0\nbuild\tGOOS=linux\n").encode()


def uvarint(n):
    out = b""
    while n >= 0x80:
        out += bytes([n & 0x7F | 0x80])
        n >>= 7
    return out + bytes([n])


def blob(version=b"go1.23.4"):
    """Go 1.18+ layout: strings inline after the 32-byte header."""
    mod = START + MODINFO + END
    return (b"\xff Go buildinf:" + bytes([8, 2]) + b"\0" * 16 + uvarint(len(version)) + version +
            uvarint(len(mod)) + mod)


def pclntab(goroot=b"/usr/lib/go-1.23"):
    files = goroot + b"/src/runtime/proc.go\0/home/u/hello/main.go\0"
    words = [0, 2, 0, 0, 0, 72, 72 + len(files), 72 + len(files)]
    return struct.pack("<IBBBB", 0xFFFFFFF1, 0, 0, 1, 8) + b"".join(struct.pack("<Q", w) for w in words) + files


def pad(b, n):
    return b + b"\0" * (n - len(b))


def elf64():
    data, pcln = blob(), pclntab()
    shstr = b"\0.go.buildinfo\0.gopclntab\0.shstrtab\0"
    off_data, off_pcln = 0x100, 0x100 + 0x400
    off_str = off_pcln + len(pcln)
    off_sh = (off_str + len(shstr) + 7) & ~7
    eh = b"\x7fELF" + bytes([2, 1, 1]) + b"\0" * 9
    eh += struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, off_sh, 0, 64, 56, 1, 64, 4, 3)
    ph = struct.pack("<IIQQQQQQ", 1, 6, off_data, 0x500000, 0x500000, len(data), len(data), 0x1000)

    def sh(name, typ, addr, off, size):
        return struct.pack("<IIQQQQIIQQ", name, typ, 3, addr, off, size, 0, 0, 16, 0)

    shs = sh(0, 0, 0, 0, 0) + sh(1, 1, 0x500000, off_data, len(data)) + sh(15, 1, 0, off_pcln, len(pcln)) + \
        sh(26, 3, 0, off_str, len(shstr))
    f = pad(eh + ph, off_data) + data
    f = pad(f, off_pcln) + pcln + shstr
    return pad(f, off_sh) + shs


def elf32_be_pointers():
    """Pre-1.18 layout: big-endian 4-byte pointers to Go string headers."""
    vers, mod = b"go1.17.13", START + MODINFO + END
    base, off = 0x10000, 0x80
    hdr_at = base + 32
    strs_at = hdr_at + 16
    data = (b"\xff Go buildinf:" + bytes([4, 1]) + struct.pack(">II", hdr_at, hdr_at + 8) + b"\0" * 8 +
            struct.pack(">IIII", strs_at, len(vers), strs_at + len(vers), len(mod)) + vers + mod)
    eh = b"\x7fELF" + bytes([1, 2, 1]) + b"\0" * 9
    eh += struct.pack(">HHIIIIIHHHHHH", 2, 8, 1, 0, 52, 0, 0, 52, 32, 1, 40, 0, 0)
    ph = struct.pack(">IIIIIIII", 1, off, base, base, len(data), len(data), 6, 0x1000)
    return pad(eh + ph, off) + data


def pe():
    data = blob()
    fh = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 0, 0)
    sec = pad(b".data", 8) + struct.pack("<IIIIIIHHI", len(data), 0x1000, len(data), 0x200, 0, 0, 0, 0, 0xC0000040)
    dos = pad(b"MZ", 0x3C) + struct.pack("<I", 0x40)
    return pad(dos + b"PE\0\0" + fh + sec, 0x200) + data


def macho64():
    data = blob(b"go1.22.5")
    off = 0x200
    seg = struct.pack("<II16sQQQQIIII", 0x19, 72 + 80, b"__DATA", 0x100000, len(data), off, len(data), 3, 3, 1, 0)
    sec = struct.pack("<16s16sQQIIIIIIII", b"__go_buildinfo", b"__DATA", 0x100000, len(data), off, 4, 0, 0, 0, 0, 0, 0)
    hdr = struct.pack("<IiiIIII", 0xFEEDFACF, 0x01000007, 3, 2, 1, len(seg + sec), 0) + b"\0" * 4
    return pad(hdr + seg + sec, off) + data


def fat():
    image = macho64()
    return pad(struct.pack(">IIiiIII", 0xCAFEBABE, 1, 0x01000007, 3, 64, len(image), 6), 64) + image


def xcoff(is64):
    data = blob(b"go1.21.13")
    shsize, fhsize = (72, 24) if is64 else (40, 20)
    off = 0x100
    symptr = off + len(data)
    if is64:
        fh = struct.pack(">HHIQHHI", 0o767, 1, 0, symptr, 0, 0, 1)
        sh = struct.pack(">8sQQQQQQIIII", b".data", 0x20000, 0x20000, len(data), off, 0, 0, 0, 0, 0x40, 0)
    else:
        fh = struct.pack(">HHIIIHH", 0o737, 1, 0, symptr, 1, 0, 0)
        sh = struct.pack(">8sIIIIIIHHI", b".data", 0x20000, 0x20000, len(data), off, 0, 0, 0, 0, 0x40)
    assert len(fh) == fhsize and len(sh) == shsize
    return pad(fh + sh, off) + data + b"\0" * 18 + struct.pack(">I", 4)


def plan9():
    data = blob(b"go1.20.14")
    magic = ((4 * 26 + 0) * 26 + 7) | 0x8000  # amd64
    text = b"\xcc" * 8
    hdr = struct.pack(">IIIIIIIIQ", magic, len(text), len(data), 0, 0, 0x200028, 0, 0, 0x200028)
    return hdr + text + data


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in [("elf64-pclntab", elf64), ("elf32-be-pointers", elf32_be_pointers), ("pe", pe),
                       ("macho64", macho64), ("macho-fat", fat), ("xcoff32", lambda: xcoff(False)),
                       ("xcoff64", lambda: xcoff(True)), ("plan9-amd64", plan9)]:
        with open(os.path.join(out, name), "wb") as f:
            f.write(make())


if __name__ == "__main__":
    main()
