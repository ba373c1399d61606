#!/usr/bin/env python3
"""Writes the synthetic sample board of tumorboard in the native layout ("tumorboard/1").

Everything here is hand-authored and fictitious: no real patient, clinician or trial text.
Patients, MRNs, clinicians, hospitals, NCT numbers, sponsors and investigational drug codes
are invented; approved drugs, genes, HGVS notations, OncoTree codes and evidence scales are
real so that the sample reads like a real molecular tumour board.

    python3 SampleData/generate.py          # writes boards.json, cases.json, trials.json
    python3 SampleData/check.py             # asserts counts and cross-references

Output is deterministic: sorted keys, 2-space indent, UTF-8, trailing newline.
The JSON files are the human-editable sample; this script only keeps them consistent.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT = "tumorboard/1"

# --------------------------------------------------------------------------------------------
# Small builders. They drop None values so the JSON only carries what is known.
# --------------------------------------------------------------------------------------------


def clean(obj):
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [clean(v) for v in obj]
    return obj


# RefSeq transcripts used in the reports (MANE Select where one exists).
TX = {
    "ACVR2A": "NM_001616.5", "ALK": "NM_004304.5", "APC": "NM_000038.6", "ARID1A": "NM_006015.6",
    "ATM": "NM_000051.4", "ATRX": "NM_000489.6", "BAP1": "NM_004656.4", "BRAF": "NM_004333.6",
    "BRCA1": "NM_007294.4", "BRCA2": "NM_000059.4", "CDKN2A": "NM_000077.5", "DAXX": "NM_001350.5",
    "EGFR": "NM_005228.5", "ERBB4": "NM_005235.3", "ESR1": "NM_000125.4", "GATA3": "NM_001002295.2",
    "IDH1": "NM_005896.4", "KEAP1": "NM_203500.2", "KIT": "NM_000222.3", "KMT2D": "NM_003482.4",
    "KRAS": "NM_004985.5", "MEN1": "NM_130799.2", "MET": "NM_000245.4", "MSH2": "NM_000251.3",
    "NF1": "NM_001042492.3", "NRAS": "NM_002524.5", "PALB2": "NM_024675.4", "PBRM1": "NM_018313.5",
    "PIK3CA": "NM_006218.4", "POLE": "NM_006231.4", "PTEN": "NM_000314.8", "RNF43": "NM_017763.6",
    "SMAD4": "NM_005359.6", "STK11": "NM_000455.5", "TERT": "NM_198253.3", "TP53": "NM_000546.6",
    "TSC2": "NM_000548.5", "ARID2": "NM_152641.4", "KMT2C": "NM_170606.3", "NOTCH1": "NM_017617.5",
    "ZFHX3": "NM_006885.4", "FAT1": "NM_005245.4", "GRIN2A": "NM_000833.5", "ATR": "NM_001184.4",
    "SETD2": "NM_014159.7", "LRP1B": "NM_018557.3", "EPHA5": "NM_004439.8", "ROS1": "NM_002944.3",
    "FBXW7": "NM_033632.3", "MAP3K1": "NM_005921.2", "PTPRT": "NM_133170.4", "BCOR": "NM_001123385.2",
    "ASXL1": "NM_015338.6", "KMT2A": "NM_001197104.2", "RAD51C": "NM_058216.3", "JAK1": "NM_002227.4",
    "POLD1": "NM_002691.4", "NOTCH2": "NM_024408.4", "CREBBP": "NM_004380.3", "SMARCA4": "NM_003072.5",
}


def ev(source, scale, code, therapy=None, disease=None, oncotree=None, significance="Sensitivity/Response",
       type_="Predictive", reference=None):
    """One evidence entry; level codes are checked against the scale in check.py."""
    return {"source": source, "level": {"scale": scale, "code": code}, "type": type_,
            "significance": significance, "therapy": therapy, "disease": disease,
            "oncotreeCode": oncotree, "reference": reference}


def mut(gene, hgvs_c, hgvs_p, exon, vaf, depth, cls, consequence="missense_variant", kind="snv",
        origin="somatic", evidence=(), tag=None, filter=None, report=1):
    return {"kind": kind, "gene": gene, "transcript": TX.get(gene), "hgvsC": hgvs_c, "hgvsP": hgvs_p,
            "consequence": consequence, "exon": exon, "vaf": vaf, "depth": depth, "origin": origin,
            "classification": cls, "filter": filter, "evidence": list(evidence), "_tag": tag, "_report": report}


def vus(gene, hgvs_c, hgvs_p, exon, vaf, depth, origin="somatic", filter=None, report=1):
    return mut(gene, hgvs_c, hgvs_p, exon, vaf, depth, "vus", origin=origin, filter=filter, report=report)


def cnv(gene, call, copies, cls="oncogenic", evidence=(), tag=None, report=1):
    return {"kind": "cnv", "gene": gene, "copyNumberCall": call, "copyNumber": copies, "origin": "somatic",
            "classification": cls, "evidence": list(evidence), "_tag": tag, "_report": report}


def fusion(five, three, breakpoints, cls="oncogenic", evidence=(), tag=None, kind="fusion", report=1, gene=None):
    """A fusion (5' partner first); `gene` is the driver the board talks about (defaults to the 3' kinase)."""
    return {"kind": kind, "gene": gene or three, "partners": [five, three] if five != three else [five],
            "breakpoints": breakpoints, "origin": "somatic", "classification": cls,
            "evidence": list(evidence), "_tag": tag, "_report": report}


def bio(kind, name, value, unit, status, evidence=(), tag=None, report=1):
    return {"kind": "biomarker", "biomarker": {"kind": kind, "name": name, "value": value, "unit": unit, "status": status},
            "origin": "somatic", "evidence": list(evidence), "_tag": tag, "_report": report}


def tmb(value, evidence=(), report=1):
    return bio("tmb", "Tumour mutational burden", value, "mut/Mb", "high" if value >= 10 else "low",
               evidence, tag="tmb", report=report)


def msi(status, value, evidence=(), report=1):
    return bio("msi", "Microsatellite instability (% unstable loci)", value, "%", status, evidence, tag="msi", report=report)


def pdl1(score, value, status, evidence=(), report=1):
    return bio("pdl1", "PD-L1 " + score, value, "%" if score.startswith("TPS") else None, status, evidence,
               tag="pdl1", report=report)


def hrd(value, status, evidence=(), report=1):
    return bio("hrd", "HRD genomic instability score", value, "GIS", status, evidence, tag="hrd", report=report)


def other(name, value, unit, status, evidence=(), tag=None, report=1):
    return bio("other", name, value, unit, status, evidence, tag=tag, report=report)


def stage(t, n, m, group, on, basis="clinical", system="AJCC 8"):
    return {"system": system, "basis": basis, "t": t, "n": n, "m": m, "group": group, "assessedOn": on}


def line(n, regimen, drugs, start, end=None, response=None, stop=None, setting=None):
    return {"line": n, "setting": setting, "regimen": regimen, "drugs": drugs, "start": start, "end": end,
            "bestResponse": response, "stopReason": stop}


def report(lab, assay, on, specimen_id, specimen_type, site, collected, purity):
    return {"lab": lab, "assay": assay, "reportedOn": on,
            "specimen": {"id": specimen_id, "type": specimen_type, "site": site, "collectedOn": collected,
                         "tumourPurity": purity}}


LAB = "Lakeshore Molecular Pathology"
FMI = "Foundation Medicine (send-out)"
GH = "Guardant Health (send-out)"

CASES = []
FINDING_IDS = {}   # (case id, tag) -> finding id


def add_case(n, patient, diagnosis, question, status, reports, findings, stage=None, ecog=None, ps_on=None,
             karnofsky=None, lines=(), comorbidities=(), referring=None, consent=None):
    cid = "C-%04d" % n
    pid = "P-%04d" % n
    rep = []
    for i, r in enumerate(reports, start=1):
        r = dict(r)
        r["id"] = "%s-R%d" % (cid, i)
        rep.append(r)
    out = []
    for i, f in enumerate(findings, start=1):
        f = dict(f)
        fid = "%s-F%02d" % (cid, i)
        tag = f.pop("_tag")
        f["reportId"] = "%s-R%d" % (cid, f.pop("_report"))
        f["id"] = fid
        if tag:
            assert (cid, tag) not in FINDING_IDS, (cid, tag)
            FINDING_IDS[(cid, tag)] = fid
        out.append(f)
    name, sex, born, mrn = patient
    perf = None
    if ecog is not None or karnofsky is not None:
        perf = {"ecog": ecog, "karnofsky": karnofsky, "assessedOn": ps_on}
    CASES.append({
        "id": cid,
        "patient": {"id": pid, "name": name, "sex": sex, "birthDate": born,
                    "identifiers": [{"kind": "mrn", "system": "Lakeshore University Hospital", "value": mrn}]},
        "diagnosis": diagnosis,
        "stage": stage,
        "performance": perf,
        "treatmentHistory": list(lines),
        "comorbidities": list(comorbidities),
        "question": question,
        "referringClinician": referring,
        "consent": consent if consent is not None else {},
        "status": status,
        "reports": rep,
        "findings": out,
    })
    return cid


def F(cid, tag):
    """The id of a case's finding by its tag: F("C-0001", "egfr")."""
    return FINDING_IDS[(cid, tag)]


def dx(code, text, histology, site, laterality, on):
    return {"oncotreeCode": code, "text": text, "histology": histology, "primarySite": site,
            "laterality": laterality, "diagnosedOn": on}


def consent(on, research=True, trials=True):
    return {"research": research, "trials": trials, "recordedOn": on}


# --------------------------------------------------------------------------------------------
# Cases. Reference day of the sample: 2026-11-27.
# --------------------------------------------------------------------------------------------

# C-0001 — EGFR L858R LUAD, progression on osimertinib with acquired MET amplification.
add_case(
    1, ({"given": "Ngọc", "family": "Trần", "text": "Trần Thị Ngọc"}, "female", "1961-03-14", "MRN-104233"),
    dx("LUAD", "Lung adenocarcinoma, right upper lobe", "Adenocarcinoma, acinar-predominant, TTF-1 positive",
       "Right upper lobe of lung", "right", "2024-09-02"),
    "Progression on first-line osimertinib after 24 months (new liver metastases). Liver re-biopsy keeps "
    "EGFR L858R and shows a new MET amplification (CN 9). Osimertinib plus a MET inhibitor (trial), "
    "amivantamab plus carboplatin-pemetrexed, or platinum doublet?",
    "discussed",
    [report(LAB, "TSO500", "2026-10-21", "S-26-18842", "FFPE core biopsy", "Liver metastasis, segment VI",
            "2026-10-06", 0.45)],
    [
        mut("EGFR", "c.2573T>G", "p.L858R", "21", 0.31, 812, "oncogenic", tag="egfr", evidence=[
            ev("OncoKB", "OncoKB", "1", "Osimertinib", "Lung Adenocarcinoma", "LUAD", reference="FLAURA"),
            ev("CIViC", "CIViC", "A", "Osimertinib", "Lung Adenocarcinoma", "LUAD")]),
        cnv("MET", "Amplification", 9, tag="met", evidence=[
            ev("report", "ESCAT", "II-B", "Osimertinib + Savolitinib", "Non-Small Cell Lung Cancer", "NSCLC",
               reference="SAVANNAH"),
            ev("CIViC", "CIViC", "B", "Osimertinib", "Lung Adenocarcinoma", "LUAD", significance="Resistance")]),
        mut("TP53", "c.818G>A", "p.R273H", "8", 0.29, 790, "oncogenic", tag="tp53"),
        cnv("CDKN2A", "Homozygous deletion", 0, tag="cdkn2a"),
        vus("ATM", "c.6919C>T", "p.L2307F", "47", 0.48, 702),
        vus("ARID1A", "c.6259G>A", "p.G2087R", "20", 0.22, 655),
        tmb(4.2), msi("MSS", 1.9),
        pdl1("TPS (22C3)", 5, "low (1–49%)"),
    ],
    stage=stage("T2b", "N2", "M1c", "IVB", "2024-09-10"), ecog=1, ps_on="2026-11-04",
    lines=[
        line(1, "Osimertinib 80 mg daily", ["osimertinib"], "2024-09-20", "2026-09-15", "PR",
             "Progression: new liver metastases, thoracic progression", "metastatic first line"),
        line(2, "Stereotactic radiosurgery, 2 brain metastases (1 × 20 Gy)", [], "2024-09-25", "2024-09-25", "CR",
             None, "local"),
    ],
    comorbidities=["Type 2 diabetes mellitus (metformin)", "Hypothyroidism (levothyroxine)"],
    referring="Hannah Whitfield", consent=consent("2024-09-10"))

# C-0002 — EGFR exon 19 deletion, treatment-naive.
add_case(
    2, ({"given": "美咲", "family": "佐藤", "text": "佐藤 美咲"}, "female", "1969-07-22", "MRN-104518"),
    dx("LUAD", "Lung adenocarcinoma, left lower lobe", "Adenocarcinoma, lepidic and papillary, TTF-1 positive",
       "Left lower lobe of lung", "left", "2026-09-18"),
    "Newly diagnosed EGFR exon 19 deletion, stage IVB with bone and adrenal metastases, no brain metastases "
    "on MRI. Osimertinib alone, osimertinib plus platinum-pemetrexed (FLAURA2), or amivantamab plus "
    "lazertinib (MARIPOSA)?",
    "discussed",
    [report(LAB, "Oncomine Comprehensive Assay v3", "2026-10-02", "S-26-17310", "EBUS-TBNA cell block",
            "Mediastinal lymph node, station 7", "2026-09-24", 0.30)],
    [
        mut("EGFR", "c.2235_2249del", "p.E746_A750del", "19", 0.22, 1450, "oncogenic", "inframe_deletion",
            kind="indel", tag="egfr", evidence=[
                ev("OncoKB", "OncoKB", "1", "Osimertinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="FLAURA"),
                ev("OncoKB", "OncoKB", "1", "Osimertinib + Carboplatin + Pemetrexed", "Non-Small Cell Lung Cancer",
                   "NSCLC", reference="FLAURA2"),
                ev("OncoKB", "OncoKB", "1", "Amivantamab + Lazertinib", "Non-Small Cell Lung Cancer", "NSCLC",
                   reference="MARIPOSA")]),
        mut("TP53", "c.743G>A", "p.R248Q", "7", 0.19, 1320, "oncogenic", tag="tp53"),
        mut("RBM10", "c.1411C>T", "p.Q471*", "13", 0.18, 1105, "likely-oncogenic", "stop_gained"),
        vus("ERBB4", "c.1354G>A", "p.E452K", "11", 0.11, 1290),
        tmb(2.8), msi("MSS", 0.9),
        pdl1("TPS (22C3)", 30, "low (1–49%)"),
    ],
    stage=stage("T3", "N2", "M1c", "IVB", "2026-09-30"), ecog=0, ps_on="2026-10-28",
    lines=[line(1, "Palliative radiotherapy T10 (1 × 8 Gy)", [], "2026-10-06", "2026-10-06", None, None, "local")],
    comorbidities=["Migraine"],
    referring="Hannah Whitfield", consent=consent("2026-09-30"))

# C-0003 — KRAS G12C LUAD with STK11/KEAP1 after chemo-immunotherapy.
add_case(
    3, ({"given": "Heinz-Dieter", "family": "Brückner"}, "male", "1955-01-30", "MRN-104677"),
    dx("LUAD", "Lung adenocarcinoma, right upper lobe", "Adenocarcinoma, solid-predominant", "Right upper lobe of lung",
       "right", "2025-06-11"),
    "Progression after first-line carboplatin-pemetrexed-pembrolizumab. KRAS G12C with co-occurring STK11 and "
    "KEAP1 loss. Second-line sotorasib or adagrasib vs. docetaxel, or referral to a KRAS G12C combination trial?",
    "on-agenda",
    [report(FMI, "FoundationOne CDx", "2025-07-15", "S-25-09921", "FFPE core biopsy (CT-guided)",
            "Right upper lobe of lung", "2025-06-05", 0.60)],
    [
        mut("KRAS", "c.34G>T", "p.G12C", "2", 0.38, 640, "oncogenic", tag="kras", evidence=[
            ev("OncoKB", "OncoKB", "1", "Sotorasib", "Non-Small Cell Lung Cancer", "NSCLC", reference="CodeBreaK 200"),
            ev("OncoKB", "OncoKB", "1", "Adagrasib", "Non-Small Cell Lung Cancer", "NSCLC", reference="KRYSTAL-1")]),
        mut("STK11", "c.109C>T", "p.Q37*", "1", 0.55, 610, "oncogenic", "stop_gained", tag="stk11", evidence=[
            ev("CIViC", "CIViC", "C", "Pembrolizumab", "Lung Adenocarcinoma", "LUAD", significance="Resistance")]),
        mut("KEAP1", "c.997G>T", "p.G333C", "3", 0.52, 598, "likely-oncogenic", tag="keap1"),
        vus("KMT2D", "c.7061C>T", "p.P2354L", "31", 0.36, 580),
        vus("LRP1B", "c.9061G>A", "p.E3021K", "58", 0.17, 544),
        vus("SMARCA4", "c.2935G>A", "p.A979T", "20", 0.09, 560, filter="strand_bias"),
        tmb(11.5, evidence=[ev("OncoKB", "OncoKB", "1", "Pembrolizumab", "Solid tumours (TMB ≥ 10)", None,
                               reference="KEYNOTE-158")]),
        msi("MSS", 1.2),
        pdl1("TPS (22C3)", 0, "negative (<1%)"),
    ],
    stage=stage("T3", "N2", "M1c", "IVB", "2025-06-20"), ecog=1, ps_on="2026-11-10",
    lines=[line(1, "Carboplatin-pemetrexed-pembrolizumab × 4, then pemetrexed-pembrolizumab maintenance",
                ["carboplatin", "pemetrexed", "pembrolizumab"], "2025-07-01", "2026-10-20", "PR",
                "Progression (new pleural nodules, adrenal growth)", "metastatic first line")],
    comorbidities=["COPD GOLD 2", "Coronary artery disease, stent 2019", "Former smoker, 48 pack-years"],
    referring="Hannah Whitfield", consent=consent("2025-06-20"))

# C-0004 — EML4::ALK, progression on alectinib with ALK G1202R in plasma.
add_case(
    4, ({"given": "Zoë", "family": "Lefèvre"}, "female", "1982-11-05", "MRN-104702"),
    dx("LUAD", "Lung adenocarcinoma, left upper lobe", "Adenocarcinoma with signet-ring features, ALK IHC (D5F3) positive",
       "Left upper lobe of lung", "left", "2023-02-14"),
    "Extracranial progression on first-line alectinib after 43 months; CNS remains controlled. Plasma ctDNA "
    "shows ALK G1202R. Lorlatinib as standard second line, or a fourth-generation ALK inhibitor trial?",
    "on-agenda",
    [report(LAB, "Oncomine Comprehensive Assay v3", "2023-02-28", "S-23-02177", "FFPE core biopsy",
            "Left upper lobe of lung", "2023-02-10", 0.50),
     report(GH, "Guardant360 CDx", "2026-10-14", "S-26-19015", "Plasma (cell-free DNA)", "Peripheral blood",
            "2026-10-07", 0.20)],
    [
        fusion("EML4", "ALK", "EML4 exon 13 :: ALK exon 20 (variant 1)", tag="alk", evidence=[
            ev("OncoKB", "OncoKB", "1", "Alectinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="ALEX"),
            ev("OncoKB", "OncoKB", "1", "Lorlatinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="CROWN")]),
        mut("ALK", "c.3604G>A", "p.G1202R", "23", 0.04, 5400, "oncogenic", tag="g1202r", report=2, evidence=[
            ev("CIViC", "CIViC", "B", "Alectinib", "Lung Adenocarcinoma", "LUAD", significance="Resistance"),
            ev("CIViC", "CIViC", "B", "Lorlatinib", "Lung Adenocarcinoma", "LUAD")]),
        mut("TP53", "c.659A>G", "p.Y220C", "6", 0.06, 5120, "oncogenic", report=2),
        vus("ROS1", "c.3326G>A", "p.S1109N", "21", 0.49, 720),
        tmb(1.3), msi("MSS", 0.4),
        pdl1("TPS (22C3)", 60, "high (≥50%)"),
    ],
    stage=stage("T2a", "N3", "M1c", "IVB", "2023-02-20"), ecog=1, ps_on="2026-11-12",
    lines=[line(1, "Alectinib 600 mg twice daily", ["alectinib"], "2023-03-01", "2026-09-28", "PR",
                "Progression: pleural and new hepatic lesions", "metastatic first line")],
    comorbidities=["Never smoker"],
    referring="Hannah Whitfield", consent=consent("2023-02-20"))

# C-0005 — CD74::ROS1 with brain metastases, started on crizotinib outside.
add_case(
    5, ({"given": "Priyanka", "family": "Venkataraman"}, "female", "1976-04-18", "MRN-104759"),
    dx("LUAD", "Lung adenocarcinoma, right lower lobe", "Adenocarcinoma, solid with mucin", "Right lower lobe of lung",
       "right", "2026-08-27"),
    "CD74::ROS1 fusion with 6 asymptomatic brain metastases (largest 9 mm). Crizotinib started 2026-09 at the "
    "referring hospital; limited CNS penetration. Switch to repotrectinib or entrectinib, and is SRS needed now?",
    "discussed",
    [report(LAB, "TSO500", "2026-09-15", "S-26-16108", "FFPE core biopsy", "Right lower lobe of lung", "2026-08-25",
            0.55)],
    [
        fusion("CD74", "ROS1", "CD74 exon 6 :: ROS1 exon 34", tag="ros1", evidence=[
            ev("OncoKB", "OncoKB", "1", "Repotrectinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="TRIDENT-1"),
            ev("OncoKB", "OncoKB", "1", "Entrectinib", "Non-Small Cell Lung Cancer", "NSCLC"),
            ev("OncoKB", "OncoKB", "1", "Crizotinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="PROFILE 1001")]),
        mut("SETD2", "c.4715_4716del", "p.K1572Sfs*3", "3", 0.26, 830, "likely-oncogenic", "frameshift_variant",
            kind="indel"),
        vus("KMT2C", "c.2263C>T", "p.R755W", "14", 0.47, 910),
        vus("NOTCH2", "c.5245G>A", "p.A1749T", "29", 0.51, 876),
        tmb(0.8), msi("MSS", 0.3),
        pdl1("TPS (22C3)", 10, "low (1–49%)"),
    ],
    stage=stage("T4", "N2", "M1c", "IVB", "2026-09-02"), ecog=1, ps_on="2026-10-30",
    lines=[line(1, "Crizotinib 250 mg twice daily", ["crizotinib"], "2026-09-22", None, "SD", None,
                "metastatic first line")],
    comorbidities=["Never smoker", "Iron-deficiency anaemia"],
    referring="Rafael Ortega-Benítez", consent=consent("2026-09-02"))

# C-0006 — BRAF V600E MSS colon cancer after FOLFOX-bevacizumab.
add_case(
    6, ({"given": "Margarethe", "family": "Schönberger"}, "female", "1963-12-02", "MRN-104811"),
    dx("COAD", "Adenocarcinoma of the ascending colon", "Adenocarcinoma, mucinous component 30%, G3",
       "Ascending colon", "right", "2025-11-03"),
    "BRAF V600E, MSS right-sided colon cancer progressing on FOLFOX-bevacizumab (new liver lesions). "
    "Encorafenib plus cetuximab (BEACON) as second line, or a BRAF/EGFR trial with FOLFIRI?",
    "on-agenda",
    [report(FMI, "FoundationOne CDx", "2025-12-05", "S-25-21450", "FFPE resection", "Ascending colon",
            "2025-11-20", 0.70)],
    [
        mut("BRAF", "c.1799T>A", "p.V600E", "15", 0.36, 720, "oncogenic", tag="braf", evidence=[
            ev("OncoKB", "OncoKB", "1", "Encorafenib + Cetuximab", "Colorectal Adenocarcinoma", "COADREAD",
               reference="BEACON CRC"),
            ev("CIViC", "CIViC", "A", "Encorafenib + Cetuximab", "Colorectal Cancer", "COADREAD")]),
        mut("TP53", "c.524G>A", "p.R175H", "5", 0.33, 705, "oncogenic"),
        mut("SMAD4", "c.1082G>A", "p.R361H", "9", 0.31, 688, "oncogenic"),
        vus("GRIN2A", "c.3199C>T", "p.R1067W", "13", 0.45, 640),
        vus("FAT1", "c.8951G>A", "p.R2984Q", "18", 0.08, 612),
        tmb(6.0), msi("MSS", 0.8, evidence=[]),
    ],
    stage=stage("T4a", "N2b", "M1a", "IVA", "2025-11-25", basis="pathological"), ecog=1, ps_on="2026-11-13",
    lines=[
        line(1, "Right hemicolectomy", [], "2025-11-20", "2025-11-20", None, None, "surgery"),
        line(2, "FOLFOX + bevacizumab", ["fluorouracil", "leucovorin", "oxaliplatin", "bevacizumab"], "2025-12-15",
             "2026-10-12", "SD", "Progression (liver); grade 2 neuropathy", "metastatic first line"),
    ],
    comorbidities=["Hypertension", "Osteoarthritis of both knees"],
    referring="Lorenzo Ferraro", consent=consent("2025-11-25"))

# C-0007 — MSI-H colon cancer, Lynch syndrome (germline MSH2).
add_case(
    7, ({"given": "Søren", "family": "Østergaard"}, "male", "1971-08-09", "MRN-104866"),
    dx("COAD", "Adenocarcinoma of the transverse colon", "Adenocarcinoma, medullary features, loss of MSH2/MSH6 (IHC)",
       "Transverse colon", "n/a", "2026-09-29"),
    "MSI-H / dMMR (loss of MSH2 and MSH6) transverse colon cancer with peritoneal metastases; germline MSH2 "
    "pathogenic variant (Lynch syndrome). First-line pembrolizumab vs. nivolumab plus ipilimumab (CheckMate 8HW); "
    "cascade testing for his two children?",
    "on-agenda",
    [report(LAB, "TSO500", "2026-10-19", "S-26-18507", "FFPE endoscopic biopsy", "Transverse colon", "2026-09-29",
            0.40)],
    [
        msi("MSI-H", 38.5, evidence=[
            ev("OncoKB", "OncoKB", "1", "Pembrolizumab", "Colorectal Adenocarcinoma", "COADREAD", reference="KEYNOTE-177"),
            ev("OncoKB", "OncoKB", "1", "Nivolumab + Ipilimumab", "Colorectal Adenocarcinoma", "COADREAD",
               reference="CheckMate 8HW")]),
        tmb(52.3, evidence=[ev("OncoKB", "OncoKB", "1", "Pembrolizumab", "Solid tumours (TMB ≥ 10)", None)]),
        mut("MSH2", "c.1165C>T", "p.R389*", "7", 0.49, 610, "pathogenic", "stop_gained", origin="germline", tag="msh2",
            evidence=[ev("report", "AMP/ASCO/CAP", "I-A", None, "Lynch syndrome", None, significance="Predisposition",
                         type_="Predisposing")]),
        mut("KRAS", "c.38G>A", "p.G13D", "2", 0.28, 640, "oncogenic", tag="kras", evidence=[
            ev("OncoKB", "OncoKB", "R1", "Cetuximab", "Colorectal Adenocarcinoma", "COADREAD", significance="Resistance"),
            ev("OncoKB", "OncoKB", "R1", "Panitumumab", "Colorectal Adenocarcinoma", "COADREAD", significance="Resistance")]),
        mut("RNF43", "c.1976del", "p.G659Vfs*41", "9", 0.21, 702, "likely-oncogenic", "frameshift_variant", kind="indel"),
        mut("ACVR2A", "c.1310del", "p.K437Rfs*5", "10", 0.25, 688, "likely-oncogenic", "frameshift_variant", kind="indel"),
        mut("APC", "c.3927_3931del", "p.E1309Dfs*4", "16", 0.19, 655, "oncogenic", "frameshift_variant", kind="indel"),
        vus("POLE", "c.4102G>A", "p.V1368M", "32", 0.17, 690),
        vus("ZFHX3", "c.7448A>G", "p.Q2483R", "9", 0.20, 615),
        vus("NOTCH1", "c.5830G>A", "p.A1944T", "31", 0.16, 598),
    ],
    stage=stage("T4b", "N2", "M1c", "IVC", "2026-10-08"), ecog=1, ps_on="2026-11-18",
    lines=[line(1, "Laparoscopic diverting loop ileostomy for subocclusion", [], "2026-10-05", "2026-10-05", None, None,
                "surgery")],
    comorbidities=["Ulcerative colitis — excluded on histology", "Obstructive sleep apnoea (CPAP)"],
    referring="Lorenzo Ferraro", consent=consent("2026-10-08"))

# C-0008 — ERBB2-amplified rectal cancer after two lines.
add_case(
    8, ({"given": "Ольга", "family": "Смирнова", "text": "Ольга Смирнова"}, "female", "1966-02-25", "MRN-104902"),
    dx("READ", "Adenocarcinoma of the rectum", "Adenocarcinoma, G2, HER2 IHC 3+ (HERACLES criteria)", "Rectum", "n/a",
       "2024-04-17"),
    "RAS/BRAF wild-type, ERBB2-amplified rectal cancer with liver and lung metastases progressing after FOLFOX-"
    "panitumumab and FOLFIRI-bevacizumab. Tucatinib plus trastuzumab (MOUNTAINEER) vs. trastuzumab deruxtecan vs. "
    "HER2 basket trial?",
    "discussed",
    [report(FMI, "FoundationOne CDx", "2026-09-10", "S-26-15530", "FFPE core biopsy", "Liver metastasis, segment IV",
            "2026-08-28", 0.50)],
    [
        cnv("ERBB2", "Amplification", 12, tag="erbb2", evidence=[
            ev("OncoKB", "OncoKB", "1", "Tucatinib + Trastuzumab", "Colorectal Adenocarcinoma", "COADREAD",
               reference="MOUNTAINEER"),
            ev("report", "ESCAT", "II-B", "Trastuzumab deruxtecan", "Colorectal Adenocarcinoma", "COADREAD",
               reference="DESTINY-CRC02"),
            ev("CIViC", "CIViC", "B", "Cetuximab", "Colorectal Cancer", "COADREAD", significance="Resistance")]),
        mut("APC", "c.4348C>T", "p.R1450*", "16", 0.44, 820, "oncogenic", "stop_gained"),
        mut("TP53", "c.844C>T", "p.R282W", "8", 0.46, 795, "oncogenic"),
        cnv("SMAD4", "Homozygous deletion", 0),
        vus("FAT1", "c.3412G>A", "p.V1138I", "5", 0.23, 760),
        tmb(5.0), msi("MSS", 1.1),
    ],
    stage=stage("T3", "N1", "M1b", "IVB", "2024-04-25"), ecog=1, ps_on="2026-10-29",
    lines=[
        line(1, "FOLFOX + panitumumab", ["fluorouracil", "leucovorin", "oxaliplatin", "panitumumab"], "2024-05-06",
             "2025-03-10", "PR", "Progression (liver)", "metastatic first line"),
        line(2, "FOLFIRI + bevacizumab", ["fluorouracil", "leucovorin", "irinotecan", "bevacizumab"], "2025-04-01",
             "2026-08-25", "SD", "Progression (liver, new lung nodules)", "metastatic second line"),
    ],
    comorbidities=["Hypertension", "Obesity (BMI 33)"],
    referring="Lorenzo Ferraro", consent=consent("2024-04-25"))

# C-0009 — FGFR2::BICC1 intrahepatic cholangiocarcinoma.
add_case(
    9, ({"given": "Siobhán", "family": "O'Connell"}, "female", "1960-05-12", "MRN-105033"),
    dx("IHCH", "Intrahepatic cholangiocarcinoma", "Adenocarcinoma, small-duct type, CK7+/CK20−", "Liver, segments V/VIII",
       "n/a", "2025-08-04"),
    "FGFR2::BICC1 fusion intrahepatic cholangiocarcinoma progressing after gemcitabine-cisplatin-durvalumab. "
    "Pemigatinib vs. futibatinib second line; sequence with the next-generation FGFR2-selective inhibitor trial?",
    "discussed",
    [report(LAB, "TSO500", "2025-09-01", "S-25-14402", "FFPE core biopsy", "Liver mass, segment VIII", "2025-08-04",
            0.65)],
    [
        fusion("FGFR2", "BICC1", "FGFR2 intron 17 :: BICC1 intron 2 (in frame, kinase domain retained)", gene="FGFR2", tag="fgfr2",
               evidence=[
                   ev("OncoKB", "OncoKB", "1", "Pemigatinib", "Cholangiocarcinoma", "CHOL", reference="FIGHT-202"),
                   ev("OncoKB", "OncoKB", "1", "Futibatinib", "Cholangiocarcinoma", "CHOL", reference="FOENIX-CCA2")]),
        mut("BAP1", "c.757C>T", "p.Q253*", "9", 0.52, 744, "likely-oncogenic", "stop_gained"),
        mut("ARID1A", "c.1756C>T", "p.Q586*", "3", 0.31, 712, "oncogenic", "stop_gained", tag="arid1a"),
        cnv("CDKN2A", "Homozygous deletion", 0),
        vus("PBRM1", "c.3085G>A", "p.E1029K", "21", 0.29, 690),
        vus("ATR", "c.5966C>T", "p.T1989M", "35", 0.48, 705),
        tmb(2.5), msi("MSS", 0.5),
    ],
    stage=stage("T2", "N1", "M1", "IV", "2025-08-12"), ecog=1, ps_on="2026-11-05",
    lines=[line(1, "Gemcitabine-cisplatin-durvalumab × 8, then durvalumab", ["gemcitabine", "cisplatin", "durvalumab"],
                "2025-08-25", "2026-09-30", "SD", "Progression (liver, peritoneum)", "metastatic first line")],
    comorbidities=["Chronic hepatitis B (entecavir)", "Atrial fibrillation (apixaban)"],
    referring="Lorenzo Ferraro", consent=consent("2025-08-12"))

# C-0010 — IDH1 R132C cholangiocarcinoma, recurrent.
add_case(
    10, ({"given": "Mehmet", "family": "Yılmaz"}, "male", "1957-10-03", "MRN-105071"),
    dx("IHCH", "Intrahepatic cholangiocarcinoma", "Adenocarcinoma, large-duct type", "Liver, left lobe", "n/a",
       "2025-03-20"),
    "Recurrent IDH1 R132C cholangiocarcinoma (lung metastases) after adjuvant capecitabine and first-line "
    "gemcitabine-cisplatin-durvalumab. Ivosidenib (ClarIDHy) as second line, or the IDH1 combination trial?",
    "on-agenda",
    [report(FMI, "FoundationOne CDx", "2025-04-10", "S-25-05133", "FFPE resection", "Liver, left hemihepatectomy",
            "2025-03-27", 0.60)],
    [
        mut("IDH1", "c.394C>T", "p.R132C", "4", 0.34, 688, "oncogenic", tag="idh1", evidence=[
            ev("OncoKB", "OncoKB", "1", "Ivosidenib", "Cholangiocarcinoma", "CHOL", reference="ClarIDHy"),
            ev("CIViC", "CIViC", "A", "Ivosidenib", "Cholangiocarcinoma", "CHOL")]),
        mut("PBRM1", "c.3430C>T", "p.R1144*", "23", 0.30, 655, "likely-oncogenic", "stop_gained"),
        cnv("CDKN2A", "Homozygous deletion", 0),
        vus("EPHA5", "c.2015C>T", "p.T672M", "11", 0.46, 701),
        vus("JAK1", "c.1898T>C", "p.V633A", "14", 0.27, 640),
        tmb(3.0), msi("MSS", 0.6),
    ],
    stage=stage("T2", "N0", "M0", "II", "2025-04-02", basis="pathological"), ecog=1, ps_on="2026-11-16",
    lines=[
        line(1, "Left hemihepatectomy (R0)", [], "2025-03-27", "2025-03-27", None, None, "surgery"),
        line(2, "Adjuvant capecitabine × 8", ["capecitabine"], "2025-04-28", "2025-10-13", None, "Completed", "adjuvant"),
        line(3, "Gemcitabine-cisplatin-durvalumab", ["gemcitabine", "cisplatin", "durvalumab"], "2026-02-02",
             "2026-10-28", "PR", "Progression (lung)", "metastatic first line"),
    ],
    comorbidities=["Metabolic dysfunction-associated steatotic liver disease", "Type 2 diabetes mellitus"],
    referring="Lorenzo Ferraro", consent=consent("2025-03-24"))

# C-0011 — GIST, KIT exon 11 deletion plus secondary exon 17.
add_case(
    11, ({"given": "Kwabena", "family": "Asante"}, "male", "1968-06-21", "MRN-105124"),
    dx("GIST", "Gastrointestinal stromal tumour of the stomach", "Spindle-cell GIST, DOG1+/CD117+, 12 mitoses/5 mm²",
       "Stomach, body", "n/a", "2021-05-10"),
    "Metastatic gastric GIST (liver, peritoneum) with KIT exon 11 deletion; secondary KIT exon 17 D820Y on "
    "re-biopsy after imatinib 800 mg. Sunitinib (standard second line) vs. ripretinib vs. trial?",
    "discussed",
    [report(LAB, "TSO500", "2026-09-30", "S-26-16921", "FFPE core biopsy", "Liver metastasis, segment VII",
            "2026-09-14", 0.70)],
    [
        mut("KIT", "c.1669_1674del", "p.W557_K558del", "11", 0.62, 950, "oncogenic", "inframe_deletion", kind="indel",
            tag="kit11", evidence=[
                ev("OncoKB", "OncoKB", "1", "Imatinib", "Gastrointestinal Stromal Tumor", "GIST"),
                ev("OncoKB", "OncoKB", "1", "Sunitinib", "Gastrointestinal Stromal Tumor", "GIST"),
                ev("OncoKB", "OncoKB", "1", "Ripretinib", "Gastrointestinal Stromal Tumor", "GIST", reference="INVICTUS")]),
        mut("KIT", "c.2458G>T", "p.D820Y", "17", 0.18, 910, "oncogenic", tag="kit17", evidence=[
            ev("OncoKB", "OncoKB", "R2", "Imatinib", "Gastrointestinal Stromal Tumor", "GIST", significance="Resistance"),
            ev("CIViC", "CIViC", "B", "Sunitinib", "Gastrointestinal Stromal Tumor", "GIST", significance="Resistance"),
            ev("CIViC", "CIViC", "B", "Ripretinib", "Gastrointestinal Stromal Tumor", "GIST", reference="INTRIGUE")]),
        cnv("CDKN2A", "Heterozygous deletion", 1, cls="likely-oncogenic"),
        vus("NF1", "c.4600C>T", "p.R1534C", "35", 0.44, 870),
        tmb(1.9), msi("MSS", 0.2),
    ],
    stage=stage("T4", "N0", "M1", "IV", "2025-02-18"), ecog=1, ps_on="2026-10-20",
    lines=[
        line(1, "Laparoscopic wedge gastrectomy (R0)", [], "2021-05-20", "2021-05-20", None, None, "surgery"),
        line(2, "Adjuvant imatinib 400 mg, 3 years", ["imatinib"], "2021-06-14", "2024-06-10", None, "Completed", "adjuvant"),
        line(3, "Imatinib 400 mg", ["imatinib"], "2025-03-03", "2026-05-18", "PR", "Progression (liver)",
             "metastatic first line"),
        line(4, "Imatinib 800 mg (dose escalation)", ["imatinib"], "2026-05-25", "2026-09-07", "PD", "Progression",
             "metastatic first line, escalated"),
    ],
    comorbidities=["Sickle cell trait", "Gout"],
    referring="Ruth Adeyemi", consent=consent("2021-05-18"))

# C-0012 — Retroperitoneal leiomyosarcoma with BRCA2 homozygous deletion, ECOG 2.
add_case(
    12, ({"given": "Małgorzata", "family": "Wiśniewska"}, "female", "1964-09-14", "MRN-105160"),
    dx("LMS", "Leiomyosarcoma of the retroperitoneum", "Leiomyosarcoma, FNCLCC grade 3, desmin+/SMA+/h-caldesmon+",
       "Retroperitoneum (inferior vena cava origin)", "n/a", "2024-11-08"),
    "Retroperitoneal leiomyosarcoma with lung metastases after doxorubicin-dacarbazine and gemcitabine-docetaxel. "
    "Somatic BRCA2 homozygous deletion and HRD-high: olaparib plus temozolomide (off-label or trial) vs. trabectedin "
    "vs. pazopanib? ECOG 2 since September.",
    "discussed",
    [report(LAB, "TSO500", "2025-10-01", "S-25-16744", "FFPE wedge resection (VATS)", "Lung metastasis, left lower lobe",
            "2025-09-16", 0.75)],
    [
        mut("TP53", "c.375+1G>A", None, "4", 0.71, 880, "oncogenic", "splice_donor_variant", tag="tp53"),
        cnv("RB1", "Homozygous deletion", 0, tag="rb1"),
        cnv("BRCA2", "Homozygous deletion", 0, tag="brca2", evidence=[
            ev("OncoKB", "OncoKB", "3B", "Olaparib", "Leiomyosarcoma", "LMS"),
            ev("CIViC", "CIViC", "C", "Olaparib + Temozolomide", "Leiomyosarcoma", "LMS")]),
        hrd(52, "positive"),
        cnv("MYOCD", "Amplification", 8, cls="likely-oncogenic"),
        mut("ATRX", "c.4276C>T", "p.R1426*", "12", 0.66, 812, "likely-oncogenic", "stop_gained"),
        vus("KMT2C", "c.8390A>G", "p.K2797R", "38", 0.35, 790),
        tmb(2.2), msi("MSS", 0.4),
    ],
    stage=stage("T4", "N0", "M1", "IV", "2025-09-22"), ecog=2, ps_on="2026-10-15",
    lines=[
        line(1, "En-bloc resection with IVC reconstruction", [], "2024-12-03", "2024-12-03", None, None, "surgery"),
        line(2, "Doxorubicin + dacarbazine × 6", ["doxorubicin", "dacarbazine"], "2025-10-06", "2026-02-16", "PR",
             "Completed; cumulative anthracycline dose", "metastatic first line"),
        line(3, "Gemcitabine + docetaxel", ["gemcitabine", "docetaxel"], "2026-05-11", "2026-09-21", "PD",
             "Progression (lung)", "metastatic second line"),
    ],
    comorbidities=["Deep vein thrombosis 2025 (rivaroxaban)", "Depression"],
    referring="Ruth Adeyemi", consent=consent("2024-11-20"))

# C-0013 — Dedifferentiated liposarcoma, MDM2/CDK4 amplified, TP53 wild-type.
add_case(
    13, ({"given": "Αλέξανδρος", "family": "Παπαδόπουλος", "text": "Αλέξανδρος Παπαδόπουλος"}, "male", "1952-04-27",
         "MRN-105207"),
    dx("DDLS", "Dedifferentiated liposarcoma of the retroperitoneum", "Dedifferentiated liposarcoma, MDM2 FISH amplified",
       "Retroperitoneum, right", "right", "2025-01-16"),
    "Recurrent retroperitoneal dedifferentiated liposarcoma (MDM2/CDK4 co-amplified, TP53 wild-type) after "
    "doxorubicin and trabectedin. MDM2–p53 antagonist trial vs. palbociclib off-label vs. eribulin?",
    "discussed",
    [report(LAB, "TSO500", "2026-08-20", "S-26-14090", "FFPE core biopsy", "Retroperitoneal recurrence", "2026-08-04",
            0.80)],
    [
        cnv("MDM2", "Amplification", 38, tag="mdm2", evidence=[
            ev("report", "ESCAT", "II-B", "MDM2 inhibitor (brigimadlin class)", "Dedifferentiated Liposarcoma", "DDLS"),
            ev("OncoKB", "OncoKB", "Dx1", None, "Dedifferentiated Liposarcoma", "DDLS", significance="Positive",
               type_="Diagnostic")]),
        cnv("CDK4", "Amplification", 22, tag="cdk4", evidence=[
            ev("OncoKB", "OncoKB", "2", "Palbociclib", "Dedifferentiated Liposarcoma", "DDLS"),
            ev("OncoKB", "OncoKB", "2", "Abemaciclib", "Dedifferentiated Liposarcoma", "DDLS")]),
        cnv("HMGA2", "Amplification", 12, cls="likely-oncogenic"),
        cnv("FRS2", "Amplification", 15, cls="likely-oncogenic"),
        vus("TSC2", "c.2713C>T", "p.R905W", "23", 0.49, 770),
        vus("JAK1", "c.2108G>A", "p.G703E", "16", 0.12, 742),
        tmb(1.0), msi("MSS", 0.3),
    ],
    stage=stage("T4", "N0", "M0", "IIIB", "2025-02-26", basis="pathological"), ecog=1, ps_on="2026-11-02",
    lines=[
        line(1, "En-bloc resection with right nephrectomy (R1)", [], "2025-02-20", "2025-02-20", None, None, "surgery"),
        line(2, "Doxorubicin × 6", ["doxorubicin"], "2026-01-12", "2026-05-25", "SD", "Completed", "recurrent first line"),
        line(3, "Trabectedin", ["trabectedin"], "2026-06-15", "2026-10-26", "PD", "Progression", "recurrent second line"),
    ],
    comorbidities=["Chronic kidney disease stage 3a (single kidney)", "Benign prostatic hyperplasia"],
    referring="Ruth Adeyemi", consent=consent("2025-02-10"))

# C-0014 — Synovial sarcoma, SS18::SSX1, young patient; MAGE-A4 pending.
add_case(
    14, ({"given": "Thiago", "family": "Conceição"}, "male", "1998-03-08", "MRN-105248"),
    dx("SYNS", "Synovial sarcoma of the left thigh", "Monophasic synovial sarcoma, TLE1+, SS18 break-apart FISH positive",
       "Left thigh, posterior compartment", "left", "2024-07-22"),
    "Metastatic synovial sarcoma (SS18::SSX1, lung metastases) in a 28-year-old after doxorubicin-ifosfamide and "
    "pazopanib. HLA-A*02:01 positive; MAGE-A4 IHC pending. Eligible for MAGE-A4-directed TCR T-cell therapy "
    "(afamitresgene autoleucel) or the TCR trial at the reference centre?",
    "on-agenda",
    [report(LAB, "TSO500", "2024-08-05", "S-24-11820", "FFPE core biopsy", "Left thigh mass", "2024-07-22", 0.85)],
    [
        fusion("SS18", "SSX1", "SS18 exon 10 :: SSX1 exon 2", gene="SS18", tag="ss18", evidence=[
            ev("OncoKB", "OncoKB", "Dx1", None, "Synovial Sarcoma", "SYNS", significance="Positive", type_="Diagnostic")]),
        other("HLA-A*02:01 (genotyping)", None, None, "positive", tag="hla"),
        other("MAGE-A4 (IHC)", None, None, "pending", tag="magea4"),
        vus("SETD2", "c.5885C>T", "p.P1962L", "12", 0.44, 920),
        vus("BCOR", "c.2630C>T", "p.A877V", "7", 0.91, 860),
        tmb(0.5), msi("MSS", 0.1),
    ],
    stage=stage("T2", "N0", "M1", "IV", "2026-03-18"), ecog=0, ps_on="2026-11-09",
    lines=[
        line(1, "Neoadjuvant doxorubicin + ifosfamide × 4", ["doxorubicin", "ifosfamide", "mesna"], "2024-08-12",
             "2024-11-04", "PR", "Completed", "neoadjuvant"),
        line(2, "Wide excision + adjuvant radiotherapy 50 Gy/25 fx", [], "2024-12-02", "2025-02-14", None, None, "local"),
        line(3, "Pazopanib 800 mg daily", ["pazopanib"], "2026-04-06", "2026-10-19", "SD", "Progression (lung)",
             "metastatic first line"),
    ],
    comorbidities=[],
    referring="Ruth Adeyemi", consent=consent("2024-07-30"))

# C-0015 — Pancreatic NET G2 with liver metastases after lanreotide.
add_case(
    15, ({"given": "Björn", "family": "Håkansson"}, "male", "1959-11-30", "MRN-105290"),
    dx("PANET", "Well-differentiated pancreatic neuroendocrine tumour, G2", "NET G2, Ki-67 12%, synaptophysin+/chromogranin A+",
       "Pancreas, tail", "n/a", "2025-05-06"),
    "Non-functioning pancreatic NET G2 (Ki-67 12%) with liver metastases, ⁶⁸Ga-DOTATATE PET Krenning 4, RECIST "
    "progression on lanreotide after 16 months. ¹⁷⁷Lu-DOTATATE vs. everolimus vs. capecitabine-temozolomide? "
    "MEN1/DAXX mutated.",
    "on-agenda",
    [report(LAB, "Oncomine Comprehensive Assay v3", "2025-05-30", "S-25-08214", "FFPE core biopsy",
            "Liver metastasis, segment II", "2025-05-12", 0.75)],
    [
        mut("MEN1", "c.1546dup", "p.R516Pfs*15", "10", 0.71, 760, "oncogenic", "frameshift_variant", kind="indel",
            tag="men1"),
        mut("DAXX", "c.1471C>T", "p.Q491*", "5", 0.68, 702, "likely-oncogenic", "stop_gained", tag="daxx"),
        mut("TSC2", "c.5228G>A", "p.R1743Q", "41", 0.33, 690, "likely-oncogenic", tag="tsc2", evidence=[
            ev("OncoKB", "OncoKB", "4", "Everolimus", "Pancreatic Neuroendocrine Tumor", "PANET")]),
        other("SSTR2 (IHC)", None, None, "positive (3+)", tag="sstr2", evidence=[
            ev("report", "ESCAT", "I-A", "Lutetium Lu-177 dotatate", "Pancreatic Neuroendocrine Tumor", "PANET",
               reference="NETTER-2")]),
        other("Ki-67 index", 12, "%", "G2", tag="ki67"),
        vus("ATRX", "c.6112G>A", "p.V2038M", "27", 0.31, 655),
        tmb(0.8), msi("MSS", 0.2),
    ],
    stage=stage("T3", "N1", "M1a", "IV", "2025-05-20"), ecog=0, ps_on="2026-11-11",
    lines=[line(1, "Lanreotide 120 mg every 28 days", ["lanreotide"], "2025-06-02", "2026-10-05", "SD",
                "Progression (liver, RECIST)", "metastatic first line")],
    comorbidities=["Diabetes mellitus type 3c", "Cholecystectomy 2011"],
    referring="Lorenzo Ferraro", consent=consent("2025-05-20"))

# C-0016 — Thymic carcinoma with KIT L576P; deferred pending pathology review.
add_case(
    16, ({"given": "Farida", "family": "Haddad"}, "female", "1970-01-19", "MRN-105333"),
    dx("THYC", "Thymic carcinoma", "Squamous cell carcinoma, CD5+/CD117+ (limited material)", "Anterior mediastinum",
       "midline", "2025-10-14"),
    "Thymic carcinoma (squamous type) progressing 6 months after carboplatin-paclitaxel (pleura, lung). KIT L576P "
    "(exon 11): imatinib off-label, lenvatinib (REMORA), or the lenvatinib-pembrolizumab trial? No thymoma "
    "component, no autoimmune history.",
    "deferred",
    [report(FMI, "FoundationOne CDx", "2025-10-30", "S-25-17788", "FFPE core biopsy", "Anterior mediastinal mass",
            "2025-10-14", 0.40)],
    [
        mut("KIT", "c.1727T>C", "p.L576P", "11", 0.29, 745, "likely-oncogenic", tag="kit", evidence=[
            ev("OncoKB", "OncoKB", "3B", "Imatinib", "Thymic Carcinoma", "THYC"),
            ev("CIViC", "CIViC", "C", "Imatinib", "Thymic Carcinoma", "THYC"),
            ev("report", "AMP/ASCO/CAP", "II-C", "Imatinib", "Thymic Carcinoma", "THYC")]),
        cnv("CDKN2A", "Homozygous deletion", 0),
        mut("TP53", "c.733G>A", "p.G245S", "7", 0.30, 760, "oncogenic"),
        vus("ASXL1", "c.1720C>T", "p.P574S", "12", 0.47, 702),
        vus("BAP1", "c.1777C>T", "p.P593S", "13", 0.25, 690),
        tmb(3.8), msi("MSS", 0.7),
        pdl1("TPS (SP263)", 40, "low (1–49%)"),
    ],
    stage=stage("T3", "N1", "M1b", "IVB", "2025-10-22"), ecog=1, ps_on="2026-11-06",
    lines=[line(1, "Carboplatin + paclitaxel × 6", ["carboplatin", "paclitaxel"], "2025-11-03", "2026-03-16", "PR",
                "Completed; progression 2026-09", "metastatic first line")],
    comorbidities=["Hypertension", "Osteoporosis"],
    referring="Hannah Whitfield", consent=consent("2025-10-22"))

# C-0017 — Triple-negative breast cancer, germline BRCA1, early progression on sacituzumab.
add_case(
    17, ({"given": "Miriam", "family": "Löwenthal"}, "female", "1984-06-03", "MRN-105374"),
    dx("IDC", "Invasive ductal carcinoma of the left breast, triple-negative", "Invasive carcinoma NST, G3, ER 0%, PR 0%, HER2 1+",
       "Left breast, upper outer quadrant", "left", "2024-02-19"),
    "Germline BRCA1 c.68_69del triple-negative breast cancer, liver and bone relapse after KEYNOTE-522 and adjuvant "
    "capecitabine; early progression on sacituzumab govitecan. Olaparib or talazoparib vs. platinum rechallenge vs. "
    "PARP/ATR trial; HER2-low — T-DXd later? Genetic counselling and cascade testing for sister and daughter.",
    "discussed",
    [report(LAB, "TSO500", "2026-07-02", "S-26-11930", "FFPE core biopsy", "Liver metastasis, segment V",
            "2026-06-18", 0.60)],
    [
        mut("BRCA1", "c.68_69del", "p.E23Vfs*17", "2", 0.88, 580, "pathogenic", "frameshift_variant", kind="indel",
            origin="germline", tag="brca1", evidence=[
                ev("OncoKB", "OncoKB", "1", "Olaparib", "Invasive Breast Carcinoma", "BRCA", reference="OlympiAD"),
                ev("OncoKB", "OncoKB", "1", "Talazoparib", "Invasive Breast Carcinoma", "BRCA", reference="EMBRACA")]),
        mut("TP53", "c.637C>T", "p.R213*", "6", 0.81, 602, "oncogenic", "stop_gained"),
        hrd(68, "positive"),
        pdl1("CPS (22C3)", 12, "positive (CPS ≥10)"),
        other("HER2 (IHC)", 1, "score", "HER2-low (1+)", tag="her2", evidence=[
            ev("OncoKB", "OncoKB", "1", "Trastuzumab deruxtecan", "Invasive Breast Carcinoma", "BRCA",
               reference="DESTINY-Breast04")]),
        other("ER (IHC)", 0, "%", "negative"),
        vus("PALB2", "c.2816T>G", "p.L939W", "7", 0.51, 566, origin="germline"),
        vus("RAD51C", "c.428A>G", "p.Q143R", "2", 0.22, 540),
        tmb(4.5), msi("MSS", 0.6),
    ],
    stage=stage("T2", "N1", "M1", "IV", "2026-07-01"), ecog=1, ps_on="2026-11-03",
    lines=[
        line(1, "KEYNOTE-522: pembrolizumab + carboplatin-paclitaxel, then AC", ["pembrolizumab", "carboplatin",
             "paclitaxel", "doxorubicin", "cyclophosphamide"], "2024-03-11", "2024-08-26", "PR",
             "Completed; residual disease RCB-II at surgery", "neoadjuvant"),
        line(2, "Adjuvant pembrolizumab + capecitabine", ["pembrolizumab", "capecitabine"], "2024-10-07", "2025-06-02",
             None, "Completed", "adjuvant"),
        line(3, "Sacituzumab govitecan", ["sacituzumab govitecan"], "2026-07-13", "2026-10-26", "PD",
             "Early progression (liver)", "metastatic first line"),
    ],
    comorbidities=["Chemotherapy-induced peripheral neuropathy grade 1", "Anxiety disorder"],
    referring="Inés Calderón", consent=consent("2024-02-26"))

# C-0018 — HR+/HER2- breast cancer, PIK3CA H1047R + ESR1 Y537S after CDK4/6.
add_case(
    18, ({"given": "Françoise", "family": "Dubois-Lemaître"}, "female", "1956-10-27", "MRN-105415"),
    dx("IDC", "Invasive ductal carcinoma of the right breast, HR-positive/HER2-negative",
       "Invasive carcinoma NST, G2, ER 95%, PR 40%, HER2 0", "Right breast", "right", "2014-03-11"),
    "HR+/HER2-negative metastatic breast cancer (bone, liver) progressing after 41 months of letrozole-palbociclib. "
    "ESR1 Y537S and PIK3CA H1047R. Elacestrant (EMERALD) vs. capivasertib-fulvestrant (CAPItello-291) vs. "
    "inavolisib combination, or an oral SERD trial?",
    "ready",
    [report(LAB, "TSO500", "2026-09-28", "S-26-16405", "FFPE core biopsy", "Liver metastasis, segment VI",
            "2026-09-11", 0.55)],
    [
        mut("PIK3CA", "c.3140A>G", "p.H1047R", "21", 0.27, 740, "oncogenic", tag="pik3ca", evidence=[
            ev("OncoKB", "OncoKB", "1", "Capivasertib + Fulvestrant", "Invasive Breast Carcinoma", "BRCA",
               reference="CAPItello-291"),
            ev("OncoKB", "OncoKB", "1", "Alpelisib + Fulvestrant", "Invasive Breast Carcinoma", "BRCA", reference="SOLAR-1"),
            ev("OncoKB", "OncoKB", "1", "Inavolisib + Palbociclib + Fulvestrant", "Invasive Breast Carcinoma", "BRCA",
               reference="INAVO120")]),
        mut("ESR1", "c.1610A>C", "p.Y537S", "8", 0.12, 702, "oncogenic", tag="esr1", evidence=[
            ev("OncoKB", "OncoKB", "1", "Elacestrant", "Invasive Breast Carcinoma", "BRCA", reference="EMERALD")]),
        mut("GATA3", "c.1006del", "p.D336Tfs*17", "5", 0.31, 688, "likely-oncogenic", "frameshift_variant", kind="indel"),
        cnv("FGFR1", "Amplification", 7, cls="likely-oncogenic"),
        other("ER (IHC)", 95, "%", "positive"),
        other("HER2 (IHC)", 0, "score", "negative (0)"),
        vus("MAP3K1", "c.2453C>T", "p.S818L", "14", 0.26, 655),
        tmb(3.1), msi("MSS", 0.5),
    ],
    stage=stage("T1c", "N1", "M1", "IV", "2023-02-24"), ecog=1, ps_on="2026-11-20",
    lines=[
        line(1, "Adjuvant letrozole, 5 years", ["letrozole"], "2014-05-05", "2019-05-02", None, "Completed", "adjuvant"),
        line(2, "Letrozole + palbociclib", ["letrozole", "palbociclib"], "2023-03-06", "2026-08-31", "PR",
             "Progression (liver)", "metastatic first line"),
    ],
    comorbidities=["Osteoporosis (denosumab)", "Hypercholesterolaemia"],
    referring="Inés Calderón", consent=consent("2023-02-24"))

# C-0019 — Pancreatic adenocarcinoma, germline BRCA2 founder variant, responding to FOLFIRINOX.
add_case(
    19, ({"given": "Avraham", "family": "Katz"}, "male", "1961-12-14", "MRN-105456"),
    dx("PAAD", "Adenocarcinoma of the pancreatic head", "Ductal adenocarcinoma, moderately differentiated",
       "Pancreas, head", "n/a", "2026-03-09"),
    "Metastatic pancreatic adenocarcinoma (liver) with germline BRCA2 c.5946del (founder variant), partial response "
    "after 6 months of FOLFIRINOX. Olaparib maintenance (POLO) vs. FOLFIRI maintenance vs. trial; genetic "
    "counselling for his children?",
    "discussed",
    [report(LAB, "TSO500", "2026-03-25", "S-26-04120", "FFPE core biopsy", "Liver metastasis, segment III",
            "2026-03-12", 0.35)],
    [
        mut("BRCA2", "c.5946del", "p.S1982Rfs*22", "11", 0.58, 640, "pathogenic", "frameshift_variant", kind="indel",
            origin="germline", tag="brca2", evidence=[
                ev("OncoKB", "OncoKB", "1", "Olaparib", "Pancreatic Adenocarcinoma", "PAAD", reference="POLO"),
                ev("CIViC", "CIViC", "B", "Cisplatin", "Pancreatic Adenocarcinoma", "PAAD")]),
        mut("KRAS", "c.35G>A", "p.G12D", "2", 0.14, 710, "oncogenic", tag="kras"),
        cnv("CDKN2A", "Homozygous deletion", 0),
        mut("TP53", "c.524G>A", "p.R175H", "5", 0.15, 688, "oncogenic"),
        hrd(61, "positive"),
        vus("ATM", "c.2572T>C", "p.F858L", "17", 0.49, 655, origin="germline"),
        tmb(1.8), msi("MSS", 0.4),
    ],
    stage=stage("T2", "N1", "M1", "IV", "2026-03-18"), ecog=1, ps_on="2026-11-02",
    lines=[line(1, "FOLFIRINOX × 12", ["fluorouracil", "leucovorin", "irinotecan", "oxaliplatin"], "2026-03-30",
                "2026-09-14", "PR", "Completed 6 months; cumulative neuropathy", "metastatic first line")],
    comorbidities=["Type 2 diabetes mellitus (new onset 2025)", "Exocrine pancreatic insufficiency"],
    referring="Lorenzo Ferraro", consent=consent("2026-03-18"))

# C-0020 — NRAS Q61R melanoma after two lines of immunotherapy; ECOG not documented.
add_case(
    20, ({"given": "Niamh", "family": "Ó Súilleabháin"}, "female", "1973-07-17", "MRN-105498"),
    dx("SKCM", "Cutaneous melanoma of the back", "Superficial spreading melanoma, Breslow 3.4 mm, ulcerated",
       "Skin of upper back", "midline", "2023-05-02"),
    "NRAS Q61R melanoma (lung, liver) progressing after adjuvant nivolumab and ipilimumab-nivolumab. No approved "
    "targeted option: binimetinib, TIL therapy, or the pan-RAF/MEK trial? ECOG not documented since last visit.",
    "on-agenda",
    [report(LAB, "Oncomine Comprehensive Assay v3", "2025-08-25", "S-25-13377", "FFPE core biopsy",
            "Lung metastasis, right lower lobe", "2025-08-12", 0.70)],
    [
        mut("NRAS", "c.182A>G", "p.Q61R", "3", 0.41, 790, "oncogenic", tag="nras", evidence=[
            ev("CIViC", "CIViC", "B", "Binimetinib", "Melanoma", "MEL", reference="NEMO")]),
        mut("TERT", "c.-124C>T", None, None, 0.38, 410, "likely-oncogenic", "upstream_gene_variant"),
        mut("CDKN2A", "c.238C>T", "p.R80*", "2", 0.62, 705, "oncogenic", "stop_gained"),
        tmb(28.4, evidence=[ev("OncoKB", "OncoKB", "1", "Pembrolizumab", "Solid tumours (TMB ≥ 10)", None)]),
        msi("MSS", 0.9),
        vus("GRIN2A", "c.1646C>T", "p.S549F", "9", 0.35, 680),
        vus("PTPRT", "c.2119C>T", "p.P707S", "14", 0.33, 644),
        vus("ARID2", "c.3212C>T", "p.S1071F", "15", 0.29, 690),
    ],
    stage=stage("T3b", "N2a", "M1c", "IV", "2025-08-20"), ecog=None,
    lines=[
        line(1, "Adjuvant nivolumab, 12 months", ["nivolumab"], "2023-07-03", "2024-07-01", None, "Completed", "adjuvant"),
        line(2, "Ipilimumab + nivolumab × 3, then nivolumab", ["ipilimumab", "nivolumab"], "2025-09-01", "2026-09-28",
             "SD", "Progression (liver); grade 3 colitis after dose 3", "metastatic first line"),
    ],
    comorbidities=["Immune-related colitis grade 3 (resolved with infliximab)", "Hashimoto thyroiditis (levothyroxine)"],
    referring="Yusuf Demir", consent=consent("2023-05-15"))

# C-0021 — Glioblastoma IDH-wildtype, EGFR amplified; no TNM stage applies.
add_case(
    21, ({"given": "Jürgen", "family": "Meißner"}, "male", "1966-05-29", "MRN-105533"),
    dx("GB", "Glioblastoma, IDH-wildtype, CNS WHO grade 4", "Glioblastoma, IDH-wildtype, MGMT promoter unmethylated",
       "Left temporal lobe", "left", "2025-12-02"),
    "First recurrence of IDH-wildtype glioblastoma, MGMT unmethylated, EGFR-amplified with EGFRvIII. Re-resection "
    "feasible? Lomustine ± bevacizumab vs. EGFR-directed ADC trial?",
    "ready",
    [report(LAB, "TSO500", "2025-12-22", "S-25-20811", "FFPE resection", "Left temporal lobe", "2025-12-10", 0.80)],
    [
        cnv("EGFR", "Amplification", 45, tag="egfr"),
        fusion("EGFR", "EGFR", "EGFR exons 2–7 deleted (EGFRvIII)", kind="sv", tag="egfrviii"),
        cnv("CDKN2A", "Homozygous deletion", 0),
        mut("PTEN", "c.389G>A", "p.R130Q", "5", 0.74, 812, "oncogenic"),
        mut("TERT", "c.-124C>T", None, None, 0.41, 380, "oncogenic", "upstream_gene_variant"),
        other("MGMT promoter methylation", None, None, "unmethylated", tag="mgmt", evidence=[
            ev("CIViC", "CIViC", "B", "Temozolomide", "Glioblastoma", "GB", significance="Resistance")]),
        vus("NF1", "c.2033C>T", "p.P678L", "18", 0.46, 760),
        tmb(2.0), msi("MSS", 0.2),
    ],
    stage=None, ecog=1, karnofsky=80, ps_on="2026-11-17",
    lines=[
        line(1, "Gross total resection", [], "2025-12-10", "2025-12-10", None, None, "surgery"),
        line(2, "Radiotherapy 60 Gy/30 fx + concomitant temozolomide", ["temozolomide"], "2026-01-05", "2026-02-16",
             None, "Completed", "adjuvant chemoradiation"),
        line(3, "Adjuvant temozolomide × 6", ["temozolomide"], "2026-03-16", "2026-08-24", "SD",
             "Progression (new enhancement at the cavity rim)", "adjuvant"),
    ],
    comorbidities=["Focal epilepsy (levetiracetam)", "Hypertension"],
    referring="Inés Calderón", consent=consent("2025-12-15"))

# C-0022 — Secretory carcinoma of the parotid, ETV6::NTRK3, lung metastases.
add_case(
    22, ({"given": "Aroha", "family": "Ngātai"}, "female", "1979-09-25", "MRN-105571"),
    dx("HNMASC", "Secretory carcinoma of the left parotid gland", "Secretory carcinoma (MASC), S100+/mammaglobin+",
       "Left parotid gland", "left", "2022-01-10"),
    "Secretory carcinoma of the parotid (ETV6::NTRK3) with multiple lung metastases 4 years after parotidectomy "
    "and radiotherapy. First-line larotrectinib vs. entrectinib vs. repotrectinib; role of local therapy if "
    "oligoprogression?",
    "discussed",
    [report(LAB, "TSO500", "2026-08-10", "S-26-13550", "FFPE wedge resection (VATS)", "Lung metastasis, right lower lobe",
            "2026-07-28", 0.65)],
    [
        fusion("ETV6", "NTRK3", "ETV6 exon 5 :: NTRK3 exon 15", tag="ntrk3", evidence=[
            ev("OncoKB", "OncoKB", "1", "Larotrectinib", "Salivary Gland Cancer", "HNMASC", reference="LOXO-TRK pooled"),
            ev("OncoKB", "OncoKB", "1", "Entrectinib", "Salivary Gland Cancer", "HNMASC"),
            ev("OncoKB", "OncoKB", "1", "Repotrectinib", "Salivary Gland Cancer", "HNMASC")]),
        vus("KMT2A", "c.7358C>T", "p.T2453M", "27", 0.48, 702),
        vus("CREBBP", "c.4336G>A", "p.A1446T", "25", 0.21, 688),
        tmb(0.9), msi("MSS", 0.1),
        pdl1("CPS (22C3)", 3, "low (CPS 1–9)"),
    ],
    stage=stage("T3", "N0", "M1", "IVC", "2026-08-01"), ecog=0, ps_on="2026-11-10",
    lines=[line(1, "Total parotidectomy + adjuvant radiotherapy 66 Gy/33 fx", [], "2022-02-01", "2022-04-08", None,
                "Completed", "adjuvant")],
    comorbidities=["Asthma (inhaled budesonide)"],
    referring="Hélène Marchetti", consent=consent("2026-08-01"))

# C-0023 — HER2-positive gastric cancer after first-line trastuzumab-pembrolizumab.
add_case(
    23, ({"given": "재원", "family": "박", "text": "박재원"}, "male", "1964-02-11", "MRN-105610"),
    dx("STAD", "Adenocarcinoma of the gastric body", "Adenocarcinoma, intestinal type (Laurén), HER2 IHC 3+",
       "Stomach, body", "n/a", "2025-07-21"),
    "HER2-positive (IHC 3+, ERBB2 CN 18) gastric adenocarcinoma with liver metastases progressing after "
    "capecitabine-oxaliplatin-trastuzumab-pembrolizumab. Trastuzumab deruxtecan vs. ramucirumab-paclitaxel? HER2 "
    "retained on the progression biopsy (CN 14). CLDN18.2 positive (75%).",
    "discussed",
    [report(FMI, "FoundationOne CDx", "2025-08-01", "S-25-12004", "FFPE endoscopic biopsy", "Stomach, body",
            "2025-07-21", 0.45),
     report(LAB, "TSO500", "2026-10-20", "S-26-18766", "FFPE core biopsy", "Liver metastasis, segment VIII",
            "2026-10-08", 0.50)],
    [
        cnv("ERBB2", "Amplification", 18, tag="erbb2", evidence=[
            ev("OncoKB", "OncoKB", "1", "Trastuzumab + Chemotherapy", "Stomach Adenocarcinoma", "STAD", reference="ToGA"),
            ev("OncoKB", "OncoKB", "1", "Pembrolizumab + Trastuzumab + Chemotherapy", "Stomach Adenocarcinoma", "STAD",
               reference="KEYNOTE-811")]),
        cnv("CCNE1", "Amplification", 8, tag="ccne1", evidence=[
            ev("CIViC", "CIViC", "C", "Trastuzumab", "Stomach Adenocarcinoma", "STAD", significance="Resistance")]),
        mut("TP53", "c.818G>A", "p.R273H", "8", 0.40, 655, "oncogenic"),
        other("CLDN18.2 (IHC, ≥2+)", 75, "%", "positive", tag="cldn"),
        pdl1("CPS (22C3)", 8, "low (CPS 1–9)"),
        tmb(4.0), msi("MSS", 0.6),
        cnv("ERBB2", "Amplification", 14, tag="erbb2_r2", report=2, evidence=[
            ev("OncoKB", "OncoKB", "1", "Trastuzumab deruxtecan", "Stomach Adenocarcinoma", "STAD",
               reference="DESTINY-Gastric04")]),
        mut("TP53", "c.818G>A", "p.R273H", "8", 0.44, 702, "oncogenic", report=2),
        vus("FAT1", "c.1762G>A", "p.E588K", "2", 0.19, 640, report=2),
    ],
    stage=stage("T3", "N2", "M1", "IV", "2025-07-30"), ecog=1, ps_on="2026-11-04",
    lines=[line(1, "CAPOX + trastuzumab + pembrolizumab", ["capecitabine", "oxaliplatin", "trastuzumab", "pembrolizumab"],
                "2025-08-11", "2026-09-21", "PR", "Progression (liver)", "metastatic first line")],
    comorbidities=["Chronic hepatitis B carrier (tenofovir prophylaxis)", "Helicobacter pylori, eradicated 2019"],
    referring="Lorenzo Ferraro", consent=consent("2025-07-30"))

# C-0024 — HGSOC on neoadjuvant chemotherapy, HRD-negative, CCNE1 amplified; ECOG missing.
add_case(
    24, ({"given": "Dagný", "family": "Sigurðardóttir"}, "female", "1962-08-08", "MRN-105652"),
    dx("HGSOC", "High-grade serous ovarian carcinoma", "High-grade serous carcinoma, WT1+, p53 aberrant (overexpression)",
       "Ovary, bilateral", "bilateral", "2026-08-24"),
    "High-grade serous ovarian carcinoma FIGO IIIC on neoadjuvant carboplatin-paclitaxel; BRCA1/2 wild-type "
    "(germline BRCA2 VUS), HRD-negative (GIS 24), CCNE1 amplified. Maintenance after interval debulking: "
    "bevacizumab vs. niraparib (PRIMA)? CCNE1 trial options if platinum resistance develops?",
    "new",
    [report(LAB, "TSO500 + HRD module", "2026-09-08", "S-26-15211", "FFPE laparoscopic biopsy", "Omentum",
            "2026-08-24", 0.70)],
    [
        mut("TP53", "c.659A>G", "p.Y220C", "6", 0.78, 845, "oncogenic"),
        cnv("CCNE1", "Amplification", 14, tag="ccne1", evidence=[
            ev("report", "ESCAT", "II-B", "PKMYT1 inhibitor", "High-Grade Serous Ovarian Cancer", "HGSOC")]),
        hrd(24, "negative"),
        mut("NF1", "c.2041C>T", "p.R681*", "18", 0.41, 760, "oncogenic", "stop_gained"),
        vus("BRCA2", "c.8187G>T", "p.K2729N", "18", 0.50, 702, origin="germline"),
        tmb(2.6), msi("MSS", 0.3),
    ],
    stage=stage("T3c", "N1", "M0", "IIIC", "2026-09-01"), ecog=None,
    lines=[line(1, "Neoadjuvant carboplatin + paclitaxel (3 of 3 cycles before IDS)", ["carboplatin", "paclitaxel"],
                "2026-09-14", None, "PR", None, "neoadjuvant")],
    comorbidities=["Hypothyroidism", "Former smoker"],
    referring="Inés Calderón", consent=consent("2026-09-01"))

# C-0025 — Endometrial carcinoma, POLE-ultramutated; staging, ECOG and consent missing.
add_case(
    25, ({"given": "Adaeze", "family": "Okonkwo"}, "female", "1974-03-29", "MRN-105691"),
    dx("UCEC", "Endometrioid carcinoma of the endometrium", "Endometrioid carcinoma, FIGO grade 3 (curettage)",
       "Uterine corpus", "n/a", "2026-10-28"),
    "Grade 3 endometrioid endometrial carcinoma on curettage with POLE P286R (ultramutated, TMB 186). Does POLE "
    "status justify de-escalating adjuvant therapy after surgery? Staging MRI and CT pending.",
    "new",
    [report(LAB, "TSO500", "2026-11-16", "S-26-19870", "FFPE curettage", "Endometrium", "2026-10-28", 0.60)],
    [
        mut("POLE", "c.857C>G", "p.P286R", "9", 0.35, 870, "oncogenic", tag="pole", evidence=[
            ev("CIViC", "CIViC", "B", None, "Endometrial Carcinoma", "UCEC", significance="Better Outcome",
               type_="Prognostic", reference="PORTEC-3 molecular analysis")]),
        tmb(186.0, evidence=[ev("OncoKB", "OncoKB", "1", "Pembrolizumab", "Solid tumours (TMB ≥ 10)", None)]),
        msi("MSS", 1.4),
        mut("PTEN", "c.697C>T", "p.R233*", "7", 0.33, 802, "oncogenic", "stop_gained"),
        mut("PIK3CA", "c.263G>A", "p.R88Q", "2", 0.30, 790, "oncogenic"),
        mut("FBXW7", "c.1513C>T", "p.R505C", "10", 0.28, 760, "oncogenic"),
        vus("ATR", "c.3919C>A", "p.Q1307K", "21", 0.31, 711),
        vus("NOTCH1", "c.4417C>A", "p.P1473T", "25", 0.27, 690),
        vus("ZFHX3", "c.5561C>A", "p.S1854Y", "9", 0.33, 702),
        vus("POLD1", "c.2275G>T", "p.V759L", "19", 0.29, 688),
    ],
    stage=None, ecog=None, lines=[],
    comorbidities=["Obesity (BMI 38)", "Hypertension", "Polycystic ovary syndrome"],
    referring="Inés Calderón", consent=None)

# C-0026 — Squamous NSCLC, PD-L1 70%, FGFR1 amplified; consent not yet recorded.
add_case(
    26, ({"given": "Giuseppe", "family": "Russo"}, "male", "1950-07-04", "MRN-105733"),
    dx("LUSC", "Squamous cell carcinoma of the lung, left main bronchus", "Keratinising squamous cell carcinoma, p40+",
       "Left main bronchus", "left", "2026-10-20"),
    "Newly diagnosed squamous NSCLC stage IVA (solitary rib metastasis), PD-L1 TPS 70%, FGFR1 amplified. "
    "Pembrolizumab monotherapy vs. chemo-immunotherapy; consolidative radiotherapy to the oligometastasis? "
    "Any trial for FGFR1 amplification?",
    "new",
    [report(LAB, "Oncomine Comprehensive Assay v3", "2026-11-06", "S-26-18990", "FFPE bronchoscopic biopsy",
            "Left main bronchus", "2026-10-20", 0.50)],
    [
        cnv("FGFR1", "Amplification", 9, cls="likely-oncogenic", tag="fgfr1"),
        cnv("SOX2", "Amplification", 8, cls="likely-oncogenic"),
        mut("TP53", "c.473G>T", "p.R158L", "5", 0.52, 702, "oncogenic"),
        mut("PIK3CA", "c.1633G>A", "p.E545K", "10", 0.18, 688, "oncogenic"),
        mut("KMT2D", "c.11434C>T", "p.Q3812*", "39", 0.24, 640, "likely-oncogenic", "stop_gained"),
        pdl1("TPS (22C3)", 70, "high (≥50%)", evidence=[
            ev("report", "AMP/ASCO/CAP", "I-A", "Pembrolizumab", "Non-Small Cell Lung Cancer", "NSCLC",
               reference="KEYNOTE-024")]),
        tmb(9.8), msi("MSS", 0.8),
    ],
    stage=stage("T3", "N2", "M1b", "IVA", "2026-10-30"), ecog=1, ps_on="2026-11-06",
    lines=[],
    comorbidities=["COPD GOLD 3 (FEV1 42%)", "Active smoker, 60 pack-years", "Peripheral arterial disease"],
    referring="Hannah Whitfield", consent=None)

# C-0027 — MET exon 14 skipping in an 84-year-old; closed (treated at the referring centre).
add_case(
    27, ({"given": "Hélène", "family": "Beaumont-Giraud"}, "female", "1942-02-14", "MRN-105770"),
    dx("LUAD", "Lung adenocarcinoma, right lower lobe", "Adenocarcinoma (pleural fluid cytology), TTF-1+",
       "Right lower lobe of lung", "right", "2026-06-30"),
    "MET exon 14 skipping (c.3082+1G>T) in an 84-year-old with malignant pleural effusion: tepotinib vs. "
    "capmatinib first line given heart failure and peripheral oedema risk?",
    "closed",
    [report(LAB, "Oncomine Comprehensive Assay v3", "2026-07-20", "S-26-12015", "Pleural effusion cell block",
            "Right pleural fluid", "2026-07-02", 0.25)],
    [
        mut("MET", "c.3082+1G>T", None, "14", 0.21, 980, "oncogenic", "splice_donor_variant", tag="met", evidence=[
            ev("OncoKB", "OncoKB", "1", "Capmatinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="GEOMETRY mono-1"),
            ev("OncoKB", "OncoKB", "1", "Tepotinib", "Non-Small Cell Lung Cancer", "NSCLC", reference="VISION")]),
        cnv("MDM2", "Amplification", 6, cls="likely-oncogenic"),
        pdl1("TPS (22C3)", 80, "high (≥50%)"),
        vus("ERBB4", "c.2231C>T", "p.T744I", "19", 0.47, 860),
        tmb(3.0), msi("MSS", 0.4),
    ],
    stage=stage("T2b", "N1", "M1a", "IVA", "2026-07-08"), ecog=2, ps_on="2026-07-08",
    lines=[line(1, "Capmatinib 400 mg twice daily (referring hospital)", ["capmatinib"], "2026-08-10", None, "PR", None,
                "metastatic first line")],
    comorbidities=["Heart failure with preserved ejection fraction", "Atrial fibrillation (edoxaban)",
                   "Chronic kidney disease stage 3b (eGFR 38)"],
    referring="Hannah Whitfield", consent=consent("2026-07-08"))


# --------------------------------------------------------------------------------------------
# Trials. NCT numbers, sponsors, sites and investigational codes are fictitious; eligibility
# trees follow CTML (oncotree_primary_diagnosis holds OncoTree *names*, as CTML does; a
# leading "!" negates a value).
# --------------------------------------------------------------------------------------------


def AND(*nodes):
    return {"and": list(nodes)}


def OR(*nodes):
    return {"or": list(nodes)}


def C(**kw):
    return {"clinical": kw}


def G(**kw):
    return {"genomic": kw}


def site(name, city, country, recruiting=True):
    return {"name": name, "city": city, "country": country, "recruiting": recruiting}


LUH = site("Lakeshore University Hospital", "Geneva", "Switzerland")
RHEIN = site("Universitätsklinikum Rhein-Main", "Frankfurt am Main", "Germany")
AUBIN = site("Hôpital Universitaire Saint-Aubin", "Lyon", "France")
NORDIC = site("Nordic Cancer Institute", "Copenhagen", "Denmark")
SOL = site("Clínica Universitaria del Sol", "Madrid", "Spain")
LAGO = site("Istituto Oncologico del Lago", "Milan", "Italy")
HANSE = site("Hanseatic Cancer Centre", "Hamburg", "Germany")
KRAKOW = site("Kraków Oncology Institute", "Kraków", "Poland")
SEOUL = site("Seoul Riverside Cancer Hospital", "Seoul", "South Korea")
TOKYO = site("Tokyo Bay Cancer Center", "Tokyo", "Japan")
BOSTON = site("Harborview Comprehensive Cancer Center", "Boston", "United States")
SARC = site("Scandinavian Sarcoma Centre", "Stockholm", "Sweden")

TRIALS = []


def trial(nct, title, short, phase, status, sponsor, sites, arms, min_age=18, max_age=None, sex=None,
          diagnoses=("_SOLID_",), conditions=(), criteria=None, inclusion=None, exclusion=None):
    TRIALS.append({
        "id": nct, "title": title, "shortTitle": short, "phase": phase, "status": status, "sponsor": sponsor,
        "sites": list(sites),
        "arms": [{"id": a[0], "name": a[1], "drugs": a[2], "open": a[3] if len(a) > 3 else True,
                  "criteria": a[4] if len(a) > 4 else None} for a in arms],
        "eligibility": {"minimumAge": min_age, "maximumAge": max_age, "sex": sex, "diagnoses": list(diagnoses),
                        "conditions": list(conditions), "criteria": criteria, "inclusionText": inclusion,
                        "exclusionText": exclusion},
    })
    return nct


ADULT_FIT = C(age_numerical=">=18", ecog="<=1")
NSCLC = "Non-Small Cell Lung Cancer"
CRC = "Colorectal Adenocarcinoma"

T_KRAS_G12C = trial(
    "NCT06612045",
    "A Phase 2 Study of a KRAS G12C Inhibitor Combined With a SHP2 Inhibitor in Previously Treated KRAS G12C-Mutated Solid Tumours",
    "KRAS-G12C COMBINE", "Phase 2", "RECRUITING", "Northbridge Therapeutics", [LUH, RHEIN, AUBIN, SOL],
    [("A", "NSCLC after PD-(L)1 and platinum", ["NB-2201 (KRAS G12C inhibitor)", "NB-0472 (SHP2 inhibitor)"], True,
      C(oncotree_primary_diagnosis=NSCLC)),
     ("B", "Colorectal cancer with cetuximab", ["NB-2201 (KRAS G12C inhibitor)", "NB-0472 (SHP2 inhibitor)", "cetuximab"],
      True, C(oncotree_primary_diagnosis=CRC)),
     ("C", "Other solid tumours (cohort full)", ["NB-2201 (KRAS G12C inhibitor)", "NB-0472 (SHP2 inhibitor)"], False)],
    diagnoses=["NSCLC", "COADREAD", "_SOLID_"],
    criteria=AND(ADULT_FIT, G(hugo_symbol="KRAS", variant_category="Mutation", protein_change="p.G12C")),
    inclusion="Documented KRAS G12C mutation in tumour tissue or ctDNA by a validated assay. At least one prior line "
              "of systemic therapy for advanced disease. Measurable disease per RECIST 1.1.",
    exclusion="Prior treatment with any KRAS G12C inhibitor. Active, untreated brain metastases. Interstitial lung "
              "disease or pneumonitis that required steroids.")

T_RAS_ON = trial(
    "NCT06488213",
    "Phase 1/2 Study of an Oral RAS(ON) Multi-Selective Inhibitor in RAS-Mutant Advanced Solid Tumours",
    "RASCAL-1", "Phase 1/Phase 2", "RECRUITING", "Meridian Oncology", [BOSTON, RHEIN, NORDIC, LUH],
    [("A", "Pancreatic adenocarcinoma, KRAS G12X", ["MRD-6236 (RAS(ON) inhibitor)"], True,
      AND(C(oncotree_primary_diagnosis="Pancreatic Adenocarcinoma"),
          G(hugo_symbol="KRAS", variant_category="Mutation", wildcard_protein_change="p.G12"))),
     ("B", "NSCLC, KRAS G12X", ["MRD-6236 (RAS(ON) inhibitor)"], True,
      AND(C(oncotree_primary_diagnosis=NSCLC), G(hugo_symbol="KRAS", variant_category="Mutation", wildcard_protein_change="p.G12"))),
     ("C", "Melanoma, NRAS Q61X", ["MRD-6236 (RAS(ON) inhibitor)"], True,
      AND(C(oncotree_primary_diagnosis="Melanoma"), G(hugo_symbol="NRAS", variant_category="Mutation", wildcard_protein_change="p.Q61"))),
     ("D", "Other RAS-mutant solid tumours", ["MRD-6236 (RAS(ON) inhibitor)"], True)],
    criteria=AND(ADULT_FIT, OR(
        G(hugo_symbol="KRAS", variant_category="Mutation", wildcard_protein_change="p.G12"),
        G(hugo_symbol="KRAS", variant_category="Mutation", wildcard_protein_change="p.G13"),
        G(hugo_symbol="KRAS", variant_category="Mutation", wildcard_protein_change="p.Q61"),
        G(hugo_symbol="NRAS", variant_category="Mutation", wildcard_protein_change="p.Q61"))),
    inclusion="Pathogenic KRAS G12, G13 or Q61 or NRAS Q61 mutation. Progression after or intolerance of standard "
              "therapy. ECOG 0–1. Adequate hepatic and renal function.",
    exclusion="Prior RAS(ON) inhibitor. Known BRAF V600 mutation. Uncontrolled diarrhoea.")

T_EGFR_MET = trial(
    "NCT06530718",
    "Osimertinib Plus a Selective MET Inhibitor Versus Platinum-Pemetrexed After Progression on First-Line Osimertinib "
    "in EGFR-Mutant, MET-Amplified NSCLC",
    "MET-OSI-3", "Phase 3", "RECRUITING", "Cardinal Lung Cancer Group", [LUH, AUBIN, TOKYO, SEOUL, LAGO],
    [("A", "Osimertinib + savolitinib", ["osimertinib", "savolitinib"]),
     ("B", "Carboplatin + pemetrexed", ["carboplatin", "pemetrexed"])],
    diagnoses=["NSCLC"],
    criteria=AND(
        C(oncotree_primary_diagnosis=NSCLC, age_numerical=">=18", ecog="<=1", prior_treatment="osimertinib"),
        OR(G(hugo_symbol="EGFR", variant_category="Mutation", exon="19"),
           G(hugo_symbol="EGFR", variant_category="Mutation", protein_change="p.L858R")),
        G(hugo_symbol="MET", variant_category="Copy Number Variation", cnv_call="Amplification")),
    inclusion="EGFR exon 19 deletion or L858R. Radiological progression on first-line osimertinib. MET amplification "
              "(FISH gene copy number ≥ 5 or MET/CEP7 ratio ≥ 2, or NGS CN ≥ 5) or MET IHC 3+ in ≥ 90% of cells on a "
              "biopsy taken after progression.",
    exclusion="Prior MET inhibitor. Prior chemotherapy for advanced disease. EGFR C797S or other known osimertinib "
              "resistance mechanism besides MET. Symptomatic brain metastases.")

T_EGFR_1L = trial(
    "NCT06701132",
    "Subcutaneous EGFR-MET Bispecific Antibody Plus a Third-Generation EGFR TKI in Treatment-Naive EGFR-Mutant "
    "Advanced NSCLC",
    "BISPEC-1L", "Phase 2", "RECRUITING", "Northbridge Therapeutics", [LUH, RHEIN, SEOUL],
    [("A", "Subcutaneous bispecific + lazertinib", ["amivantamab (subcutaneous)", "lazertinib"])],
    diagnoses=["NSCLC"],
    criteria=AND(
        C(oncotree_primary_diagnosis=NSCLC, age_numerical=">=18", ecog="<=1", prior_treatment="!osimertinib"),
        OR(G(hugo_symbol="EGFR", variant_category="Mutation", exon="19", variant_classification="In_Frame_Del"),
           G(hugo_symbol="EGFR", variant_category="Mutation", protein_change="p.L858R"))),
    inclusion="EGFR exon 19 deletion or exon 21 L858R, locally advanced or metastatic, treatment-naive for advanced "
              "disease.",
    exclusion="No prior EGFR TKI. No prior systemic therapy for advanced disease. Symptomatic brain metastases. "
              "History of interstitial lung disease.")

T_ALK = trial(
    "NCT06577490",
    "Fourth-Generation ALK Inhibitor in ALK-Positive NSCLC After Second-Generation ALK TKI, Including ALK G1202R",
    "ALKOVE-2", "Phase 2", "RECRUITING", "Aurora Biosciences", [LUH, HANSE, BOSTON, TOKYO],
    [("A", "After one second-generation ALK TKI, lorlatinib-naive", ["AUR-4110 (ALK inhibitor)"], True,
      C(prior_treatment="!lorlatinib")),
     ("B", "After lorlatinib", ["AUR-4110 (ALK inhibitor)"], True, C(prior_treatment="lorlatinib")),
     ("C", "ALK G1202R detected", ["AUR-4110 (ALK inhibitor)"], True,
      G(hugo_symbol="ALK", variant_category="Mutation", protein_change="p.G1202R"))],
    diagnoses=["NSCLC"],
    criteria=AND(C(oncotree_primary_diagnosis=NSCLC, age_numerical=">=18", ecog="<=1"),
                 G(hugo_symbol="ALK", variant_category="Structural Variation")),
    inclusion="ALK rearrangement by FISH, IHC (D5F3) or NGS. Progression on at least one ALK TKI. Asymptomatic or "
              "treated brain metastases allowed.",
    exclusion="More than two prior ALK TKIs. Symptomatic, untreated brain metastases. QTc > 470 ms.")

T_ROS1 = trial(
    "NCT06455871",
    "ROS1 Tyrosine Kinase Inhibitor With CNS Activity in ROS1-Fusion NSCLC: TKI-Naive and Pretreated Cohorts",
    "ROSETTA-CNS", "Phase 2", "RECRUITING", "Aurora Biosciences", [LUH, SOL, TOKYO],
    [("A", "TKI-naive", ["AUR-2207 (ROS1/TRK inhibitor)"], True, C(prior_treatment="!crizotinib")),
     ("B", "One prior ROS1 TKI", ["AUR-2207 (ROS1/TRK inhibitor)"], True)],
    diagnoses=["NSCLC"],
    criteria=AND(C(oncotree_primary_diagnosis=NSCLC, age_numerical=">=18", ecog="<=2"),
                 G(hugo_symbol="ROS1", variant_category="Structural Variation")),
    inclusion="ROS1 fusion by NGS or FISH. Asymptomatic brain metastases allowed without prior radiotherapy.",
    exclusion="More than one prior ROS1 TKI. Prior chemotherapy in cohort A.")

T_NTRK = trial(
    "NCT06391205",
    "Tumour-Agnostic Basket Study of a Next-Generation TRK Inhibitor in NTRK-Fusion Solid Tumours",
    "TRK-AGNOSTIC", "Phase 2", "RECRUITING", "Helix Precision Oncology", [LUH, RHEIN, NORDIC, BOSTON, SEOUL],
    [("A", "TRK inhibitor-naive", ["HPX-0918 (TRK inhibitor)"]),
     ("B", "Acquired resistance to a first-generation TRK inhibitor", ["HPX-0918 (TRK inhibitor)"], True,
      OR(C(prior_treatment="larotrectinib"), C(prior_treatment="entrectinib")))],
    min_age=12,
    criteria=AND(C(oncotree_primary_diagnosis="_SOLID_", age_numerical=">=12"),
                 OR(G(hugo_symbol="NTRK1", variant_category="Structural Variation"),
                    G(hugo_symbol="NTRK2", variant_category="Structural Variation"),
                    G(hugo_symbol="NTRK3", variant_category="Structural Variation"))),
    inclusion="NTRK1, NTRK2 or NTRK3 gene fusion (e.g. ETV6::NTRK3, TPM3::NTRK1) by NGS or FISH. Measurable disease.",
    exclusion="Prior TRK inhibitor (cohort A). Symptomatic brain metastases.")

T_BRAF_CRC = trial(
    "NCT06623388",
    "Encorafenib, Cetuximab and FOLFIRI Versus FOLFIRI-Bevacizumab as Second-Line Therapy for BRAF V600E-Mutant "
    "Metastatic Colorectal Cancer",
    "BRAVE-2L", "Phase 3", "RECRUITING", "European Colorectal Research Network", [LUH, AUBIN, LAGO, KRAKOW],
    [("A", "Encorafenib + cetuximab + FOLFIRI", ["encorafenib", "cetuximab", "fluorouracil", "leucovorin", "irinotecan"]),
     ("B", "FOLFIRI + bevacizumab", ["fluorouracil", "leucovorin", "irinotecan", "bevacizumab"])],
    diagnoses=["COADREAD"],
    criteria=AND(C(oncotree_primary_diagnosis=CRC, age_numerical=">=18", ecog="<=1", prior_treatment="oxaliplatin"),
                 G(hugo_symbol="BRAF", variant_category="Mutation", protein_change="p.V600E"),
                 G(ms_status="MSS")),
    inclusion="BRAF V600E mutation, MSS/pMMR. Exactly one prior line (oxaliplatin-based) for metastatic disease.",
    exclusion="Prior BRAF, MEK or EGFR inhibitor. MSI-H/dMMR.")

T_IO_MSI = trial(
    "NCT06540219",
    "PD-1 Plus LAG-3 Blockade in MSI-H/dMMR or TMB-High Advanced Solid Tumours",
    "DUAL-CHECK", "Phase 2", "RECRUITING", "Helix Precision Oncology", [LUH, RHEIN, AUBIN, NORDIC, SOL],
    [("A", "MSI-H/dMMR, immunotherapy-naive", ["nivolumab", "relatlimab"], True,
      AND(G(ms_status="MSI-H"), C(prior_treatment="!pembrolizumab"), C(prior_treatment="!nivolumab"))),
     ("B", "TMB ≥ 10 mut/Mb, MSS", ["nivolumab", "relatlimab"], True, C(tmb_numerical=">=10")),
     ("C", "After progression on anti-PD-1", ["nivolumab", "relatlimab"], False)],
    criteria=AND(C(oncotree_primary_diagnosis="_SOLID_", age_numerical=">=18", ecog="<=1"),
                 OR(G(ms_status="MSI-H"), C(tmb_numerical=">=10"))),
    inclusion="MSI-H or dMMR by PCR, NGS or IHC, or tissue TMB ≥ 10 mut/Mb by a validated panel. Measurable disease.",
    exclusion="Prior anti-LAG-3. Active autoimmune disease that required systemic treatment in the past 2 years. "
              "Prior grade ≥ 3 immune-related adverse event.")

T_HER2_BASKET = trial(
    "NCT06418830",
    "HER2-Directed Antibody-Drug Conjugate in HER2-Amplified or HER2-Overexpressing Solid Tumours (Basket)",
    "HER2-ANY", "Phase 2", "RECRUITING", "Solace Biopharma", [LUH, HANSE, SEOUL, TOKYO, BOSTON],
    [("A", "Colorectal cancer", ["SLC-1302 (HER2 ADC)"], True, C(oncotree_primary_diagnosis=CRC)),
     ("B", "Gastric / GEJ adenocarcinoma (cohort full)", ["SLC-1302 (HER2 ADC)"], False,
      C(oncotree_primary_diagnosis="Esophagogastric Adenocarcinoma")),
     ("C", "Other solid tumours", ["SLC-1302 (HER2 ADC)"])],
    criteria=AND(ADULT_FIT, G(hugo_symbol="ERBB2", variant_category="Copy Number Variation", cnv_call="Amplification")),
    inclusion="ERBB2 amplification by NGS or ISH, or HER2 IHC 3+. At least one prior line for advanced disease.",
    exclusion="Prior HER2-directed ADC. History of interstitial lung disease. LVEF < 50%.")

T_HER2_CRC_1L = trial(
    "NCT06602257",
    "Tucatinib, Trastuzumab and mFOLFOX6 Versus Standard Care in First-Line HER2-Positive, RAS Wild-Type Metastatic "
    "Colorectal Cancer",
    "HER2-FIRST", "Phase 3", "ACTIVE_NOT_RECRUITING", "European Colorectal Research Network", [LUH, AUBIN, LAGO],
    [("A", "Tucatinib + trastuzumab + mFOLFOX6", ["tucatinib", "trastuzumab", "oxaliplatin", "fluorouracil", "leucovorin"]),
     ("B", "mFOLFOX6 + bevacizumab or cetuximab", ["oxaliplatin", "fluorouracil", "leucovorin", "bevacizumab", "cetuximab"])],
    diagnoses=["COADREAD"],
    criteria=AND(C(oncotree_primary_diagnosis=CRC, age_numerical=">=18", ecog="<=1", prior_treatment="!oxaliplatin"),
                 G(hugo_symbol="ERBB2", variant_category="Copy Number Variation", cnv_call="Amplification"),
                 G(hugo_symbol="!KRAS", variant_category="Mutation"),
                 G(hugo_symbol="!NRAS", variant_category="Mutation")),
    inclusion="HER2-positive (IHC 3+ or ISH-amplified), RAS wild-type metastatic colorectal cancer.",
    exclusion="Any prior systemic therapy for metastatic disease. Prior HER2-directed therapy.")

T_FGFR2 = trial(
    "NCT06377164",
    "Next-Generation FGFR2-Selective Inhibitor in FGFR2 Fusion- or Rearrangement-Positive Cholangiocarcinoma",
    "FGFR2-SELECT", "Phase 2", "RECRUITING", "Meridian Oncology", [LUH, RHEIN, SOL, BOSTON],
    [("A", "FGFR inhibitor-naive", ["MRD-3087 (FGFR2-selective inhibitor)"], True,
      AND(C(prior_treatment="!pemigatinib"), C(prior_treatment="!futibatinib"))),
     ("B", "After a prior FGFR inhibitor", ["MRD-3087 (FGFR2-selective inhibitor)"], True,
      OR(C(prior_treatment="pemigatinib"), C(prior_treatment="futibatinib")))],
    diagnoses=["CHOL"],
    criteria=AND(C(oncotree_primary_diagnosis="Cholangiocarcinoma", age_numerical=">=18", ecog="<=1"),
                 OR(G(hugo_symbol="FGFR2", variant_category="Structural Variation"),
                    G(hugo_symbol="FGFR2", variant_category="Mutation"))),
    inclusion="FGFR2 fusion or rearrangement (e.g. FGFR2::BICC1) or activating FGFR2 mutation. At least one prior "
              "systemic therapy.",
    exclusion="Corneal or retinal disorder. Serum phosphate above the upper limit of normal.")

T_IDH1 = trial(
    "NCT06480395",
    "IDH1 Inhibitor Plus PD-1 Blockade and Gemcitabine-Cisplatin in IDH1-Mutant Cholangiocarcinoma and Other Solid "
    "Tumours",
    "IDH-COMBO", "Phase 1/Phase 2", "RECRUITING", "Solace Biopharma", [LUH, LAGO, SEOUL],
    [("A", "Cholangiocarcinoma, second line", ["ivosidenib", "durvalumab"], True,
      C(oncotree_primary_diagnosis="Cholangiocarcinoma")),
     ("B", "IDH1-mutant glioma or chondrosarcoma", ["ivosidenib", "durvalumab"])],
    diagnoses=["CHOL", "DIFG", "CHS"],
    criteria=AND(ADULT_FIT, G(hugo_symbol="IDH1", variant_category="Mutation", wildcard_protein_change="p.R132")),
    inclusion="IDH1 R132 mutation (R132C, R132H, R132L, R132G, R132S) in tumour tissue.",
    exclusion="Prior IDH inhibitor. QTc > 450 ms.")

T_GIST = trial(
    "NCT06359942",
    "Ripretinib Versus Sunitinib in GIST With KIT Exon 11 and Exon 17/18 Mutations After Imatinib",
    "KIT-1117", "Phase 3", "RECRUITING", "International Sarcoma Study Group", [SARC, LUH, HANSE, KRAKOW],
    [("A", "Ripretinib 150 mg daily", ["ripretinib"]), ("B", "Sunitinib 50 mg 4/2 schedule", ["sunitinib"])],
    diagnoses=["GIST"],
    criteria=AND(C(oncotree_primary_diagnosis="Gastrointestinal Stromal Tumor", age_numerical=">=18", ecog="<=2",
                   prior_treatment="imatinib"),
                 G(hugo_symbol="KIT", variant_category="Mutation", exon="11"),
                 OR(G(hugo_symbol="KIT", variant_category="Mutation", exon="17"),
                    G(hugo_symbol="KIT", variant_category="Mutation", exon="18"))),
    inclusion="KIT exon 11 primary mutation and a secondary KIT exon 17 or 18 mutation (tissue or ctDNA). Progression "
              "on or intolerance of imatinib.",
    exclusion="Prior sunitinib or ripretinib. PDGFRA mutation. KIT exon 13 or 14 secondary mutation.")

T_HRD = trial(
    "NCT06433586",
    "PARP Inhibitor Plus ATR Inhibitor in Advanced Solid Tumours With Homologous Recombination Deficiency",
    "HR-DUET", "Phase 2", "RECRUITING", "Helix Precision Oncology", [LUH, NORDIC, RHEIN, BOSTON],
    [("A", "Breast or ovarian cancer", ["olaparib", "HPX-1120 (ATR inhibitor)"], True,
      OR(C(oncotree_primary_diagnosis="Breast"), C(oncotree_primary_diagnosis="Ovary/Fallopian Tube"))),
     ("B", "Pancreatic or prostate cancer", ["olaparib", "HPX-1120 (ATR inhibitor)"], True,
      OR(C(oncotree_primary_diagnosis="Pancreatic Adenocarcinoma"), C(oncotree_primary_diagnosis="Prostate"))),
     ("C", "Other solid tumours, including sarcoma", ["olaparib", "HPX-1120 (ATR inhibitor)"])],
    criteria=AND(ADULT_FIT, OR(
        G(hugo_symbol="BRCA1", variant_category="Mutation"),
        G(hugo_symbol="BRCA2", variant_category="Mutation"),
        G(hugo_symbol="BRCA2", variant_category="Copy Number Variation", cnv_call="Homozygous deletion"),
        G(hugo_symbol="PALB2", variant_category="Mutation"),
        G(hugo_symbol="ATM", variant_category="Mutation"))),
    inclusion="Pathogenic or likely pathogenic germline or somatic alteration in BRCA1, BRCA2, PALB2 or ATM, or "
              "HRD-positive tumour (genomic instability score ≥ 42). Variants of uncertain significance do not qualify.",
    exclusion="Progression on a prior PARP inhibitor. History of MDS/AML. Platinum-refractory disease.")

T_MDM2 = trial(
    "NCT06505961",
    "MDM2–p53 Antagonist Versus Doxorubicin in MDM2-Amplified, TP53 Wild-Type Dedifferentiated Liposarcoma",
    "MDM2-LPS", "Phase 2/Phase 3", "RECRUITING", "Vireo Pharma", [SARC, LUH, AUBIN, BOSTON],
    [("A", "MDM2–p53 antagonist", ["VIR-7728 (MDM2 inhibitor)"]),
     ("B", "Doxorubicin (anthracycline-naive only)", ["doxorubicin"], True, C(prior_treatment="!doxorubicin"))],
    diagnoses=["DDLS"],
    criteria=AND(C(oncotree_primary_diagnosis="Dedifferentiated Liposarcoma", age_numerical=">=18", ecog="<=1"),
                 G(hugo_symbol="MDM2", variant_category="Copy Number Variation", cnv_call="Amplification"),
                 G(hugo_symbol="TP53", wildtype=True)),
    inclusion="MDM2 amplification by FISH or NGS. TP53 wild-type. Progression within 6 months before enrolment.",
    exclusion="Prior MDM2 inhibitor. Platelets < 100 × 10⁹/L.")

T_CDK4_MDM2 = trial(
    "NCT06289447",
    "CDK4/6 Inhibitor Plus MDM2 Inhibitor in Well-Differentiated or Dedifferentiated Liposarcoma",
    "LIPO-DUO", "Phase 1", "SUSPENDED", "Vireo Pharma", [SARC, site("Harborview Comprehensive Cancer Center", "Boston",
                                                                    "United States", False)],
    [("DL1", "Dose escalation", ["abemaciclib", "VIR-7728 (MDM2 inhibitor)"], False),
     ("EXP", "Expansion at the recommended dose", ["abemaciclib", "VIR-7728 (MDM2 inhibitor)"], False)],
    diagnoses=["LIPO"],
    criteria=AND(C(oncotree_primary_diagnosis="Liposarcoma", age_numerical=">=18", ecog="<=1"),
                 G(hugo_symbol="CDK4", variant_category="Copy Number Variation", cnv_call="Amplification")),
    inclusion="WDLS or DDLS with CDK4 amplification.",
    exclusion="Prior CDK4/6 inhibitor. Enrolment paused for a safety review of thrombocytopenia.")

T_TCR = trial(
    "NCT06446652",
    "MAGE-A4-Specific TCR T-Cell Therapy in HLA-A*02-Positive Synovial Sarcoma and Myxoid/Round Cell Liposarcoma",
    "MAGE-TCR", "Phase 2", "RECRUITING", "Castellan Cell Therapeutics", [SARC, BOSTON, HANSE],
    [("A", "Synovial sarcoma", ["CCT-0401 (MAGE-A4 TCR T cells)", "fludarabine", "cyclophosphamide"], True,
      AND(C(oncotree_primary_diagnosis="Synovial Sarcoma"), G(hugo_symbol="SS18", variant_category="Structural Variation"))),
     ("B", "Myxoid/round cell liposarcoma", ["CCT-0401 (MAGE-A4 TCR T cells)", "fludarabine", "cyclophosphamide"],
      True, C(oncotree_primary_diagnosis="Myxoid/Round-Cell Liposarcoma"))],
    min_age=16, max_age=75, diagnoses=["SYNS", "MRLS"],
    criteria=AND(C(age_numerical=">=16", ecog="<=1"),
                 OR(C(oncotree_primary_diagnosis="Synovial Sarcoma"),
                    C(oncotree_primary_diagnosis="Myxoid/Round-Cell Liposarcoma"))),
    inclusion="HLA-A*02:01, *02:02, *02:03 or *02:06 positive. MAGE-A4 expression in ≥ 30% of tumour cells at ≥ 2+ "
              "by central IHC. Prior anthracycline- or ifosfamide-containing regimen.",
    exclusion="HLA-A*02:05 as the only A*02 allele. Symptomatic brain metastases. LVEF < 45%.")

T_PRRT = trial(
    "NCT06399218",
    "¹⁷⁷Lu-Labelled Somatostatin Analogue Versus Everolimus in Progressive SSTR-Positive Pancreatic Neuroendocrine "
    "Tumours",
    "LUTEPAN", "Phase 3", "RECRUITING", "European Neuroendocrine Trials Group", [LUH, NORDIC, LAGO, RHEIN],
    [("A", "¹⁷⁷Lu-somatostatin analogue × 4", ["lutetium Lu-177 dotatate"]), ("B", "Everolimus 10 mg", ["everolimus"])],
    diagnoses=["PANET"],
    criteria=AND(C(oncotree_primary_diagnosis="Pancreatic Neuroendocrine Tumor", age_numerical=">=18", ecog="<=2")),
    inclusion="Well-differentiated G1–G2 pancreatic NET (Ki-67 < 20%). SSTR-PET uptake Krenning ≥ 3 in all target "
              "lesions. Progression within 12 months on a somatostatin analogue.",
    exclusion="Prior PRRT or everolimus. eGFR < 50 mL/min.")

T_THYMIC = trial(
    "NCT06511764",
    "Lenvatinib Plus Pembrolizumab in Advanced Thymic Carcinoma After Platinum-Based Chemotherapy",
    "THYMIC-LP", "Phase 2", "RECRUITING", "Rare Thoracic Tumours Network", [LUH, AUBIN, TOKYO],
    [("A", "Lenvatinib + pembrolizumab", ["lenvatinib", "pembrolizumab"])],
    diagnoses=["THYC"],
    criteria=AND(C(oncotree_primary_diagnosis="Thymic Carcinoma", age_numerical=">=18", ecog="<=1",
                   prior_treatment="carboplatin")),
    inclusion="Thymic carcinoma confirmed by central pathology review. Progression after at least one platinum-based "
              "regimen.",
    exclusion="Thymoma (type A–B3). Autoimmune disease including myasthenia gravis. Prior anti-PD-(L)1.")

T_PI3K = trial(
    "NCT06552480",
    "Mutant-Selective PI3Kα Inhibitor Plus Fulvestrant After a CDK4/6 Inhibitor in PIK3CA-Mutant HR+/HER2− Advanced "
    "Breast Cancer",
    "ALPHA-SELECT", "Phase 3", "RECRUITING", "Solace Biopharma", [LUH, AUBIN, SOL, LAGO, SEOUL],
    [("A", "PI3Kα inhibitor + fulvestrant", ["SLC-0947 (PI3Kα inhibitor)", "fulvestrant"]),
     ("B", "Placebo + fulvestrant", ["fulvestrant"])],
    diagnoses=["BREAST"],
    criteria=AND(C(oncotree_primary_diagnosis="Breast", age_numerical=">=18", ecog="<=1", er_status="Positive",
                   her2_status="Negative"),
                 G(hugo_symbol="PIK3CA", variant_category="Mutation")),
    inclusion="PIK3CA activating mutation (e.g. H1047R, E545K, E542K) in tissue or ctDNA. Progression on or after a "
              "CDK4/6 inhibitor with an aromatase inhibitor.",
    exclusion="HbA1c ≥ 7%. Prior PI3K, AKT or mTOR inhibitor.")

T_SERD = trial(
    "NCT06470133",
    "Oral SERD Plus CDK4/6 Inhibitor Versus Fulvestrant Plus CDK4/6 Inhibitor in ESR1-Mutant HR+ Advanced Breast Cancer",
    "ESR1-SWITCH", "Phase 3", "RECRUITING", "Northbridge Therapeutics", [LUH, HANSE, NORDIC, KRAKOW],
    [("A", "Oral SERD + abemaciclib", ["NB-5512 (oral SERD)", "abemaciclib"]),
     ("B", "Fulvestrant + abemaciclib", ["fulvestrant", "abemaciclib"])],
    diagnoses=["BREAST"],
    criteria=AND(C(oncotree_primary_diagnosis="Breast", age_numerical=">=18", ecog="<=1", er_status="Positive"),
                 G(hugo_symbol="ESR1", variant_category="Mutation")),
    inclusion="ESR1 ligand-binding-domain mutation (e.g. Y537S, D538G) in ctDNA or tissue. One prior endocrine-based "
              "line for advanced disease.",
    exclusion="Prior oral SERD or fulvestrant. More than one prior chemotherapy for advanced disease.")

T_TNBC = trial(
    "NCT06325570",
    "TROP2-Directed ADC Plus Pembrolizumab Versus Chemotherapy Plus Pembrolizumab in Previously Untreated PD-L1-Positive "
    "Metastatic Triple-Negative Breast Cancer",
    "TROPIC-1L", "Phase 3", "ACTIVE_NOT_RECRUITING", "Solace Biopharma", [LUH, RHEIN, SEOUL],
    [("A", "TROP2 ADC + pembrolizumab", ["SLC-2210 (TROP2 ADC)", "pembrolizumab"]),
     ("B", "Chemotherapy + pembrolizumab", ["paclitaxel", "carboplatin", "gemcitabine", "pembrolizumab"])],
    diagnoses=["BREAST"],
    criteria=AND(C(oncotree_primary_diagnosis="Breast", age_numerical=">=18", ecog="<=1", er_status="Negative",
                   her2_status="Negative", prior_treatment="!sacituzumab govitecan")),
    inclusion="Triple-negative, PD-L1 CPS ≥ 10, no prior systemic therapy for metastatic disease; ≥ 6 months since "
              "curative-intent treatment.",
    exclusion="Prior TROP2-directed ADC. Active autoimmune disease.")

T_G12D = trial(
    "NCT06591027",
    "KRAS G12D-Selective Inhibitor as Maintenance After First-Line Chemotherapy in Metastatic Pancreatic Adenocarcinoma",
    "G12D-MAINT", "Phase 2", "RECRUITING", "Meridian Oncology", [LUH, RHEIN, BOSTON, SOL],
    [("A", "KRAS G12D inhibitor maintenance", ["MRD-1133 (KRAS G12D inhibitor)"]),
     ("B", "Continued chemotherapy or observation", ["fluorouracil", "leucovorin"])],
    diagnoses=["PAAD"],
    criteria=AND(C(oncotree_primary_diagnosis="Pancreatic Adenocarcinoma", age_numerical=">=18", ecog="<=1"),
                 G(hugo_symbol="KRAS", variant_category="Mutation", protein_change="p.G12D")),
    inclusion="KRAS G12D mutation. No progression after ≥ 16 weeks of first-line FOLFIRINOX or gemcitabine-nab-paclitaxel.",
    exclusion="Germline BRCA1/2 carriers may enrol only after declining olaparib maintenance.")

T_NRAS = trial(
    "NCT06366819",
    "Pan-RAF Inhibitor Plus MEK Inhibitor in NRAS-Mutant Melanoma After Immune Checkpoint Blockade",
    "NRAS-RAFMEK", "Phase 2", "RECRUITING", "Aurora Biosciences", [LUH, NORDIC, HANSE, BOSTON],
    [("A", "Pan-RAF inhibitor + binimetinib", ["AUR-3301 (pan-RAF inhibitor)", "binimetinib"])],
    diagnoses=["MEL"],
    criteria=AND(C(oncotree_primary_diagnosis="Melanoma", age_numerical=">=18", ecog="<=1", prior_treatment="nivolumab"),
                 G(hugo_symbol="NRAS", variant_category="Mutation", wildcard_protein_change="p.Q61")),
    inclusion="NRAS Q61 mutation. Progression on or after anti-PD-1 based therapy.",
    exclusion="Prior MEK inhibitor. Retinal vein occlusion. Uveal or mucosal melanoma.")

T_TIL = trial(
    "NCT06254410",
    "Autologous Tumour-Infiltrating Lymphocytes After Anti-PD-1 Failure in Advanced Melanoma",
    "TIL-AFTER", "Phase 2", "ACTIVE_NOT_RECRUITING", "Nordic Cancer Institute", [NORDIC, LUH],
    [("A", "TIL + interleukin-2", ["autologous TIL", "aldesleukin", "fludarabine", "cyclophosphamide"])],
    max_age=70, diagnoses=["MEL"],
    criteria=AND(C(oncotree_primary_diagnosis="Melanoma", age_numerical=">=18", ecog="<=1")),
    inclusion="Resectable lesion ≥ 1.5 cm for TIL harvest. Progression after anti-PD-1.",
    exclusion="LVEF < 45%. FEV1 < 60% predicted. Active brain metastases.")

T_GBM = trial(
    "NCT06437795",
    "EGFR-Directed Antibody-Drug Conjugate in Recurrent EGFR-Amplified Glioblastoma",
    "EGFR-GBM-ADC", "Phase 2", "RECRUITING", "Castellan Cell Therapeutics", [LUH, RHEIN, BOSTON],
    [("A", "EGFR ADC", ["CCT-1150 (EGFR ADC)"]), ("B", "Lomustine (control)", ["lomustine"])],
    diagnoses=["GB"],
    criteria=AND(C(oncotree_primary_diagnosis="Glioblastoma, IDH-Wildtype", age_numerical=">=18", ecog="<=2",
                   prior_treatment="temozolomide"),
                 G(hugo_symbol="EGFR", variant_category="Copy Number Variation", cnv_call="Amplification")),
    inclusion="First recurrence after radiotherapy with temozolomide. EGFR amplification on archival tissue. "
              "Karnofsky ≥ 70.",
    exclusion="Prior bevacizumab. More than one recurrence.")

T_CLDN = trial(
    "NCT06580634",
    "Claudin 18.2-Directed CAR-T Cells in Advanced Gastric and Pancreatic Cancer After at Least Two Prior Lines",
    "CLAUDIN-CAR", "Phase 1/Phase 2", "RECRUITING", "Castellan Cell Therapeutics", [SEOUL, TOKYO, LUH],
    [("A", "Gastric / GEJ adenocarcinoma", ["CCT-1802 (CLDN18.2 CAR-T)"], True,
      C(oncotree_primary_diagnosis="Esophagogastric Adenocarcinoma")),
     ("B", "Pancreatic adenocarcinoma", ["CCT-1802 (CLDN18.2 CAR-T)"], True,
      C(oncotree_primary_diagnosis="Pancreatic Adenocarcinoma"))],
    max_age=75, diagnoses=["EGC", "PAAD"],
    criteria=AND(ADULT_FIT, OR(C(oncotree_primary_diagnosis="Esophagogastric Adenocarcinoma"),
                               C(oncotree_primary_diagnosis="Pancreatic Adenocarcinoma"))),
    inclusion="CLDN18.2 expression in ≥ 40% of tumour cells at 2+/3+ by central IHC. At least two prior lines of "
              "systemic therapy.",
    exclusion="Active hepatitis B (HBV DNA detectable). Gastric outlet obstruction.")

T_FGFR1 = trial(
    "NCT06211963",
    "Pan-FGFR Inhibitor in FGFR1-Amplified Squamous Non-Small Cell Lung Cancer",
    "FGFR1-SQ", "Phase 2", "COMPLETED", "Rare Thoracic Tumours Network", [LUH, HANSE],
    [("A", "Pan-FGFR inhibitor", ["erdafitinib"], False)],
    diagnoses=["LUSC"],
    criteria=AND(C(oncotree_primary_diagnosis="Lung Squamous Cell Carcinoma", age_numerical=">=18", ecog="<=1"),
                 G(hugo_symbol="FGFR1", variant_category="Copy Number Variation", cnv_call="Amplification")),
    inclusion="FGFR1 amplification (FISH FGFR1/CEN8 ≥ 2 or NGS CN ≥ 6). At least one prior line.",
    exclusion="Hyperphosphataemia. Central serous retinopathy.")

T_METEX14 = trial(
    "NCT06298155",
    "MET TKI Plus Anti-PD-L1 in MET Exon 14 Skipping NSCLC",
    "MET14-IO", "Phase 2", "SUSPENDED", "Cardinal Lung Cancer Group", [LUH, AUBIN],
    [("A", "Tepotinib + durvalumab", ["tepotinib", "durvalumab"])],
    max_age=80, diagnoses=["NSCLC"],
    criteria=AND(C(oncotree_primary_diagnosis=NSCLC, age_numerical=">=18", ecog="<=1"),
                 G(hugo_symbol="MET", variant_category="Mutation", exon="14")),
    inclusion="MET exon 14 skipping alteration by DNA or RNA NGS. Treatment-naive or one prior line.",
    exclusion="Prior MET inhibitor. Enrolment suspended after two cases of grade 4 hepatitis.")

T_POLE = trial(
    "NCT06628471",
    "Adjuvant Treatment De-Escalation in POLE-Ultramutated Endometrial Cancer",
    "POLE-LESS", "Phase 2", "RECRUITING", "European Gynaecological Oncology Trials", [LUH, NORDIC, LAGO],
    [("A", "Observation after surgery", []), ("B", "Vaginal brachytherapy", [])],
    sex="female", diagnoses=["UCEC"],
    criteria=AND(C(oncotree_primary_diagnosis="Endometrial Carcinoma", age_numerical=">=18"),
                 OR(G(hugo_symbol="POLE", variant_category="Mutation", protein_change="p.P286R"),
                    G(hugo_symbol="POLE", variant_category="Mutation", protein_change="p.V411L"),
                    G(hugo_symbol="POLE", variant_category="Mutation", protein_change="p.S297F"),
                    G(hugo_symbol="POLE", variant_category="Mutation", protein_change="p.A456P"),
                    G(hugo_symbol="POLE", variant_category="Mutation", protein_change="p.S459F"))),
    inclusion="Pathogenic POLE exonuclease-domain mutation. FIGO 2023 stage I–II after hysterectomy and bilateral "
              "salpingo-oophorectomy.",
    exclusion="Residual disease after surgery. Concurrent MMR deficiency or p53 abnormality (multiple classifier).")

T_CCNE1 = trial(
    "NCT06547309",
    "PKMYT1 Inhibitor in CCNE1-Amplified Platinum-Resistant Ovarian and Endometrial Cancers",
    "CYCLONE", "Phase 1/Phase 2", "RECRUITING", "Vireo Pharma", [LUH, BOSTON, KRAKOW],
    [("A", "PKMYT1 inhibitor", ["VIR-0505 (PKMYT1 inhibitor)"]),
     ("B", "PKMYT1 inhibitor + gemcitabine", ["VIR-0505 (PKMYT1 inhibitor)", "gemcitabine"])],
    sex="female", diagnoses=["OVARY", "UTERUS"],
    criteria=AND(ADULT_FIT, G(hugo_symbol="CCNE1", variant_category="Copy Number Variation", cnv_call="Amplification")),
    inclusion="CCNE1 amplification (CN ≥ 8 by NGS). Platinum-resistant disease (progression < 6 months after last "
              "platinum).",
    exclusion="Prior WEE1 or PKMYT1 inhibitor. Bowel obstruction in the last 3 months.")

T_ATR = trial(
    "NCT06409926",
    "Tumour-Agnostic ATR Inhibitor in ATM- or ARID1A-Deficient Advanced Solid Tumours",
    "ATR-LOSS", "Phase 1/Phase 2", "RECRUITING", "Helix Precision Oncology", [LUH, HANSE, SOL],
    [("A", "ATM-deficient", ["HPX-1120 (ATR inhibitor)"], True, G(hugo_symbol="ATM", variant_category="Mutation")),
     ("B", "ARID1A-deficient", ["HPX-1120 (ATR inhibitor)"], True, G(hugo_symbol="ARID1A", variant_category="Mutation"))],
    max_age=75,
    criteria=AND(C(oncotree_primary_diagnosis="_SOLID_", age_numerical=">=18", ecog="<=1"),
                 OR(G(hugo_symbol="ATM", variant_category="Mutation", variant_classification="Nonsense_Mutation"),
                    G(hugo_symbol="ATM", variant_category="Mutation", variant_classification="Frame_Shift_Del"),
                    G(hugo_symbol="ARID1A", variant_category="Mutation", variant_classification="Nonsense_Mutation"),
                    G(hugo_symbol="ARID1A", variant_category="Mutation", variant_classification="Frame_Shift_Del"))),
    inclusion="Truncating (loss-of-function) ATM or ARID1A alteration, or loss of ATM/ARID1A protein by IHC. Missense "
              "variants of uncertain significance do not qualify.",
    exclusion="Prior ATR, ATM or WEE1 inhibitor. Haemoglobin < 9 g/dL.")

T_SQ_SBRT = trial(
    "NCT06592214",
    "Anti-PD-1 With or Without Stereotactic Radiotherapy for Oligometastatic NSCLC With PD-L1 TPS ≥ 50%",
    "OLIGO-PD1", "Phase 3", "RECRUITING", "Cardinal Lung Cancer Group", [LUH, RHEIN, AUBIN, LAGO],
    [("A", "Pembrolizumab + SBRT to all metastases", ["pembrolizumab"]), ("B", "Pembrolizumab", ["pembrolizumab"])],
    diagnoses=["NSCLC"],
    criteria=AND(C(oncotree_primary_diagnosis=NSCLC, age_numerical=">=18", ecog="<=1", prior_treatment="!pembrolizumab"),
                 G(hugo_symbol="!EGFR", variant_category="Mutation"),
                 G(hugo_symbol="!ALK", variant_category="Structural Variation")),
    inclusion="PD-L1 TPS ≥ 50% (22C3). One to three metastases, all amenable to SBRT. No EGFR or ALK alteration.",
    exclusion="Prior systemic therapy for advanced disease. Interstitial lung disease.")


# --------------------------------------------------------------------------------------------
# Boards, meetings, notes and decisions.
# --------------------------------------------------------------------------------------------

BOARDS = [
    {"id": "thoracic", "name": "Thoracic Tumour Board", "site": "Lakeshore University Hospital"},
    {"id": "gi", "name": "Gastrointestinal Tumour Board", "site": "Lakeshore University Hospital"},
    {"id": "sarcoma", "name": "Sarcoma & Rare Tumours Board", "site": "Lakeshore University Hospital"},
    {"id": "mtb", "name": "Molecular Tumour Board", "site": "Lakeshore University Hospital"},
]

# Clinicians (all fictitious).
CALDERON = "Inés Calderón"            # medical oncology, chairs the MTB
KOHLER = "Matthias Köhler"            # pathology
RAGHU = "Priya Raghunathan"           # molecular biology
AKESSON = "Sigrid Åkesson"            # genetics
MENSAH = "Kwame Mensah"               # surgery
MARCHETTI = "Hélène Marchetti"        # radiation oncology
ZIELINSKI = "Tomasz Zieliński"        # radiology
DEVRIES = "Anouk de Vries"            # board coordinator
DEMIR = "Yusuf Demir"                 # medical oncology
WHITFIELD = "Hannah Whitfield"        # thoracic oncology, chairs the thoracic board
ORTEGA = "Rafael Ortega-Benítez"      # thoracic surgery
LIWEI = "Li Wei"                      # thoracic radiology
FERRARO = "Lorenzo Ferraro"           # GI oncology, chairs the GI board
SOUZA = "Ana Paula Souza"             # GI pathology
ADEYEMI = "Ruth Adeyemi"              # sarcoma oncology, chairs the sarcoma board
VANDENBERG = "Pieter van den Berg"    # sarcoma surgery


def who(name, discipline, present=None):
    return {"name": name, "discipline": discipline, "present": present}


def mtb_roster(past):
    p = True if past else None
    return [who(CALDERON, "medical-oncology", p), who(DEMIR, "medical-oncology", p), who(KOHLER, "pathology", p),
            who(RAGHU, "molecular-biology", p), who(AKESSON, "genetics", p),
            who(MENSAH, "surgery", False if past else None), who(MARCHETTI, "radiation-oncology", p),
            who(ZIELINSKI, "radiology", p), who(DEVRIES, "coordinator", p)]


def item(case, pos, presenter, minutes, outcome="pending", seconds=None, defer=None):
    return {"caseId": case, "position": pos, "presenter": presenter, "plannedMinutes": minutes, "outcome": outcome,
            "secondsSpent": seconds, "deferReason": defer}


MTB_PAST = "M-2026-11-19-MTB"
MTB_NEXT = "M-2026-12-03-MTB"
THOR_PAST = "M-2026-11-05-THOR"
GI_PAST = "M-2026-11-12-GI"
SARC_PAST = "M-2026-10-29-SARC"

MEETINGS = [
    {"id": MTB_NEXT, "boardId": "mtb", "startsAt": "2026-12-03T15:00:00Z", "status": "planned",
     "location": "Lakeshore University Hospital, room B2.114 and video link", "chair": CALDERON,
     "roster": mtb_roster(past=False),
     "agenda": [item("C-0003", 1, WHITFIELD, 12), item("C-0004", 2, WHITFIELD, 10), item("C-0006", 3, FERRARO, 12),
                item("C-0007", 4, FERRARO, 15), item("C-0010", 5, DEMIR, 10), item("C-0014", 6, ADEYEMI, 15),
                item("C-0015", 7, FERRARO, 12), item("C-0020", 8, DEMIR, 12)]},
    {"id": MTB_PAST, "boardId": "mtb", "startsAt": "2026-11-19T15:00:00Z", "endedAt": "2026-11-19T17:08:00Z",
     "status": "closed", "location": "Lakeshore University Hospital, room B2.114 and video link", "chair": CALDERON,
     "roster": mtb_roster(past=True),
     "agenda": [
         item("C-0001", 1, WHITFIELD, 15, "discussed", 1260),
         item("C-0009", 2, FERRARO, 12, "discussed", 840),
         item("C-0013", 3, ADEYEMI, 12, "discussed", 1050),
         item("C-0017", 4, CALDERON, 15, "discussed", 1140),
         item("C-0016", 5, WHITFIELD, 12, "deferred", 420,
              "Central pathology review pending: thymic squamous carcinoma vs. metastatic squamous carcinoma of lung "
              "origin. KIT (CD117), CD5 and FOXN1 on the full block requested; re-present with the review."),
         item("C-0022", 6, MARCHETTI, 10, "discussed", 690),
         item("C-0023", 7, FERRARO, 12, "discussed", 930),
     ]},
    {"id": THOR_PAST, "boardId": "thoracic", "startsAt": "2026-11-05T07:30:00Z", "endedAt": "2026-11-05T08:20:00Z",
     "status": "closed", "location": "Thoracic Oncology, seminar room 3", "chair": WHITFIELD,
     "roster": [who(WHITFIELD, "medical-oncology", True), who(ORTEGA, "surgery", True), who(KOHLER, "pathology", True),
                who(MARCHETTI, "radiation-oncology", True), who(LIWEI, "radiology", True),
                who(DEVRIES, "coordinator", True)],
     "agenda": [item("C-0002", 1, WHITFIELD, 15, "discussed", 1010), item("C-0005", 2, ORTEGA, 15, "discussed", 1220)]},
    {"id": GI_PAST, "boardId": "gi", "startsAt": "2026-11-12T12:00:00Z", "endedAt": "2026-11-12T12:55:00Z",
     "status": "closed", "location": "Visceral Surgery, conference room 1", "chair": FERRARO,
     "roster": [who(FERRARO, "medical-oncology", True), who(MENSAH, "surgery", True), who(SOUZA, "pathology", True),
                who(ZIELINSKI, "radiology", True), who(AKESSON, "genetics", True),
                who(MARCHETTI, "radiation-oncology", False), who(DEVRIES, "coordinator", True)],
     "agenda": [item("C-0008", 1, FERRARO, 15, "discussed", 1130), item("C-0019", 2, FERRARO, 15, "discussed", 1290)]},
    {"id": SARC_PAST, "boardId": "sarcoma", "startsAt": "2026-10-29T16:00:00Z", "endedAt": "2026-10-29T16:50:00Z",
     "status": "closed", "location": "Sarcoma Centre, room S0.21 and video link", "chair": ADEYEMI,
     "roster": [who(ADEYEMI, "medical-oncology", True), who(VANDENBERG, "surgery", True), who(KOHLER, "pathology", True),
                who(MARCHETTI, "radiation-oncology", True), who(LIWEI, "radiology", True),
                who(RAGHU, "molecular-biology", True), who(DEVRIES, "coordinator", True)],
     "agenda": [item("C-0011", 1, ADEYEMI, 15, "discussed", 1180), item("C-0012", 2, ADEYEMI, 15, "discussed", 1450)]},
]

NOTES = [
    {"id": "N-0001", "target": {"caseId": "C-0001", "findingId": F("C-0001", "met")}, "author": RAGHU,
     "text": "MET CN 9 on the liver re-biopsy (purity 45 %) — focal, not present in the 2024 baseline. Orthogonal FISH: "
             "MET/CEP7 ratio 3.1, mean GCN 8.4. Qualifies for the MET-OSI-3 threshold.",
     "writtenAt": "2026-11-17T09:42:00Z", "version": 1},
    {"id": "N-0002", "target": {"caseId": "C-0001", "trialId": T_EGFR_MET}, "author": DEVRIES,
     "text": "Screening slot held for 8 Dec. Sponsor needs the FISH report and the post-progression CT; both sent. "
             "Patient prefers treatment in Geneva (no travel to Lyon).",
     "writtenAt": "2026-11-20T10:15:00Z", "version": 1, "meetingId": MTB_PAST},
    {"id": "N-0003", "target": {"caseId": "C-0016"}, "author": KOHLER,
     "text": "Morphology favours thymic squamous carcinoma (CD5+, CD117+ on limited material) but the core is small. "
             "Full block requested from the referring centre (Hôpital Saint-Éloi) for CD5/CD117/FOXN1 and "
             "exclusion of a pulmonary primary. Expected before 10 Dec.",
     "writtenAt": "2026-11-19T16:10:00Z", "version": 1, "meetingId": MTB_PAST},
    {"id": "N-0004", "target": {"caseId": "C-0017", "findingId": F("C-0017", "brca1")}, "author": AKESSON,
     "text": "Founder variant BRCA1 c.68_69del confirmed on blood (germline). Counselling booked for 2 Dec; cascade "
             "testing offered to her sister and, when she is 18, her daughter. PALB2 p.L939W stays a VUS — no "
             "clinical action.",
     "writtenAt": "2026-11-18T14:05:00Z", "version": 1},
    {"id": "N-0005", "target": {"caseId": "C-0013", "findingId": F("C-0013", "mdm2")}, "author": RAGHU,
     "text": "MDM2 CN 38 with CDK4 CN 22, 12q13–15 amplicon incl. HMGA2 and FRS2. TP53 wild-type across all exons "
             "(coverage ≥ 500×) — meets the TP53 wild-type criterion of MDM2-LPS.",
     "writtenAt": "2026-11-16T11:30:00Z", "version": 1},
    {"id": "N-0006", "target": {"caseId": "C-0020"}, "author": DEVRIES,
     "text": "ECOG not documented since the September visit; asked Dr. Demir to record it before 3 Dec. Trials "
             "NRAS-RAFMEK and RASCAL-1 require ECOG 0–1.",
     "writtenAt": "2026-11-24T08:50:00Z", "version": 1},
    {"id": "N-0007", "target": {"caseId": "C-0014", "findingId": F("C-0014", "magea4")}, "author": ADEYEMI,
     "text": "HLA-A*02:01 confirmed by high-resolution typing. MAGE-A4 IHC sent to the reference laboratory on 20 Nov "
             "(turnaround ~10 working days); the TCR trial needs ≥ 30 % of cells at ≥ 2+.",
     "writtenAt": "2026-11-20T15:20:00Z", "version": 1},
    {"id": "N-0008", "target": {"caseId": "C-0003"}, "author": CALDERON,
     "text": "Cardiology cleared him (stents patent, LVEF 55 %). COPD GOLD 2: pneumonitis risk to weigh for the "
             "SHP2 combination. STK11/KEAP1 co-mutation explains the short benefit from pembrolizumab.",
     "writtenAt": "2026-11-25T17:02:00Z", "version": 1},
    {"id": "N-0009", "target": {"caseId": "C-0009", "findingId": F("C-0009", "fgfr2")}, "author": RAGHU,
     "text": "RNA confirms an in-frame FGFR2::BICC1 transcript; breakpoint in intron 17 keeps the kinase domain. "
             "No FGFR2 kinase-domain mutation at baseline (useful for later resistance testing).",
     "writtenAt": "2026-11-17T10:05:00Z", "version": 1},
    {"id": "N-0010", "target": {"caseId": "C-0012"}, "author": ADEYEMI,
     "text": "ECOG 2 due to pain from a rib metastasis; palliative RT planned. If ECOG improves to ≤ 1, re-screen "
             "for HR-DUET.",
     "writtenAt": "2026-10-29T16:48:00Z", "version": 1, "meetingId": SARC_PAST},
    {"id": "N-0011", "target": {"caseId": "C-0022"}, "author": MARCHETTI,
     "text": "Seven lung nodules, largest 14 mm in the right lower lobe. If one or two lesions progress on the TRK "
             "inhibitor, SBRT (3 × 15 Gy) is feasible.",
     "writtenAt": "2026-11-19T16:30:00Z", "version": 1, "meetingId": MTB_PAST},
    {"id": "N-0012", "target": {"caseId": "C-0010"}, "author": DEMIR,
     "text": "Pre-board summary: IDH1 R132C on the 2025 resection; no new tissue since recurrence. Ivosidenib is "
             "reimbursed after one prior line. QTc 432 ms.",
     "writtenAt": "2026-11-26T13:40:00Z", "version": 2},
    {"id": "N-0013", "target": {"caseId": "C-0006"}, "author": ZIELINSKI,
     "text": "CT 14 Nov: three new liver lesions (largest 23 mm, segment VII), no extrahepatic disease. Not "
             "resectable; ablation not advised (proximity to the right hepatic vein).",
     "writtenAt": "2026-11-21T09:12:00Z", "version": 1},
]


def rec(kind, priority, rationale, therapy=None, drugs=(), trial=None, findings=(), scale=None, code=None):
    return {"kind": kind, "priority": priority, "rationale": rationale, "therapy": therapy, "drugs": list(drugs),
            "trialId": trial, "findingIds": list(findings),
            "evidence": {"scale": scale, "code": code} if scale else None}


def decision(did, case, meeting, recs, present, chair, recorded_by, recorded_at, signed_at, follow, consensus="unanimous",
             dissent=(), status="final"):
    return {"id": did, "caseId": case, "meetingId": meeting, "version": 1, "status": status, "recommendations": recs,
            "consensus": consensus, "dissent": list(dissent), "attendeesPresent": present, "followUp": follow,
            "signedBy": chair if status == "final" else None, "signedAt": signed_at if status == "final" else None,
            "recordedBy": recorded_by, "recordedAt": recorded_at}


MTB_PRESENT = [CALDERON, DEMIR, KOHLER, RAGHU, AKESSON, MARCHETTI, ZIELINSKI, DEVRIES]
THOR_PRESENT = [WHITFIELD, ORTEGA, KOHLER, MARCHETTI, LIWEI, DEVRIES]
GI_PRESENT = [FERRARO, MENSAH, SOUZA, ZIELINSKI, AKESSON, DEVRIES]
SARC_PRESENT = [ADEYEMI, VANDENBERG, KOHLER, MARCHETTI, LIWEI, RAGHU, DEVRIES]

DECISIONS = [
    decision("D-0001", "C-0001", MTB_PAST, [
        rec("clinical-trial", 1, "Acquired MET amplification is the dominant resistance mechanism; EGFR L858R retained. "
            "Osimertinib plus MET inhibitor within MET-OSI-3 keeps a chemotherapy-free option.",
            therapy="Osimertinib + savolitinib (MET-OSI-3)", drugs=["osimertinib", "savolitinib"], trial=T_EGFR_MET,
            findings=[F("C-0001", "egfr"), F("C-0001", "met")], scale="ESCAT", code="II-B"),
        rec("standard-of-care", 2, "If screening fails: approved post-osimertinib standard.",
            therapy="Amivantamab + carboplatin + pemetrexed", drugs=["amivantamab", "carboplatin", "pemetrexed"],
            findings=[F("C-0001", "egfr")], scale="OncoKB", code="1"),
    ], MTB_PRESENT, CALDERON, DEVRIES, "2026-11-19T15:21:00Z", "2026-11-19T17:20:00Z",
        {"date": "2027-02-18", "intervalWeeks": 12, "represent": "CT thorax/abdomen and brain MRI after 3 cycles"},
        consensus="majority", dissent=[{"name": DEMIR, "reason": "Prefers the approved amivantamab-chemotherapy "
                                        "combination now; trial screening may delay treatment by 3–4 weeks."}]),
    decision("D-0002", "C-0009", MTB_PAST, [
        rec("targeted-therapy", 1, "FGFR2::BICC1 fusion, progression after first-line chemo-immunotherapy.",
            therapy="Futibatinib 20 mg daily", drugs=["futibatinib"], findings=[F("C-0009", "fgfr2")],
            scale="OncoKB", code="1"),
        rec("clinical-trial", 2, "At progression on futibatinib: re-biopsy or ctDNA for FGFR2 kinase-domain mutations, "
            "then FGFR2-SELECT cohort B.", trial=T_FGFR2, findings=[F("C-0009", "fgfr2")], scale="NCT/DKTK", code="m2A"),
    ], MTB_PRESENT, CALDERON, DEVRIES, "2026-11-19T15:35:00Z", "2026-11-19T17:20:00Z",
        {"intervalWeeks": 12, "represent": "Phosphate and ophthalmology checks; CT at 12 weeks"}),
    decision("D-0003", "C-0013", MTB_PAST, [
        rec("clinical-trial", 1, "MDM2-amplified, TP53 wild-type DDLS; no effective standard after doxorubicin and "
            "trabectedin.", therapy="MDM2–p53 antagonist (MDM2-LPS, arm A)", drugs=["VIR-7728 (MDM2 inhibitor)"],
            trial=T_MDM2, findings=[F("C-0013", "mdm2")], scale="ESCAT", code="II-B"),
        rec("targeted-therapy", 2, "If not enrolled: CDK4 amplification supports palbociclib (off-label, cost approval "
            "needed).", therapy="Palbociclib 125 mg d1–21 q28d", drugs=["palbociclib"],
            findings=[F("C-0013", "cdk4")], scale="OncoKB", code="2"),
        rec("chemotherapy", 3, "Eribulin as the remaining standard for L-sarcoma.", therapy="Eribulin",
            drugs=["eribulin"]),
    ], MTB_PRESENT, CALDERON, DEVRIES, "2026-11-19T15:53:00Z", "2026-11-19T17:20:00Z",
        {"date": "2027-01-28", "represent": "Trial screening outcome; first response CT"}),
    decision("D-0004", "C-0017", MTB_PAST, [
        rec("targeted-therapy", 1, "Germline BRCA1 pathogenic variant with HRD-high tumour; PARP-inhibitor-naive.",
            therapy="Olaparib 300 mg twice daily", drugs=["olaparib"], findings=[F("C-0017", "brca1"), F("C-0017", "hrd")],
            scale="OncoKB", code="1"),
        rec("genetic-counselling", 2, "Cascade testing for first-degree relatives; risk-reducing surgery discussion.",
            findings=[F("C-0017", "brca1")]),
        rec("chemotherapy", 3, "At progression: trastuzumab deruxtecan for HER2-low disease.",
            therapy="Trastuzumab deruxtecan", drugs=["trastuzumab deruxtecan"], findings=[F("C-0017", "her2")],
            scale="OncoKB", code="1"),
    ], MTB_PRESENT, CALDERON, DEVRIES, "2026-11-19T16:12:00Z", "2026-11-19T17:20:00Z",
        {"intervalWeeks": 8, "represent": "Response CT; counselling outcome"}),
    decision("D-0005", "C-0022", MTB_PAST, [
        rec("targeted-therapy", 1, "ETV6::NTRK3 fusion: tissue-agnostic TRK inhibition with high response rates.",
            therapy="Larotrectinib 100 mg twice daily", drugs=["larotrectinib"], findings=[F("C-0022", "ntrk3")],
            scale="OncoKB", code="1"),
        rec("radiotherapy", 2, "SBRT to isolated progressing lesions while continuing larotrectinib.",
            therapy="SBRT 3 × 15 Gy to oligoprogressive nodules"),
    ], MTB_PRESENT, CALDERON, DEVRIES, "2026-11-19T16:38:00Z", "2026-11-19T17:20:00Z",
        {"intervalWeeks": 8, "represent": "CT thorax at 8 weeks"}),
    decision("D-0006", "C-0023", MTB_PAST, [
        rec("targeted-therapy", 1, "HER2 amplification retained on the progression biopsy (CN 14).",
            therapy="Trastuzumab deruxtecan 6.4 mg/kg q3w", drugs=["trastuzumab deruxtecan"],
            findings=[F("C-0023", "erbb2_r2")], scale="OncoKB", code="1"),
        rec("chemotherapy", 2, "Alternative if ILD risk is judged too high.", therapy="Ramucirumab + paclitaxel",
            drugs=["ramucirumab", "paclitaxel"]),
        rec("clinical-trial", 3, "CLDN18.2 75%: CLAUDIN-CAR after a further line.", trial=T_CLDN,
            findings=[F("C-0023", "cldn")], scale="NCT/DKTK", code="m1C"),
    ], MTB_PRESENT, CALDERON, DEVRIES, "2026-11-19T17:04:00Z", "2026-11-19T17:20:00Z",
        {"intervalWeeks": 9, "represent": "CT after 3 cycles"}),
    decision("D-0007", "C-0002", THOR_PAST, [
        rec("targeted-therapy", 1, "Exon 19 deletion with TP53 co-mutation and high disease burden favour the "
            "combination.", therapy="Osimertinib + carboplatin + pemetrexed (FLAURA2)",
            drugs=["osimertinib", "carboplatin", "pemetrexed"], findings=[F("C-0002", "egfr"), F("C-0002", "tp53")],
            scale="OncoKB", code="1"),
        rec("targeted-therapy", 2, "Alternative if chemotherapy is declined.", therapy="Amivantamab + lazertinib",
            drugs=["amivantamab", "lazertinib"], findings=[F("C-0002", "egfr")], scale="OncoKB", code="1"),
    ], THOR_PRESENT, WHITFIELD, DEVRIES, "2026-11-05T07:48:00Z", "2026-11-05T08:30:00Z",
        {"intervalWeeks": 12, "represent": "CT and brain MRI after 4 cycles"}),
    decision("D-0008", "C-0005", THOR_PAST, [
        rec("targeted-therapy", 1, "Multiple brain metastases: switch from crizotinib to a CNS-active ROS1 TKI.",
            therapy="Repotrectinib 160 mg daily × 14 days, then twice daily", drugs=["repotrectinib"],
            findings=[F("C-0005", "ros1")], scale="OncoKB", code="1"),
        rec("radiotherapy", 2, "SRS only if intracranial progression on repotrectinib.", therapy="Stereotactic radiosurgery"),
    ], THOR_PRESENT, WHITFIELD, DEVRIES, "2026-11-05T08:10:00Z", "2026-11-05T08:30:00Z",
        {"intervalWeeks": 8, "represent": "Brain MRI at 8 weeks"}),
    decision("D-0009", "C-0008", GI_PAST, [
        rec("targeted-therapy", 1, "ERBB2 amplification, RAS/BRAF wild-type, after two lines.",
            therapy="Tucatinib + trastuzumab", drugs=["tucatinib", "trastuzumab"], findings=[F("C-0008", "erbb2")],
            scale="OncoKB", code="1"),
        rec("targeted-therapy", 2, "At progression: trastuzumab deruxtecan.", therapy="Trastuzumab deruxtecan",
            drugs=["trastuzumab deruxtecan"], findings=[F("C-0008", "erbb2")], scale="ESCAT", code="II-B"),
        rec("clinical-trial", 3, "HER2-ANY cohort A as a later option.", trial=T_HER2_BASKET,
            findings=[F("C-0008", "erbb2")], scale="NCT/DKTK", code="m2A"),
    ], GI_PRESENT, FERRARO, DEVRIES, "2026-11-12T12:19:00Z", "2026-11-12T13:05:00Z",
        {"intervalWeeks": 9, "represent": "CT after 3 cycles"}),
    decision("D-0010", "C-0019", GI_PAST, [
        rec("targeted-therapy", 1, "Germline BRCA2, platinum-sensitive, no progression after 16+ weeks of FOLFIRINOX.",
            therapy="Olaparib maintenance 300 mg twice daily", drugs=["olaparib"], findings=[F("C-0019", "brca2")],
            scale="OncoKB", code="1"),
        rec("genetic-counselling", 2, "Germline BRCA2 founder variant: counselling and cascade testing for his "
            "children.", findings=[F("C-0019", "brca2")]),
        rec("clinical-trial", 3, "KRAS G12D: G12D-MAINT at progression.", trial=T_G12D,
            findings=[F("C-0019", "kras")], scale="NCT/DKTK", code="m3"),
    ], GI_PRESENT, FERRARO, DEVRIES, "2026-11-12T12:41:00Z", "2026-11-12T13:05:00Z",
        {"intervalWeeks": 8, "represent": "CA 19-9 and CT at 8 weeks"}),
    decision("D-0011", "C-0011", SARC_PAST, [
        rec("clinical-trial", 1, "KIT exon 11 + exon 17 D820Y: the ripretinib-vs-sunitinib trial targets exactly this "
            "genotype.", trial=T_GIST, findings=[F("C-0011", "kit11"), F("C-0011", "kit17")],
            scale="NCT/DKTK", code="m1B"),
        rec("targeted-therapy", 2, "Outside the trial: sunitinib as the standard second line.",
            therapy="Sunitinib 37.5 mg continuous", drugs=["sunitinib"], findings=[F("C-0011", "kit11")],
            scale="OncoKB", code="1"),
    ], SARC_PRESENT, ADEYEMI, DEVRIES, "2026-10-29T16:20:00Z", "2026-10-29T17:00:00Z",
        {"intervalWeeks": 12, "represent": "CT at 12 weeks"}),
    decision("D-0012", "C-0012", SARC_PAST, [
        rec("chemotherapy", 1, "ECOG 2 excludes the HR-DUET trial; trabectedin is the standard for L-sarcoma.",
            therapy="Trabectedin 1.5 mg/m² q3w", drugs=["trabectedin"]),
        rec("targeted-therapy", 2, "BRCA2 homozygous deletion with HRD-high: olaparib plus temozolomide off-label at "
            "progression.", therapy="Olaparib + temozolomide", drugs=["olaparib", "temozolomide"],
            findings=[F("C-0012", "brca2"), F("C-0012", "hrd")], scale="NCT/DKTK", code="m1B"),
        rec("radiotherapy", 3, "Palliative RT to the painful rib metastasis.", therapy="8 Gy single fraction"),
    ], SARC_PRESENT, ADEYEMI, DEVRIES, "2026-10-29T16:44:00Z", "2026-10-29T17:00:00Z",
        {"intervalWeeks": 9, "represent": "CT; re-screen for HR-DUET if ECOG ≤ 1"}, consensus="majority",
        dissent=[{"name": RAGHU, "reason": "Would give olaparib-temozolomide first, given the BRCA2 deletion and HRD "
                                           "score; trabectedin remains available afterwards."}]),
    # A draft prepared by the coordinator for the coming meeting.
    decision("D-0013", "C-0010", MTB_NEXT, [
        rec("targeted-therapy", 1, "IDH1 R132C after first-line gemcitabine-cisplatin-durvalumab.",
            therapy="Ivosidenib 500 mg daily", drugs=["ivosidenib"], findings=[F("C-0010", "idh1")],
            scale="OncoKB", code="1"),
        rec("clinical-trial", 2, "IDH-COMBO arm A as an alternative.", trial=T_IDH1, findings=[F("C-0010", "idh1")],
            scale="NCT/DKTK", code="m2B"),
    ], [], CALDERON, DEMIR, "2026-11-26T14:00:00Z", None, None, consensus=None, status="draft"),
]


# --------------------------------------------------------------------------------------------
# Output.
# --------------------------------------------------------------------------------------------


def write(name, doc):
    path = os.path.join(HERE, name)
    text = json.dumps(clean(doc), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


def main():
    write("boards.json", {"format": FORMAT, "boards": BOARDS, "meetings": MEETINGS, "notes": NOTES,
                          "decisions": DECISIONS})
    write("cases.json", {"format": FORMAT, "cases": CASES})
    write("trials.json", {"format": FORMAT, "trials": TRIALS})
    findings = sum(len(c["findings"]) for c in CASES)
    print("wrote %d boards, %d meetings, %d notes, %d decisions, %d cases (%d findings), %d trials"
          % (len(BOARDS), len(MEETINGS), len(NOTES), len(DECISIONS), len(CASES), findings, len(TRIALS)))
    if "--no-check" not in sys.argv:
        sys.dont_write_bytecode = True
        sys.path.insert(0, HERE)
        import check
        sys.exit(check.main())


if __name__ == "__main__":
    main()
