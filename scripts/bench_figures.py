#!/usr/bin/env python3
"""Compares two files of benchmark figures ("name: value unit" lines, as ScreenBenchmark and first_frame.py print).

Usage: bench_figures.py ratios A B   each figure of A and B with the ratio B / A (a larger store against a smaller)
       bench_figures.py beside A B   each figure of A (SQLite) beside B's (PostgreSQL)
"""
import re
import sys


def figures(path):
    out = {}
    for line in open(path):
        name, _, rest = line.partition(": ")
        numbers = re.findall(r"(median|p99|max)? ?([0-9.]+) (ms|MB)", rest)
        if numbers:
            out[name] = {k or "value": float(v) for k, v, _ in numbers}
    return out


mode, first, second = sys.argv[1], figures(sys.argv[2]), figures(sys.argv[3])
for name in first:
    if name not in second:
        continue
    for key in ("value", "median", "p99", "max"):
        if key not in first[name] or key not in second[name]:
            continue
        a, b = first[name][key], second[name][key]
        if mode == "ratios" and a > 0:
            print(f"  {name} [{key}]: {a:.3f} → {b:.3f}  ×{b / a:.2f}")
        elif mode == "beside":
            print(f"  {name} [{key}]: SQLite {a:.3f}  PostgreSQL {b:.3f}")
