import BoardModel
import Foundation

/// Which stored matches were computed on other data than the store now holds for their case and trial (or by other
/// matching rules, or for another age of the patient on the day): the same on every backend. A backend walks its
/// match rows in (case, trial, arm) order and hands each here; a case's fingerprint is computed once.
struct StaleMatchWalk {
    private let cases: [String: Case]
    private let trialFingerprints: [String: String]
    private let day: LocalDate
    private var caseFingerprints: [String: String] = [:]
    private(set) var stale: [StaleMatch] = []

    init(cases: [Case], trials: [Trial], on day: LocalDate) {
        self.cases = Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.trialFingerprints = Dictionary(trials.map { ($0.id, $0.fingerprint) }, uniquingKeysWith: { a, _ in a })
        self.day = day
    }

    /// One stored match row; rows of a case or trial no longer in the store are not stale, only gone.
    mutating func visit(caseId: String, trialId: String, armId: String, dataFingerprint: String?) {
        guard let record = cases[caseId], let trial = trialFingerprints[trialId] else { return }
        let fingerprint = caseFingerprints[caseId] ?? record.fingerprint(on: day)
        caseFingerprints[caseId] = fingerprint
        if dataFingerprint != MatchFingerprint.combine(case: fingerprint, trial: trial) {
            stale.append(StaleMatch(caseId: caseId, trialId: trialId, armId: armId.isEmpty ? nil : armId))
        }
    }

    /// One case's matches split into those computed on what the case and trials now hold and the stale rest.
    static func split(_ matches: [TrialMatch], of record: Case, trials: [String: Trial], on day: LocalDate) -> (
        current: [TrialMatch], stale: [TrialMatch]
    ) {
        let caseFingerprint = record.fingerprint(on: day)
        let current = matches.filter { m in
            trials[m.trialId].map {
                m.dataFingerprint == MatchFingerprint.combine(case: caseFingerprint, trial: $0.fingerprint)
            } ?? false
        }
        let stale = matches.filter { m in !current.contains { $0.trialId == m.trialId && $0.armId == m.armId } }
        return (current, stale)
    }
}
