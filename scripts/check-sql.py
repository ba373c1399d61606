#!/usr/bin/env python3
"""Checks that SQL is parameterised: every Swift string literal under Sources/ that looks like SQL
(SELECT/INSERT/UPDATE/DELETE/CREATE/PRAGMA/COPY … with FROM/INTO/SET/WHERE/TABLE) may interpolate only the
known-safe constants listed, per file, in scripts/sql-interpolation-allowlist.txt (column lists, table names and placeholders built in code, never
from input). Any other `\\(…)` inside SQL fails the check.

SQL is also built by concatenation (`"… VALUES " + tuples.joined(…)`, `sql + " WHERE …"`): a literal joined with `+`
to a SQL literal is SQL too (its interpolations are checked), and any other operand joined to SQL must be listed
in the allowlist as "FILE + EXPRESSION" (a parenthesised choice between two plain literals, `(flag ? " A" : "")`,
needs no entry). Exit 0 when clean, 1 with the offending lines."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Interpolations reviewed as safe: each is a constant or is built only from constants / "?" placeholders.
ALLOWED = {
    ALLOWED_LINE.strip() for ALLOWED_LINE in open(os.path.join(ROOT, "scripts", "sql-interpolation-allowlist.txt"))
    if ALLOWED_LINE.strip() and not ALLOWED_LINE.startswith("#")
}
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|REPLACE|DROP|COPY)\b.*\b(FROM|INTO|SET|WHERE|TABLE|INDEX|TRIGGER|VALUES|STDIN)\b|\bPRAGMA\b", re.S)
# A piece of SQL joined to another by `+` ("sql + \" WHERE …\""): clause keywords as SQL writes them (upper case).
SQL_PIECE = re.compile(r"\b(WHERE|ORDER BY|GROUP BY|VALUES|FROM|JOIN|LIMIT|RETURNING|ON CONFLICT|FOR UPDATE|SET)\b")
# A choice between two plain literals needs no review: nothing but the two constants can reach the SQL.
LITERAL_CHOICE = re.compile(r'^\(\s*[\w.!]+\s*\?\s*""\s*:\s*""\s*\)$')


def literal_choice(expr):
    """`(flag ? " A" : "B")`, either side a plain literal (one line or triple-quoted, nothing interpolated)."""
    plain = LITERAL.sub(lambda m: '""' if "\\(" not in m.group(0) else m.group(0), expr)
    return bool(LITERAL_CHOICE.match(plain))
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


def skip_space(source, i, step):
    while 0 <= i < len(source) and source[i] in " \t\r\n":
        i += step
    return i


def operand_after(source, i):
    """The expression after a `+` at i: up to a `+`, comma, newline or closing bracket at depth 0 (strings skipped)."""
    j, depth = skip_space(source, i + 1, 1), 0
    start = j
    while j < len(source):
        c = source[j]
        if c == '"':
            j = LITERAL.match(source, j).end() if LITERAL.match(source, j) else j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (c in "+,\n"):
            break
        j += 1
    return source[start:j].strip(), start


def operand_before(source, i):
    """The expression before a `+` at i: an identifier chain with calls and subscripts (`a.b(c)[d]`)."""
    j = skip_space(source, i - 1, -1)
    end = j + 1
    while j >= 0:
        c = source[j]
        if c in ")]":
            depth = 0
            while j >= 0:
                depth += {")": 1, "]": 1, "(": -1, "[": -1}.get(source[j], 0)
                if depth == 0:
                    break
                j -= 1
            j -= 1
        elif c.isalnum() or c in "_.?!":
            j -= 1
        else:
            break
    return source[j + 1:end].strip()


def check_operand(expr, name, source, at, path):
    if not expr or expr.startswith('"') or literal_choice(expr) or f"{name} + {expr}" in ALLOWED:
        return
    line = source.count("\n", 0, at) + 1
    bad.append(f"{os.path.relpath(path, ROOT)}:{line}: SQL concatenated with {expr}")


bad = []
checked = 0
for folder, _, files in os.walk(os.path.join(ROOT, "Sources")):
    for name in files:
        if not name.endswith(".swift"):
            continue
        path = os.path.join(folder, name)
        source = open(path, encoding="utf-8").read()
        literals = list(LITERAL.finditer(source))
        # A literal is SQL when it looks like SQL or is joined with `+` to one that does (the chain of literals).
        sql = [bool(SQL.search(m.group(1) if m.group(1) is not None else m.group(2))) for m in literals]
        joined = [False] * len(literals)
        for k in range(len(literals) - 1):
            between = source[literals[k].end():literals[k + 1].start()]
            joined[k] = between.strip() == "+"
        # A literal joined by `+` to an expression is SQL when it reads as a piece of SQL.
        for k, m in enumerate(literals):
            after = skip_space(source, m.end(), 1)
            before = skip_space(source, m.start() - 1, -1)
            plus = (after < len(source) and source[after] == "+") or (before > 0 and source[before] == "+")
            if plus and SQL_PIECE.search(m.group(1) if m.group(1) is not None else m.group(2)):
                sql[k] = True
        for _ in range(2):
            for k in range(len(literals) - 1):
                if joined[k] and (sql[k] or sql[k + 1]):
                    sql[k] = sql[k + 1] = True
        for k, m in enumerate(literals):
            if not sql[k]:
                continue
            body = m.group(1) if m.group(1) is not None else m.group(2)
            checked += 1
            for expr in interpolations(body):
                if f"{name} {expr}" not in ALLOWED:
                    line = source.count("\n", 0, m.start()) + 1
                    bad.append(f"{os.path.relpath(path, ROOT)}:{line}: SQL interpolates \\({expr})")
            after = skip_space(source, m.end(), 1)
            if after < len(source) and source[after] == "+" and source[after + 1:after + 2] != "=":
                expr, at = operand_after(source, after)
                check_operand(expr, name, source, at, path)
            before = skip_space(source, m.start() - 1, -1)
            if before > 0 and source[before] == "+" and source[before - 1] != "+":
                check_operand(operand_before(source, before), name, source, m.start(), path)
bad = list(dict.fromkeys(bad))  # one line each, when both ends of a concatenation see the same operand
print(f"{checked} SQL literals checked, {len(bad)} unreviewed interpolation(s) or concatenation(s)")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
