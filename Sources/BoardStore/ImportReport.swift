import BoardModel
import Foundation

/// The complete account of one `tumorboard import` run, written as JSON by `--report FILE`: per kind of record
/// how many were created, updated or left unchanged; what was skipped and why; and, per input file, the records
/// read, the invalid values refused and every field or column present that the program did not use.
public struct ImportReport: Codable, Sendable, Equatable {
    public struct Counts: Codable, Sendable, Equatable {
        public var created: Int
        public var updated: Int
        public var unchanged: Int
    }

    public var dryRun: Bool
    /// Records by kind ("case", "finding", "evidence"…).
    public var records: [String: Counts]
    public var skipped: [String]
    public var notes: [String]
    public var files: [ImportAccount]

    public init(summary: ImportSummary, notes: [String] = [], dryRun: Bool) {
        self.dryRun = dryRun
        records = summary.counts.mapValues { Counts(created: $0.created, updated: $0.updated, unchanged: $0.unchanged) }
        skipped = summary.skipped
        var seen: Set<String> = []
        self.notes = (notes + summary.notes).filter { seen.insert($0).inserted }
        files = ImportReport.combined(summary.accounts)
    }

    /// One account per file, in the order the files were first seen (a streamed file may report in parts).
    static func combined(_ accounts: [ImportAccount]) -> [ImportAccount] {
        var order: [String] = []
        var byFile: [String: ImportAccount] = [:]
        for account in accounts {
            if var known = byFile[account.file] {
                known.merge(account)
                byFile[account.file] = known
            } else {
                order.append(account.file)
                byFile[account.file] = account
            }
        }
        return order.map { byFile[$0]! }
    }

    /// Sorted, pretty JSON (deterministic bytes for the same import).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The top of the account for the end of an import: a few lines per file.
    public func summaryLines(fieldLimit: Int = 8) -> [String] {
        files.flatMap { $0.summaryLines(fieldLimit: fieldLimit) }
    }
}
