/// What the registry says about a study beyond its eligibility: the sponsor's own study id, the brief title,
/// enrolment, the study dates, keywords and whether results are posted. A board weighs a referral by them (a trial
/// that completed accrual two years ago, one with 34 patients, one with results to read). Kept as the registry writes
/// them: a date may be a month ("2015-08", legacy XML "September 2020") and carries the registry's type (ACTUAL or
/// ESTIMATED; legacy "Anticipated").
public struct TrialRegistryFacts: Codable, Sendable, Hashable {
    /// The sponsor's own study id (`orgStudyIdInfo.id`, legacy `org_study_id`).
    public var orgStudyId: String?
    public var briefTitle: String?
    public var enrollment: Count?
    public var start: Dated?
    public var primaryCompletion: Dated?
    public var completion: Dated?
    public var keywords: [String]
    /// Whether the registry holds posted results; nil when the record does not say.
    public var hasResults: Bool?

    /// A number with the registry's type (ACTUAL, ESTIMATED, ANTICIPATED), upper-cased as API v2 spells it.
    public struct Count: Codable, Sendable, Hashable {
        public var count: Int
        public var type: String?
        public init(count: Int, type: String?) {
            self.count = count
            self.type = type
        }
    }

    /// A date as written, with the registry's type.
    public struct Dated: Codable, Sendable, Hashable {
        public var date: String
        public var type: String?
        public init(date: String, type: String?) {
            self.date = date
            self.type = type
        }
    }

    public init(
        orgStudyId: String? = nil, briefTitle: String? = nil, enrollment: Count? = nil, start: Dated? = nil,
        primaryCompletion: Dated? = nil, completion: Dated? = nil, keywords: [String] = [], hasResults: Bool? = nil
    ) {
        self.orgStudyId = orgStudyId
        self.briefTitle = briefTitle
        self.enrollment = enrollment
        self.start = start
        self.primaryCompletion = primaryCompletion
        self.completion = completion
        self.keywords = keywords
        self.hasResults = hasResults
    }

    /// Whether the record gave none of these facts (the trial then stores none, so other bodies keep their bytes).
    public var isEmpty: Bool { self == TrialRegistryFacts() }

    /// The registry's type of a count or date, upper-cased with underscores ("Actual" → "ACTUAL").
    public static func type(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text.uppercased().replacingOccurrences(of: " ", with: "_")
    }

    /// One line for the trial's summary: "enrolment 5796 (actual) · start 2015-08 (actual) · primary completion
    /// 2020-11 (actual) · completion 2025-09 (estimated) · results posted"; nil when there is nothing to say.
    public var summary: String? {
        func typed(_ type: String?) -> String {
            type.map { " (\($0.lowercased().replacingOccurrences(of: "_", with: " ")))" } ?? ""
        }
        var parts: [String] = []
        if let e = enrollment { parts.append("enrolment \(e.count)\(typed(e.type))") }
        if let s = start { parts.append("start \(s.date)\(typed(s.type))") }
        if let p = primaryCompletion { parts.append("primary completion \(p.date)\(typed(p.type))") }
        if let c = completion { parts.append("completion \(c.date)\(typed(c.type))") }
        if let r = hasResults { parts.append(r ? "results posted" : "no results posted") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
