import Foundation

/// What happened, without when or to whom: the kind and the fields that kind takes. A case's dated outcome
/// (`CaseOutcome`) and an outcome on a day axis as it leaves the institution (`TimedOutcome`) both hold one, so the
/// two cannot drift apart; both read its fields as their own (`outcome.kind`, `timed.regimen`).
public struct OutcomeEvent: Codable, Sendable, Hashable {
    public var kind: OutcomeKind

    // Treatment started.
    /// The regimen as the clinic names it ("FOLFOX", "pemigatinib").
    public var regimen: String?
    public var drugs: [String]
    /// Whether the treatment is what the board recommended.
    public var followedRecommendation: Adherence?
    /// The trial the patient was enrolled in (NCT id), when the treatment is a trial's.
    public var trialId: String?

    // Response assessment.
    public var criteria: ResponseCriteria?
    /// The category in the criteria's own words ("PR", "iUPD", "VGPR", "CMR").
    public var response: String?

    // Treatment stopped.
    public var stopReason: StopReason?

    // Severe toxicity.
    /// CTCAE grade (only 3–5 are recorded here: severe, life-threatening, fatal).
    public var grade: Int?
    /// The CTCAE term ("Neutrophil count decreased", "Pneumonitis").
    public var term: String?

    public init(
        kind: OutcomeKind, regimen: String? = nil, drugs: [String] = [], followedRecommendation: Adherence? = nil,
        trialId: String? = nil, criteria: ResponseCriteria? = nil, response: String? = nil,
        stopReason: StopReason? = nil, grade: Int? = nil, term: String? = nil
    ) {
        self.kind = kind
        self.regimen = regimen
        self.drugs = drugs
        self.followedRecommendation = followedRecommendation
        self.trialId = trialId
        self.criteria = criteria
        self.response = response
        self.stopReason = stopReason
        self.grade = grade
        self.term = term
    }

    /// The JSON keys: the same flat names in native outcome records, store bodies and cohort files.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, regimen, drugs, followedRecommendation, trialId, criteria, response, stopReason, grade, term
    }

    /// Reads the fields from the enclosing record's own object (they are not nested); absent drugs are none.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try c.decode(OutcomeKind.self, forKey: .kind),
            regimen: try c.decodeIfPresent(String.self, forKey: .regimen),
            drugs: try c.decodeIfPresent([String].self, forKey: .drugs) ?? [],
            followedRecommendation: try c.decodeIfPresent(Adherence.self, forKey: .followedRecommendation),
            trialId: try c.decodeIfPresent(String.self, forKey: .trialId),
            criteria: try c.decodeIfPresent(ResponseCriteria.self, forKey: .criteria),
            response: try c.decodeIfPresent(String.self, forKey: .response),
            stopReason: try c.decodeIfPresent(StopReason.self, forKey: .stopReason),
            grade: try c.decodeIfPresent(Int.self, forKey: .grade),
            term: try c.decodeIfPresent(String.self, forKey: .term))
    }

    public func encode(to encoder: Encoder) throws { try encode(to: encoder, emptyDrugs: true) }

    /// Writes the fields into the enclosing record's object. `emptyDrugs` writes `"drugs": []` when there are none:
    /// cohort files always carry the key (version 1 readers require it); store bodies leave it out.
    func encode(to encoder: Encoder, emptyDrugs: Bool) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(regimen, forKey: .regimen)
        if emptyDrugs || !drugs.isEmpty { try c.encode(drugs, forKey: .drugs) }
        try c.encodeIfPresent(followedRecommendation, forKey: .followedRecommendation)
        try c.encodeIfPresent(trialId, forKey: .trialId)
        try c.encodeIfPresent(criteria, forKey: .criteria)
        try c.encodeIfPresent(response, forKey: .response)
        try c.encodeIfPresent(stopReason, forKey: .stopReason)
        try c.encodeIfPresent(grade, forKey: .grade)
        try c.encodeIfPresent(term, forKey: .term)
    }

    /// The event in words without date or remark: "treatment started: pemigatinib; as recommended",
    /// "response: RECIST 1.1 PR", "toxicity (CTCAE ≥ 3): grade 3 Pneumonitis". Never holds patient identifiers.
    public var summary: String { summary(adding: []) }

    /// The summary with further details (a remark) after the event's own.
    public func summary(adding extra: [String]) -> String {
        let detail = (details + extra).filter { !$0.isEmpty }.joined(separator: "; ")
        return detail.isEmpty ? kind.label : "\(kind.label): \(detail)"
    }

    /// The kind's own details, in the order the board reads them.
    var details: [String] {
        switch kind {
        case .treatmentStarted:
            let combination = drugs.isEmpty ? nil : drugs.joined(separator: " + ")
            // A regimen named by its one drug is said once.
            let same = regimen?.caseInsensitiveCompare(combination ?? "") == .orderedSame
            return [
                [regimen, same ? nil : combination].compactMap { $0 }.joined(separator: ": "),
                followedRecommendation?.phrase ?? "", trialId.map { "trial \($0)" } ?? "",
            ]
        case .response: return [[criteria?.rawValue, response].compactMap { $0 }.joined(separator: " ")]
        case .treatmentStopped: return [stopReason?.label ?? ""]
        case .toxicity: return [[grade.map { "grade \($0)" }, term].compactMap { $0 }.joined(separator: " ")]
        case .treatmentNotStarted, .progression, .death, .lostToFollowUp: return []
        }
    }
}
