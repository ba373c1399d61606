import Foundation
import BoardModel

/// A plain-text summary of one case for the terminal (`tumorboard show`), identified or masked.
public struct CaseSummaryText {
    public var record: Case
    public var notes: [Note]
    public var decision: Decision?
    public var today: LocalDate
    public var deidentify: Bool

    public init(record: Case, notes: [Note] = [], decision: Decision? = nil, today: LocalDate, deidentify: Bool = false) {
        self.record = record
        self.notes = notes
        self.decision = decision
        self.today = today
        self.deidentify = deidentify
    }

    public func render() -> String {
        let c = record
        let p = c.patient
        var out: [String] = []
        let who = deidentify ? p.pseudonym : "\(p.name.display) (\(p.mrn ?? "no MRN"))"
        let age = p.age(on: today).map { "\($0) y" } ?? "age unknown"
        out.append("\(c.id)  \(who), \(age), \(p.sex.rawValue)  [\(c.status.rawValue)]")
        if !deidentify, let birth = p.birthDate { out.append("Born:        \(birth)") }
        out.append("Diagnosis:   \(c.diagnosis.text)" + (c.diagnosis.oncotreeCode.map { " [\($0)]" } ?? ""))
        if let histology = c.diagnosis.histology { out.append("Histology:   \(histology)") }
        if let site = c.diagnosis.primarySite { out.append("Site:        \(site)" + (c.diagnosis.laterality.map { ", \($0.rawValue)" } ?? "")) }
        out.append("Stage:       \(c.stage?.summary ?? "—")")
        out.append("Performance: \(c.performance?.summary.isEmpty == false ? c.performance!.summary : "—")")
        if !c.comorbidities.isEmpty { out.append("Comorbid:    \(c.comorbidities.joined(separator: "; "))") }
        if let ref = c.referringClinician { out.append("Referred by: \(ref)") }
        out.append("Question:    \(c.question.isEmpty ? "—" : c.question)")
        if !c.treatmentHistory.isEmpty {
            out.append("Treatment history:")
            for line in c.treatmentHistory.sorted(by: { $0.line < $1.line }) {
                let drugs = line.drugs.isEmpty ? (line.regimen ?? "—") : line.drugs.joined(separator: " + ")
                let dates = [line.start?.description, line.end?.description].compactMap { $0 }.joined(separator: " – ")
                out.append("  L\(line.line) \(drugs)" + (dates.isEmpty ? "" : "  \(dates)") + (line.bestResponse.map { "  best \($0.rawValue)" } ?? ""))
            }
        }
        if !c.missingData.isEmpty { out.append("Missing:     " + c.missingData.map(\.label).joined(separator: ", ")) }
        if !c.findings.isEmpty {
            out.append("Findings (\(c.findings.count)):")
            for f in c.findings.byEvidence() {
                let level = f.bestEvidence.map { "\($0.level)" } ?? ""
                let vaf = f.vaf.map { String(format: " VAF %.0f%%", $0 * 100) } ?? ""
                let origin = f.origin == .germline ? " germline" : ""
                out.append("  \(f.label)\(vaf)\(origin)" + (level.isEmpty ? "" : "  [\(level)]") + (f.classification.map { "  \($0.label)" } ?? ""))
            }
        }
        if !notes.isEmpty {
            out.append("Notes:")
            for note in notes { out.append("  \(note.author): \(note.text)") }
        }
        if let d = decision {
            out.append("Decision (\(d.status.rawValue), version \(d.version)):")
            for r in d.recommendations.sorted(by: { $0.priority < $1.priority }) {
                let what = [r.therapy, r.trialId].compactMap { $0 }.joined(separator: " ")
                out.append("  \(r.priority). \(r.kind.label)\(what.isEmpty ? "" : ": " + what)" + (r.evidence.map { "  [\($0)]" } ?? ""))
            }
            if let signer = d.signedBy { out.append("  signed by \(signer)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
