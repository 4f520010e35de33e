#!/usr/bin/env python3
"""reprozip.py DIR OUT.zip: a zip of DIR's contents (no top folder) whose
bytes depend only on the files: sorted names, every timestamp from
SOURCE_DATE_EPOCH, fixed permissions, deflate at level 9."""
import os
import sys
import time
import zipfile


def main():
    src, out = sys.argv[1], sys.argv[2]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    # zip's DOS timestamps start in 1980 and have 2-second resolution.
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    paths = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        for f in filenames:
            paths.append(os.path.join(dirpath, f))
    paths.sort(key=lambda p: os.path.relpath(p, src).replace(os.sep, "/"))
    with zipfile.ZipFile(out, "w") as z:
        for p in paths:
            name = os.path.relpath(p, src).replace(os.sep, "/")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so external_attr's mode is read
            mode = 0o755 if os.access(p, os.X_OK) else 0o644
            info.external_attr = (0o100000 | mode) << 16
            with open(p, "rb") as f:
                z.writestr(info, f.read(), compresslevel=9)


if __name__ == "__main__":
    main()
