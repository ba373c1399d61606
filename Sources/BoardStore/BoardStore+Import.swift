import BoardModel
import Foundation
import GRDB

extension BoardStore {
    /// Writes a bundle in one transaction: all of it or, on any error, none of it. Records are keyed by id,
    /// so importing the same bundle again updates (or leaves unchanged) instead of duplicating.
    /// With `dryRun` the transaction is rolled back and the summary says what would have changed.
    @discardableResult
    public func importBundle(
        _ bundle: BoardBundle, dryRun: Bool = false, now: Date = Date(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try run {
            try db.writeWithoutTransaction { db in
                var summary = ImportSummary()
                try db.inTransaction(.immediate) {
                    summary = try write(
                        bundle, in: db, now: now, knowledge: try EvidenceIndex.load(db), progress: progress)
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        }
    }

    /// `knowledge`: the evidence the store keeps, applied to the findings of the cases written.
    func write(
        _ bundle: BoardBundle, in db: Database, now: Date, knowledge: EvidenceIndex,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> ImportSummary {
        let writer = RecordWriter(db: db, user: user, now: now, knowledge: knowledge)
        var summary = ImportSummary()
        let total =
            bundle.boards.count + bundle.cases.count + bundle.trials.count + bundle.meetings.count + bundle.notes.count
            + bundle.decisions.count + bundle.outcomes.count
        var done = 0
        func tick() {
            done += 1
            if let progress, done % 500 == 0 || done == total { progress(done, total) }
        }
        for board in bundle.boards {
            summary.note("board", try writer.board(board))
            tick()
        }
        for record in bundle.cases {
            summary.note("case", try writer.case(record, summary: &summary), id: record.id)
            tick()
        }
        for trial in bundle.trials {
            let stored = try String.fetchOne(db, sql: "SELECT body FROM trial WHERE id = ?", arguments: [trial.id])
                .map { try Codec.decode(Trial.self, from: $0) }
            summary.note(
                "trial", summary.admit(trial, over: stored) ? try writer.trial(trial) : .unchanged, id: trial.id)
            tick()
        }
        for meeting in bundle.meetings {
            try requireBoard(meeting.boardId, in: db, for: "meeting \(meeting.id)")
            for item in meeting.agenda { try requireCase(item.caseId, in: db, for: "agenda of meeting \(meeting.id)") }
            summary.note("meeting", try writer.meeting(meeting, summary: &summary))
            tick()
        }
        for note in bundle.notes {
            try requireCase(note.target.caseId, in: db, for: "note \(note.id)")
            summary.note("note", try writer.note(note))
            tick()
        }
        for decision in bundle.decisions {
            try requireCase(decision.caseId, in: db, for: "decision \(decision.id)")
            let problems = decision.validationErrors(forSigning: decision.status != .draft)
            if let first = problems.first { throw StoreError.invalid("decision \(decision.id): \(first)") }
            summary.note("decision", try writer.decision(decision))
            tick()
        }
        // Outcomes after the decisions they follow; one already stored (the same event) is left as it is, so importing
        // the same bundle again does not duplicate. Ids in the file tie responses to their treatment start.
        var assigned: [String: String] = [:]
        for (index, given) in bundle.outcomes.enumerated() {
            try requireCase(given.caseId, in: db, for: "outcome \(given.id)")
            var outcome = given
            if let t = outcome.treatmentId, let real = assigned[t] { outcome.treatmentId = real }
            if let same = try Self.outcomes(db, caseId: outcome.caseId, includingRetracted: true).first(where: {
                OutcomeRules.sameEvent($0, outcome)
            }) {
                assigned[given.id] = same.id
                summary.note("outcome", .unchanged)
            } else {
                do {
                    let saved = try addOutcome(outcome, db: db, today: LocalDate(now), now: now)
                    assigned[given.id] = saved.id
                    summary.note("outcome", .created)
                } catch var invalid as OutcomeInvalid {
                    invalid.index = index
                    throw invalid
                }
            }
            tick()
        }
        if !bundle.cases.isEmpty || !bundle.trials.isEmpty {
            try SearchIndex.tidy(db, documents: 2 * bundle.cases.count + bundle.trials.count)
        }
        return summary
    }

    /// `--case ID` with records that carry their own patient (a FHIR Patient, a Phenopacket subject): refused when
    /// that patient is not the case's patient, or when two files name different patients for the one case, so
    /// one patient's data is never attached to another's case. Nothing is written before this check.
    public func requireSamePatient(caseId: String, records: [Case]) throws {
        try CaseIdentityCheck.require(caseId: caseId, records: records) {
            try run { try db.read { db in try Self.loadCase(db, id: caseId) } }
        }
    }

    private func requireCase(_ id: String, in db: Database, for what: String) throws {
        if try !Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", id) {
            throw StoreError.invalid("\(what) refers to case \(id), which is neither in the store nor in the import")
        }
    }

    private func requireBoard(_ id: String, in db: Database, for what: String) throws {
        if try !Bool(exists: db, sql: "SELECT 1 FROM board WHERE id = ?", id) {
            throw StoreError.invalid("\(what) refers to board \(id), which is neither in the store nor in the import")
        }
    }
}

extension Bool {
    init(exists db: Database, sql: String, _ argument: String) throws {
        self = try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [argument]) != nil
    }
}
