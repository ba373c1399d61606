import Foundation

/// The findings of an import's cases, sent to PostgreSQL together: one COPY per `flushRows` rows instead of one per
/// case (generating a 10,000-case board sent 10,000 COPYs, each running the counting triggers), and what happened
/// to each finding (created, updated, unchanged) for the import's account. A case written twice in one import has
/// its pending rows sent before it is read again.
final class CaseWriteBatch {
    static let flushRows = 5_000

    private var rows: [PostgresFindingRow] = []
    private var cases: Set<String> = []
    private(set) var findings: [ImportSummary.Change] = []

    /// Whether rows of this case are waiting to be sent.
    func holds(_ caseId: String) -> Bool { cases.contains(caseId) }

    func note(_ changes: [ImportSummary.Change]) { findings += changes }

    /// Adds a case's rows, sending them all once there are enough.
    func add(_ caseRows: [PostgresFindingRow], of caseId: String, on connection: PGConnection) throws {
        rows += caseRows
        cases.insert(caseId)
        if rows.count >= Self.flushRows { try flush(on: connection) }
    }

    func flush(on connection: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try connection.copy("COPY finding(\(PostgresFindingRow.columns)) FROM STDIN", rows: rows.map(\.values))
        rows.removeAll(keepingCapacity: true)
        cases.removeAll(keepingCapacity: true)
    }
}
