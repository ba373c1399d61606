import BoardModel
import Foundation

/// The rules of recording, correcting and retracting outcomes that do not depend on the backend: both stores
/// (BoardStore+Outcomes on SQLite, PostgresBoardStore+Outcomes) read what they need with their own SQL and ask
/// these, so a refusal reads the same on either.
enum OutcomeRules {
    /// Whether two outcomes record the same event: equal but for id, version, source, who recorded them when, and
    /// a retraction (a file imported again does not bring back an outcome the board retracted).
    static func sameEvent(_ a: CaseOutcome, _ b: CaseOutcome) -> Bool {
        func core(_ o: CaseOutcome) -> CaseOutcome {
            var o = o
            o.id = ""
            o.version = 0
            o.source = nil
            o.recordedBy = ""
            o.recordedAt = Date(timeIntervalSince1970: 0)
            o.retraction = nil
            return o
        }
        return core(a) == core(b)
    }

    /// Refuses recording an outcome that comes already retracted (record it, then retract it).
    static func requireNew(_ outcome: CaseOutcome) throws {
        if outcome.isRetracted {
            throw OutcomeInvalid(
                caseId: outcome.caseId,
                problems: [
                    InvalidValue(
                        field: "retraction", expected: "a standing outcome (record it, then retract it)",
                        got: "a retracted outcome")
                ])
        }
    }

    /// Refuses an outcome that breaks its rules, naming the case and every problem in one line. `others` are the
    /// case's standing outcomes; `decisionOfCase` whether the outcome's decision (if it names one) is the case's.
    static func validate(
        _ outcome: CaseOutcome, diagnosisCode: String?, others: [CaseOutcome], today: LocalDate, decisionOfCase: Bool
    ) throws {
        var problems = outcome.validationErrors(diagnosisCode: diagnosisCode, others: others, today: today)
        if let decisionId = outcome.decisionId, !decisionOfCase {
            problems.append(
                InvalidValue(field: "decision", expected: "a decision of case \(outcome.caseId)", got: decisionId))
        }
        if !problems.isEmpty { throw OutcomeInvalid(caseId: outcome.caseId, problems: problems) }
    }

    /// The reason a retraction gives, trimmed; refused when there is none.
    static func retractionReason(_ reason: String, caseId: String) throws -> String {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw OutcomeInvalid(
                caseId: caseId,
                problems: [InvalidValue(field: "reason", expected: "why the outcome is retracted", got: "nothing")])
        }
        return why
    }

    /// Refuses a change to an outcome that is retracted or not the version the user started from.
    static func requireStanding(_ stored: CaseOutcome, version: Int) throws {
        if let retraction = stored.retraction {
            throw StoreError.invalid(
                "outcome \(stored.id) was retracted on \(LocalDate(retraction.retractedAt)) (\(retraction.reason)); "
                    + "a retracted outcome is not changed: record a new one")
        }
        if stored.version != version {
            throw StoreError.conflict(
                kind: "outcome", id: stored.id, expectedVersion: version, currentVersion: stored.version)
        }
    }

    /// Refuses retracting `outcome` while another of the case's standing outcomes (`standing`, which may include
    /// it) would break its rules without it.
    static func requireNoDependants(on outcome: CaseOutcome, standing: [CaseOutcome], diagnosisCode: String?) throws {
        // Only the order of events is in question here, not whether a date has come.
        let anyDay = LocalDate(year: 9999, month: 12, day: 31)
        let remaining = standing.filter { $0.id != outcome.id }
        let broken = remaining.filter {
            !$0.validationErrors(diagnosisCode: diagnosisCode, others: remaining, today: anyDay).isEmpty
        }
        guard !broken.isEmpty else { return }
        let named = broken.map { "\($0.id) (\($0.date) \($0.kind.label))" }.joined(separator: ", ")
        throw OutcomeInvalid(
            caseId: outcome.caseId,
            problems: [
                InvalidValue(
                    field: "outcome",
                    expected: "no standing outcome that needs \(outcome.id) (retract or correct \(named) first)",
                    got: outcome.id)
            ])
    }

    /// The next version of `stored`, retracted for `reason` by `user` at `now`.
    static func retracted(_ stored: CaseOutcome, reason: String, by user: String, at now: Date) -> CaseOutcome {
        var next = stored
        next.version = stored.version + 1
        next.retraction = OutcomeRetraction(reason: reason, retractedBy: user, retractedAt: now)
        return next
    }

    /// Adds several outcomes in the caller's transaction, in order: a `treatmentId` naming an id given earlier in the
    /// list is pointed at the outcome the store made of it; an outcome the case already has (`sameEvent`, retracted
    /// ones included) is not added again and comes back among `duplicates`; a refusal says which one
    /// (`OutcomeInvalid.index`). `standing` reads a case's outcomes and `insert` saves one, each backend with its own SQL.
    static func addSeveral(
        _ outcomes: [CaseOutcome], standing: (_ caseId: String) throws -> [CaseOutcome],
        insert: (CaseOutcome) throws -> CaseOutcome
    ) throws -> (added: [CaseOutcome], duplicates: [CaseOutcome]) {
        var assigned: [String: String] = [:]
        var added: [CaseOutcome] = []
        var duplicates: [CaseOutcome] = []
        for (index, given) in outcomes.enumerated() {
            var o = given
            if let t = o.treatmentId, let real = assigned[t] { o.treatmentId = real }
            if let same = try standing(o.caseId).first(where: { sameEvent($0, o) }) {
                if !given.id.isEmpty { assigned[given.id] = same.id }
                duplicates.append(same)
                continue
            }
            do {
                let saved = try insert(o)
                if !given.id.isEmpty { assigned[given.id] = saved.id }
                added.append(saved)
            } catch var invalid as OutcomeInvalid {
                invalid.index = index
                throw invalid
            }
        }
        return (added, duplicates)
    }
}
