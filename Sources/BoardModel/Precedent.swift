import Foundation

/// An earlier case the board (or a partner board) decided, shown beside a case under discussion: why it is
/// similar, what was recommended and signed, and what happened next.
public struct Precedent: Codable, Sendable, Hashable {
    /// The store's id: the case id, or for an external precedent "ext:<institution>:<pseudonym>".
    public var caseId: String
    /// How the precedent is named on screen: the case id, or the partner board's pseudonym.
    public var label: String
    /// The partner institution of an imported precedent; nil for this board's own cases.
    public var institution: String?
    public var diagnosis: String
    public var oncotreeCode: String?
    public var stageGroup: String?
    public var priorLines: Int?
    public var similarity: Similarity
    /// Why it is similar, in words ("same diagnosis (IHCH)", "same FGFR2 fusion (FGFR2::BICC1)").
    public var reasons: [String]
    /// The signed decision's id (this board's cases only).
    public var decisionId: String?
    public var recommendations: [Recommendation]
    public var signedBy: String?
    /// When it was signed (this board's cases); partner boards send days, not dates (`decisionDay`).
    public var decidedAt: Date?
    /// Days after the diagnosis the decision was signed (partner boards' precedents).
    public var decisionDay: Int?
    /// What happened after the decision, in days after `daysFrom` ("decision" for this board's cases,
    /// "diagnosis" or "decision" as the partner board sent them).
    public var outcomes: [TimedOutcome]
    public var daysFrom: String
    /// The course the outcomes describe (time on treatment, best response, progression); nil without outcomes.
    public var course: PrecedentCourse?

    public init(
        caseId: String, label: String? = nil, institution: String?, diagnosis: String, oncotreeCode: String?,
        stageGroup: String?, priorLines: Int?, similarity: Similarity, decisionId: String?,
        recommendations: [Recommendation], signedBy: String?, decidedAt: Date?, decisionDay: Int? = nil,
        outcomes: [TimedOutcome] = [], daysFrom: String = "decision"
    ) {
        self.caseId = caseId
        self.label = label ?? caseId
        self.institution = institution
        self.diagnosis = diagnosis
        self.oncotreeCode = oncotreeCode
        self.stageGroup = stageGroup
        self.priorLines = priorLines
        self.similarity = similarity
        self.reasons = similarity.reasons()
        self.decisionId = decisionId
        self.recommendations = recommendations
        self.signedBy = signedBy
        self.decidedAt = decidedAt
        self.decisionDay = decisionDay
        self.outcomes = outcomes
        self.daysFrom = daysFrom
        self.course = outcomes.isEmpty ? nil : PrecedentCourse(outcomes)
    }

    /// "C-0012", or "Riverside Cancer Centre PX-3F2A…" for a partner board's precedent.
    public var reference: String { institution.map { "\($0) \(label)" } ?? label }

    /// The first-choice recommendation.
    public var firstRecommendation: Recommendation? {
        recommendations.min { $0.priority < $1.priority }
    }
}

/// The precedents of one case, best first.
public struct PrecedentList: Codable, Sendable, Hashable {
    public var caseId: String
    public var precedents: [Precedent]
    /// How many earlier cases were compared (before the limit).
    public var compared: Int

    public init(caseId: String, precedents: [Precedent], compared: Int) {
        self.caseId = caseId
        self.precedents = precedents
        self.compared = compared
    }
}
