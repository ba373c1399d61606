import BoardModel
import Foundation

/// What saving a case's whole record (FHIR, Phenopacket, the native JSON) does to the case the store holds, decided
/// once for both backends (SQLite's RecordWriter and PostgreSQL's writeCase), each writing it with its own SQL:
/// - what the record does not state is kept (`CaseMerge.keepingUnstated`: a Patient file alone keeps the diagnosis,
///   stage and performance status);
/// - the record's own findings are replaced as a set, but findings that lab files (VCF, MAF) attached, or that came
///   with a report this imported record does not carry (another FHIR bundle's DiagnosticReport), stay with their
///   reports unless the record itself holds them; they move after the record's findings.
struct RecordRewrite {
    /// The record as it is saved (unstated values kept), with its own findings.
    var record: Case
    /// The case row's body: the record without findings, with the reports of the kept findings.
    var shell: Case
    /// Stored findings that stay (lab-file rows, other reports' rows), in their order.
    var kept: [StoredFinding]
    /// Stored findings the record's own set replaces.
    var storedOwn: [StoredFinding]
    /// The record's findings as rows.
    var newFindings: [StoredFinding]

    init(_ given: Case, over oldCase: Case?, stored: [StoredFinding]) throws {
        record = CaseMerge.keepingUnstated(given, over: oldCase)
        // An imported record (it has provenance) speaks for its own reports only.
        let ownReports = Set(record.reports.map(\.id) + record.findings.compactMap(\.reportId))
        let speaksForOwnReports = record.provenance != nil
        func otherReport(_ id: String?) -> Bool {
            speaksForOwnReports && id.map { !ownReports.contains($0) } == true
        }
        let ownIds = Set(record.findings.map(\.id))
        kept = stored.filter {
            !ownIds.contains($0.id) && (FindingBatch.isLabFileReport($0.reportId) || otherReport($0.reportId))
        }
        let keptIds = Set(kept.map(\.id))
        storedOwn = stored.filter { !keptIds.contains($0.id) }
        shell = record
        shell.findings = []
        if !kept.isEmpty, let oldReports = oldCase?.reports {
            // The lab files' (and other sources') reports stay beside the findings they describe.
            let keptReports = Set(kept.compactMap(\.reportId))
            let recordReports = Set(record.reports.map(\.id))
            shell.reports += oldReports.filter { keptReports.contains($0.id) && !recordReports.contains($0.id) }
        }
        newFindings = try record.findings.enumerated().map { try StoredFinding($1, position: $0) }
    }

    /// The record's own findings differ from what the store holds for it.
    var findingsChanged: Bool { storedOwn.map(\.content) != newFindings.map(\.content) }

    /// The case's strongest finding label, the kept rows included.
    var topFinding: String? {
        let ranked =
            record.findings.map { (rank: $0.evidenceRank, label: $0.label) }
            + kept.map { (rank: $0.rank, label: $0.label) }
        return ranked.filter { $0.rank < 99 }.min { $0.rank < $1.rank }?.label
    }

    /// What the case lacks: a molecular report is not lacking while lab-file rows stay.
    var missing: [MissingItem] {
        var missing = record.missingData
        if !kept.isEmpty { missing.removeAll { $0 == .molecularReport } }
        return missing
    }

    var findingCount: Int { record.findings.count + kept.count }

    /// Kept rows move after the record's findings when one of them sits where the record's would go.
    var keptMustMove: Bool { kept.map(\.position).min().map { $0 < record.findings.count } ?? false }
}
