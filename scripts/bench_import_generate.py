#!/usr/bin/env python3
"""Deterministic input for scripts/bench-import.sh: DIR/case.json (native case BENCH-1), DIR/variants.vcf,
DIR/variants.maf and DIR/variants.tsv, the same N records in each (same fields in the TSV).
Usage: bench_import_generate.py DIR N   (same N → same bytes: a fixed linear congruential generator)."""
import json
import os
import sys

GENES = ["TP53", "KRAS", "EGFR", "BRAF", "PIK3CA", "PTEN", "APC", "ERBB2", "NRAS", "IDH1", "ALK", "MET", "BRCA1", "BRCA2", "ARID1A", "KMT2D"]
AMINO = ["Ala", "Arg", "Asn", "Asp", "Cys", "Gln", "Glu", "Gly", "His", "Ile", "Leu", "Lys", "Met", "Phe", "Pro", "Ser", "Thr", "Trp", "Tyr", "Val"]
SHORT = "ARNDCQEGHILKMFPSTWYV"
BASES = "ACGT"


class LCG:
    def __init__(self):
        self.state = 0x2545F4914F6CDD1D

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % bound


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    case = {"format": "tumorboard/1", "cases": [{"id": "BENCH-1", "patient": {"id": "BENCH-P1", "name": {"text": "Benchmark Patient"}},
            "diagnosis": {"oncotreeCode": "LUAD", "text": "Lung adenocarcinoma"},
            "reports": [{"id": "BENCH-R1", "specimen": {"id": "BENCH-TUMOR"}}]}]}
    with open(os.path.join(out, "case.json"), "w") as f:
        json.dump(case, f)
    rng = LCG()
    vcf = ["##fileformat=VCFv4.2",
           '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Feature|EXON|HGVSc|HGVSp|CANONICAL">',
           '##FILTER=<ID=weak_evidence,Description="Weak evidence">',
           *[f"##contig=<ID={c}>" for c in range(1, 23)],
           '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
           '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
           '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR"]
    maf = ["#version 2.4", "\t".join(["Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome", "Start_Position", "End_Position",
           "Strand", "Variant_Classification", "Variant_Type", "Reference_Allele", "Tumor_Seq_Allele1", "Tumor_Seq_Allele2",
           "Tumor_Sample_Barcode", "HGVSc", "HGVSp", "HGVSp_Short", "Transcript_ID", "Exon_Number", "t_depth", "t_ref_count", "t_alt_count", "FILTER"])]
    tsv = []
    for i in range(n):
        chrom = str(i % 22 + 1)
        pos = 10000 + (i // 22) * 37
        ref = BASES[rng.next(4)]
        alt = BASES[rng.next(4)]
        if alt == ref:
            alt = BASES[(BASES.index(ref) + 1) % 4]
        gene = GENES[rng.next(len(GENES))]
        codon = 1 + rng.next(900)
        a, b = rng.next(20), rng.next(20)
        hgvsp, short = f"p.{AMINO[a]}{codon}{AMINO[b]}", f"p.{SHORT[a]}{codon}{SHORT[b]}"
        hgvsc = f"c.{codon * 3 - 1}{ref}>{alt}"
        transcript = f"ENST00000{100000 + rng.next(800000)}"
        exon = f"{1 + rng.next(20)}/21"
        depth = 40 + rng.next(400)
        alt_reads = 1 + rng.next(depth - 1)
        filt = "weak_evidence" if rng.next(10) == 0 else "PASS"
        vcf.append(f"{chrom}\t{pos}\t.\t{ref}\t{alt}\t50\t{filt}\tCSQ={alt}|missense_variant|MODERATE|{gene}|{transcript}|{exon}|{transcript}.1:{hgvsc}|ENSP00000{codon}.1:{hgvsp}|YES"
                   f"\tGT:AD:DP\t0/0:{depth},0:{depth}\t0/1:{depth - alt_reads},{alt_reads}:{depth}")
        maf.append(f"{gene}\t0\t.\tGRCh38\t{chrom}\t{pos}\t{pos}\t+\tMissense_Mutation\tSNP\t{ref}\t{ref}\t{alt}\tBENCH-TUMOR\t{hgvsc}\t{hgvsp}\t{short}\t{transcript}\t{exon}\t{depth}\t{depth - alt_reads}\t{alt_reads}\t{filt}")
        tsv.append(f"BENCH-1/{chrom}:{pos}:{ref}:{alt}\tBENCH-1\t{chrom}\t{pos}\t{ref}\t{alt}\t{gene}\t{transcript}\t{hgvsc}\t{short}\tmissense_variant\t{exon}\t{alt_reads / depth}\t{depth}\t{'' if filt == 'PASS' else filt}")
    for name, lines in (("variants.vcf", vcf), ("variants.maf", maf), ("variants.tsv", tsv)):
        with open(os.path.join(out, name), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
