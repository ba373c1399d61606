import BoardModel
import Foundation

/// One document of the search index, whatever the backend: what a hit shows (`label`) and the text searched
/// (`title` weighs more than `body`). One per case (with its patient), per case's findings, per note, per trial.
struct SearchDocument: Equatable {
    var kind: String
    var ref: String
    var caseId: String?
    var label: String
    var title: String
    var body: String

    /// The case's own document (patient names, diagnosis, question, referrer): what an edit on the case screen changes.
    /// Names are also spelt as people type them without the keys ("Ostergaard", "Brueckner").
    static func caseDetails(_ record: Case) -> SearchDocument {
        let p = record.patient
        var title = [p.name.display, p.pseudonym, p.mrn].compactMap { $0 }.joined(separator: " ")
        let folded = SearchIndex.foldLetters(title)
        if folded != title { title += " " + folded }
        let german = SearchIndex.germanSpelling(title)
        if german != title { title += " " + german }
        let body = [
            record.id, record.diagnosis.text, record.diagnosis.oncotreeCode, record.diagnosis.histology,
            record.diagnosis.primarySite, record.question, record.referringClinician,
        ]
        .compactMap { $0 }.joined(separator: " ")
        return SearchDocument(
            kind: "case", ref: record.id, caseId: record.id, label: p.name.display, title: title, body: body)
    }

    /// A case's findings; `labFileTerms` adds the terms of findings attached from lab files that are not in
    /// `record.findings` (see `SearchIndex.findingLabels`).
    static func findings(_ record: Case, labFileTerms: [String] = []) -> SearchDocument {
        let findings =
            record.findings.map { f in
                [f.label, f.gene, f.hgvsC, f.hgvsP.map(SearchIndex.shortProtein), f.classification?.label]
                    .compactMap { $0 }.joined(separator: " ")
            } + labFileTerms
        return SearchDocument(
            kind: "findings", ref: record.id, caseId: record.id, label: record.diagnosis.text,
            title: record.diagnosis.text, body: findings.joined(separator: " · "))
    }

    /// A partner board's precedent (kept apart from the cases: no case id), found by its diagnosis and findings.
    static func external(_ p: ExternalPrecedent, id: String, institution: String) -> SearchDocument {
        SearchDocument(
            kind: "external", ref: id, caseId: nil, label: "\(institution): \(p.id)", title: "\(p.id) \(institution)",
            body: ([p.diagnosis, p.oncotreeCode].compactMap { $0 } + p.findings).joined(separator: " "))
    }

    static func note(_ note: Note) -> SearchDocument {
        SearchDocument(
            kind: "note", ref: note.id, caseId: note.target.caseId, label: "note by \(note.author)",
            title: note.author, body: note.text)
    }

    static func trial(_ trial: Trial) -> SearchDocument {
        let body = [
            trial.shortTitle, trial.sponsor, trial.phase, trial.eligibility.conditions.joined(separator: " "),
            trial.eligibility.diagnoses.joined(separator: " "), trial.arms.map(\.name).joined(separator: " "),
            trial.arms.flatMap(\.drugs).joined(separator: " "),
        ].compactMap { $0 }.joined(separator: " ")
        return SearchDocument(
            kind: "trial", ref: trial.id, caseId: nil, label: trial.shortTitle ?? trial.title,
            title: trial.id + " " + trial.title, body: body)
    }
}
