import BoardModel
import Foundation

/// One case as JSON for scripts (`tumorboard show CASE --json`): patient, diagnosis, stage, performance, and every
/// finding with its origin, VAF and depth (and where they came from), specimen and report, and each evidence item
/// with its direction. Keys are stable and sorted ("format": "tumorboard-case/1"); a value the record does not
/// hold is left out, never invented. With `deidentify` the patient's name, identifiers and dates are left out and
/// free text is scrubbed, as in `show --deidentify`.
public struct CaseJSON {
    public static let format = "tumorboard-case/1"
    public var record: Case
    public var today: LocalDate
    public var deidentify: Bool
    /// The case's notes, as `show` lists them.
    public var notes: [Note]

    public init(record: Case, today: LocalDate, deidentify: Bool = false, notes: [Note] = []) {
        self.record = record
        self.today = today
        self.deidentify = deidentify
        self.notes = notes
    }

    /// The whole case.
    public func data() throws -> Data { try SortedJSONWriter.data(object()) }

    /// The whole case as plain values (what `data()` writes).
    func object() -> [String: Any] {
        let c = record
        let scrub = deidentify ? Deidentifier(patient: c.patient) : nil
        let say = { (text: String) in scrub?.scrub(text) ?? text }
        // The id as the text output shows it (CaseIdShown): an id that may carry the name is the pseudonym.
        var out: [String: Any] = ["format": Self.format, "id": shown(c.id), "status": c.status.rawValue]
        out["patient"] = patient(say: say)
        out["diagnosis"] = Self.compact([
            "text": say(c.diagnosis.text), "oncotree": c.diagnosis.oncotreeCode,
            "oncotreeName": c.diagnosis.oncotreeCode.flatMap { OncoTree.bundled.name(of: $0) },
            "histology": c.diagnosis.histology.map(say), "primarySite": c.diagnosis.primarySite.map(say),
            "laterality": c.diagnosis.laterality?.rawValue, "sourceCode": c.diagnosis.sourceCode,
            "diagnosedOn": deidentify ? nil : c.diagnosis.diagnosedOn?.description,
            "clinicalStatus": c.diagnosis.clinicalStatus,
            "abatedOn": deidentify ? nil : c.diagnosis.abatedOn?.description,
            "statusText": c.diagnosis.statusPhrase(hideDates: deidentify),
            "verification": c.diagnosis.verification,
        ])
        if let s = c.stage {
            // "t"/"n"/"m" are the categories; "written" keeps each with the prefix the record wrote ("pT2b"), and
            // "basisFrom" says where the basis came from when the prefixes decided it.
            let written = s.prefixes.map { p in
                Self.compact([
                    "t": s.t.map { (p["T"] ?? "") + $0 }, "n": s.n.map { (p["N"] ?? "") + $0 },
                    "m": s.m.map { (p["M"] ?? "") + $0 },
                ])
            }
            let prefixed = s.prefixes?.contains { $0.key != "M" && !$0.value.isEmpty } ?? false
            out["stage"] = Self.compact([
                "summary": s.summary, "t": s.t, "n": s.n, "m": s.m, "group": s.group, "basis": s.basis,
                "system": s.system, "written": written,
                "basisFrom": prefixed && s.basis != nil ? "the categories' prefixes (p, c, y, r, a)" : nil,
            ])
        }
        if let p = c.performance {
            out["performance"] = Self.compact(["ecog": p.ecog, "karnofsky": p.karnofsky])
        }
        out["metastaticSites"] = c.metastaticSites.map { $0.summary(hideDates: deidentify) }
        // Observation times are dates of the patient's care: left out when de-identifying, as in the text.
        let observed = { (text: String) in deidentify ? Deidentifier.withoutDates(say(text)) : text }
        if !c.phenotypes.isEmpty { out["phenotypes"] = c.phenotypes.map(observed) }
        if !c.measurements.isEmpty { out["measurements"] = c.measurements.map(observed) }
        if !c.comorbidities.isEmpty {
            // Each disease with whether the record rules it out (a phenopacket's `excluded`), never one prefix for all.
            out["comorbidities"] = c.comorbidities.map { item -> [String: Any] in
                let excluded = item.hasPrefix(ComorbidityList.excludedPrefix)
                return [
                    "condition": say(excluded ? String(item.dropFirst(ComorbidityList.excludedPrefix.count)) : item),
                    "excluded": excluded,
                ]
            }
        }
        let specimens = c.reports.compactMap { r in r.specimen.map { specimen($0, report: r, say: say) } }
        if !specimens.isEmpty { out["specimens"] = specimens }
        if !c.question.isEmpty { out["question"] = say(c.question) }
        out["referringClinician"] = c.referringClinician
        if !c.missingData.isEmpty { out["missingData"] = c.missingData.map(\.label) }
        out["treatmentHistory"] = c.treatmentHistory.map { line in
            Self.compact([
                "line": line.line, "setting": line.setting, "regimen": line.regimen.map(say), "drugs": line.drugs,
                "start": deidentify ? nil : line.start?.description, "end": deidentify ? nil : line.end?.description,
                "lastRecorded": deidentify ? nil : line.lastRecorded?.description, "status": line.status,
                "bestResponse": line.bestResponse?.rawValue, "stopReason": line.stopReason.map(say), "ages": line.ages,
            ])
        }
        out["findings"] = c.findings.map { finding($0) }
        if !notes.isEmpty { out["notes"] = notes.map { ["author": $0.author, "text": say($0.text)] } }
        return out
    }

    /// A report's specimen as the text's "Specimens" line gives it: what it is, its type, site and purity, and the
    /// study's own sample columns. De-identified, the specimen's id, its collection date and the study's columns
    /// (which may hold an identifier) are left out.
    func specimen(_ s: Specimen, report: MolecularReport, say: (String) -> String) -> [String: Any] {
        var out = Self.compact([
            "type": s.type, "site": s.site.map(say), "tumourPurity": s.tumourPurity,
            "description": s.description.map(say), "oncotree": s.oncotreeCode,
            "summary": s.summary.isEmpty ? nil : say(s.summary),
        ])
        guard !deidentify else { return out }
        out.merge(
            Self.compact([
                "id": s.id, "reportId": report.id, "collectedOn": s.collectedOn?.description,
                "attributes": s.attributes.map { $0.map(Self.attribute) },
            ])
        ) { $1 }
        return out
    }

    /// A study's own clinical column (cBioPortal custom attribute) with what its header rows say.
    static func attribute(_ a: ClinicalAttribute) -> [String: Any] {
        compact([
            "id": a.id, "value": a.value, "name": a.name, "description": a.description, "datatype": a.datatype,
            "priority": a.priority,
        ])
    }

    /// One finding of the case (`show CASE --finding ID --json`).
    public func data(finding f: Finding) throws -> Data {
        try SortedJSONWriter.data(finding(f))
    }

    func patient(say: (String) -> String) -> [String: Any] {
        let p = record.patient
        let life = LifeStatus(p)
        var out: [String: Any] = Self.compact([
            "pseudonym": p.pseudonym, "sex": p.sex.rawValue, "vitalStatus": life.vitalStatus.rawValue,
            "age": life.age(on: today), "recordedAge": p.birthDate == nil ? p.recordedAge : nil,
            "recordedAgeText": life.recordedAgeValue,
            "ageText": life.phrase(on: today, hideDates: deidentify, say: say),
        ])
        if let survival = p.survival, !survival.isEmpty {
            // Months as the study reports them (cBioPortal OS_MONTHS, DFS_STATUS, DFS_MONTHS), never dates.
            out["survival"] = Self.compact([
                "overallMonths": survival.overallMonths, "diseaseFree": survival.diseaseFree?.rawValue,
                "diseaseFreeMonths": survival.diseaseFreeMonths, "text": survival.phrase(vitalStatus: p.vitalStatus),
            ])
        }
        guard !deidentify else { return out }
        out.merge(
            Self.compact([
                "id": p.id, "name": p.name.display, "mrn": p.mrn, "birthDate": p.birthDate?.description,
                "deceasedOn": p.deceasedOn?.description, "causeOfDeath": p.causeOfDeath,
                "race": p.race, "ethnicity": p.ethnicity,
                "identifiers": p.identifiers.isEmpty
                    ? nil : p.identifiers.map { ["type": $0.label, "system": $0.system, "value": $0.value] },
                "attributes": p.attributes.map { $0.map(Self.attribute) },
            ])
        ) { $1 }
        return out
    }

    /// `text` with the case id replaced by what de-identified output shows for it (finding and report ids contain
    /// the case id).
    func shown(_ text: String) -> String {
        let id = record.id
        guard deidentify, !id.isEmpty else { return text }
        let replacement = CaseIdShown.text(record, deidentified: true)
        return replacement == id ? text : text.replacingOccurrences(of: id, with: replacement)
    }

    func finding(_ f: Finding) -> [String: Any] {
        let report = record.reports.first { $0.id == f.reportId }
        var out = Self.compact([
            "id": shown(f.id), "kind": f.kind.rawValue, "label": shown(f.label), "gene": f.gene,
            "transcript": f.transcript,
            "hgvsC": f.hgvsC, "hgvsP": f.hgvsP, "consequence": f.consequence, "exon": f.exon,
            "origin": f.origin.rawValue, "vaf": f.vaf, "vafSource": f.vafSource, "depth": f.depth,
            "altCount": f.altCount, "refCount": f.refCount, "genotype": f.genotype, "filter": f.filter,
            "classification": f.classification?.label, "copyNumber": f.copyNumber,
            "copyNumberCall": f.copyNumberCall?.rawValue, "partners": f.partners, "locus": f.locus.map(shown),
            "build": report?.genomeBuild, "reportId": f.reportId.map(shown), "specimen": report?.specimen?.id,
            "specimenType": report?.specimen?.type,
        ])
        // A rearrangement's own fields (VCF 4.3 SVTYPE, END, SVLEN, breakend mate) and the sample's own filter.
        out.merge(
            Self.compact([
                "svType": f.svType?.rawValue, "end": f.end, "svLength": f.svLength, "svSize": f.svSize,
                "partnerChrom": f.partnerChrom, "partnerPosition": f.partnerPosition, "mateId": f.mateId,
                "precise": f.precise, "sampleFilter": f.sampleFilter, "hgvsPShort": f.hgvsPShort,
            ])
        ) { $1 }
        if let sources = f.sources {
            // The same variant from several reports of this specimen: each report's call as it was measured.
            out["sources"] = sources.map { s in
                Self.compact([
                    "reportId": shown(s.reportId),
                    "specimen": record.reports.first { $0.id == s.reportId }?.specimen?.id, "vaf": s.vaf,
                    "vafSource": s.vafSource, "depth": s.depth, "altCount": s.altCount, "refCount": s.refCount,
                    "filter": s.filter, "genotype": s.genotype,
                ])
            }
        }
        if let b = f.biomarker {
            out["biomarker"] = Self.compact([
                "kind": b.kind.rawValue, "name": b.name, "value": b.value, "unit": b.unit, "status": b.status,
            ])
        }
        // Evidence about variants of a stated origin on a finding whose origin is unknown (CIViC's origin rule).
        out["originCaution"] = f.originCaution
        out["evidence"] = f.evidenceInReadingOrder.map { e in
            Self.compact([
                "origin": e.origin?.rawValue, "originCaution": f.originCaution(for: e),
                "source": e.source, "scale": e.level.scale.rawValue, "level": e.level.code,
                "levelMeaning": e.level.meaning, "type": e.type, "significance": e.significance,
                "reading": e.clinicalSignificance.rawValue, "supports": e.supports,
                "treatmentOption": e.isTreatmentOption, "therapy": e.therapy, "disease": e.disease,
                "oncotree": e.oncotreeCode, "direction": e.direction, "reference": e.reference,
                "statement": e.phrase,
            ])
        }
        return out
    }

    /// The pairs whose value is present (JSON leaves out what the record does not hold).
    static func compact(_ pairs: [String: Any?]) -> [String: Any] {
        pairs.compactMapValues { $0 }
    }
}
