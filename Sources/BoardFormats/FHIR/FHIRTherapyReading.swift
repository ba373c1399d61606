import BoardModel
import Foundation

/// Antineoplastic medications (ATC L01/L02) and cancer procedures (surgery, radiotherapy) as therapy lines.
extension FHIRReader.Builder {
    mutating func medication(_ r: JSONNode) {
        let status = r["status"].string
        if ["entered-in-error", "cancelled", "not-taken", "not-done"].contains(status ?? "") {
            skip(r, "medications not given (\(status!))")
            return
        }
        var concept = r["medicationCodeableConcept"]
        if !concept.exists, let med = resolve(r["medicationReference"]["reference"].string, in: r) {
            concept = med["code"]
        }
        let codings = FHIRReader.codings(concept)
        let text = FHIRReader.words(concept) ?? ""
        let atc = codings.contains {
            ($0.system ?? "").lowercased().contains("atc") && Antineoplastics.isAntineoplastic(atc: $0.code ?? "")
        }
        let profiled = FHIRReader.profiles(r).contains { $0.contains("cancer-related-medication") }
        let ingredient = Antineoplastics.ingredient(
            in: (codings.compactMap(\.display) + [text]).joined(separator: " "))
        guard atc || profiled || ingredient != nil else {
            skip(r, "medications that are not antineoplastic (ATC L01/L02): analgesics, antibiotics, …")
            return
        }
        guard let pid = ownPatient(r, "medications") else { return }
        let drug = ingredient ?? Self.drugName(text)
        let timing = r["dosageInstruction"].array.first?["timing"]
        let type = r["resourceType"].string ?? ""
        let at = ClinicalVocabulary.date(r["effectiveDateTime"].string)
        let start = ClinicalVocabulary.date(
            r["effectivePeriod"]["start"].string ?? r["effectiveDateTime"].string
                ?? timing?["event"].array.first?.string ?? timing?["repeat"]["boundsPeriod"]["start"].string
                ?? r["authoredOn"].string)
        var end = ClinicalVocabulary.date(
            r["effectivePeriod"]["end"].string ?? timing?["repeat"]["boundsPeriod"]["end"].string)
        if end == nil, FHIRReader.Course.closes(status, resource: type) { end = at }
        let recorded = [start, end, at].compactMap { $0 }
        let i =
            patients[pid]!.medications.firstIndex { $0.key == drug }
            ?? {
                patients[pid]!.medications.append(FHIRReader.Course(key: drug))
                return patients[pid]!.medications.count - 1
            }()
        patients[pid]!.medications[i].add(start: start, end: end, recorded: recorded, status: status)
    }

    /// "Paclitaxel 100 MG Injection" → "Paclitaxel": the board speaks of agents, not products.
    static func drugName(_ text: String) -> String {
        let words = text.split(separator: " ")
        if let cut = words.firstIndex(where: { $0.first?.isNumber == true }), cut > 0 {
            return words[..<cut].joined(separator: " ")
        }
        return text
    }

    /// Words of procedures that find or look, not treat.
    static let diagnosticWords = [
        "screening", "examination", "mammogra", "x-ray", "radiograph", "imaging", "scan", "ultrasound",
        "endoscopy", "colonoscopy", "bronchoscopy", "reconciliation", "assessment", "consultation", "counseling",
        "test", "ct of", "ct ", "mri", "magnetic resonance", "tomography", "densitometry", "bone density",
    ]

    mutating func procedure(_ r: JSONNode) {
        let profiles = FHIRReader.profiles(r)
        let status = r["status"].string
        if ["entered-in-error", "not-done"].contains(status ?? "") {
            skip(r, "procedures not done")
            return
        }
        let reasonIsCancer =
            r["reasonReference"].array.contains { ref in
                guard let target = resolve(ref["reference"].string, in: r) ?? resolveBare(ref["reference"].string)
                else { return false }
                let w = FHIRReader.codedWords(target["code"])
                return ClinicalVocabulary.isCancer(w) && !w.contains("(situation)")
            } || r["reasonCode"].array.contains { ClinicalVocabulary.isCancer(FHIRReader.codedWords($0)) }
        let radiation = profiles.contains { $0.contains("radiation") || $0.contains("radiotherapy") }
        let surgical = profiles.contains { $0.contains("surgical-procedure") }
        let cancerRelated = profiles.contains { $0.contains("cancer-related") } || radiation || reasonIsCancer
        let biopsy = Self.isBiopsy(r)
        guard cancerRelated else {
            // A biopsy with no cancer reason may still be the cancer's diagnostic biopsy: decided once the
            // diagnosis is known (`linkBiopsies`).
            if biopsy, !profiles.contains(where: { $0.contains("radiation") }) {
                pendingBiopsies.append(r)
                return
            }
            skip(r, "Procedures not related to the cancer")
            return
        }
        let lower = FHIRReader.codedWords(r["code"]).lowercased()
        if !radiation, !biopsy, Self.diagnosticWords.contains(where: { lower.contains($0) }) {
            skip(r, "diagnostic procedures (imaging, endoscopy, examination): not treatment")
            return
        }
        guard let pid = ownPatient(r, "Procedures") else { return }
        // The profile decides (an mCODE surgical procedure is surgery whatever its free text says); words only
        // when no profile does.
        let isRadiation =
            radiation
            || (!surgical && !biopsy
                && (lower.contains("radiation") || lower.contains("radiotherapy") || lower.contains("brachytherapy")))
        let setting = isRadiation ? "radiotherapy" : "surgery"
        flagCodeTextConflict(r, setting: setting)
        addProcedure(r, pid: pid, setting: setting)
    }

    /// One procedure resource into its course: a repeated procedure (a course of fractions, monthly
    /// chemoradiation) is one line from first to last.
    mutating func addProcedure(_ r: JSONNode, pid: String, setting: String) {
        let status = r["status"].string
        let text = FHIRReader.codedLabel(r["code"]).map(ClinicalVocabulary.clean)
        let at = ClinicalVocabulary.date(r["performedDateTime"].string)
        let start = ClinicalVocabulary.date(r["performedPeriod"]["start"].string) ?? at
        var end = ClinicalVocabulary.date(r["performedPeriod"]["end"].string)
        if end == nil, FHIRReader.Course.closes(status, resource: "Procedure") { end = at }
        // A radiotherapy course is its fractions; a surgery on another day is another operation, never merged.
        let code = FHIRReader.codings(r["code"]).first?.code ?? text ?? "procedure"
        let key = setting == "surgery" ? code + "@" + (start?.description ?? "") : code
        let i =
            patients[pid]!.procedures.firstIndex { $0.key == key && $0.setting == setting }
            ?? {
                patients[pid]!.procedures.append(FHIRReader.Course(key: key, text: text, setting: setting))
                return patients[pid]!.procedures.count - 1
            }()
        patients[pid]!.procedures[i].add(
            start: start, end: end, recorded: [start, end].compactMap { $0 }, status: status)
    }

    /// A biopsy: mCODE's CancerRelatedSurgicalProcedure value set is every SNOMED CT descendant of 387713003
    /// "Surgical procedure", which biopsies are (86273004 "Biopsy" is an excision), so a cancer biopsy is a surgical
    /// procedure, not a skipped "diagnostic" one. Read from the coded words ("Biopsy of colon",
    /// "Sentinel lymph node biopsy").
    static func isBiopsy(_ r: JSONNode) -> Bool {
        FHIRReader.codings(r["code"]).contains { ($0.display ?? "").lowercased().contains("biopsy") }
            || (FHIRReader.codings(r["code"]).allSatisfy { $0.display == nil }
                && (r["code"]["text"].string ?? "").lowercased().contains("biopsy"))
    }

    /// Biopsies that state no cancer reason (Synthea writes "Biopsy of colon" with the reason "Polyp of colon",
    /// or none): one is the cancer's diagnostic biopsy when it samples the organ the primary cancer's diagnosis
    /// names ("Biopsy of prostate", "Neoplasm of prostate") and was done from 90 days before to 30 days after the
    /// diagnosis date. Any other is skipped with that reason; a biopsy of another organ never becomes evidence
    /// of a cancer there.
    mutating func linkBiopsies() {
        for r in pendingBiopsies {
            guard let pid = ownPatient(r, "Procedures") else { continue }
            let words = (FHIRReader.codedLabel(r["code"]) ?? "").lowercased()
            let organ = words.range(of: "biopsy of ").map { String(words[$0.upperBound...]) }
            let diagnosis = patients[pid]!.diagnosis
            let named = [diagnosis?.text, diagnosis?.primarySite].compactMap { $0?.lowercased() }
            let day = ClinicalVocabulary.date(r["performedDateTime"].string ?? r["performedPeriod"]["start"].string)
            guard let organ = organ.map(ClinicalVocabulary.clean), !organ.isEmpty,
                named.contains(where: { $0.contains(organ) }), let day, let on = diagnosis?.diagnosedOn,
                (-90...30).contains(on.days(until: day))
            else {
                skip(
                    r, "biopsies not linked to the cancer (no cancer reason; another organ or time than its diagnosis)")
                continue
            }
            addProcedure(r, pid: pid, setting: "surgery")
        }
    }
}
