import Foundation

/// A precedent from a partner board, as a de-identified cohort file carries it and the store keeps it: no
/// name, identifier or calendar date; ages in whole years, times in days after the diagnosis (or after the
/// decision when the diagnosis date is not known, see `daysFrom`). Read-only once imported.
public struct ExternalPrecedent: Codable, Sendable, Hashable {
    /// The exporting board's pseudonym for the case, stable across its exports.
    public var id: String
    public var sex: Sex?
    public var ageAtDiagnosis: Int?
    public var diagnosis: String
    public var oncotreeCode: String?
    public var stageGroup: String?
    public var priorLines: Int?
    public var alterations: [Alteration]
    /// The decisive findings as the exporting board labelled them ("FGFR2::BICC1 fusion").
    public var findings: [String]
    /// What the days count from: "diagnosis" or "decision".
    public var daysFrom: String
    /// The day the decision was signed.
    public var decisionDay: Int?
    public var recommendations: [Recommendation]
    public var consensus: Consensus?
    public var outcomes: [TimedOutcome]

    public init(
        id: String, sex: Sex?, ageAtDiagnosis: Int?, diagnosis: String, oncotreeCode: String?, stageGroup: String?,
        priorLines: Int?, alterations: [Alteration], findings: [String], daysFrom: String, decisionDay: Int?,
        recommendations: [Recommendation], consensus: Consensus?, outcomes: [TimedOutcome]
    ) {
        self.id = id
        self.sex = sex
        self.ageAtDiagnosis = ageAtDiagnosis
        self.diagnosis = diagnosis
        self.oncotreeCode = oncotreeCode
        self.stageGroup = stageGroup
        self.priorLines = priorLines
        self.alterations = alterations
        self.findings = findings
        self.daysFrom = daysFrom
        self.decisionDay = decisionDay
        self.recommendations = recommendations
        self.consensus = consensus
        self.outcomes = outcomes
    }
}

/// One imported cohort file: who exported it, which export it is, its precedents.
public struct CohortFile: Codable, Sendable, Hashable {
    /// Stable for one institution's export of one selection: importing it again replaces the earlier import.
    public var exportId: String
    public var institution: String
    public var exportedOn: LocalDate?
    public var precedents: [ExternalPrecedent]

    public init(exportId: String, institution: String, exportedOn: LocalDate?, precedents: [ExternalPrecedent]) {
        self.exportId = exportId
        self.institution = institution
        self.exportedOn = exportedOn
        self.precedents = precedents
    }
}
