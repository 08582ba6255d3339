#!/usr/bin/env python3
"""Fails when modules of one crate import each other in a cycle.

ARCHITECTURE.md promises layered modules inside every crate (no `a` uses `b` uses `a`). rustc
allows such cycles, so this script checks them: for each `src/` directory it reads every `use`
and every `crate::`/`super::`/`self::` path, resolves names re-exported at a module's root
(`pub use error::FetchError` in lib.rs makes `crate::FetchError` an edge to `error`), and looks
for cycles between sibling modules at every depth. Comment lines and `#[cfg(test)] mod tests`
blocks are ignored: tests may reach anywhere.

Usage: python3 scripts/module_cycles.py [src-dir ...]   (default: every crate's src/ and src/)
It first checks itself on a small made-up tree with a cycle, so a checker that can no longer
find one fails instead of passing everything.
"""

import os
import re
import sys
from collections import defaultdict

PATH = re.compile(r"\b(crate|super|self)::((?:\w+::)*(?:\w+|\{))")


def module_of(root, path):
    parts = os.path.relpath(path, root)[:-3].split(os.sep)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


def code_of(path):
    lines = [
        line
        for line in open(path, encoding="utf-8").read().splitlines()
        if not line.lstrip().startswith("//")
    ]
    text = "\n".join(lines)
    # A unit-test module at the end of a file may use anything.
    return re.sub(r"#\[cfg\(test\)\]\s*mod tests\s*\{.*", "", text, flags=re.S)


def brace_items(text, start):
    """The comma-separated items of the `{…}` group opening at `start`, nested groups expanded."""
    depth, item, items = 0, "", []
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
            if depth == 1:
                continue
        elif char == "}":
            depth -= 1
            if depth == 0:
                items.append(item)
                break
        if depth == 1 and char == ",":
            items.append(item)
            item = ""
        else:
            item += char
    out = []
    for raw in items:
        # Keep " as " readable: a path is the part before it, a re-exported name the part after.
        raw = re.sub(r"\s+as\s+", " as ", raw.strip())
        raw = re.sub(r"\s+(?!as )(?<! as)", "", raw)
        if not raw:
            continue
        if "{" in raw:
            prefix = raw[: raw.index("{")]
            for inner in brace_items(raw, raw.index("{")):
                out.append(prefix + inner)
        else:
            out.append(raw)
    return out


def paths_in(text):
    """Every path starting at crate/super/self, as (anchor, [components])."""
    for match in PATH.finditer(text):
        anchor, rest = match.group(1), match.group(2)
        if rest.endswith("{"):
            prefix = rest[:-1]
            for item in brace_items(text, match.end() - 1):
                path = (prefix + item).split(" as ")[0]
                yield anchor, [p for p in path.split("::") if p and p != "self"]
        else:
            yield anchor, rest.split("::")


def check(root):
    files = []
    for directory, _, names in os.walk(root):
        files += [os.path.join(directory, n) for n in names if n.endswith(".rs")]
    modules = {tuple(module_of(root, f)) for f in files}
    # Names a module re-exports (`pub use a::b::Name;`), so `crate::Name` leads to `a`.
    reexports = defaultdict(dict)
    for file in files:
        me = tuple(module_of(root, file))
        for match in re.finditer(r"pub(?:\(crate\))?\s+use\s+([^;]+);", code_of(file)):
            tree = match.group(1).strip()
            if tree.startswith(("crate::", "super::", "self::", "std::")):
                continue
            head = tree.split("::")[0]
            if me + (head,) not in modules:
                continue
            if "{" in tree:
                names = brace_items(tree, tree.index("{"))
            else:
                names = [tree.split("::")[-1]]
            for name in names:
                reexports[me][name.split(" as ")[-1].split("::")[-1]] = me + (head,)
    edges = defaultdict(set)
    for file in files:
        me = module_of(root, file)
        # A file's module path already names a mod.rs by its directory, so `super` is always the
        # path without its last part.
        here = me
        for anchor, parts in paths_in(code_of(file)):
            if anchor == "crate":
                target = parts
            elif anchor == "super":
                target = here[:-1] + parts
            else:
                target = here + parts
            # Follow a re-export at the module the path goes through.
            for depth in range(len(target)):
                base = tuple(target[:depth])
                if base + (target[depth],) in modules:
                    continue
                if target[depth] in reexports.get(base, {}):
                    target = list(reexports[base][target[depth]]) + target[depth + 1 :]
                break
            shared = 0
            while shared < min(len(me), len(target)) and me[shared] == target[shared]:
                shared += 1
            if shared < len(me) and shared < len(target):
                source, sink = tuple(me[: shared + 1]), tuple(target[: shared + 1])
                if sink in modules:
                    edges[source].add(sink)
    cycles, done = [], set()

    def visit(node, stack):
        for nxt in sorted(edges.get(node, ())):
            if nxt in stack:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in done:
                visit(nxt, stack + [nxt])
        done.add(node)

    for node in sorted(edges):
        if node not in done:
            visit(node, [node])
    return [" -> ".join("::".join(x) for x in c) for c in cycles]


def self_test():
    """The checker must be able to fail: a two-module cycle through a re-export and a brace list
    is found, and the same tree without the back edge is clean."""
    import tempfile

    with tempfile.TemporaryDirectory() as root:
        files = {
            "lib.rs": "mod a;\nmod b;\npub use b::Thing as Renamed;\n",
            "a.rs": "fn f() -> crate::Renamed { todo!() }\n",
            "b.rs": "// use crate::a; is a comment\nuse super::{a::helper, Other};\n",
        }
        for name, text in files.items():
            with open(os.path.join(root, name), "w", encoding="utf-8") as file:
                file.write(text)
        assert check(root) == ["a -> b -> a"], check(root)
        with open(os.path.join(root, "b.rs"), "w", encoding="utf-8") as file:
            file.write("// use crate::a; is a comment\n")
        assert check(root) == [], check(root)


def main():
    self_test()
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    roots = sys.argv[1:] or sorted(
        [os.path.join(repo, "crates", c, "src") for c in os.listdir(os.path.join(repo, "crates"))]
        + [os.path.join(repo, "src")]
    )
    failed = False
    for root in roots:
        if not os.path.isdir(root):
            continue
        for cycle in check(root):
            failed = True
            print(f"{os.path.relpath(root, repo)}: import cycle {cycle}")
    if failed:
        sys.exit(1)
    print(f"no import cycles between the modules of {len(roots)} source trees")


if __name__ == "__main__":
    main()
