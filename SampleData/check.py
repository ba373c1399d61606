#!/usr/bin/env python3
"""Self-check of the sample board (stdlib only).

    python3 SampleData/check.py [boards.json cases.json trials.json]

Checks that the files follow the native layout (keys, required fields, enum values, dates), that
the sample has what the tests and demos rely on (counts, rare diagnoses, classic alterations,
missing-data gaps, one upcoming and one past meeting), that every evidence level is valid for
its scale, that every OncoTree code or name exists in the OncoTree release under
/work/shared/realdata/oncotree (skipped with a message when the file is absent), and that every
cross-reference (agenda, notes, decisions, findings, trials) resolves. Exit status 0 when all pass.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ONCOTREE = os.environ.get("ONCOTREE_JSON", "/work/shared/realdata/oncotree/oncotree_2025_10_03.json")
TODAY = "2026-11-27"

FAILURES = []


def fail(msg):
    FAILURES.append(msg)


def expect(cond, msg):
    if not cond:
        fail(msg)
    return cond


# ---- schema: allowed keys, required keys and enums, mirroring Sources/BoardModel -------------

LOCAL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

ENUMS = {
    "CaseStatus": {"new", "ready", "on-agenda", "discussed", "deferred", "closed"},
    "Laterality": {"left", "right", "bilateral", "midline", "n/a"},
    "Response": {"CR", "PR", "SD", "PD", "NE"},
    "Sex": {"female", "male", "other", "unknown"},
    "IdentifierKind": {"mrn", "national", "lab", "other"},
    "FindingKind": {"snv", "indel", "cnv", "fusion", "sv", "biomarker"},
    "CopyNumberCall": {"Amplification", "Gain", "Heterozygous deletion", "Homozygous deletion"},
    "VariantOrigin": {"somatic", "germline", "unknown"},
    "Classification": {"oncogenic", "likely-oncogenic", "pathogenic", "likely-pathogenic", "vus", "likely-benign",
                       "benign"},
    "BiomarkerKind": {"tmb", "msi", "pdl1", "hrd", "other"},
    "EvidenceScale": {"OncoKB", "CIViC", "ESCAT", "AMP/ASCO/CAP", "NCT/DKTK"},
    "RecruitmentStatus": {"NOT_YET_RECRUITING", "RECRUITING", "ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING",
                          "SUSPENDED", "TERMINATED", "COMPLETED", "WITHDRAWN", "UNKNOWN"},
    "MeetingStatus": {"planned", "in-progress", "closed"},
    "Discipline": {"medical-oncology", "radiation-oncology", "surgery", "pathology", "radiology", "genetics",
                   "nuclear-medicine", "nursing", "coordinator", "haematology", "molecular-biology", "palliative-care",
                   "other"},
    "AgendaOutcome": {"pending", "discussed", "deferred", "re-present"},
    "DecisionStatus": {"draft", "final", "amended"},
    "RecommendationKind": {"targeted-therapy", "immunotherapy", "chemotherapy", "clinical-trial", "surgery",
                           "radiotherapy", "chemoradiation", "standard-of-care", "best-supportive-care", "surveillance",
                           "further-diagnostics", "re-biopsy", "genetic-counselling"},
    "Consensus": {"unanimous", "majority", "none"},
    "VitalStatus": {"alive", "deceased", "unknown"},
    "OutcomeKind": {"treatment-started", "treatment-not-started", "response", "progression", "treatment-stopped",
                    "toxicity", "death", "lost-to-follow-up"},
    "Adherence": {"yes", "no", "partly"},
    "ResponseCriteria": {"RECIST 1.1", "iRECIST", "RANO", "Lugano", "IMWG"},
    "StopReason": {"completed", "progression", "toxicity", "patient-choice", "death", "other", "not-stated"},
}

# type name -> {key: type}; "!" prefix = required. Types: str, int, num, bool, date, instant,
# [T] list of T, enum:Name, or another schema name.
SCHEMA = {
    "Bundle": {"!format": "str", "boards": "[Board]", "cases": "[Case]", "trials": "[Trial]",
               "meetings": "[Meeting]", "notes": "[Note]", "decisions": "[Decision]", "outcomes": "[CaseOutcome]"},
    "Board": {"!id": "str", "!name": "str", "site": "str"},
    "Case": {"!id": "str", "!patient": "Patient", "!diagnosis": "Diagnosis", "stage": "Stage",
             "performance": "PerformanceStatus", "treatmentHistory": "[TherapyLine]", "comorbidities": "[str]",
             "question": "str", "referringClinician": "str", "consent": "Consent", "status": "enum:CaseStatus",
             "reports": "[MolecularReport]", "findings": "[Finding]", "provenance": "Provenance"},
    "Patient": {"!id": "str", "identifiers": "[PatientIdentifier]", "!name": "PersonName", "birthDate": "date",
                "sex": "enum:Sex", "pseudonym": "str", "vitalStatus": "enum:VitalStatus", "deceasedOn": "date"},
    "PatientIdentifier": {"!kind": "enum:IdentifierKind", "system": "str", "!value": "str"},
    "PersonName": {"given": "str", "family": "str", "text": "str"},
    "Diagnosis": {"oncotreeCode": "str", "!text": "str", "histology": "str", "primarySite": "str",
                  "laterality": "enum:Laterality", "diagnosedOn": "date"},
    "Stage": {"system": "str", "basis": "str", "t": "str", "n": "str", "m": "str", "group": "str", "assessedOn": "date"},
    "PerformanceStatus": {"ecog": "int", "karnofsky": "int", "assessedOn": "date"},
    "TherapyLine": {"!line": "int", "setting": "str", "regimen": "str", "!drugs": "[str]", "start": "date",
                    "end": "date", "bestResponse": "enum:Response", "stopReason": "str"},
    "Consent": {"research": "bool", "trials": "bool", "recordedOn": "date"},
    "Provenance": {"!file": "str", "recordId": "str", "format": "str"},
    "MolecularReport": {"!id": "str", "lab": "str", "assay": "str", "reportedOn": "date", "specimen": "Specimen"},
    "Specimen": {"id": "str", "type": "str", "site": "str", "collectedOn": "date", "tumourPurity": "num"},
    "Finding": {"!id": "str", "reportId": "str", "!kind": "enum:FindingKind", "gene": "str", "transcript": "str",
                "hgvsC": "str", "hgvsP": "str", "consequence": "str", "exon": "str", "vaf": "num", "depth": "int",
                "copyNumberCall": "enum:CopyNumberCall", "copyNumber": "num", "partners": "[str]",
                "breakpoints": "str", "biomarker": "Biomarker", "origin": "enum:VariantOrigin",
                "classification": "enum:Classification", "filter": "str", "evidence": "[EvidenceEntry]"},
    "Biomarker": {"!kind": "enum:BiomarkerKind", "name": "str", "value": "num", "unit": "str", "status": "str"},
    "EvidenceEntry": {"!source": "str", "!level": "EvidenceLevel", "type": "str", "significance": "str",
                      "therapy": "str", "disease": "str", "oncotreeCode": "str", "reference": "str"},
    "EvidenceLevel": {"!scale": "enum:EvidenceScale", "!code": "str"},
    "Trial": {"!id": "str", "!title": "str", "shortTitle": "str", "phase": "str", "status": "enum:RecruitmentStatus",
              "sponsor": "str", "sites": "[TrialSite]", "arms": "[TrialArm]", "eligibility": "Eligibility",
              "provenance": "Provenance"},
    "TrialSite": {"!name": "str", "city": "str", "country": "str", "recruiting": "bool"},
    "TrialArm": {"!id": "str", "!name": "str", "drugs": "[str]", "open": "bool", "criteria": "Criterion"},
    "Eligibility": {"minimumAge": "int", "maximumAge": "int", "sex": "enum:Sex", "diagnoses": "[str]",
                    "conditions": "[str]", "criteria": "Criterion", "inclusionText": "str", "exclusionText": "str"},
    "ClinicalCriterion": {"oncotree_primary_diagnosis": "str", "age_numerical": "str", "gender": "str", "ecog": "str",
                          "tmb_numerical": "str", "her2_status": "str", "er_status": "str", "pr_status": "str",
                          "disease_status": "[str]", "prior_treatment": "str"},
    "GenomicCriterion": {"hugo_symbol": "str", "variant_category": "str", "protein_change": "str",
                         "wildcard_protein_change": "str", "variant_classification": "str", "exon": "str",
                         "cnv_call": "str", "wildtype": "bool", "mmr_status": "str", "ms_status": "str",
                         "fusion_partner_hugo_symbol": "str"},
    "Meeting": {"!id": "str", "!boardId": "str", "!startsAt": "instant", "endedAt": "instant", "location": "str",
                "chair": "str", "roster": "[Attendee]", "agenda": "[AgendaItem]", "status": "enum:MeetingStatus"},
    "Attendee": {"!name": "str", "!discipline": "enum:Discipline", "present": "bool"},
    "AgendaItem": {"!caseId": "str", "!position": "int", "presenter": "str", "plannedMinutes": "int",
                   "outcome": "enum:AgendaOutcome", "deferReason": "str", "secondsSpent": "int"},
    "Note": {"!id": "str", "!target": "NoteTarget", "!author": "str", "!text": "str", "!writtenAt": "instant",
             "!version": "int", "meetingId": "str"},
    "NoteTarget": {"!caseId": "str", "findingId": "str", "trialId": "str"},
    "Decision": {"!id": "str", "!caseId": "str", "meetingId": "str", "version": "int", "status": "enum:DecisionStatus",
                 "recommendations": "[Recommendation]", "consensus": "enum:Consensus", "dissent": "[Dissent]",
                 "attendeesPresent": "[str]", "followUp": "FollowUp", "signedBy": "str", "signedAt": "instant",
                 "amends": "str", "amendmentReason": "str", "!recordedBy": "str", "!recordedAt": "instant"},
    "Recommendation": {"!kind": "enum:RecommendationKind", "therapy": "str", "drugs": "[str]", "trialId": "str",
                       "findingIds": "[str]", "evidence": "EvidenceLevel", "priority": "int", "rationale": "str"},
    "Dissent": {"!name": "str", "!reason": "str"},
    "FollowUp": {"date": "date", "intervalWeeks": "int", "represent": "str"},
    "CaseOutcome": {"!id": "str", "!caseId": "str", "!kind": "enum:OutcomeKind", "!date": "date", "decisionId": "str",
                    "regimen": "str", "drugs": "[str]", "followedRecommendation": "enum:Adherence", "trialId": "str",
                    "criteria": "enum:ResponseCriteria", "response": "str", "stopReason": "enum:StopReason",
                    "grade": "int", "term": "str", "treatmentId": "str", "reason": "str", "source": "str",
                    "version": "int", "recordedBy": "str", "recordedAt": "instant"},
}

CRITERION_KEYS = {"and", "or", "clinical", "genomic"}


def check_value(value, typ, path):
    if typ.startswith("["):
        if expect(isinstance(value, list), "%s: expected a list" % path):
            for i, v in enumerate(value):
                check_value(v, typ[1:-1], "%s[%d]" % (path, i))
        return
    if typ == "str":
        expect(isinstance(value, str), "%s: expected a string" % path)
    elif typ == "int":
        expect(isinstance(value, int) and not isinstance(value, bool), "%s: expected an integer" % path)
    elif typ == "num":
        expect(isinstance(value, (int, float)) and not isinstance(value, bool), "%s: expected a number" % path)
    elif typ == "bool":
        expect(isinstance(value, bool), "%s: expected true/false" % path)
    elif typ == "date":
        expect(isinstance(value, str) and LOCAL_DATE.match(value), "%s: expected YYYY-MM-DD, got %r" % (path, value))
    elif typ == "instant":
        expect(isinstance(value, str) and INSTANT.match(value), "%s: expected ISO 8601 instant, got %r" % (path, value))
    elif typ.startswith("enum:"):
        allowed = ENUMS[typ[5:]]
        expect(value in allowed, "%s: %r is not one of %s" % (path, value, sorted(allowed)))
    elif typ == "Criterion":
        check_criterion(value, path)
    else:
        check_object(value, typ, path)


def check_object(obj, typ, path):
    if not expect(isinstance(obj, dict), "%s: expected an object (%s)" % (path, typ)):
        return
    schema = SCHEMA[typ]
    fields = {k.lstrip("!"): v for k, v in schema.items()}
    for key in schema:
        if key.startswith("!"):
            expect(key[1:] in obj, "%s: missing required key %r" % (path, key[1:]))
    for key, value in obj.items():
        if expect(key in fields, "%s: unknown key %r for %s" % (path, key, typ)):
            expect(value is not None, "%s.%s: null (omit the key instead)" % (path, key))
            if value is not None:
                check_value(value, fields[key], "%s.%s" % (path, key))


def check_criterion(node, path):
    if not expect(isinstance(node, dict) and len(node) == 1 and set(node) <= CRITERION_KEYS,
                  "%s: a criterion node needs exactly one of and/or/clinical/genomic" % path):
        return
    (key, value), = node.items()
    if key in ("and", "or"):
        if expect(isinstance(value, list) and value, "%s.%s: expected a non-empty list" % (path, key)):
            for i, child in enumerate(value):
                check_criterion(child, "%s.%s[%d]" % (path, key, i))
    else:
        check_object(value, "ClinicalCriterion" if key == "clinical" else "GenomicCriterion", "%s.%s" % (path, key))


def walk_criteria(node):
    """Yields every clinical/genomic leaf as (kind, dict)."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in ("and", "or"):
            for child in value:
                yield from walk_criteria(child)
        else:
            yield key, value


# ---- evidence levels, as in Sources/BoardModel/EvidenceScale.swift ---------------------------

LEVELS = {
    "OncoKB": ["1", "2", "3A", "3B", "4", "R1", "R2", "PX1", "PX2", "PX3", "DX1", "DX2", "DX3"],
    "CIViC": ["A", "B", "C", "D", "E"],
    "ESCAT": ["I-A", "I-B", "I-C", "II-A", "II-B", "III-A", "III-B", "IV-A", "V", "X"],
    "AMP/ASCO/CAP": ["I-A", "I-B", "II-C", "II-D", "III", "IV"],
    "NCT/DKTK": ["m1A", "m1B", "m1C", "m2A", "m2B", "m2C", "m3", "m4"],
}


def normalise(scale, code):
    code = code.strip()
    if scale == "OncoKB":
        return code.upper().replace("LEVEL_", "").replace("LEVEL ", "")
    if scale == "CIViC":
        return code.upper()
    if scale == "ESCAT":
        return code.upper().replace(" ", "-")
    if scale == "AMP/ASCO/CAP":
        return code.upper().replace("TIER ", "").replace(" - LEVEL ", "-").replace(" ", "")
    if scale == "NCT/DKTK":
        if code.startswith("M"):
            code = "m" + code[1:]
        for suffix in ("is", "iv", "R", "Z"):
            if len(code) > 2 and code.endswith(suffix):
                code = code[: -len(suffix)]
        if len(code) == 3 and code[-1].isalpha():
            code = code[:-1] + code[-1].upper()
        return code
    return code


def level_ok(level):
    scale, code = level.get("scale"), level.get("code", "")
    return scale in LEVELS and normalise(scale, code) in LEVELS[scale]


# ---- OncoTree --------------------------------------------------------------------------------


def load_oncotree():
    if not os.path.exists(ONCOTREE):
        return None
    with open(ONCOTREE, encoding="utf-8") as fh:
        tree = json.load(fh)
    codes, names = {}, {}

    def walk(nodes):
        for code, node in nodes.items():
            codes[code] = node
            names[node["name"].lower()] = code
            walk(node.get("children") or {})
    walk(tree)
    return codes, names


# ---- the checks ------------------------------------------------------------------------------


def load(paths):
    bundle = {k: [] for k in ("boards", "cases", "trials", "meetings", "notes", "decisions", "outcomes")}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        doc = json.loads(raw)
        check_object(doc, "Bundle", os.path.basename(path))
        expect(doc.get("format") == "tumorboard/1", "%s: format must be tumorboard/1" % path)
        expect(raw == json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
               "%s: not in canonical form (sorted keys, 2-space indent, UTF-8, trailing newline)" % path)
        for key in bundle:
            bundle[key] += doc.get(key, [])
    return bundle


def unique(items, what):
    ids = [x["id"] for x in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    expect(not dupes, "duplicate %s ids: %s" % (what, dupes))
    return {x["id"]: x for x in items}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    paths = [a for a in argv if a.endswith(".json")] or [os.path.join(HERE, n) for n in
                                                          ("boards.json", "cases.json", "trials.json")]
    b = load(paths)
    boards = unique(b["boards"], "board")
    cases = unique(b["cases"], "case")
    trials = unique(b["trials"], "trial")
    meetings = unique(b["meetings"], "meeting")
    notes = unique(b["notes"], "note")
    decisions = unique(b["decisions"], "decision")
    unique([c["patient"] for c in b["cases"]], "patient")
    unique([r for c in b["cases"] for r in c.get("reports", [])], "report")
    findings = unique([f for c in b["cases"] for f in c.get("findings", [])], "finding")
    finding_case = {f["id"]: c["id"] for c in b["cases"] for f in c.get("findings", [])}

    # Counts.
    expect(len(boards) >= 3, "need ≥ 3 boards, have %d" % len(boards))
    expect({"thoracic", "gi", "mtb"} <= set(boards), "boards thoracic, gi and mtb expected")
    expect(len(cases) >= 24, "need ≥ 24 cases, have %d" % len(cases))
    expect(len(findings) >= 150, "need ≥ 150 findings, have %d" % len(findings))
    expect(len(trials) >= 30, "need ≥ 30 trials, have %d" % len(trials))
    expect(len(notes) >= 8, "need ≥ 8 notes, have %d" % len(notes))
    dx_codes = {c["diagnosis"].get("oncotreeCode") for c in cases.values()}
    expect(len(dx_codes) >= 10, "need ≥ 10 distinct diagnoses, have %d" % len(dx_codes))
    for code in ("IHCH", "GIST", "PANET", "THYC", "LUAD", "COAD", "IDC", "SKCM", "GB"):
        expect(code in dx_codes, "diagnosis %s missing" % code)
    expect(len(dx_codes & {"LMS", "DDLS", "SYNS"}) >= 2, "need ≥ 2 sarcoma subtypes")

    # Cases: ids, patients, missing data, statuses.
    for cid, c in cases.items():
        expect(re.match(r"^C-\d{4}$", cid), "%s: case id should look like C-0001" % cid)
        p = c["patient"]
        expect(re.match(r"^P-\d{4}$", p["id"]), "%s: patient id should look like P-0001" % cid)
        mrns = [i for i in p.get("identifiers", []) if i["kind"] == "mrn"]
        expect(mrns and re.match(r"^MRN-\d{6}$", mrns[0]["value"]), "%s: MRN like MRN-104233 expected" % cid)
        expect(p.get("birthDate") and p["birthDate"] < c["diagnosis"].get("diagnosedOn", "9999"),
               "%s: birth date must precede diagnosis" % cid)
        ecog = (c.get("performance") or {}).get("ecog")
        expect(ecog is None or 0 <= ecog <= 3, "%s: ECOG %r outside 0–3" % (cid, ecog))
        if c.get("stage"):
            expect(c["stage"].get("system") == "AJCC 8", "%s: stage system should be AJCC 8" % cid)
        expect(c.get("question"), "%s: question for the board missing" % cid)
        for i, line in enumerate(c.get("treatmentHistory", [])):
            if line.get("start") and line.get("end"):
                expect(line["start"] <= line["end"], "%s: line %d ends before it starts" % (cid, i + 1))
        reports = {r["id"]: r for r in c.get("reports", [])}
        expect(reports, "%s: needs a molecular report" % cid)
        for r in reports.values():
            s = r.get("specimen") or {}
            expect(r.get("lab") and r.get("assay") and r.get("reportedOn") and s.get("site"),
                   "%s: report needs lab, assay, date and specimen site" % r["id"])
            expect(0.2 <= s.get("tumourPurity", -1) <= 0.9, "%s: tumourPurity should be 0.2–0.9" % r["id"])
        for f in c.get("findings", []):
            expect(f["id"].startswith(cid + "-F"), "%s: finding id should start with the case id" % f["id"])
            expect(f.get("reportId") in reports, "%s: reportId does not resolve" % f["id"])
            if f.get("vaf") is not None:
                expect(0 < f["vaf"] <= 1, "%s: VAF must be a fraction" % f["id"])
            if f["kind"] == "biomarker":
                expect("biomarker" in f, "%s: biomarker finding without biomarker" % f["id"])
            if f.get("classification") == "vus":
                expect(not f.get("evidence"), "%s: a VUS carries no evidence" % f["id"])
    statuses = {c["status"] for c in cases.values()}
    expect(statuses >= ENUMS["CaseStatus"], "statuses missing: %s" % sorted(ENUMS["CaseStatus"] - statuses))
    no_ecog = [cid for cid, c in cases.items() if (c.get("performance") or {}).get("ecog") is None]
    no_stage = [cid for cid, c in cases.items() if not c.get("stage")]
    no_consent = [cid for cid, c in cases.items() if not c.get("consent")]
    expect(2 <= len(no_ecog) <= 3, "ECOG should be missing in 2–3 cases: %s" % no_ecog)
    expect(1 <= len(no_stage) <= 2, "stage should be missing in 1–2 cases: %s" % no_stage)
    expect(1 <= len(no_consent) <= 2, "consent should be missing in 1–2 cases: %s" % no_consent)

    # Names: accents and at least one non-Latin script.
    def display(p):
        n = p["name"]
        return n.get("text") or " ".join(x for x in (n.get("given"), n.get("family")) if x)
    names = [display(c["patient"]) for c in cases.values()]
    expect(sum(1 for n in names if any(ord(ch) > 127 for ch in n)) >= 8, "need ≥ 8 names with non-ASCII letters")
    non_latin = [n for n in names if any(ord(ch) >= 0x370 and ch.isalpha() for ch in n)]
    expect(non_latin, "need a name in a non-Latin script")

    # Classic alterations.
    def has(pred):
        return [finding_case[f["id"]] for f in findings.values() if pred(f)]
    classics = {
        "EGFR L858R": lambda f: f.get("gene") == "EGFR" and f.get("hgvsP") == "p.L858R" and f.get("hgvsC") == "c.2573T>G"
        and f.get("exon") == "21",
        "EGFR exon 19 deletion": lambda f: f.get("gene") == "EGFR" and f.get("hgvsP") == "p.E746_A750del"
        and f.get("hgvsC") == "c.2235_2249del" and f.get("exon") == "19",
        "BRAF V600E": lambda f: f.get("gene") == "BRAF" and f.get("hgvsP") == "p.V600E" and f.get("hgvsC") == "c.1799T>A",
        "KRAS G12C": lambda f: f.get("gene") == "KRAS" and f.get("hgvsP") == "p.G12C" and f.get("hgvsC") == "c.34G>T",
        "ERBB2 amplification CN 12": lambda f: f.get("gene") == "ERBB2" and f["kind"] == "cnv" and f.get("copyNumber") == 12,
        "EML4::ALK": lambda f: f.get("partners") == ["EML4", "ALK"],
        "CD74::ROS1": lambda f: f.get("partners") == ["CD74", "ROS1"],
        "NTRK fusion": lambda f: f["kind"] == "fusion" and any(p.startswith("NTRK") for p in f.get("partners", [])),
        "FGFR2::BICC1": lambda f: f.get("partners") == ["FGFR2", "BICC1"],
        "IDH1 R132C": lambda f: f.get("gene") == "IDH1" and f.get("hgvsP") == "p.R132C",
        "KIT exon 11": lambda f: f.get("gene") == "KIT" and f.get("exon") == "11" and "del" in (f.get("hgvsP") or ""),
        "MSI-H": lambda f: (f.get("biomarker") or {}).get("kind") == "msi" and f["biomarker"].get("status") == "MSI-H",
        "TMB-high": lambda f: (f.get("biomarker") or {}).get("kind") == "tmb" and f["biomarker"].get("value", 0) >= 10
        and f["biomarker"].get("status") == "high" and f["biomarker"].get("unit") == "mut/Mb",
        "germline BRCA1": lambda f: f.get("gene") == "BRCA1" and f.get("origin") == "germline"
        and f.get("classification") == "pathogenic",
        "germline BRCA2": lambda f: f.get("gene") == "BRCA2" and f.get("origin") == "germline"
        and f.get("classification") == "pathogenic",
        "PD-L1": lambda f: (f.get("biomarker") or {}).get("kind") == "pdl1",
        "HRD": lambda f: (f.get("biomarker") or {}).get("kind") == "hrd",
        "CDKN2A homozygous deletion": lambda f: f.get("gene") == "CDKN2A" and f.get("copyNumberCall") == "Homozygous deletion",
        "MDM2 amplification (DDLS)": lambda f: f.get("gene") == "MDM2" and f.get("copyNumberCall") == "Amplification"
        and cases[finding_case[f["id"]]]["diagnosis"].get("oncotreeCode") == "DDLS",
        "CDK4 amplification (DDLS)": lambda f: f.get("gene") == "CDK4" and f.get("copyNumberCall") == "Amplification"
        and cases[finding_case[f["id"]]]["diagnosis"].get("oncotreeCode") == "DDLS",
        "SS18::SSX1": lambda f: f.get("partners") == ["SS18", "SSX1"],
        "TP53": lambda f: f.get("gene") == "TP53",
    }
    classic_cases = {}
    for label, pred in classics.items():
        where = has(pred)
        expect(where, "classic alteration missing: %s" % label)
        classic_cases[label] = sorted(set(where))
    vus_count = sum(1 for f in findings.values() if f.get("classification") == "vus")
    expect(vus_count >= 25, "need plenty of VUS, have %d" % vus_count)

    # Evidence levels (findings and decisions).
    for f in findings.values():
        for e in f.get("evidence", []):
            expect(level_ok(e["level"]), "%s: evidence level %s %s invalid" % (f["id"], e["level"].get("scale"),
                                                                                 e["level"].get("code")))
    for d in decisions.values():
        for r in d.get("recommendations", []):
            if r.get("evidence"):
                expect(level_ok(r["evidence"]), "%s: recommendation evidence %s invalid" % (d["id"], r["evidence"]))

    # OncoTree.
    tree = load_oncotree()
    if tree is None:
        print("note: %s not found — OncoTree code check skipped" % ONCOTREE)
    else:
        codes, names = tree
        special = {"_SOLID_", "_LIQUID_"}
        for cid, c in cases.items():
            expect(c["diagnosis"].get("oncotreeCode") in codes, "%s: unknown OncoTree code %r" % (
                cid, c["diagnosis"].get("oncotreeCode")))
        for f in findings.values():
            for e in f.get("evidence", []):
                if e.get("oncotreeCode"):
                    expect(e["oncotreeCode"] in codes, "%s: unknown OncoTree code %r" % (f["id"], e["oncotreeCode"]))
        for tid, t in trials.items():
            el = t.get("eligibility", {})
            for code in el.get("diagnoses", []):
                expect(code in codes or code in special, "%s: unknown OncoTree code %r" % (tid, code))
            trees = [el.get("criteria")] + [a.get("criteria") for a in t.get("arms", [])]
            for node in trees:
                for kind, leaf in walk_criteria(node or {}):
                    value = leaf.get("oncotree_primary_diagnosis")
                    if kind == "clinical" and value:
                        v = value.lstrip("!")
                        expect(v in special or v in codes or v.lower() in names,
                               "%s: oncotree_primary_diagnosis %r is neither an OncoTree code nor name" % (tid, value))

    # Trials.
    tstatus = [t.get("status") for t in trials.values()]
    expect(tstatus.count("RECRUITING") > len(tstatus) / 2, "most trials should be RECRUITING")
    for s in ("ACTIVE_NOT_RECRUITING", "COMPLETED", "SUSPENDED"):
        expect(s in tstatus, "no trial with status %s" % s)
    expect(any(a.get("open") is False for t in trials.values() for a in t.get("arms", [])), "need a closed arm")
    expect(any(a.get("criteria") for t in trials.values() for a in t.get("arms", [])), "need arm-level criteria")
    leaves = []
    for tid, t in trials.items():
        expect(re.match(r"^NCT\d{8}$", tid), "%s: not an NCT id" % tid)
        el = t.get("eligibility", {})
        expect(el.get("criteria") and el.get("inclusionText") and el.get("exclusionText") and el.get("diagnoses"),
               "%s: eligibility needs criteria, diagnoses and free text" % tid)
        expect(t.get("title") and t.get("phase") and t.get("sponsor") and t.get("sites") and t.get("arms"),
               "%s: title, phase, sponsor, sites and arms expected" % tid)
        for node in [el.get("criteria")] + [a.get("criteria") for a in t.get("arms", [])]:
            leaves += list(walk_criteria(node or {}))
    used = {(k, key) for k, leaf in leaves for key in leaf}
    for want in [("clinical", "oncotree_primary_diagnosis"), ("clinical", "age_numerical"), ("clinical", "ecog"),
                 ("clinical", "tmb_numerical"), ("clinical", "prior_treatment"), ("genomic", "hugo_symbol"),
                 ("genomic", "protein_change"), ("genomic", "wildcard_protein_change"), ("genomic", "exon"),
                 ("genomic", "cnv_call"), ("genomic", "ms_status"), ("genomic", "wildtype")]:
        expect(want in used, "no trial uses %s.%s" % want)
    cats = {leaf.get("variant_category") for k, leaf in leaves if k == "genomic"}
    expect({"Mutation", "Copy Number Variation", "Structural Variation"} <= cats, "variant categories missing")
    expect(any(str(v).startswith("!") for k, leaf in leaves for v in leaf.values()), "no '!' negation used")

    # Meetings.
    rosters = {}
    for mid, m in meetings.items():
        expect(m["boardId"] in boards, "%s: board %r does not resolve" % (mid, m["boardId"]))
        rosters[mid] = {a["name"] for a in m.get("roster", [])}
        if m.get("chair"):
            expect(m["chair"] in rosters[mid], "%s: chair not on the roster" % mid)
        positions = [i["position"] for i in m.get("agenda", [])]
        expect(len(positions) == len(set(positions)), "%s: duplicate agenda positions" % mid)
        for i in m.get("agenda", []):
            expect(i["caseId"] in cases, "%s: agenda case %s does not resolve" % (mid, i["caseId"]))
        if m.get("endedAt"):
            expect(m["endedAt"] > m["startsAt"], "%s: ends before it starts" % mid)
    for bid in boards:
        expect(any(m["boardId"] == bid for m in meetings.values()), "board %s has no meeting" % bid)
    upcoming = [m for m in meetings.values() if m.get("status") == "planned" and m["startsAt"][:10] > TODAY]
    past = [m for m in meetings.values() if m.get("status") == "closed" and m["startsAt"][:10] < TODAY]
    expect(len(upcoming) == 1, "exactly one upcoming planned meeting expected, have %d" % len(upcoming))
    on_open_agenda = set()
    for m in meetings.values():
        if m.get("status") != "closed":
            on_open_agenda |= {i["caseId"] for i in m.get("agenda", [])}
    for m in upcoming:
        expect(6 <= len(m.get("agenda", [])) <= 10, "%s: upcoming agenda should hold 6–10 cases" % m["id"])
        for i in m["agenda"]:
            status = cases.get(i["caseId"], {}).get("status")
            expect(status == "on-agenda", "%s on the upcoming agenda but status %s" % (i["caseId"], status))
            expect(i.get("presenter") and i.get("plannedMinutes"), "%s: agenda item needs presenter and minutes" % m["id"])
    for cid, c in cases.items():
        if c["status"] == "on-agenda":
            expect(cid in on_open_agenda, "%s: status on-agenda but on no open agenda" % cid)
    backlog = [cid for cid in cases if cid not in on_open_agenda]
    expect(len(backlog) >= 5, "need ≥ 5 cases in the backlog, have %d" % len(backlog))
    deferred_items = []
    for m in past:
        expect(m.get("endedAt"), "%s: a closed meeting needs endedAt" % m["id"])
        for i in m.get("agenda", []):
            expect(i.get("outcome") in ("discussed", "deferred", "re-present"), "%s: %s left pending" % (m["id"], i["caseId"]))
            expect(i.get("secondsSpent"), "%s: %s without secondsSpent" % (m["id"], i["caseId"]))
            status = cases.get(i["caseId"], {}).get("status")
            if i.get("outcome") == "discussed":
                expect(status == "discussed", "%s discussed at %s but status %s" % (i["caseId"], m["id"], status))
                finals = [d for d in decisions.values() if d["caseId"] == i["caseId"] and d.get("meetingId") == m["id"]
                          and d.get("status") == "final"]
                expect(finals, "%s discussed at %s without a final decision" % (i["caseId"], m["id"]))
            if i.get("outcome") == "deferred":
                deferred_items.append(i)
                expect(status == "deferred", "%s deferred but status %s" % (i["caseId"], status))
                expect(i.get("deferReason"), "%s deferred without a reason" % i["caseId"])
    expect(len(deferred_items) >= 1, "a past meeting needs a deferred item")
    main_past = [m for m in past if any(i.get("outcome") == "deferred" for i in m.get("agenda", []))]
    for m in main_past:
        expect(6 <= len(m.get("roster", [])) <= 9, "%s: roster should hold 6–9 attendees" % m["id"])
        expect(len({a["discipline"] for a in m["roster"]}) >= 5, "%s: roster needs ≥ 5 disciplines" % m["id"])

    # Notes.
    everyone = set().union(*rosters.values()) if rosters else set()
    kinds = set()
    for nid, n in notes.items():
        t = n["target"]
        expect(t["caseId"] in cases, "%s: case %s does not resolve" % (nid, t["caseId"]))
        if t.get("findingId"):
            kinds.add("finding")
            expect(finding_case.get(t["findingId"]) == t["caseId"], "%s: finding %s not in case %s" % (
                nid, t["findingId"], t["caseId"]))
        if t.get("trialId"):
            kinds.add("trial")
            expect(t["trialId"] in trials, "%s: trial %s does not resolve" % (nid, t["trialId"]))
        if n.get("meetingId"):
            expect(n["meetingId"] in meetings, "%s: meeting does not resolve" % nid)
        expect(n["author"] in everyone, "%s: author %s is on no roster" % (nid, n["author"]))
    expect(kinds >= {"finding", "trial"}, "need notes on a finding and on a trial")

    # Decisions.
    dstatus = [d.get("status") for d in decisions.values()]
    expect("draft" in dstatus and "final" in dstatus, "need final decisions and a draft")
    expect(any(d.get("dissent") for d in decisions.values()), "need a decision with dissent")
    for did, d in decisions.items():
        expect(d["caseId"] in cases, "%s: case does not resolve" % did)
        mid = d.get("meetingId")
        if mid:
            expect(mid in meetings, "%s: meeting %s does not resolve" % (did, mid))
        roster = rosters.get(mid, everyone)
        for name in d.get("attendeesPresent", []):
            expect(name in roster, "%s: %s present but not on the roster" % (did, name))
        for x in d.get("dissent", []):
            expect(x["name"] in d.get("attendeesPresent", []), "%s: dissenter %s not present" % (did, x["name"]))
        if d.get("status") == "final":
            expect(d.get("recommendations"), "%s: final decision without recommendations" % did)
            expect(d.get("signedBy") and d.get("signedBy") == meetings.get(mid, {}).get("chair"),
                   "%s: must be signed by the chair" % did)
            expect(d.get("signedAt") and d["signedAt"] >= d["recordedAt"], "%s: signedAt before recordedAt" % did)
        for r in d.get("recommendations", []):
            for fid in r.get("findingIds", []):
                expect(finding_case.get(fid) == d["caseId"], "%s: finding %s not in case %s" % (did, fid, d["caseId"]))
            if r["kind"] == "clinical-trial":
                expect(r.get("trialId") in trials, "%s: trial %r does not resolve" % (did, r.get("trialId")))
            elif r.get("trialId"):
                expect(r["trialId"] in trials, "%s: trial %r does not resolve" % (did, r["trialId"]))

    # Outcomes: each of a decided case, dated on or before today, a response/stop/toxicity after its treatment
    # started, and the groups precedents are shown for (FGFR2-fusion cholangiocarcinoma and others) present.
    outcomes = unique(b.get("outcomes", []), "outcome")
    for oid, o in outcomes.items():
        expect(o["caseId"] in cases, "%s: case does not resolve" % oid)
        if o.get("decisionId"):
            expect(decisions.get(o["decisionId"], {}).get("caseId") == o["caseId"],
                   "%s: decision %s is not of case %s" % (oid, o["decisionId"], o["caseId"]))
        expect(o["date"] <= TODAY, "%s: dated after %s" % (oid, TODAY))
        if o.get("treatmentId"):
            t = outcomes.get(o["treatmentId"], {})
            expect(t.get("kind") == "treatment-started" and t.get("caseId") == o["caseId"],
                   "%s: treatment %s is not a treatment start of the case" % (oid, o["treatmentId"]))
            expect(t.get("date", "") <= o["date"], "%s: before its treatment started" % oid)
        if o.get("grade") is not None:
            expect(3 <= o["grade"] <= 5, "%s: CTCAE grade must be 3-5" % oid)
    fgfr2_chol = {o["caseId"] for o in outcomes.values()
                  if cases.get(o["caseId"], {}).get("diagnosis", {}).get("oncotreeCode") in ("IHCH", "EHCH", "PHCH", "CHOL")
                  and any(f.get("gene") == "FGFR2" and f.get("kind") == "fusion" for f in cases[o["caseId"]]["findings"])}
    expect(len(fgfr2_chol) >= 4, "need at least 4 FGFR2-fusion cholangiocarcinomas with outcomes (have %d)" % len(fgfr2_chol))

    if FAILURES:
        for msg in FAILURES:
            print("FAIL:", msg)
        print("%d problem(s)" % len(FAILURES))
        return 1
    waiting = [cid for cid in backlog if cases[cid]["status"] in ("new", "ready")]
    print("ok: %d boards, %d meetings, %d notes, %d decisions, %d outcomes, %d cases, %d findings (%d VUS), %d trials, "
          "%d diagnoses; %d cases on no open agenda, of which new/ready: %s"
          % (len(boards), len(meetings), len(notes), len(decisions), len(outcomes), len(cases), len(findings), vus_count,
             len(trials), len(dx_codes), len(backlog), ", ".join(waiting)))
    for label, where in classic_cases.items():
        print("  %-28s %s" % (label, ", ".join(where)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
