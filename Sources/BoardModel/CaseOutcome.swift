import Foundation

/// One dated thing that happened to a case after the board's decision: a treatment started (or not), a response
/// assessment, progression, a treatment stopped, a severe toxicity, death or loss to follow-up. The record of these
/// events is how the board learns what its recommendations led to (precedents, swimmer plots, the follow-up queue).
///
/// One flat record per event: which fields apply depends on `kind` (see `OutcomeKind.fields`); `validationErrors`
/// refuses fields a kind does not take, so a stored outcome never carries a stray value.
public struct CaseOutcome: Codable, Sendable, Hashable, Identifiable {
    /// "O-<case>-<n>", given by the store.
    public var id: String
    public var caseId: String
    public var kind: OutcomeKind
    /// When it happened (the assessment date for a response, the first dose for a treatment start).
    public var date: LocalDate
    /// The decision this event follows, when known.
    public var decisionId: String?

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

    /// The treatment-started event a response, stop or toxicity belongs to (its outcome id), when known.
    public var treatmentId: String?
    /// Why a treatment did not start or stopped, or any other remark, in words.
    public var reason: String?
    /// Where the event came from ("screen", "command line", or a file name and record id).
    public var source: String?
    /// 1 for a new outcome; each correction saves the next version (the audit trail keeps every one).
    public var version: Int
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, caseId: String, kind: OutcomeKind, date: LocalDate, decisionId: String? = nil,
        regimen: String? = nil, drugs: [String] = [], followedRecommendation: Adherence? = nil, trialId: String? = nil,
        criteria: ResponseCriteria? = nil, response: String? = nil, stopReason: StopReason? = nil, grade: Int? = nil,
        term: String? = nil, treatmentId: String? = nil, reason: String? = nil, source: String? = nil, version: Int = 0,
        recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.caseId = caseId
        self.kind = kind
        self.date = date
        self.decisionId = decisionId
        self.regimen = regimen
        self.drugs = drugs
        self.followedRecommendation = followedRecommendation
        self.trialId = trialId
        self.criteria = criteria
        self.response = response
        self.stopReason = stopReason
        self.grade = grade
        self.term = term
        self.treatmentId = treatmentId
        self.reason = reason
        self.source = source
        self.version = version
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// The record's JSON field names (for readers that account for every field of a file).
    public static var fieldNames: [String] { CodingKeys.allCases.map(\.stringValue) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, caseId, kind, date, decisionId, regimen, drugs, followedRecommendation, trialId, criteria, response
        case stopReason, grade, term, treatmentId, reason, source, version, recordedBy, recordedAt
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(String.self, forKey: .id) ?? "",
            caseId: try c.decodeIfPresent(String.self, forKey: .caseId) ?? "",
            kind: try c.decode(OutcomeKind.self, forKey: .kind),
            date: try c.decode(LocalDate.self, forKey: .date),
            decisionId: try c.decodeIfPresent(String.self, forKey: .decisionId),
            regimen: try c.decodeIfPresent(String.self, forKey: .regimen),
            drugs: try c.decodeIfPresent([String].self, forKey: .drugs) ?? [],
            followedRecommendation: try c.decodeIfPresent(Adherence.self, forKey: .followedRecommendation),
            trialId: try c.decodeIfPresent(String.self, forKey: .trialId),
            criteria: try c.decodeIfPresent(ResponseCriteria.self, forKey: .criteria),
            response: try c.decodeIfPresent(String.self, forKey: .response),
            stopReason: try c.decodeIfPresent(StopReason.self, forKey: .stopReason),
            grade: try c.decodeIfPresent(Int.self, forKey: .grade),
            term: try c.decodeIfPresent(String.self, forKey: .term),
            treatmentId: try c.decodeIfPresent(String.self, forKey: .treatmentId),
            reason: try c.decodeIfPresent(String.self, forKey: .reason),
            source: try c.decodeIfPresent(String.self, forKey: .source),
            version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 0,
            recordedBy: try c.decodeIfPresent(String.self, forKey: .recordedBy) ?? "",
            recordedAt: try c.decodeIfPresent(Date.self, forKey: .recordedAt) ?? Date(timeIntervalSince1970: 0))
    }

    /// Empty lists and absent values are written as no key, so a body holds only what the event says.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(caseId, forKey: .caseId)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(decisionId, forKey: .decisionId)
        try c.encodeIfPresent(regimen, forKey: .regimen)
        if !drugs.isEmpty { try c.encode(drugs, forKey: .drugs) }
        try c.encodeIfPresent(followedRecommendation, forKey: .followedRecommendation)
        try c.encodeIfPresent(trialId, forKey: .trialId)
        try c.encodeIfPresent(criteria, forKey: .criteria)
        try c.encodeIfPresent(response, forKey: .response)
        try c.encodeIfPresent(stopReason, forKey: .stopReason)
        try c.encodeIfPresent(grade, forKey: .grade)
        try c.encodeIfPresent(term, forKey: .term)
        try c.encodeIfPresent(treatmentId, forKey: .treatmentId)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encode(version, forKey: .version)
        try c.encode(recordedBy, forKey: .recordedBy)
        try c.encode(recordedAt, forKey: .recordedAt)
    }
}

/// What kind of event an outcome records.
public enum OutcomeKind: String, Codable, Sendable, CaseIterable {
    case treatmentStarted = "treatment-started"
    case treatmentNotStarted = "treatment-not-started"
    case response
    case progression
    case treatmentStopped = "treatment-stopped"
    case toxicity
    case death
    case lostToFollowUp = "lost-to-follow-up"

    public var label: String {
        switch self {
        case .treatmentStarted: "treatment started"
        case .treatmentNotStarted: "treatment not started"
        case .response: "response"
        case .progression: "progression"
        case .treatmentStopped: "treatment stopped"
        case .toxicity: "toxicity (CTCAE ≥ 3)"
        case .death: "death"
        case .lostToFollowUp: "lost to follow-up"
        }
    }

    /// Whether the event needs a treatment that started on or before its date.
    public var needsTreatment: Bool { self == .response || self == .treatmentStopped || self == .toxicity }
}

/// Whether the treatment given is what the board recommended.
public enum Adherence: String, Codable, Sendable, CaseIterable {
    case yes, no, partly

    /// "as recommended", "partly as recommended", "not as recommended".
    public var phrase: String {
        switch self {
        case .yes: "as recommended"
        case .partly: "partly as recommended"
        case .no: "not as recommended"
        }
    }
}

/// Why a treatment stopped.
public enum StopReason: String, Codable, Sendable, CaseIterable {
    case completed
    case progression
    case toxicity
    case patientChoice = "patient-choice"
    case death
    case other
    /// The source records the stop but not why (a cBioPortal STOP_DATE): unknown, not "other".
    case notStated = "not-stated"

    public var label: String {
        self == .notStated ? "reason not stated" : rawValue.replacingOccurrences(of: "-", with: " ")
    }
}
