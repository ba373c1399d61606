import Foundation
import GRDB
import BoardModel

extension BoardStore {
    /// Writes a bundle in one transaction: all of it or, on any error, none of it. Records are keyed by id,
    /// so importing the same bundle again updates (or leaves unchanged) instead of duplicating.
    /// With `dryRun` the transaction is rolled back and the summary says what would have changed.
    @discardableResult
    public func importBundle(_ bundle: BoardBundle, dryRun: Bool = false, now: Date = Date(),
                             progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try run {
            try db.writeWithoutTransaction { db in
                var summary = ImportSummary()
                try db.inTransaction(.immediate) {
                    summary = try write(bundle, in: db, now: now, knowledge: try EvidenceIndex.load(db), progress: progress)
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        }
    }

    /// `knowledge`: the evidence the store keeps, applied to the findings of the cases written.
    func write(_ bundle: BoardBundle, in db: Database, now: Date, knowledge: EvidenceIndex,
               progress: (@Sendable (Int, Int) -> Void)?) throws -> ImportSummary {
        let writer = RecordWriter(db: db, user: user, now: now, knowledge: knowledge)
        var summary = ImportSummary()
        let total = bundle.boards.count + bundle.cases.count + bundle.trials.count + bundle.meetings.count + bundle.notes.count + bundle.decisions.count
        var done = 0
        func tick() {
            done += 1
            if let progress, done % 500 == 0 || done == total { progress(done, total) }
        }
        for board in bundle.boards { summary.note("board", try writer.board(board)); tick() }
        for record in bundle.cases { summary.note("case", try writer.case(record, summary: &summary)); tick() }
        for trial in bundle.trials { summary.note("trial", try writer.trial(trial)); tick() }
        for meeting in bundle.meetings {
            try requireBoard(meeting.boardId, in: db, for: "meeting \(meeting.id)")
            for item in meeting.agenda { try requireCase(item.caseId, in: db, for: "agenda of meeting \(meeting.id)") }
            summary.note("meeting", try writer.meeting(meeting, summary: &summary)); tick()
        }
        for note in bundle.notes {
            try requireCase(note.target.caseId, in: db, for: "note \(note.id)")
            summary.note("note", try writer.note(note)); tick()
        }
        for decision in bundle.decisions {
            try requireCase(decision.caseId, in: db, for: "decision \(decision.id)")
            let problems = decision.validationErrors(forSigning: decision.status != .draft)
            if let first = problems.first { throw StoreError.invalid("decision \(decision.id): \(first)") }
            summary.note("decision", try writer.decision(decision)); tick()
        }
        if !bundle.cases.isEmpty || !bundle.trials.isEmpty {
            try db.execute(sql: "INSERT INTO search(search) VALUES ('optimize')")
        }
        return summary
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
