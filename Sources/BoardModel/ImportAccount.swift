import Foundation

/// What one input file gave and what it did not: records read, records skipped with the reason, values refused
/// as invalid, and every field or column present in the file that the program did not use, by name with a count.
/// Readers fill it as they read so that nothing in a file is lost silently; `tumorboard import` prints the top of
/// it and `--report FILE` writes all of it as JSON.
public struct ImportAccount: Codable, Sendable, Equatable {
    /// An input value that was reported and not stored ("ECOG -1 at $.entry[4].resource.valueInteger; expected 0–5").
    public struct InvalidValue: Codable, Sendable, Equatable {
        /// Where: "line 12, column ECOG" or a JSON path.
        public var location: String
        public var field: String
        public var found: String
        public var expected: String

        public init(location: String, field: String, found: String, expected: String) {
            self.location = location
            self.field = field
            self.found = found
            self.expected = expected
        }
    }

    public var file: String
    public var format: String
    /// Records the reader found (rows, resources, evidence items…), whatever became of them.
    public var recordsRead: Int
    /// Why records were left out, with how many ("Encounter resources: not used by the board" → 12).
    public var skipped: [String: Int]
    /// Fields or columns present with a value that nothing was taken from, by name ("Observation.category.coding.code" → 220).
    public var unusedFields: [String: Int]
    /// Fields or columns the import took values from, by name with how many values.
    public var usedFields: [String: Int]
    /// Fields inside records skipped as a whole (their reason is in `skipped`), by name with how many values.
    public var fieldsOfSkippedRecords: [String: Int]
    public var invalid: [InvalidValue]
    /// Gene symbols read through HGNC that were not written as the approved symbol: renamed ones ("gene MLL3 read
    /// as KMT2C (previous HGNC symbol)") and ones kept as written (ambiguous with their candidates, withdrawn,
    /// unknown), each with how many values.
    public var geneSymbols: [String: Int] = [:]

    public init(
        file: String, format: String, recordsRead: Int = 0, skipped: [String: Int] = [:],
        unusedFields: [String: Int] = [:], usedFields: [String: Int] = [:], fieldsOfSkippedRecords: [String: Int] = [:],
        invalid: [InvalidValue] = []
    ) {
        self.file = file
        self.format = format
        self.recordsRead = recordsRead
        self.skipped = skipped
        self.unusedFields = unusedFields
        self.usedFields = usedFields
        self.fieldsOfSkippedRecords = fieldsOfSkippedRecords
        self.invalid = invalid
    }

    public mutating func used(_ field: String, count: Int = 1) {
        guard count > 0 else { return }
        usedFields[field, default: 0] += count
    }

    public mutating func inSkippedRecord(_ field: String, count: Int = 1) {
        guard count > 0 else { return }
        fieldsOfSkippedRecords[field, default: 0] += count
    }

    public mutating func read(_ count: Int = 1) { recordsRead += count }

    public mutating func gene(_ note: String, count: Int = 1) {
        guard count > 0 else { return }
        geneSymbols[note, default: 0] += count
    }

    public mutating func skip(_ reason: String, count: Int = 1) {
        guard count > 0 else { return }
        skipped[reason, default: 0] += count
    }

    public mutating func unused(_ field: String, count: Int = 1) {
        guard count > 0 else { return }
        unusedFields[field, default: 0] += count
    }

    public mutating func invalid(_ field: String, found: String, at location: String, expected: String) {
        invalid.append(InvalidValue(location: location, field: field, found: found, expected: expected))
    }

    public mutating func merge(_ other: ImportAccount) {
        recordsRead += other.recordsRead
        for (k, v) in other.skipped { skipped[k, default: 0] += v }
        for (k, v) in other.unusedFields { unusedFields[k, default: 0] += v }
        for (k, v) in other.usedFields { usedFields[k, default: 0] += v }
        for (k, v) in other.fieldsOfSkippedRecords { fieldsOfSkippedRecords[k, default: 0] += v }
        invalid += other.invalid
        for (k, v) in other.geneSymbols { geneSymbols[k, default: 0] += v }
    }

    /// Records skipped in all.
    public var skippedCount: Int { skipped.values.reduce(0, +) }

    /// The file's name without its folder, as the summary shows it.
    public var fileName: String { URL(fileURLWithPath: file).lastPathComponent }

    /// Lines for the end of an import: read and skipped counts, invalid values, then the most frequent unused fields.
    public func summaryLines(fieldLimit: Int = 8) -> [String] {
        var head = "\(fileName) (\(format)): \(recordsRead) record\(recordsRead == 1 ? "" : "s") read"
        if skippedCount > 0 { head += ", \(skippedCount) skipped" }
        if !invalid.isEmpty { head += ", \(invalid.count) invalid value\(invalid.count == 1 ? "" : "s") not stored" }
        var lines = [head]
        for (reason, count) in skipped.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(fieldLimit) {
            lines.append("  skipped \(count): \(reason)")
        }
        for bad in invalid.prefix(fieldLimit) {
            lines.append("  invalid \(bad.field) \"\(bad.found)\" at \(bad.location); expected \(bad.expected)")
        }
        if invalid.count > fieldLimit {
            lines.append("  … \(invalid.count - fieldLimit) more invalid values (see --report)")
        }
        let keptGenes = geneSymbols.filter { $0.key.contains(" kept as written") }
        if !keptGenes.isEmpty {
            let top = keptGenes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            for (note, count) in top.prefix(fieldLimit) { lines.append("  \(note) (\(count))") }
            if top.count > fieldLimit {
                lines.append("  … \(top.count - fieldLimit) more genes kept as written (see --report)")
            }
        }
        let renamed = geneSymbols.count - keptGenes.count
        if renamed > 0 {
            lines.append(
                "  \(renamed) gene symbol\(renamed == 1 ? "" : "s") read as the approved HGNC symbol (see --report)")
        }
        if !unusedFields.isEmpty {
            let top = unusedFields.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let shown = top.prefix(fieldLimit).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            lines.append(
                "  not used: " + shown
                    + (top.count > fieldLimit ? ", … \(top.count - fieldLimit) more fields (see --report)" : ""))
        }
        return lines
    }
}
