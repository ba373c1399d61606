import Foundation

/// One dated thing that happened to a case after the board's decision: a treatment started (or not), a response
/// assessment, progression, a treatment stopped, a severe toxicity, death or loss to follow-up. The record of these
/// events is how the board learns what its recommendations led to (precedents, swimmer plots, the follow-up queue).
///
/// One flat record per event: what happened is its `event` (read as the outcome's own fields: `outcome.kind`,
/// `outcome.regimen`); which fields apply depends on `kind` (see `OutcomeKind.fields`), and `validationErrors`
/// refuses fields a kind does not take, so a stored outcome never carries a stray value. An outcome entered in error
/// is never deleted: it is retracted (`retraction`), kept and shown as such, and counts for nothing.
@dynamicMemberLookup
public struct CaseOutcome: Codable, Sendable, Hashable, Identifiable {
    /// "O-<case>-<n>", given by the store.
    public var id: String
    public var caseId: String
    /// What happened: kind, treatment, response, stop, toxicity.
    public var event: OutcomeEvent
    /// When it happened (the assessment date for a response, the first dose for a treatment start).
    public var date: LocalDate
    /// The decision this event follows, when known.
    public var decisionId: String?
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
    /// Set when the outcome was found entered in error: it stays in the record, marked, and no rule counts it.
    public var retraction: OutcomeRetraction?

    public init(
        id: String, caseId: String, kind: OutcomeKind, date: LocalDate, decisionId: String? = nil,
        regimen: String? = nil, drugs: [String] = [], followedRecommendation: Adherence? = nil, trialId: String? = nil,
        criteria: ResponseCriteria? = nil, response: String? = nil, stopReason: StopReason? = nil, grade: Int? = nil,
        term: String? = nil, treatmentId: String? = nil, reason: String? = nil, source: String? = nil, version: Int = 0,
        recordedBy: String, recordedAt: Date, retraction: OutcomeRetraction? = nil
    ) {
        self.id = id
        self.caseId = caseId
        self.event = OutcomeEvent(
            kind: kind, regimen: regimen, drugs: drugs, followedRecommendation: followedRecommendation,
            trialId: trialId, criteria: criteria, response: response, stopReason: stopReason, grade: grade, term: term)
        self.date = date
        self.decisionId = decisionId
        self.treatmentId = treatmentId
        self.reason = reason
        self.source = source
        self.version = version
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.retraction = retraction
    }

    /// The event's fields read and written as the outcome's own.
    public subscript<T>(dynamicMember field: WritableKeyPath<OutcomeEvent, T>) -> T {
        get { event[keyPath: field] }
        set { event[keyPath: field] = newValue }
    }

    public var isRetracted: Bool { retraction != nil }

    /// The record's JSON field names (for readers that account for every field of a file).
    public static var fieldNames: [String] {
        CodingKeys.allCases.map(\.stringValue) + OutcomeEvent.CodingKeys.allCases.map(\.stringValue)
    }

    /// The record's own keys; the event's fields sit beside them in the same object.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, caseId, date, decisionId, treatmentId, reason, source, version, recordedBy, recordedAt, retraction
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        caseId = try c.decodeIfPresent(String.self, forKey: .caseId) ?? ""
        event = try OutcomeEvent(from: decoder)
        date = try c.decode(LocalDate.self, forKey: .date)
        decisionId = try c.decodeIfPresent(String.self, forKey: .decisionId)
        treatmentId = try c.decodeIfPresent(String.self, forKey: .treatmentId)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 0
        recordedBy = try c.decodeIfPresent(String.self, forKey: .recordedBy) ?? ""
        recordedAt = try c.decodeIfPresent(Date.self, forKey: .recordedAt) ?? Date(timeIntervalSince1970: 0)
        retraction = try c.decodeIfPresent(OutcomeRetraction.self, forKey: .retraction)
    }

    /// Empty lists and absent values are written as no key, so a body holds only what the event says.
    public func encode(to encoder: Encoder) throws {
        try event.encode(to: encoder, emptyDrugs: false)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(caseId, forKey: .caseId)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(decisionId, forKey: .decisionId)
        try c.encodeIfPresent(treatmentId, forKey: .treatmentId)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encode(version, forKey: .version)
        try c.encode(recordedBy, forKey: .recordedBy)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encodeIfPresent(retraction, forKey: .retraction)
    }
}

/// Why and by whom an outcome was retracted (entered in error: wrong case, wrong date, never happened).
public struct OutcomeRetraction: Codable, Sendable, Hashable {
    /// Why, in words (required: a retraction without a reason cannot be reviewed).
    public var reason: String
    public var retractedBy: String
    public var retractedAt: Date

    public init(reason: String, retractedBy: String, retractedAt: Date) {
        self.reason = reason
        self.retractedBy = retractedBy
        self.retractedAt = retractedAt
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
