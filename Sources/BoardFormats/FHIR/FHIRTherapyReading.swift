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
        let startText =
            r["effectivePeriod"]["start"].string ?? r["effectiveDateTime"].string ?? timing?["event"].array.first?
            .string
            ?? timing?["repeat"]["boundsPeriod"]["start"].string ?? r["authoredOn"].string
        let endText = r["effectivePeriod"]["end"].string ?? timing?["repeat"]["boundsPeriod"]["end"].string
        let start = ClinicalVocabulary.date(startText)
        let end = ClinicalVocabulary.date(endText)
        if let i = patients[pid]!.medications.firstIndex(where: { $0.drug == drug }) {
            if let start { patients[pid]!.medications[i].dates.append(start) }
            if let end { patients[pid]!.medications[i].end = max(patients[pid]!.medications[i].end ?? end, end) }
        } else {
            patients[pid]!.medications.append((drug, start.map { [$0] } ?? [], end))
        }
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
        "biopsy", "screening", "examination", "mammogra", "x-ray", "radiograph", "imaging", "scan", "ultrasound",
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
        let cancerRelated = profiles.contains { $0.contains("cancer-related") } || radiation || reasonIsCancer
        guard cancerRelated else {
            skip(r, "Procedures not related to the cancer")
            return
        }
        let text = FHIRReader.words(r["code"]).map(ClinicalVocabulary.clean)
        let lower = FHIRReader.codedWords(r["code"]).lowercased()
        if !radiation, Self.diagnosticWords.contains(where: { lower.contains($0) }) {
            skip(r, "diagnostic procedures (biopsy, imaging, examination): not treatment")
            return
        }
        guard let pid = ownPatient(r, "Procedures") else { return }
        let isRadiation =
            radiation || lower.contains("radiation") || lower.contains("radiotherapy")
            || lower.contains("brachytherapy")
        let setting = isRadiation ? "radiotherapy" : "surgery"
        let start = ClinicalVocabulary.date(r["performedPeriod"]["start"].string ?? r["performedDateTime"].string)
        let end = ClinicalVocabulary.date(r["performedPeriod"]["end"].string)
        let key = FHIRReader.codings(r["code"]).first?.code ?? text ?? "procedure"
        // A repeated procedure (a course of fractions, monthly chemoradiation) is one line from first to last.
        if let i = patients[pid]!.procedures.firstIndex(where: { $0.key == key && $0.setting == setting }) {
            if let start { patients[pid]!.procedures[i].dates.append(start) }
            if let end { patients[pid]!.procedures[i].end = max(patients[pid]!.procedures[i].end ?? end, end) }
        } else {
            patients[pid]!.procedures.append((key, text, setting, start.map { [$0] } ?? [], end))
        }
    }
}
