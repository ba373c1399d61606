#!/usr/bin/env python3
"""Writes a synthetic MAF of N rows for one tumour sample, sorted by position within each chromosome, as a
whole-genome somatic caller's MAF (vcf2maf layout, GDC column names) would be: the memory goal of issue 13
(a 5 million record file imports with peak memory under 300 MB) is measured on it. Keep the output in /tmp,
never in the repository.

Usage: make_big_maf.py OUT.maf [N]   (N defaults to 5,000,000; deterministic: the same N gives the same file)

About one row in ten is an indel ("-" alleles as MAF writes them), one in twenty has FILTER "LowQual"; genes and
protein changes are made up. Nothing here is real patient data.
"""
import random
import sys

# The same chromosomes and lengths as the big-case VCF, so both files describe one synthetic genome.
from make_big_vcf import CONTIGS

COLUMNS = ["Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome", "Start_Position", "End_Position",
           "Strand", "Variant_Classification", "Variant_Type", "Reference_Allele", "Tumor_Seq_Allele1",
           "Tumor_Seq_Allele2", "dbSNP_RS", "Tumor_Sample_Barcode", "Matched_Norm_Sample_Barcode", "HGVSc", "HGVSp",
           "HGVSp_Short", "Transcript_ID", "Exon_Number", "t_depth", "t_ref_count", "t_alt_count", "n_depth",
           "FILTER"]
AMINO = "ACDEFGHIKLMNPQRSTVWY"
THREE = {"A": "Ala", "C": "Cys", "D": "Asp", "E": "Glu", "F": "Phe", "G": "Gly", "H": "His", "I": "Ile", "K": "Lys",
         "L": "Leu", "M": "Met", "N": "Asn", "P": "Pro", "Q": "Gln", "R": "Arg", "S": "Ser", "T": "Thr", "V": "Val",
         "W": "Trp", "Y": "Tyr"}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    rng = random.Random(13)
    total = sum(length for _, length in CONTIGS)
    bases = "ACGT"
    written = 0
    with open(out, "w") as f:
        f.write("#version 2.4\n")
        f.write("\t".join(COLUMNS) + "\n")
        for name, length in CONTIGS:
            share = n * length // total if name != "Y" else n - written
            step = max(2, length // max(1, share))
            pos = rng.randint(10_000, 10_000 + step)
            for _ in range(share):
                r = rng.random()
                ref = rng.choice(bases)
                if r < 0.05:
                    ref, alt, vtype, vclass = "-", "".join(rng.choice(bases) for _ in range(rng.randint(1, 4))), "INS", "Frame_Shift_Ins"
                    end = pos + 1
                elif r < 0.10:
                    ref = "".join(rng.choice(bases) for _ in range(rng.randint(1, 4)))
                    alt, vtype, vclass = "-", "DEL", "Frame_Shift_Del"
                    end = pos + len(ref) - 1
                else:
                    alt = rng.choice([b for b in bases if b != ref])
                    vtype, vclass = "SNP", "Missense_Mutation"
                    end = pos
                gene = "GENE%d" % rng.randint(1, 19000)
                codon = rng.randint(1, 1500)
                a, b = rng.choice(AMINO), rng.choice(AMINO)
                depth = rng.randint(10, 400)
                alt_reads = rng.randint(1, depth)
                flt = "LowQual" if rng.random() < 0.05 else "PASS"
                f.write("\t".join([
                    gene, "0", "synthetic", "GRCh38", name, str(pos), str(end), "+", vclass, vtype, ref, ref, alt,
                    "novel", "BIG-TUMOR-1", "BIG-NORMAL-1", "c.%d%s>%s" % (codon * 3, ref[:1], alt[:1]),
                    "p.%s%d%s" % (THREE[a], codon, THREE[b]), "p.%s%d%s" % (a, codon, b), "ENST%011d" % codon,
                    "%d/20" % rng.randint(1, 20), str(depth), str(depth - alt_reads), str(alt_reads),
                    str(rng.randint(10, 300)), flt]) + "\n")
                written += 1
                pos += rng.randint(1, 2 * step - 1) + max(1, len(ref))
    print("%s: %d rows" % (out, written))


if __name__ == "__main__":
    main()
