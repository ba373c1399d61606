#!/usr/bin/env python3
"""Python loaders for the import benchmark: the same rows into SQLite, the fastest usual way.

  bench_import_python.py vcf FILE DB   cyvcf2 parse, executemany into SQLite
  bench_import_python.py maf FILE DB   pandas.read_csv, executemany into SQLite
Prints the record count. Keyed table (id primary key, gene index) like the store's finding table.
"""
import sqlite3
import sys

SCHEMA = """CREATE TABLE finding(id TEXT PRIMARY KEY, case_id TEXT, chrom TEXT, pos INTEGER, ref TEXT, alt TEXT, gene TEXT,
transcript TEXT, hgvsc TEXT, hgvsp TEXT, consequence TEXT, exon TEXT, vaf REAL, depth INTEGER, filter TEXT);
CREATE INDEX finding_gene ON finding(gene);"""
INSERT = "INSERT INTO finding VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def vcf_rows(path):
    from cyvcf2 import VCF
    vcf = VCF(path)
    csq_fields = vcf.get_header_type("CSQ")["Description"].split("Format: ")[1].strip('"').split("|")
    ix = {name: i for i, name in enumerate(csq_fields)}
    tumour = vcf.samples.index("TUMOR")
    for v in vcf:
        ad = v.format("AD")
        dp = v.format("DP")
        for k, alt in enumerate(v.ALT):
            csq = (v.INFO.get("CSQ") or "").split(",")[0].split("|")
            depth = int(dp[tumour][0])
            alt_reads = int(ad[tumour][k + 1])
            yield ("BENCH-1/%s:%d:%s:%s" % (v.CHROM, v.POS, v.REF, alt), "BENCH-1", v.CHROM, v.POS, v.REF, alt,
                   csq[ix["SYMBOL"]], csq[ix["Feature"]], csq[ix["HGVSc"]].split(":")[-1], csq[ix["HGVSp"]].split(":")[-1],
                   csq[ix["Consequence"]], csq[ix["EXON"]], alt_reads / depth if depth else None, depth, v.FILTER)


def maf_rows(path):
    import pandas as pd
    df = pd.read_csv(path, sep="\t", comment="#", dtype=str, keep_default_na=False)
    vaf = df["t_alt_count"].astype(int) / df["t_depth"].astype(int)
    ids = "BENCH-1/" + df["Chromosome"] + ":" + df["Start_Position"] + ":" + df["Reference_Allele"] + ":" + df["Tumor_Seq_Allele2"]
    out = pd.DataFrame({"id": ids, "case_id": "BENCH-1", "chrom": df["Chromosome"], "pos": df["Start_Position"].astype(int),
                        "ref": df["Reference_Allele"], "alt": df["Tumor_Seq_Allele2"], "gene": df["Hugo_Symbol"],
                        "transcript": df["Transcript_ID"], "hgvsc": df["HGVSc"], "hgvsp": df["HGVSp_Short"],
                        "consequence": df["Variant_Classification"], "exon": df["Exon_Number"], "vaf": vaf,
                        "depth": df["t_depth"].astype(int), "filter": df["FILTER"].where(df["FILTER"] != "PASS", None)})
    return out.itertuples(index=False, name=None)


def main():
    kind, path, db = sys.argv[1:4]
    con = sqlite3.connect(db)
    con.executescript(SCHEMA)
    rows = vcf_rows(path) if kind == "vcf" else maf_rows(path)
    with con:
        con.executemany(INSERT, rows)
    print(con.execute("SELECT count(*) FROM finding").fetchone()[0])


if __name__ == "__main__":
    main()
