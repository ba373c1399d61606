import BoardModel
import Foundation

/// Outcomes from FHIR R4 (a Bundle or one resource), after mCODE:
/// - CancerDiseaseStatus Observations (code LOINC 97509-4, STU1 88040-1): the clinician's judgement of the trend,
///   valueCodeableConcept from the condition status trend value set (SNOMED CT). "Worsened" is progression (the
///   profile: "worsening (progressing)"); the others are responses in mCODE's own words, not RECIST categories.
/// - MedicationAdministration and MedicationStatement of antineoplastic drugs (mCODE CancerRelatedMedication*, ATC
///   L01/L02, or a known ingredient): the first dose of a drug starts a treatment, later doses belong to it; a
///   statement `completed` or `stopped` with an end date stops it; `not-done` / `not-taken` means not started.
/// Subjects are the file's own references ("Patient/x", `urn:uuid` fullUrls of the Bundle's Patient): a record is
/// tied to a case in the store later, and a record about another patient never lands on the wrong case.
enum OutcomeFHIRReader {
    /// SNOMED CT codes of mCODE's condition status trend value set (and the remission codes of its wider set).
    static let diseaseStatus: [String: String] = [
        "260415000": "not detected", "550991000124107": "full remission", "551001000124108": "partial remission",
        "268910001": "improved", "359746009": "stable", "271299001": "worsened", "709137006": "undetermined",
    ]
    static let diseaseStatusCodes: Set<String> = ["97509-4", "88040-1"]

    static func read(_ root: JSONNode, file: String) throws -> OutcomeFileContent {
        var resources: [(node: JSONNode, fullUrl: String?)] = []
        if root["resourceType"].string == "Bundle" {
            for entry in root["entry"].array where entry["resource"].exists {
                resources.append((entry["resource"], entry["fullUrl"].string))
            }
        } else {
            resources.append((root, nil))
        }
        var reading = Reading(file: file, patients: patients(in: resources))
        for (resource, _) in resources { reading.take(resource) }
        return OutcomeFileContent(records: reading.records, account: reading.account)
    }

    /// Every way the file names each of its patients (id, "Patient/id", fullUrl), to the Patient's id.
    static func patients(in resources: [(node: JSONNode, fullUrl: String?)]) -> [String: String] {
        var patients: [String: String] = [:]
        for (r, fullUrl) in resources where r["resourceType"].string == "Patient" {
            guard let id = r["id"].string ?? fullUrl?.replacingOccurrences(of: "urn:uuid:", with: "") else { continue }
            for name in [id, "Patient/\(id)", fullUrl].compactMap({ $0 }) { patients[name] = id }
        }
        return patients
    }

    /// One pass over a file's resources: the records made so far, the account, and the treatments started (a later
    /// dose of a drug belongs to its start).
    struct Reading {
        var account: ImportAccount
        let patients: [String: String]
        let name: String
        var records: [OutcomeFileRecord] = []
        /// subject + drug → index of its start in `records`.
        var started: [String: Int] = [:]
        var seen = Set<String>()

        init(file: String, patients: [String: String]) {
            account = ImportAccount(file: file, format: "fhir")
            self.patients = patients
            name = URL(fileURLWithPath: file).lastPathComponent
        }

        mutating func take(_ r: JSONNode) {
            account.read()
            let type = r["resourceType"].string ?? "untyped"
            if let id = r["id"].string, !seen.insert("\(type)/\(id)").inserted {
                account.skip("repeated Bundle entries of a resource already read")
                return
            }
            switch type {
            case "Observation": diseaseStatus(r)
            case "MedicationAdministration", "MedicationStatement": medication(r, type: type)
            default: account.skip("\(type) resources: not outcomes")
            }
        }

        /// The record's patient: a reference the file resolves, else the id of a "Patient/…" reference.
        func subject(_ r: JSONNode) -> String? {
            guard let ref = r["subject"]["reference"].string else { return nil }
            if let id = patients[ref] { return id }
            guard ref.hasPrefix("Patient/") else { return nil }
            return String(ref.dropFirst("Patient/".count))
        }

        /// Counts a kept resource's fields: those the reader takes as used, every other (bookkeeping aside) unused.
        mutating func accountFields(_ r: JSONNode, _ type: String, taking fields: Set<String>) {
            for key in r.keys where !OutcomeFHIRReader.bookkeeping.contains(key) {
                if fields.contains(key) { account.used("\(type).\(key)") } else { account.unused("\(type).\(key)") }
            }
        }

        func make(
            _ r: JSONNode, _ kind: OutcomeKind, _ date: LocalDate, _ who: String, _ change: (inout CaseOutcome) -> Void
        ) -> OutcomeFileRecord {
            let type = r["resourceType"].string ?? "untyped"
            var o = CaseOutcome(
                id: "", caseId: "", kind: kind, date: date, source: "\(name) \(type)/\(r["id"].string ?? "")",
                recordedBy: "", recordedAt: Date(timeIntervalSince1970: 0))
            change(&o)
            return OutcomeFileRecord(outcome: o, subject: who, location: r.path)
        }

        /// A CancerDiseaseStatus Observation: worsened is progression, the rest responses in mCODE's words.
        mutating func diseaseStatus(_ r: JSONNode) {
            let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
            let profiled = FHIRReader.profiles(r).contains("mcode-cancer-disease-status")
            guard profiled || !codes.isDisjoint(with: OutcomeFHIRReader.diseaseStatusCodes) else {
                account.skip("Observations that are not a cancer disease status")
                return
            }
            if ["entered-in-error", "cancelled"].contains(r["status"].string ?? "") {
                account.skip("disease status Observations entered in error or cancelled")
                return
            }
            guard let who = subject(r) else {
                account.skip("disease status Observations without a patient subject")
                return
            }
            guard let date = OutcomeFHIRReader.effectiveDate(r) else {
                account.skip("disease status Observations without an effective date")
                return
            }
            let valueCodes = FHIRReader.codings(r["valueCodeableConcept"]).compactMap(\.code)
            guard let status = valueCodes.compactMap({ OutcomeFHIRReader.diseaseStatus[$0] }).first else {
                account.invalid(
                    "Observation.valueCodeableConcept", found: valueCodes.joined(separator: ", "),
                    at: r.path + ".valueCodeableConcept",
                    expected: "a SNOMED CT code of mCODE's condition status trend value set")
                account.skip("disease status Observations without a value the value set defines")
                return
            }
            accountFields(r, "Observation", taking: OutcomeFHIRReader.observationFields)
            records.append(
                status == "worsened"
                    ? make(r, .progression, date, who) { $0.reason = "mCODE disease status: worsened" }
                    : make(r, .response, date, who) {
                        $0.criteria = .diseaseStatus
                        $0.response = status
                    })
        }

        /// An antineoplastic MedicationAdministration or MedicationStatement: not given, a start, a later dose of a
        /// start (which may move it earlier), and for a completed or stopped statement with an end date, a stop.
        mutating func medication(_ r: JSONNode, type: String) {
            let status = r["status"].string ?? ""
            if status == "entered-in-error" {
                account.skip("medication records entered in error")
                return
            }
            guard let drug = OutcomeFHIRReader.antineoplastic(r) else {
                account.skip("medications that are not antineoplastic (or name no drug)")
                return
            }
            guard let who = subject(r) else {
                account.skip("medication records without a patient subject")
                return
            }
            let period = r["effectivePeriod"]
            guard let start = ClinicalVocabulary.date(r["effectiveDateTime"].string ?? period["start"].string) else {
                account.skip("medication records without an effective date")
                return
            }
            accountFields(r, type, taking: OutcomeFHIRReader.medicationFields)
            if status == "not-done" || status == "not-taken" {
                let why = r["statusReason"].array.first.flatMap { FHIRReader.words($0) }
                records.append(
                    make(r, .treatmentNotStarted, start, who) {
                        $0.reason = "\(drug) not given" + (why.map { ": \($0)" } ?? "")
                    })
                return
            }
            let key = "\(who)|\(drug.lowercased())"
            if let first = started[key] {
                // A later dose of a drug already started belongs to that treatment; an earlier one moves its start.
                if start < records[first].outcome.date { records[first].outcome.date = start }
                account.skip("later doses of a drug already started (one treatment start per drug)")
            } else {
                started[key] = records.count
                let id = "fhir-\(records.count)"
                records.append(
                    make(r, .treatmentStarted, start, who) {
                        $0.id = id
                        $0.drugs = [drug]
                    })
            }
            if type == "MedicationStatement", ["completed", "stopped"].contains(status),
                let end = ClinicalVocabulary.date(period["end"].string), let first = started[key]
            {
                let treatmentId = records[first].outcome.id
                records.append(
                    make(r, .treatmentStopped, end, who) {
                        $0.treatmentId = treatmentId
                        $0.stopReason = status == "completed" ? .completed : .notStated
                    })
            }
        }
    }

    /// The agent a medication record gives, when it is antineoplastic (mCODE CancerRelatedMedication profile, an
    /// ATC L01/L02 code, or a known ingredient named); nil otherwise.
    static func antineoplastic(_ r: JSONNode) -> String? {
        let concept = r["medicationCodeableConcept"]
        let codings = FHIRReader.codings(concept)
        let words = (codings.compactMap(\.display) + [concept["text"].string].compactMap { $0 }).joined(separator: " ")
        let atc = codings.contains {
            ($0.system ?? "").lowercased().contains("atc") && Antineoplastics.isAntineoplastic(atc: $0.code ?? "")
        }
        let profiled = FHIRReader.profiles(r).contains { $0.contains("cancer-related-medication") }
        let ingredient = Antineoplastics.ingredient(in: words)
        guard atc || profiled || ingredient != nil else { return nil }
        return ingredient ?? FHIRReader.words(concept).map(agent)
    }

    static let bookkeeping: Set<String> = ["resourceType", "id", "meta", "text"]
    static let observationFields: Set<String> = [
        "status", "code", "subject", "valueCodeableConcept", "effectiveDateTime", "effectivePeriod",
    ]
    static let medicationFields: Set<String> = [
        "status", "medicationCodeableConcept", "subject", "effectiveDateTime", "effectivePeriod", "statusReason",
    ]

    static func effectiveDate(_ r: JSONNode) -> LocalDate? {
        ClinicalVocabulary.date(r["effectiveDateTime"].string ?? r["effectivePeriod"]["start"].string)
    }

    /// "Paclitaxel 100 MG Injection" → "Paclitaxel": the board speaks of agents, not products.
    static func agent(_ text: String) -> String {
        let words = text.split(separator: " ")
        if let cut = words.firstIndex(where: { $0.first?.isNumber == true }), cut > 0 {
            return words[..<cut].joined(separator: " ")
        }
        return text
    }
}
