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
        var account = ImportAccount(file: file, format: "fhir")
        var resources: [(node: JSONNode, fullUrl: String?)] = []
        if root["resourceType"].string == "Bundle" {
            for entry in root["entry"].array where entry["resource"].exists {
                resources.append((entry["resource"], entry["fullUrl"].string))
            }
        } else {
            resources.append((root, nil))
        }
        // Every way the file names each of its patients, to the Patient's id.
        var patients: [String: String] = [:]
        for (r, fullUrl) in resources where r["resourceType"].string == "Patient" {
            guard let id = r["id"].string ?? fullUrl?.replacingOccurrences(of: "urn:uuid:", with: "") else { continue }
            for name in [id, "Patient/\(id)", fullUrl].compactMap({ $0 }) { patients[name] = id }
        }
        func subject(_ r: JSONNode) -> String? {
            guard let ref = r["subject"]["reference"].string else { return nil }
            if let id = patients[ref] { return id }
            guard ref.hasPrefix("Patient/") else { return nil }
            return String(ref.dropFirst("Patient/".count))
        }
        var records: [OutcomeFileRecord] = []
        var started: [String: Int] = [:]  // subject + drug → index of its start in records
        let name = URL(fileURLWithPath: file).lastPathComponent
        var seen = Set<String>()
        for (r, _) in resources {
            account.read()
            let type = r["resourceType"].string ?? "untyped"
            if let id = r["id"].string, !seen.insert("\(type)/\(id)").inserted {
                account.skip("repeated Bundle entries of a resource already read")
                continue
            }
            let location = r.path
            func make(_ kind: OutcomeKind, _ date: LocalDate, _ who: String, _ change: (inout CaseOutcome) -> Void)
                -> OutcomeFileRecord
            {
                var o = CaseOutcome(
                    id: "", caseId: "", kind: kind, date: date, source: "\(name) \(type)/\(r["id"].string ?? "")",
                    recordedBy: "", recordedAt: Date(timeIntervalSince1970: 0))
                change(&o)
                return OutcomeFileRecord(outcome: o, subject: who, location: location)
            }
            switch type {
            case "Observation":
                let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
                let profiled = FHIRReader.profiles(r).contains("mcode-cancer-disease-status")
                guard profiled || !codes.isDisjoint(with: diseaseStatusCodes) else {
                    account.skip("Observations that are not a cancer disease status")
                    continue
                }
                if ["entered-in-error", "cancelled"].contains(r["status"].string ?? "") {
                    account.skip("disease status Observations entered in error or cancelled")
                    continue
                }
                guard let who = subject(r) else {
                    account.skip("disease status Observations without a patient subject")
                    continue
                }
                guard let date = effectiveDate(r) else {
                    account.skip("disease status Observations without an effective date")
                    continue
                }
                let valueCodes = FHIRReader.codings(r["valueCodeableConcept"]).compactMap(\.code)
                guard let status = valueCodes.compactMap({ diseaseStatus[$0] }).first else {
                    account.invalid(
                        "Observation.valueCodeableConcept", found: valueCodes.joined(separator: ", "),
                        at: location + ".valueCodeableConcept",
                        expected: "a SNOMED CT code of mCODE's condition status trend value set")
                    account.skip("disease status Observations without a value the value set defines")
                    continue
                }
                for field in ["code", "subject", "valueCodeableConcept", "effectiveDateTime", "effectivePeriod"]
                where r[field].exists {
                    account.used("Observation.\(field)")
                }
                for key in r.keys where !Self.bookkeeping.contains(key) && !Self.observationFields.contains(key) {
                    account.unused("Observation.\(key)")
                }
                records.append(
                    status == "worsened"
                        ? make(.progression, date, who) { $0.reason = "mCODE disease status: worsened" }
                        : make(.response, date, who) {
                            $0.criteria = .diseaseStatus
                            $0.response = status
                        })
            case "MedicationAdministration", "MedicationStatement":
                let status = r["status"].string ?? ""
                if status == "entered-in-error" {
                    account.skip("medication records entered in error")
                    continue
                }
                let concept = r["medicationCodeableConcept"]
                let codings = FHIRReader.codings(concept)
                let words = (codings.compactMap(\.display) + [concept["text"].string].compactMap { $0 }).joined(
                    separator: " ")
                let atc = codings.contains {
                    ($0.system ?? "").lowercased().contains("atc")
                        && Antineoplastics.isAntineoplastic(atc: $0.code ?? "")
                }
                let profiled = FHIRReader.profiles(r).contains { $0.contains("cancer-related-medication") }
                let ingredient = Antineoplastics.ingredient(in: words)
                guard atc || profiled || ingredient != nil,
                    let drug = ingredient ?? FHIRReader.words(concept).map(Self.agent)
                else {
                    account.skip("medications that are not antineoplastic (or name no drug)")
                    continue
                }
                guard let who = subject(r) else {
                    account.skip("medication records without a patient subject")
                    continue
                }
                let period = r["effectivePeriod"]
                guard let start = ClinicalVocabulary.date(r["effectiveDateTime"].string ?? period["start"].string)
                else {
                    account.skip("medication records without an effective date")
                    continue
                }
                for field in ["status", "medicationCodeableConcept", "subject", "effectiveDateTime", "effectivePeriod"]
                where r[field].exists {
                    account.used("\(type).\(field)")
                }
                for key in r.keys where !Self.bookkeeping.contains(key) && !Self.medicationFields.contains(key) {
                    account.unused("\(type).\(key)")
                }
                if status == "not-done" || status == "not-taken" {
                    let why = r["statusReason"].array.first.flatMap { FHIRReader.words($0) }
                    records.append(
                        make(.treatmentNotStarted, start, who) {
                            $0.reason = "\(drug) not given" + (why.map { ": \($0)" } ?? "")
                        })
                    continue
                }
                let key = "\(who)|\(drug.lowercased())"
                if let first = started[key] {
                    // A later dose of a drug already started belongs to that treatment; an earlier one moves its start.
                    if start < records[first].outcome.date { records[first].outcome.date = start }
                    account.skip("later doses of a drug already started (one treatment start per drug)")
                } else {
                    started[key] = records.count
                    records.append(
                        make(.treatmentStarted, start, who) {
                            $0.id = "fhir-\(records.count)"
                            $0.drugs = [drug]
                        })
                }
                if type == "MedicationStatement", ["completed", "stopped"].contains(status),
                    let end = ClinicalVocabulary.date(period["end"].string), let first = started[key]
                {
                    let treatmentId = records[first].outcome.id
                    records.append(
                        make(.treatmentStopped, end, who) {
                            $0.treatmentId = treatmentId
                            $0.stopReason = status == "completed" ? .completed : .notStated
                        })
                }
            default:
                account.skip("\(type) resources: not outcomes")
            }
        }
        return OutcomeFileContent(records: records, account: account)
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
