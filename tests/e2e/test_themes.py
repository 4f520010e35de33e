#!/usr/bin/env python3
"""The ready-made prompt files under themes/ parse and fit their programs.

  - Oh My Posh: every file (JSON, YAML, TOML) parses and validates against
    Oh My Posh's schema ($GOSTATUS_OMP_SCHEMA, else shared/omp/schema.json
    beside $GOSTATUS_SRC or one of its parents); keys the
    schema does not know are reported too (the schema itself allows any).
    The three formats of each file say the same thing; the complete theme
    uses the current config version and holds the env segment (colours via
    its palette); the segments read the hook's variables / run gostatus with
    flags gostatus accepts.
  - starship: both fragments parse; the custom module runs gostatus the way
    starship would (no shell) and gets the line.
  - Windows Terminal: the fragment parses, its colour scheme is complete and
    its green/yellow/red/blue are the theme's ok/warn/error/path colours.
  - `gostatus init --help` names every theme file, and every file it names
    exists.

Needs jsonschema and PyYAML (Debian: python3-jsonschema python3-yaml) and
tomllib (python 3.11) or python3-toml. When the python running this lacks
them, the script re-runs itself with /usr/bin/python3 if that one has them.

Exit: 0 pass, 1 fail, 77 skip (no schema, no python with the modules).
"""

import copy
import importlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PASS, FAIL, SKIP = 0, 1, 77
FAILURES = []


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(SKIP)


CHECKS = [0]


def ok_line(msg):
    CHECKS[0] += 1
    print("ok: " + msg)


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def have(mod):
    try:
        importlib.import_module(mod)
        return True
    except ImportError:
        return False


def ensure_modules():
    """Imports jsonschema, yaml and a TOML reader, re-executing under
    /usr/bin/python3 when this interpreter lacks them."""
    toml_mod = "tomllib" if have("tomllib") else ("toml" if have("toml") else None)
    missing = [m for m in ("jsonschema", "yaml") if not have(m)] + ([] if toml_mod else ["tomllib/toml"])
    if not missing:
        return toml_mod
    probe = "import jsonschema, yaml\ntry:\n import tomllib\nexcept ImportError:\n import toml\n"
    other = "/usr/bin/python3"
    if not os.environ.get("GOSTATUS_THEMES_REEXEC") and os.path.realpath(other) != os.path.realpath(sys.executable) \
            and os.path.exists(other) and subprocess.run([other, "-c", probe], capture_output=True).returncode == 0:
        print("note: %s lacks %s; re-running with %s" % (sys.executable, ", ".join(missing), other))
        sys.stdout.flush()
        env = dict(os.environ, GOSTATUS_THEMES_REEXEC="1")
        os.execve(other, [other] + sys.argv, env)
    skip("%s lacks %s (Debian: apt-get install python3-jsonschema python3-yaml; "
         "python < 3.11 also python3-toml)" % (sys.executable, ", ".join(missing)))


def source_dir():
    return os.environ.get("GOSTATUS_SRC") or os.path.dirname(os.path.dirname(HERE))


def gostatus_bin():
    b = os.environ.get("GOSTATUS_BIN")
    if b and os.access(b, os.X_OK):
        return os.path.abspath(b)
    return None


# ---------------------------------------------------------------------------
# Loading

def load(path, toml_mod):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".json"):
        return json.loads(data.decode("utf-8"))
    if path.endswith((".yaml", ".yml")):
        import yaml
        return yaml.safe_load(data.decode("utf-8"))
    if path.endswith(".toml"):
        if toml_mod == "tomllib":
            import tomllib
            return tomllib.loads(data.decode("utf-8"))
        import toml
        return toml.loads(data.decode("utf-8"))
    raise ValueError(path)


def as_segment(obj, path):
    """A segment fragment as written for pasting: the segment object (JSON),
    a one-item list (YAML), or a whole config holding one block with the one
    segment (TOML, which cannot hold a segment alone). Returns (segment,
    config to validate): the document itself when it is a config, so a block
    the schema rejects (an untyped [[blocks]]) is caught."""
    config = None
    if isinstance(obj, list) and len(obj) == 1:
        obj = obj[0]
    if isinstance(obj, dict) and "blocks" in obj:
        config = obj
        blocks = obj["blocks"]
        if isinstance(blocks, list) and len(blocks) == 1 and isinstance(blocks[0], dict) and \
                len(blocks[0].get("segments", [])) == 1:
            obj = blocks[0]["segments"][0]
    if not (isinstance(obj, dict) and "type" in obj):
        fail("%s: not one segment: %r" % (path, obj))
        return None, None
    return obj, config or wrap(obj)


def wrap(segment):
    return {"version": 4, "blocks": [{"type": "prompt", "alignment": "left", "segments": [segment]}]}


# ---------------------------------------------------------------------------
# Schema checks

def validate(schema, validator_cls, config, what):
    v = validator_cls(schema)
    errors = sorted(v.iter_errors(config), key=lambda e: list(e.absolute_path))
    for e in errors[:10]:
        fail("%s: schema: %s at %s" % (what, e.message, "/".join(str(p) for p in e.absolute_path)))
    return not errors


def known_keys(schema):
    """Keys the schema names for the root, blocks, segments and each
    segment type's options (it names them but does not forbid others)."""
    seg = schema["definitions"]["segment"]
    seg_keys = set(seg["properties"])
    options = {}
    for clause in seg.get("allOf", []):
        then = clause.get("then", {})
        props = then.get("properties", {})
        cond = clause.get("if", {}).get("properties", {})
        if "type" in cond and "const" in cond["type"]:
            opts = props.get("options", {}).get("properties", {})
            options.setdefault(cond["type"]["const"], set()).update(opts)
        seg_keys.update(k for k in props if k != "options")
    block_keys = set(schema["definitions"]["block"]["properties"])
    root_keys = set(schema["properties"]) | {"$schema"}
    return root_keys, block_keys, seg_keys, options


def check_keys(config, keys, what):
    root_keys, block_keys, seg_keys, options = keys
    for k in config:
        if k not in root_keys:
            fail("%s: unknown top-level key %r" % (what, k))
    for bi, block in enumerate(config.get("blocks", [])):
        for k in block:
            if k not in block_keys:
                fail("%s: block %d: unknown key %r" % (what, bi, k))
        for si, seg in enumerate(block.get("segments", [])):
            for k in seg:
                if k not in seg_keys:
                    fail("%s: block %d segment %d: unknown key %r" % (what, bi, si, k))
            known_opts = options.get(seg.get("type"), set())
            for k in seg.get("options", {}):
                if k not in known_opts:
                    fail("%s: %s segment: unknown option %r" % (what, seg.get("type"), k))


def resolve_palette(obj, palette):
    if isinstance(obj, str):
        return re.sub(r"p:([\w-]+)", lambda m: palette.get(m.group(1), m.group(0)), obj)
    if isinstance(obj, list):
        return [resolve_palette(x, palette) for x in obj]
    if isinstance(obj, dict):
        return {k: resolve_palette(v, palette) for k, v in obj.items()}
    return obj


# ---------------------------------------------------------------------------

def check_omp(themes, schema, validator_cls, toml_mod):
    keys = known_keys(schema)
    omp = os.path.join(themes, "oh-my-posh")
    groups = {}
    for name in sorted(os.listdir(omp)):
        m = re.match(r"^(.*)\.omp\.(json|yaml|toml)$", name)
        if not m:
            fail("themes/oh-my-posh/%s: not NAME.omp.json|yaml|toml" % name)
            continue
        groups.setdefault(m.group(1), {})[m.group(2)] = os.path.join(omp, name)
    for base in ("gostatus", "segment-env", "segment-cmd"):
        if set(groups.get(base, {})) != {"json", "yaml", "toml"}:
            fail("themes/oh-my-posh/%s: want .omp.json, .omp.yaml and .omp.toml, have %s"
                 % (base, sorted(groups.get(base, {}))))
    loaded = {}
    for base, files in groups.items():
        variants = {}
        for fmt, path in files.items():
            rel = os.path.relpath(path, os.path.dirname(themes))
            try:
                obj = load(path, toml_mod)
            except Exception as e:  # noqa: BLE001 - report any parse error
                fail("%s: does not parse: %s" % (rel, e))
                continue
            if base.startswith("segment-"):
                obj, config = as_segment(obj, rel)
                if obj is None:
                    continue
            else:
                config = obj
            if validate(schema, validator_cls, config, rel):
                check_keys(config, keys, rel)
            variants[fmt] = obj
            ok_line("%s parses and validates" % rel)
        ref = variants.get("json")
        for fmt, obj in variants.items():
            if ref is not None and obj != ref:
                fail("themes/oh-my-posh/%s.omp.%s says something else than the .json" % (base, fmt))
        loaded[base] = ref

    theme, env_seg, cmd_seg = loaded.get("gostatus"), loaded.get("segment-env"), loaded.get("segment-cmd")
    default_version = schema["properties"]["version"].get("default")
    if theme:
        if theme.get("version") != default_version:
            fail("gostatus.omp.json: version %r, the schema's current is %r" % (theme.get("version"), default_version))
        segs = [s for b in theme.get("blocks", []) for s in b.get("segments", [])]
        mine = [s for s in segs if "POSH_GOSTATUS" in s.get("template", "")]
        if len(mine) != 1:
            fail("gostatus.omp.json: want one segment reading POSH_GOSTATUS, found %d" % len(mine))
        elif env_seg and resolve_palette(mine[0], theme.get("palette", {})) != env_seg:
            fail("gostatus.omp.json: its gostatus segment (palette resolved) differs from segment-env.omp.json")
    if env_seg:
        if env_seg.get("type") != "text":
            fail("segment-env: type %r, want text" % env_seg.get("type"))
        if "{{ .Env.POSH_GOSTATUS }}" not in env_seg.get("template", ""):
            fail("segment-env: the template does not print .Env.POSH_GOSTATUS")
        bg = " ".join(env_seg.get("background_templates", []))
        for h in ("error", "warn"):
            if '.Env.POSH_GOSTATUS_HEALTH "%s"' % h not in bg:
                fail("segment-env: background_templates do not colour health %s" % h)
    if cmd_seg:
        m = re.search(r'\bcmd\s+"gostatus"((?:\s+"[^"]*")*)', cmd_seg.get("template", ""))
        if not m:
            fail("segment-cmd: the template does not run {{ cmd \"gostatus\" ... }}")
        else:
            args = re.findall(r'"([^"]*)"', m.group(1))
            check_runs(args, "segment-cmd's cmd \"gostatus\"")
    return theme


def check_runs(args, what, stdin=b""):
    """gostatus accepts args (exit 0, one line)."""
    gs = gostatus_bin()
    if not gs:
        print("note: GOSTATUS_BIN not set; %s not run" % what)
        return None
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/nonexistent"), "LANG": "C.UTF-8"}
    sdks = sorted(d for d in (os.path.join("/usr/lib", n) for n in os.listdir("/usr/lib"))
                  if re.search(r"/go-1\.\d+$", d) and os.path.isfile(os.path.join(d, "bin", "go")))
    if sdks:
        env["PATH"] = os.path.join(sdks[-1], "bin") + ":" + env["PATH"]
    r = subprocess.run([gs] + args, input=stdin, capture_output=True, env=env, cwd="/", timeout=60)
    if r.returncode != 0 or not r.stdout.strip() or r.stdout.count(b"\n") > 1:
        fail("%s: gostatus %s: exit %d, stdout %r, stderr %r" % (what, " ".join(args), r.returncode, r.stdout, r.stderr))
        return None
    ok_line("%s: gostatus %s prints %r" % (what, " ".join(args), r.stdout.decode("utf-8", "replace").strip()))
    return r.stdout


def check_starship(themes, toml_mod):
    d = os.path.join(themes, "starship")
    env_path, custom_path = os.path.join(d, "env-var.toml"), os.path.join(d, "custom.toml")
    try:
        ev = load(env_path, toml_mod)
        mod = ev["env_var"]["POSH_GOSTATUS"]
        if "$env_value" not in mod.get("format", ""):
            fail("starship/env-var.toml: format does not show $env_value")
        ok_line("themes/starship/env-var.toml")
    except Exception as e:  # noqa: BLE001
        fail("starship/env-var.toml: %s" % e)
    try:
        cu = load(custom_path, toml_mod)
        mod = cu["custom"]["gostatus"]
        shell = mod.get("shell")
        # One element would make starship add "-c"; with more, it passes
        # exactly the given arguments and the command on stdin.
        if not (isinstance(shell, list) and len(shell) >= 2 and os.path.basename(shell[0]) == "gostatus"):
            fail("starship/custom.toml: shell must be [\"gostatus\", flag, ...], is %r" % shell)
        elif mod.get("use_stdin") is not True or mod.get("command") != "":
            fail("starship/custom.toml: want use_stdin = true and command = \"\"")
        else:
            check_runs(shell[1:], "starship custom module", stdin=b"")
        if "$output" not in mod.get("format", ""):
            fail("starship/custom.toml: format does not show $output")
        ok_line("themes/starship/custom.toml")
    except Exception as e:  # noqa: BLE001
        fail("starship/custom.toml: %s" % e)


SCHEME_KEYS = ["name", "background", "foreground", "cursorColor", "selectionBackground",
               "black", "red", "green", "yellow", "blue", "purple", "cyan", "white",
               "brightBlack", "brightRed", "brightGreen", "brightYellow", "brightBlue",
               "brightPurple", "brightCyan", "brightWhite"]


def check_windows_terminal(themes, theme):
    path = os.path.join(themes, "windows-terminal", "gostatus.json")
    try:
        with open(path, encoding="utf-8") as f:
            frag = json.load(f)
    except Exception as e:  # noqa: BLE001
        fail("windows-terminal/gostatus.json: %s" % e)
        return
    extra = set(frag) - {"profiles", "schemes"}
    if extra:
        fail("windows-terminal/gostatus.json: a fragment holds only profiles and schemes, not %s" % sorted(extra))
    schemes = frag.get("schemes", [])
    if len(schemes) != 1:
        fail("windows-terminal/gostatus.json: want one scheme")
        return
    s = schemes[0]
    for k in SCHEME_KEYS:
        if k not in s:
            fail("windows-terminal scheme: missing %s" % k)
        elif k != "name" and not re.fullmatch(r"#[0-9a-fA-F]{6}", s[k]):
            fail("windows-terminal scheme: %s=%r is not #rrggbb" % (k, s[k]))
    for p in frag.get("profiles", []):
        if not re.fullmatch(r"\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}", p.get("updates", "")):
            fail("windows-terminal profile: updates=%r is not a profile GUID" % p.get("updates"))
        if p.get("colorScheme") != s.get("name"):
            fail("windows-terminal profile: colorScheme %r, the scheme is %r" % (p.get("colorScheme"), s.get("name")))
    if theme:
        pal = {k: v.lower() for k, v in theme.get("palette", {}).items()}
        for slot, key in (("green", "go-ok"), ("yellow", "go-warn"), ("red", "go-error"), ("blue", "go-blue")):
            if s.get(slot, "").lower() != pal.get(key):
                fail("windows-terminal scheme %s=%s, the theme's %s is %s" % (slot, s.get(slot), key, pal.get(key)))
    ok_line("themes/windows-terminal/gostatus.json")


def check_help(src, themes):
    gs = gostatus_bin()
    if not gs:
        print("note: GOSTATUS_BIN not set; gostatus init --help not checked")
        return
    r = subprocess.run([gs, "init", "--help"], capture_output=True, timeout=60)
    text = r.stdout.decode("utf-8", "replace")
    if r.returncode != 0 or "themes/" not in text:
        fail("gostatus init --help: exit %d, no theme files named: %r" % (r.returncode, text[:300]))
        return
    named = set()
    for m in re.finditer(r"(themes/[\w./-]+?\.(?:json|yaml|toml))(?: \(([^)]*)\))?", text):
        named.add(m.group(1))
        if m.group(2):  # "gostatus.omp.json (.yaml, .toml)"
            stem = m.group(1).rsplit(".", 1)[0]
            for ext in re.findall(r"\.(\w+)", m.group(2)):
                named.add(stem + "." + ext)
    for n in sorted(named):
        if not os.path.isfile(os.path.join(src, n)):
            fail("gostatus init --help names %s, which does not exist" % n)
    for root, _, files in os.walk(themes):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), src)
            if f.endswith((".json", ".yaml", ".toml")) and rel not in named:
                fail("gostatus init --help does not say where %s goes" % rel)
    if "Fragments\\gostatus\\" not in text:
        fail("gostatus init --help does not name the Windows Terminal Fragments folder")
    ok_line("gostatus init --help names every theme file (%d)" % len(named))


def omp_schema_path(src):
    """$GOSTATUS_OMP_SCHEMA, else shared/omp/schema.json beside the source
    tree or beside one of its parents (a git worktree sits a level or two
    deeper than the checkout the schema was put next to)."""
    if os.environ.get("GOSTATUS_OMP_SCHEMA"):
        return os.environ["GOSTATUS_OMP_SCHEMA"]
    first = os.path.normpath(os.path.join(src, "..", "shared", "omp", "schema.json"))
    d = os.path.dirname(os.path.abspath(src))
    while True:
        p = os.path.join(d, "shared", "omp", "schema.json")
        if os.path.isfile(p):
            return p
        if os.path.dirname(d) == d:
            return first
        d = os.path.dirname(d)


def main():
    src = source_dir()
    schema_path = omp_schema_path(src)
    if not os.path.isfile(schema_path):
        skip("Oh My Posh schema not found at %s (CI has it)" % schema_path)
    toml_mod = ensure_modules()
    import jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    themes = os.path.join(src, "themes")
    theme = check_omp(themes, schema, validator_cls, toml_mod)
    check_starship(themes, toml_mod)
    check_windows_terminal(themes, copy.deepcopy(theme) if theme else None)
    check_help(src, themes)
    print("themes: %d checks passed, %d failures" % (CHECKS[0], len(FAILURES)))
    if FAILURES:
        return FAIL
    return PASS


if __name__ == "__main__":
    sys.exit(main())
