import Foundation

/// One patient's question to the board, with everything the board reads before deciding.
public struct Case: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var patient: Patient
    public var diagnosis: Diagnosis
    public var stage: Stage?
    public var performance: PerformanceStatus?
    @Defaulted<[TherapyLine]> public var treatmentHistory: [TherapyLine]
    @Defaulted<[String]> public var comorbidities: [String]
    /// The clinical question put to the board.
    @Defaulted<String> public var question: String
    public var referringClinician: String?
    @Defaulted<Consent> public var consent: Consent
    @Defaulted<CaseStatus> public var status: CaseStatus
    @Defaulted<[MolecularReport]> public var reports: [MolecularReport]
    @Defaulted<[Finding]> public var findings: [Finding]
    /// Where the record came from (file and record id) when imported.
    public var provenance: Provenance?
    /// Sites the cancer has spread to, as recorded (secondary cancer conditions, phenopacket metastatic biosamples).
    @Defaulted<[MetastaticSite]> public var metastaticSites: [MetastaticSite]
    /// Phenotypic features as recorded ("Dysuria (HP:0100518), severe"; "excluded: Diabetes mellitus"): kept and
    /// shown, never read as a diagnosis or a stage.
    @Defaulted<[String]> public var phenotypes: [String]
    /// Measurements as recorded ("Lymphocytes [#/volume] in Blood (LOINC:26474-7) 1.4 Thousand Cells, 2019-09-01 –
    /// 2020-03-01"): kept and shown; matching does not read them.
    @Defaulted<[String]> public var measurements: [String]

    public init(
        id: String, patient: Patient, diagnosis: Diagnosis, stage: Stage? = nil,
        performance: PerformanceStatus? = nil, treatmentHistory: [TherapyLine] = [],
        comorbidities: [String] = [], question: String = "", referringClinician: String? = nil,
        consent: Consent = Consent(), status: CaseStatus = .new, reports: [MolecularReport] = [],
        findings: [Finding] = [], provenance: Provenance? = nil, metastaticSites: [MetastaticSite] = [],
        phenotypes: [String] = [], measurements: [String] = []
    ) {
        self.phenotypes = phenotypes
        self.measurements = measurements
        self.id = id
        self.patient = patient
        self.diagnosis = diagnosis
        self.stage = stage
        self.performance = performance
        self.treatmentHistory = treatmentHistory
        self.comorbidities = comorbidities
        self.question = question
        self.referringClinician = referringClinician
        self.consent = consent
        self.status = status
        self.reports = reports
        self.findings = findings
        self.provenance = provenance
        self.metastaticSites = metastaticSites
    }

    enum CodingKeys: String, CodingKey {
        case id, patient, diagnosis, stage, performance, treatmentHistory, comorbidities, question
        case referringClinician, consent, status, reports, findings, provenance, metastaticSites
        case phenotypes, measurements
    }

    /// No metastatic sites are written as no key, so records written before sites existed keep their bytes.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(patient, forKey: .patient)
        try c.encode(diagnosis, forKey: .diagnosis)
        try c.encodeIfPresent(stage, forKey: .stage)
        try c.encodeIfPresent(performance, forKey: .performance)
        try c.encode(treatmentHistory, forKey: .treatmentHistory)
        try c.encode(comorbidities, forKey: .comorbidities)
        try c.encode(question, forKey: .question)
        try c.encodeIfPresent(referringClinician, forKey: .referringClinician)
        try c.encode(consent, forKey: .consent)
        try c.encode(status, forKey: .status)
        try c.encode(reports, forKey: .reports)
        try c.encode(findings, forKey: .findings)
        try c.encodeIfPresent(provenance, forKey: .provenance)
        if !metastaticSites.isEmpty { try c.encode(metastaticSites, forKey: .metastaticSites) }
        if !phenotypes.isEmpty { try c.encode(phenotypes, forKey: .phenotypes) }
        if !measurements.isEmpty { try c.encode(measurements, forKey: .measurements) }
    }

    /// Metastatic disease is recorded: a metastatic site (named or not) or an M1 category.
    public var isMetastatic: Bool {
        !metastaticSites.isEmpty || (stage?.m.map { $0.uppercased().hasPrefix("M1") } ?? false)
    }

    /// What the coordinator still has to chase before the case is ready for the board. A stage is not asked of a
    /// diagnosis that is not staged (`StagingRule`: CNS tumours, myeloid neoplasms).
    public var missingData: [MissingItem] {
        var missing: [MissingItem] = []
        if stage?.group == nil && stage?.t == nil && notApplicable[.stage] == nil { missing.append(.stage) }
        if performance?.ecog == nil && performance?.karnofsky == nil { missing.append(.performanceStatus) }
        if (diagnosis.histology ?? "").isEmpty { missing.append(.histology) }
        if reports.isEmpty && findings.isEmpty { missing.append(.molecularReport) }
        if consent.research == nil && consent.trials == nil { missing.append(.consent) }
        if treatmentHistory.isEmpty { missing.append(.priorLines) }
        if question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { missing.append(.question) }
        return missing
    }

    /// Checklist items that do not apply to this case, with the reason shown beside them.
    public var notApplicable: [MissingItem: String] {
        StagingRule.notApplicable(oncotreeCode: diagnosis.oncotreeCode).map { [.stage: $0] } ?? [:]
    }
}

/// A checklist item a case lacks.
public enum MissingItem: String, Codable, Sendable, CaseIterable {
    case stage, performanceStatus, histology, molecularReport, consent, priorLines, question

    public var label: String {
        switch self {
        case .stage: "stage"
        case .performanceStatus: "ECOG/Karnofsky"
        case .histology: "histology"
        case .molecularReport: "molecular report"
        case .consent: "consent"
        case .priorLines: "prior lines of therapy"
        case .question: "question for the board"
        }
    }
}

/// Where a case stands in the board's workflow.
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case new, ready
    case onAgenda = "on-agenda"
    case discussed, deferred, closed
}

/// The tumour as diagnosed: OncoTree code plus the pathologist's words.
public struct Diagnosis: Codable, Sendable, Hashable {
    public var oncotreeCode: String?
    public var text: String
    public var histology: String?
    public var primarySite: String?
    public var laterality: Laterality?
    public var diagnosedOn: LocalDate?
    /// The diagnosis' own code as the source recorded it ("SNOMED CT 254837009", "NCIT:C7541"), kept whether or
    /// not it maps to OncoTree.
    public var sourceCode: String?
    /// The cancer's clinical status as recorded (FHIR condition-clinical: active, recurrence, relapse, inactive,
    /// remission, resolved); nil when the record does not state it.
    public var clinicalStatus: String?
    /// When the record says the cancer abated (FHIR Condition.abatement[x] as a date); nil when not stated.
    public var abatedOn: LocalDate?
    /// How certain the diagnosis is, as recorded (FHIR condition-ver-status: confirmed, unconfirmed, provisional,
    /// differential); nil when the record does not state it. Refuted and entered-in-error conditions never become
    /// a diagnosis.
    public var verification: String?

    public init(
        oncotreeCode: String? = nil, text: String, histology: String? = nil, primarySite: String? = nil,
        laterality: Laterality? = nil, diagnosedOn: LocalDate? = nil, sourceCode: String? = nil,
        clinicalStatus: String? = nil, abatedOn: LocalDate? = nil, verification: String? = nil
    ) {
        self.verification = verification
        self.clinicalStatus = clinicalStatus
        self.abatedOn = abatedOn
        self.sourceCode = sourceCode
        self.oncotreeCode = oncotreeCode
        self.text = text
        self.histology = histology
        self.primarySite = primarySite
        self.laterality = laterality
        self.diagnosedOn = diagnosedOn
    }
}

extension Diagnosis {
    /// True when the record says the cancer is not current: resolved, in remission, inactive, or abated.
    public var isNotCurrent: Bool {
        ["resolved", "remission", "inactive"].contains(clinicalStatus ?? "") || abatedOn != nil
    }

    /// True when the record says the diagnosis is not confirmed (FHIR verificationStatus unconfirmed, or its
    /// children provisional and differential): matching then treats the diagnosis as unknown.
    public var isUnconfirmed: Bool { ["unconfirmed", "provisional", "differential"].contains(verification ?? "") }

    /// "provisional (not confirmed)", "differential (not confirmed)", "unconfirmed" for a diagnosis the record
    /// does not confirm; nil for a confirmed or unstated one.
    public var verificationPhrase: String? {
        guard isUnconfirmed, let verification else { return nil }
        return verification == "unconfirmed" ? "unconfirmed" : "\(verification) (not confirmed)"
    }

    /// The verification as shown ("confirmed", "provisional (not confirmed)"); nil when the record does not say.
    public var verificationText: String? { verification.map { verificationPhrase ?? $0 } }

    /// The status in the board's words when the cancer is not current ("resolved 2019-04-05", "in remission",
    /// "inactive"); nil for an active or unstated status, so that nothing is added to a current diagnosis.
    /// `hideDates` leaves the date out (de-identified output).
    public func statusPhrase(hideDates: Bool = false) -> String? {
        let day = hideDates ? nil : abatedOn
        switch clinicalStatus {
        case "resolved": return "resolved" + (day.map { " \($0)" } ?? "")
        case "remission": return "in remission" + (day.map { " since \($0)" } ?? "")
        case "inactive": return "inactive" + (day.map { " since \($0)" } ?? "")
        default: return abatedOn == nil ? nil : "abated" + (day.map { " \($0)" } ?? "")
        }
    }
}

public enum Laterality: String, Codable, Sendable, CaseIterable {
    case left, right, bilateral, midline
    case notApplicable = "n/a"
}

/// TNM categories and stage group under a named system.
public struct Stage: Codable, Sendable, Hashable {
    public var system: String?
    /// "clinical" or "pathological".
    public var basis: String?
    public var t: String?
    public var n: String?
    public var m: String?
    public var group: String?
    public var assessedOn: LocalDate?
    /// The prefix each category carried as the record wrote it ("p", "c", "yp"; "" for none), when the record
    /// prefixes each category on its own (a Phenopacket's "pT3", "pN0", "cM0"). Nil: `basis` prefixes T only.
    public var prefixes: [String: String]?

    public init(
        system: String? = nil, basis: String? = nil, t: String? = nil, n: String? = nil, m: String? = nil,
        group: String? = nil, assessedOn: LocalDate? = nil, prefixes: [String: String]? = nil
    ) {
        self.system = system
        self.basis = basis
        self.t = t
        self.n = n
        self.m = m
        self.group = group
        self.assessedOn = assessedOn
        self.prefixes = prefixes
    }

    /// "cT2 N1 M0, stage IIB (AJCC 8)"-style summary; "pT3 pN0 cM0" when the record prefixed each category.
    public var summary: String {
        let prefix = basis == "pathological" ? "p" : (basis == "clinical" ? "c" : "")
        var parts: [String] = []
        let written: [String?]
        if let prefixes {
            written = [("T", t), ("N", n), ("M", m)].map { key, value in value.map { (prefixes[key] ?? "") + $0 } }
        } else {
            written = [t.map { prefix + $0 }, n, m]
        }
        let tnm = written.compactMap { $0 }.joined(separator: " ")
        if !tnm.isEmpty { parts.append(tnm) }
        if let group { parts.append("stage \(group)") }
        var text = parts.joined(separator: ", ")
        if let system, !text.isEmpty { text += " (\(system))" }
        return text.isEmpty ? "—" : text
    }
}

/// Performance status on ECOG (0–5) and/or Karnofsky (0–100).
public struct PerformanceStatus: Codable, Sendable, Hashable {
    public var ecog: Int?
    public var karnofsky: Int?
    public var assessedOn: LocalDate?

    public init(ecog: Int? = nil, karnofsky: Int? = nil, assessedOn: LocalDate? = nil) {
        self.ecog = ecog
        self.karnofsky = karnofsky
        self.assessedOn = assessedOn
    }

    public var summary: String {
        [ecog.map { "ECOG \($0)" }, karnofsky.map { "KPS \($0)%" }].compactMap { $0 }.joined(separator: ", ")
    }
}

/// One line of systemic therapy, or a local treatment (surgery, radiotherapy), already given.
public struct TherapyLine: Codable, Sendable, Hashable {
    /// The line number as the record states it; nil when the record numbers no lines (most FHIR and Phenopacket
    /// files) and for surgery and radiotherapy, which are not lines of systemic therapy. Never counted by a reader.
    public var line: Int?
    public var setting: String?
    public var regimen: String?
    public var drugs: [String]
    public var start: LocalDate?
    public var end: LocalDate?
    public var bestResponse: Response?
    public var stopReason: String?
    /// Where the treatment stands as the record states it ("completed", "stopped", "ongoing", "on hold"); nil when
    /// the record does not say. A record's status is kept apart from `end`: "stopped" with no date is not an end date.
    public var status: String?
    /// The last date the record shows the treatment given or ordered, when it states no end (a monthly order that was
    /// later stopped): shown as "last recorded", never as the end.
    public var lastRecorded: LocalDate?
    /// The patient's ages the record gives instead of dates, as ISO 8601 durations ("P7M – P8M"); nil when it
    /// gives dates or nothing. A date is never computed from them.
    public var ages: String?

    public init(
        line: Int?, setting: String? = nil, regimen: String? = nil, drugs: [String] = [], start: LocalDate? = nil,
        end: LocalDate? = nil, bestResponse: Response? = nil, stopReason: String? = nil, status: String? = nil,
        lastRecorded: LocalDate? = nil, ages: String? = nil
    ) {
        self.ages = ages
        self.line = line
        self.setting = setting
        self.regimen = regimen
        self.drugs = drugs
        self.start = start
        self.end = end
        self.bestResponse = bestResponse
        self.stopReason = stopReason
        self.status = status
        self.lastRecorded = lastRecorded
    }

    /// The treatment's time as the record states it: "2017-07-28 – 2017-09-08, completed",
    /// "1985-07-30, last recorded 1990-07-22, stopped (end not recorded)", "2024-01-02, ongoing", or
    /// "2024-01-02, end not recorded" — a treatment with no end and no status never reads as ongoing.
    public var period: String { period(hideDates: false) }

    /// The period; with `hideDates` (de-identified output) without its dates: "completed", "ongoing",
    /// "end not recorded", ages as stated ("at age P7M – P8M, completed").
    public func period(hideDates: Bool) -> String {
        var text = hideDates ? "" : [start?.description, end?.description].compactMap { $0 }.joined(separator: " – ")
        // Ages instead of dates: an end age is an end.
        var endStated = end != nil
        if text.isEmpty, let ages {
            text = "at age " + ages
            endStated = endStated || ages.contains(" – ")
        }
        func add(_ part: String) { text += text.isEmpty ? part : ", " + part }
        if !endStated {
            if !hideDates, let lastRecorded, lastRecorded != start { add("last recorded \(lastRecorded)") }
            switch status {
            case "ongoing", "on hold": add(status!)
            case .some(let said): add("\(said) (end not recorded)")
            case nil where start != nil || lastRecorded != nil: add("end not recorded")
            case nil: break
            }
        } else if let status, status != "ongoing" {
            add(status)
        } else if hideDates, text.isEmpty {
            add("ended")
        }
        return text
    }

    /// Stated lines first in their order, then unnumbered treatments in the order recorded (a stable sort).
    public static func ordered(_ history: [TherapyLine]) -> [TherapyLine] {
        history.enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }.map(\.element)
    }
}

/// RECIST-style best response.
public enum Response: String, Codable, Sendable, CaseIterable {
    case cr = "CR"
    case pr = "PR"
    case sd = "SD"
    case pd = "PD"
    case ne = "NE"
}

/// Consent for research use and trial contact; nil means not recorded.
public struct Consent: Codable, Sendable, Hashable {
    public var research: Bool?
    public var trials: Bool?
    public var recordedOn: LocalDate?

    public init(research: Bool? = nil, trials: Bool? = nil, recordedOn: LocalDate? = nil) {
        self.research = research
        self.trials = trials
        self.recordedOn = recordedOn
    }
}

/// One site the cancer has spread to. `site` is nil when the record asserts metastasis without naming where
/// (SNOMED "Metastasis from malignant tumor of prostate").
public struct MetastaticSite: Codable, Sendable, Hashable {
    /// The site's words ("Cerebral meninges", "pelvic lymph node"); nil when not stated.
    public var site: String?
    /// The site's code and its system ("8935007", SNOMED CT; "UBERON:0015876").
    public var code: String?
    public var system: String?
    public var since: LocalDate?

    public init(site: String? = nil, code: String? = nil, system: String? = nil, since: LocalDate? = nil) {
        self.site = site
        self.code = code
        self.system = system
        self.since = since
    }

    /// "Cerebral meninges (SNOMED CT 8935007)", "site not named in the file (SNOMED CT 8935007)" for a code the
    /// record gives without a name, or "site not stated".
    public var label: String {
        let words = site ?? (code == nil ? "site not stated" : "site not named in the file")
        return code.map { "\(words) (\(system.map { "\($0) " } ?? "")\($0))" } ?? words
    }

    /// The label with the date it was first recorded: "liver (SNOMED CT 10200004) since 2021-03-02". `hideDates`
    /// leaves the date out (de-identified output and privacy mode: a care date dates the patient).
    public func summary(hideDates: Bool = false) -> String {
        label + (hideDates ? "" : since.map { " since \($0)" } ?? "")
    }
}

/// Where an imported record came from.
public struct Provenance: Codable, Sendable, Hashable {
    public var file: String
    public var recordId: String?
    public var format: String?

    public init(file: String, recordId: String? = nil, format: String? = nil) {
        self.file = file
        self.recordId = recordId
        self.format = format
    }
}
