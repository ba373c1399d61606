import Foundation

/// When a case was last matched whole against every trial, and on what data: so that a case with no matches is not
/// matched again on every open, and so that adding one trial can stamp its new matches with the case's fingerprint
/// without reading every finding of the case (`CaseForMatching`).
///
/// A stamp is current while the matching rules and the store's trials are those it was made with (the store keeps a
/// trials version) and the case's fingerprint on the day is `fingerprint`. The fingerprint depends on the day only
/// through the patient's age in years (`Case.fingerprint(on:)`), so it is kept with the age it was computed for.
public struct MatchStamp: Sendable, Hashable {
    public var caseId: String
    /// `Case.fingerprint(on:)` of the case as matched.
    public var fingerprint: String
    /// The patient's age in years on the day of matching (nil: no birth date), which the fingerprint includes.
    public var age: Int?
    public var rulesVersion: Int
    /// The store's trials version the case was matched against (`TrialStore.trialsVersion()`).
    public var trialsVersion: Int
    public var matchedAt: Date

    public init(
        caseId: String, fingerprint: String, age: Int?, rulesVersion: Int = MatchFingerprint.rulesVersion,
        trialsVersion: Int, matchedAt: Date
    ) {
        self.caseId = caseId
        self.fingerprint = fingerprint
        self.age = age
        self.rulesVersion = rulesVersion
        self.trialsVersion = trialsVersion
        self.matchedAt = matchedAt
    }

    /// The stamp of `record` matched whole on `day` against the trials of `trialsVersion`.
    public init(_ record: Case, on day: LocalDate, trialsVersion: Int, at now: Date) {
        self.init(
            caseId: record.id, fingerprint: record.fingerprint(on: day), age: record.patient.age(on: day),
            trialsVersion: trialsVersion, matchedAt: now)
    }

    /// The case's fingerprint on `day`, when this stamp can give it: same rules, and the patient (as `record` has them,
    /// findings not needed) of the same age on `day`. A stamp made on other case data gives the old fingerprint, so a
    /// match computed with it reads as stale, never as current.
    public func fingerprint(of record: Case, on day: LocalDate) -> String? {
        guard rulesVersion == MatchFingerprint.rulesVersion, caseId == record.id, record.patient.age(on: day) == age
        else { return nil }
        return fingerprint
    }

    /// Whether the case as `record` holds it on `day` is the case as matched (the trials version is the store's
    /// concern: it gives only current stamps).
    public func matches(_ record: Case, on day: LocalDate) -> Bool {
        rulesVersion == MatchFingerprint.rulesVersion && record.fingerprint(on: day) == fingerprint
    }
}

/// A case as a few trials' matching reads it: the record with only the findings those trials can look at, and the
/// case's fingerprint from its current `MatchStamp` when there is one (nil: the record holds its whole matching
/// summary, and the fingerprint is computed from it).
public struct CaseForMatching: Sendable {
    public var record: Case
    public var fingerprint: String?

    public init(record: Case, fingerprint: String?) {
        self.record = record
        self.fingerprint = fingerprint
    }
}
