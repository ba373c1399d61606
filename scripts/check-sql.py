#!/usr/bin/env python3
"""Checks that SQL is parameterised: every Swift string literal under Sources/ that looks like SQL
(SELECT/INSERT/UPDATE/DELETE/CREATE/PRAGMA … with FROM/INTO/SET/WHERE/TABLE) may interpolate only the
known-safe constants listed, per file, in scripts/sql-interpolation-allowlist.txt (column lists, table names and placeholders built in code, never
from input). Any other `\\(…)` inside SQL fails the check. Exit 0 when clean, 1 with the offending lines."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Interpolations reviewed as safe: each is a constant or is built only from constants / "?" placeholders.
ALLOWED = {
    ALLOWED_LINE.strip() for ALLOWED_LINE in open(os.path.join(ROOT, "scripts", "sql-interpolation-allowlist.txt"))
    if ALLOWED_LINE.strip() and not ALLOWED_LINE.startswith("#")
}
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|REPLACE|DROP)\b.*\b(FROM|INTO|SET|WHERE|TABLE|INDEX|TRIGGER|VALUES)\b|\bPRAGMA\b", re.S)
LITERAL = re.compile(r'"""(.*?)"""|"((?:[^"\\\n]|\\.)*)"', re.S)


def interpolations(text):
    """The expressions inside \\( … ) in a literal, with nested parentheses."""
    out, i = [], 0
    while True:
        i = text.find("\\(", i)
        if i < 0:
            return out
        depth, j = 1, i + 2
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        out.append(text[i + 2:j - 1].strip())
        i = j


bad = []
checked = 0
for folder, _, files in os.walk(os.path.join(ROOT, "Sources")):
    for name in files:
        if not name.endswith(".swift"):
            continue
        path = os.path.join(folder, name)
        source = open(path, encoding="utf-8").read()
        for m in LITERAL.finditer(source):
            body = m.group(1) if m.group(1) is not None else m.group(2)
            if not SQL.search(body):
                continue
            checked += 1
            for expr in interpolations(body):
                if f"{name} {expr}" not in ALLOWED:
                    line = source.count("\n", 0, m.start()) + 1
                    bad.append(f"{os.path.relpath(path, ROOT)}:{line}: SQL interpolates \\({expr})")
print(f"{checked} SQL literals checked, {len(bad)} unreviewed interpolation(s)")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
