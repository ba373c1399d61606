import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// Joins the store's meeting and case reads to the writers in BoardFormats; used by the screens and the CLI.
public enum MinutesExport {
    /// The minutes of a meeting as text or Markdown.
    public static func minutes(
        store: any MeetingStore & AuditStore, meetingId: String, format: ExportFormat = .text, width: Int = 80,
        deidentify: Bool = false, allFindings: Bool = false, timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) throws -> String {
        let r = try store.meetingRecord(id: meetingId, allFindings: allFindings)
        return MinutesWriter(
            meeting: r.meeting, board: r.board, cases: r.cases, notes: r.notes, decisions: r.decisions,
            decisionHashes: r.decisionHashes, trials: r.trials, deidentify: deidentify, timeZone: timeZone,
            findingCounts: r.findingCounts, auditChainHead: try store.auditHead().description,
            allFindings: allFindings, earlierDecisions: r.earlierDecisions, meetingDates: r.meetingDates
        )
        .render(format: format, width: width)
    }

    /// The chart summary of one case, ages as of `asOf`.
    public static func caseSummary(
        store: any CaseStore & MeetingStore & TrialStore, caseId: String, format: ExportFormat = .text, width: Int = 80,
        deidentify: Bool = false, asOf: LocalDate, timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) throws -> String {
        guard let record = try store.caseRecord(id: caseId, on: LocalDate(Date())) else {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
        let decision = record.currentDecision.flatMap { $0.status == .draft ? nil : $0 }
        var meetings: [Meeting] = []
        var boards: [String: String] = [:]
        for summary in record.meetings {
            if let m = try store.meeting(id: summary.id) { meetings.append(m) }
            boards[summary.boardId] = summary.boardName
        }
        var trials: [String: Trial] = [:]
        for id in decision?.recommendations.compactMap(\.trialId) ?? [] { trials[id] = try store.trial(id: id) }
        return CaseExportWriter(
            record: record.record, notes: record.notes, decision: decision,
            decisionHash: try decision.map(BoardStore.decisionHash), meetings: meetings, boardNames: boards,
            trials: trials, asOf: asOf, deidentify: deidentify, timeZone: timeZone
        )
        .render(format: format, width: width)
    }

    /// A file name for exported minutes: "minutes-M-2026-11-19-MTB.txt" / ".md".
    public static func defaultFileName(
        meetingId: String, format: ExportFormat, deidentify: Bool, allFindings: Bool = false
    ) -> String {
        "minutes-\(meetingId)\(deidentify ? "-deidentified" : "")\(allFindings ? "-all-findings" : "")"
            + ".\(format == .markdown ? "md" : "txt")"
    }
}
