import BoardFormats
import BoardStore
import Foundation

/// A spreadsheet case list applied to a meeting's agenda, the same from the command line (`meeting import-list`)
/// and from the Prepare screen: read the file, turn its rows into store items, and say what changed (or would).
public enum CaseListImport {
    /// Reads the file and applies it (or, with `dryRun`, rolls back and reports what would change).
    public static func run(
        path: String, meetingId: String, store: any ImportStore, dryRun: Bool, now: Date = Date()
    ) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, message: "cannot read the file (missing or not readable)")
        }
        let list = try CaseListReader.read(data: data, file: path)
        let items = list.entries.map { entry in
            CaseListItem(
                caseId: entry.caseId, mrn: entry.mrn, presenter: entry.presenter, plannedMinutes: entry.plannedMinutes,
                cannotCreate: entry.missingForNewCase, update: { entry.apply(to: &$0) },
                create: { id, patient in entry.makeCase(id: id, patient: patient, file: path) },
                identityConflict: { entry.identityConflict(with: $0) }, position: entry.position)
        }
        let summary = try store.importCaseList(items, meetingId: meetingId, file: path, dryRun: dryRun, now: now)
        return report(
            summary, rows: list.entries.count, meetingId: meetingId, dryRun: dryRun,
            ignoredColumns: list.ignoredColumns, problems: list.problems)
    }

    /// The summary as lines: what was (or would be) created, updated, added; columns ignored; values refused.
    static func report(
        _ s: CaseListSummary, rows: Int, meetingId: String, dryRun: Bool, ignoredColumns: [String],
        problems: [ImportError]
    ) -> [String] {
        var lines = [
            dryRun
                ? "dry run, nothing written; would change:"
                : "imported \(rows) row\(rows == 1 ? "" : "s") into \(meetingId):"
        ]
        func line(_ label: String, _ ids: [String]) {
            if !ids.isEmpty { lines.append("  \(label): \(ids.count) (\(ids.joined(separator: ", ")))") }
        }
        line("cases created", s.created)
        line("cases updated", s.updated)
        line("cases unchanged", s.unchanged)
        line("added to the agenda", s.added)
        line("already on the agenda", s.alreadyOnAgenda)
        if !ignoredColumns.isEmpty {
            lines.append("note: columns ignored (no matching field): " + ignoredColumns.joined(separator: ", "))
        }
        if !problems.isEmpty {
            lines.append("invalid values, not imported: \(problems.count)")
            lines += problems.map { "  \($0)" }
        }
        return lines
    }
}
