#!/usr/bin/env python3
"""Fills the manifest templates in this folder with one release's version
and its artifacts' SHA-256 hashes (from SHA256SUMS), into OUT:

  OUT/scoop/gostatus.json
  OUT/winget/manifests/g/Gostatus/Gostatus/VERSION/Gostatus.Gostatus{,.installer,.locale.en-US}.yaml
  OUT/homebrew/gostatus.rb

A template names a value as @NAME@; a name it uses that is not known here is
an error, so a template can never ship with a placeholder left in it."""
import argparse
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WINGET_ID = "Gostatus.Gostatus"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--version", required=True)
    ap.add_argument("--commit", required=True)
    ap.add_argument("--url", required=True, help="base of the download URLs: URL/vVERSION/NAME")
    ap.add_argument("--sums", required=True, help="the release's SHA256SUMS")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    sums = {}
    with open(a.sums) as f:
        for line in f:
            digest, name = line.split()
            sums[name.lstrip("*")] = digest
    v = a.version

    def digest(name):
        if name not in sums:
            sys.exit("render.py: %s is not in %s" % (name, a.sums))
        return sums[name]

    url = a.url.rstrip("/")
    homepage = url[: -len("/releases/download")] if url.endswith("/releases/download") else url
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    values = {
        "VERSION": v,
        "COMMIT": a.commit,
        "URL": url,
        "HOMEPAGE": homepage,
        "WINGET_ID": WINGET_ID,
        "RELEASE_DATE": datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d"),
        "SHA256_WINDOWS_AMD64": digest("gostatus-%s-windows-amd64.zip" % v),
        "SHA256_WINDOWS_AMD64_UPPER": digest("gostatus-%s-windows-amd64.zip" % v).upper(),
        "SHA256_SOURCE": digest("gostatus-%s.tar.gz" % v),
    }
    wdir = os.path.join("winget", "manifests", WINGET_ID[0].lower(), *WINGET_ID.split("."), v)
    outputs = {
        os.path.join("scoop", "gostatus.json.in"): os.path.join("scoop", "gostatus.json"),
        os.path.join("winget", "version.yaml.in"): os.path.join(wdir, WINGET_ID + ".yaml"),
        os.path.join("winget", "installer.yaml.in"): os.path.join(wdir, WINGET_ID + ".installer.yaml"),
        os.path.join("winget", "defaultLocale.yaml.in"): os.path.join(wdir, WINGET_ID + ".locale.en-US.yaml"),
        os.path.join("homebrew", "gostatus.rb.in"): os.path.join("homebrew", "gostatus.rb"),
    }
    for src, dst in sorted(outputs.items()):
        with open(os.path.join(HERE, src)) as f:
            text = f.read()

        def fill(m):
            if m.group(1) not in values:
                sys.exit("render.py: %s names @%s@, which is not known" % (src, m.group(1)))
            return values[m.group(1)]

        text = re.sub(r"@([A-Z0-9_]+)@", fill, text)
        path = os.path.join(a.out, dst)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
