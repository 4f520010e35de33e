#!/usr/bin/env python3
"""Checks the folders' layering (CMakeLists.txt, GOSTATUS_LAYERS): a file may
#include only files of its own folder or of the folders listed before it,
and no two modules (a header with its .cpp files) use each other, directly
or through others."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def layers():
    text = open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8").read()
    m = re.search(r"set\(GOSTATUS_LAYERS([^)]*)\)", text)
    return m.group(1).split()


def layer_of(path, order):
    best = None
    for i, layer in enumerate(order):
        if path.startswith(layer + "/") and (best is None or len(layer) > len(order[best])):
            best = i
    return best


def main():
    order = layers()
    files = []
    for layer in order:
        for d, _, names in os.walk(os.path.join(ROOT, layer)):
            for n in names:
                if n.endswith((".h", ".cpp")):
                    files.append(os.path.relpath(os.path.join(d, n), ROOT))
    problems = []
    graph = {}
    for f in sorted(set(files)):
        here = layer_of(f, order)
        incs = re.findall(r'^#include "([^"]+)"', open(os.path.join(ROOT, f), encoding="utf-8").read(), re.M)
        graph[f] = [i for i in incs if os.path.exists(os.path.join(ROOT, i))]
        for inc in incs:
            there = layer_of(inc, order)
            if there is None:
                continue
            if there > here:
                problems.append(f"{f}: includes {inc}, a later layer ({order[there]} comes after {order[here]})")
    # Cycles among modules: x.h, x.cpp, x_posix.cpp and x_win32.cpp are one.
    def module(f):
        return re.sub(r"(_posix|_win32)?\.(h|cpp)$", "", f)

    mods = {}
    for f, incs in graph.items():
        mods.setdefault(module(f), set()).update(module(i) for i in incs if module(i) != module(f))
    graph = {m: sorted(v) for m, v in mods.items()}
    state = {}

    def visit(node, stack):
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cyc = stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt]
                problems.append("include cycle: " + " -> ".join(cyc))
            elif state.get(nxt) is None:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for f in sorted(graph):
        if state.get(f) is None:
            visit(f, [f])
    for p in problems:
        print(p)
    print(f"layering: {len(files)} files in {len(order)} layers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
