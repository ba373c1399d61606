#!/usr/bin/env python3
"""Writes a synthetic sites-only VCF (no FORMAT or sample columns, no annotation) of N records, as a whole-exome or
whole-genome caller leaves it before annotation: the big-case benchmark attaches it to one case.

Usage: make_big_vcf.py OUT.vcf [N]   (N defaults to 400,000; deterministic: the same N gives the same file)

Positions rise along chromosomes 1-22, X, Y with random gaps; about one record in ten is an indel, one in
twenty is marked LowQual in FILTER. Nothing here is real patient data.
"""
import random
import sys

CONTIGS = [(str(i), length) for i, length in enumerate([
    248956422, 242193529, 198295559, 190214555, 181538259, 170805979, 159345973, 145138636, 138394717,
    133797422, 135086622, 133275309, 114364328, 107043718, 101991189, 90338345, 83257441, 80373285,
    58617616, 64444167, 46709983, 50818468], start=1)] + [("X", 156040895), ("Y", 57227415)]


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 400_000
    rng = random.Random(20)
    total = sum(length for _, length in CONTIGS)
    bases = "ACGT"
    with open(out, "w") as f:
        f.write("##fileformat=VCFv4.2\n")
        f.write("##source=tumorboard-synthetic-big-case\n")
        for name, length in CONTIGS:
            f.write("##contig=<ID=%s,length=%d>\n" % (name, length))
        f.write('##FILTER=<ID=PASS,Description="All filters passed">\n')
        f.write('##FILTER=<ID=LowQual,Description="Low quality">\n')
        f.write('##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth">\n')
        f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
        written = 0
        for name, length in CONTIGS:
            share = n * length // total if name != "Y" else n - written
            step = max(2, length // max(1, share))
            pos = rng.randint(10_000, 10_000 + step)
            for _ in range(share):
                ref = rng.choice(bases)
                r = rng.random()
                if r < 0.05:
                    alt = ref + "".join(rng.choice(bases) for _ in range(rng.randint(1, 4)))
                elif r < 0.10:
                    ref = ref + "".join(rng.choice(bases) for _ in range(rng.randint(1, 4)))
                    alt = ref[0]
                else:
                    alt = rng.choice([b for b in bases if b != ref])
                flt = "LowQual" if rng.random() < 0.05 else "PASS"
                f.write("%s\t%d\t.\t%s\t%s\t%d\t%s\tDP=%d\n"
                        % (name, pos, ref, alt, rng.randint(20, 900), flt, rng.randint(10, 400)))
                written += 1
                pos += rng.randint(1, 2 * step - 1) + len(ref)
    print("%s: %d records" % (out, written))


if __name__ == "__main__":
    main()
