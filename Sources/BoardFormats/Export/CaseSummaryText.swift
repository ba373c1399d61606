import BoardModel
import Foundation

/// A plain-text summary of one case for the terminal (`tumorboard show`), identified or masked.
public struct CaseSummaryText {
    public var record: Case
    public var notes: [Note]
    public var decision: Decision?
    public var today: LocalDate
    public var deidentify: Bool

    public init(record: Case, notes: [Note] = [], decision: Decision? = nil, today: LocalDate, deidentify: Bool = false)
    {
        self.record = record
        self.notes = notes
        self.decision = decision
        self.today = today
        self.deidentify = deidentify
    }

    public func render() -> String {
        let c = record
        let p = c.patient
        let scrub = deidentify ? Deidentifier(patient: p) : nil
        let say = { (text: String) in scrub?.scrub(text) ?? text }
        var out: [String] = []
        let who = deidentify ? p.pseudonym : "\(p.name.display) (\(p.mainIdentifier ?? "no identifiers"))"
        let age = LifeStatus(p).phrase(on: today, hideDates: deidentify, say: say)
        let id = CaseIdShown.text(c, deidentified: deidentify)
        out.append("\(id)  \(who), \(age), \(p.sex.rawValue)  [\(c.status.rawValue)]")
        if !deidentify, let birth = p.birthDate { out.append("Born:        \(birth)") }
        if !deidentify {
            // Every identifier with what it is (the MRN is in the title line); race and ethnicity as recorded.
            let main = p.mrn != nil ? p.identifiers.firstIndex { $0.kind == .mrn } : p.identifiers.indices.first
            let others = p.identifiers.indices.filter { $0 != main }.map { p.identifiers[$0].shown }
            if !others.isEmpty { out.append("Identifiers: " + others.joined(separator: "; ")) }
            if let race = p.race { out.append("Race:        \(race)") }
            if let ethnicity = p.ethnicity { out.append("Ethnicity:   \(ethnicity)") }
            // The study's own columns (cBioPortal custom attributes); they may hold an identifier, so only here.
            if let attributes = p.attributes, !attributes.isEmpty {
                out.append("Attributes:  " + attributes.map(\.shown).joined(separator: "; "))
            }
        }
        if let survival = p.survival?.phrase(vitalStatus: p.vitalStatus) { out.append("Survival:    \(survival)") }
        out.append("Diagnosis:   \(say(c.diagnosis.text))" + (c.diagnosis.oncotreeCode.map { " [\($0)]" } ?? ""))
        if let status = c.diagnosis.statusPhrase(hideDates: deidentify) { out.append("Status:      \(status)") }
        if let verification = c.diagnosis.verificationText { out.append("Verified:    \(verification)") }
        if let histology = c.diagnosis.histology { out.append("Histology:   \(say(histology))") }
        if let site = c.diagnosis.primarySite {
            out.append("Site:        \(say(site))" + (c.diagnosis.laterality.map { ", \($0.rawValue)" } ?? ""))
        }
        // The basis shows as the T prefix ("cT2"); a stage group alone says it in words.
        let basis = c.stage.flatMap { $0.t == nil && $0.group != nil ? $0.basis.map { "\($0) " } : nil } ?? ""
        out.append("Stage:       \(basis)\(c.stage?.summary ?? "—")")
        if !c.metastaticSites.isEmpty {
            out.append(
                "Metastases:  " + c.metastaticSites.map { $0.summary(hideDates: deidentify) }.joined(separator: "; "))
        }
        // What each specimen is (a cBioPortal sample's description, OncoTree code, type and site).
        let specimens = c.reports.compactMap { r in
            r.specimen.flatMap { s in
                let columns = deidentify ? [] : (s.attributes ?? []).map(\.shown)
                let what = ([s.summary.isEmpty ? nil : say(s.summary)].compactMap { $0 } + columns)
                    .joined(separator: ", ")
                return what.isEmpty ? nil : (deidentify ? "" : "\(s.id ?? r.id): ") + what
            }
        }
        if !specimens.isEmpty { out.append("Specimens:   " + specimens.joined(separator: "; ")) }
        out.append("Performance: \(c.performance?.summary.isEmpty == false ? c.performance!.summary : "—")")
        if !c.comorbidities.isEmpty { out.append("Comorbid:    \(say(ComorbidityList.text(c.comorbidities)))") }
        // Observation times are dates of the patient's care: left out when de-identifying (ages stay).
        let observed = { (text: String) in deidentify ? Deidentifier.withoutDates(say(text)) : text }
        if !c.phenotypes.isEmpty { out.append("Phenotypes:  \(observed(c.phenotypes.joined(separator: "; ")))") }
        if !c.measurements.isEmpty {
            out.append("Measured:")
            out += c.measurements.map { "  " + observed($0) }
        }
        if let ref = c.referringClinician { out.append("Referred by: \(ref)") }
        out.append("Question:    \(c.question.isEmpty ? "—" : say(c.question))")
        if !c.treatmentHistory.isEmpty {
            out.append("Treatment history:")
            for line in TherapyLine.ordered(c.treatmentHistory) {
                var drugs = line.drugs.isEmpty ? say(line.regimen ?? "—") : line.drugs.joined(separator: " + ")
                // What the regimen's words add to its agents ("Chemotherapy (days 125–145 from the study's index
                // date)" in a cBioPortal timeline) is shown with them.
                if !line.drugs.isEmpty, let regimen = line.regimen, regimen.lowercased() != drugs.lowercased() {
                    drugs += " — " + say(regimen)
                }
                let dates = line.period(hideDates: deidentify)
                out.append(
                    "  \(line.line.map { "L\($0)" } ?? "- ") \(drugs)" + (dates.isEmpty ? "" : "  \(dates)")
                        + (line.bestResponse.map { "  best \($0.rawValue)" } ?? "")
                        + (line.stopReason.map { "  stopped: \(say($0))" } ?? ""))
            }
        }
        if !c.missingData.isEmpty { out.append("Missing:     " + c.missingData.map(\.label).joined(separator: ", ")) }
        if !c.findings.isEmpty {
            // Calls the caller filtered out are listed after the passing ones, each marked in words.
            let filtered = c.findings.reduce(0) { $0 + ($1.isFiltered ? 1 : 0) }
            out.append(
                "Findings (\(c.findings.count)"
                    + (filtered > 0
                        ? "; \(filtered) filtered call\(filtered == 1 ? "" : "s") marked and listed last" : "") + "):")
            for f in c.findings.byEvidence() {
                let vaf = f.vaf.map { String(format: " VAF %.0f%%", $0 * 100) } ?? ""
                let origin = f.origin == .germline ? " germline" : ""
                let evidence = f.evidence.isEmpty ? "" : "  [\(f.evidenceSummary)]"
                out.append(
                    "  \(f.id)  \(f.label)\(vaf)\(origin)" + evidence + (f.originCaution.map { "  (\($0))" } ?? "")
                        + (f.classification.map { "  \($0.label)" } ?? "") + (f.filterMark.map { "  (\($0))" } ?? ""))
            }
            if id == c.id {
                out.append("  (details of one finding: tumorboard show \(Self.shellWord(c.id)) --finding ID)")
            }
        }
        if !notes.isEmpty {
            out.append("Notes:")
            for note in notes { out.append("  \(note.author): \(say(note.text))") }
        }
        if let d = decision {
            out.append("Decision (\(d.status.rawValue), version \(d.version)):")
            for r in d.recommendations.sorted(by: { $0.priority < $1.priority }) {
                let what = [r.therapy.map(say), r.trialId].compactMap { $0 }.joined(separator: " ")
                out.append(
                    "  \(r.priority). \(r.kind.label)\(what.isEmpty ? "" : ": " + what)"
                        + (r.evidence.map { "  [\($0)]" } ?? ""))
                if !r.rationale.isEmpty { out.append("     Rationale: \(say(r.rationale))") }
                for against in r.evidenceAgainst(in: c.findings) {
                    out.append("     Caution: \(against.entry.phrase) (\(against.finding.label))")
                }
            }
            for dissent in d.dissent { out.append("  Dissent: \(dissent.name): \(say(dissent.reason))") }
            if let f = d.followUp {
                let when = [f.date.map { "on \($0)" }, f.intervalWeeks.map { "in \($0) weeks" }].compactMap { $0 }
                    .joined(separator: ", ")
                out.append(
                    "  Follow-up: " + [when, f.represent.map(say) ?? ""].filter { !$0.isEmpty }.joined(separator: ": "))
            }
            if let signer = d.signedBy { out.append("  signed by \(signer)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A case id as a shell word to copy: as it is when it is plain, else in single quotes ("'individual 6'").
    static func shellWord(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.:/@+,=".unicodeScalars.contains($0))
            }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
