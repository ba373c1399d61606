import BoardModel
import Foundation
import GRDB

/// Keeps the FTS5 index (accent-folding unicode61) in step with records: one document per case (with its
/// patient), per case's findings, per note and per trial. `search_ref` maps documents to records so an
/// update replaces a document by rowid instead of scanning.
enum SearchIndex {
    static func put(
        _ db: Database, kind: String, ref: String, caseId: String?, label: String, title: String, body: String
    ) throws {
        let doc = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT doc FROM search_ref WHERE kind = ? AND ref = ?"), arguments: [kind, ref])
        if let doc {
            try db.cachedStatement(sql: "DELETE FROM search WHERE rowid = ?").execute(arguments: [doc])
            try db.cachedStatement(sql: "UPDATE search_ref SET label = ? WHERE doc = ?").execute(arguments: [
                label, doc,
            ])
            try db.cachedStatement(sql: "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)").execute(arguments: [
                doc, title, body,
            ])
        } else {
            try db.cachedStatement(sql: "INSERT INTO search_ref(kind, ref, case_id, label) VALUES (?, ?, ?, ?)")
                .execute(arguments: [kind, ref, caseId, label])
            try db.cachedStatement(sql: "INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)").execute(arguments: [
                db.lastInsertedRowID, title, body,
            ])
        }
    }

    /// After an import's documents are written: a big import (≥ `optimizeFrom` documents) merges the whole index
    /// into one segment; a small one does a bounded merge step. A full 'optimize' rewrites the whole index (120 MB on
    /// a 100,000-case board: a second of CPU and seconds of writes), so adding one trial must not pay for it; FTS5's
    /// automerge keeps the segments few meanwhile, and results are the same either way.
    static func tidy(_ db: Database, documents: Int) throws {
        if documents >= optimizeFrom {
            try db.execute(sql: "INSERT INTO search(search) VALUES ('optimize')")
        } else {
            try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('merge', 500)")
        }
    }

    static let optimizeFrom = 1_000

    /// Indexes a case and its findings; `labFileTerms` adds the terms of findings attached from lab files that
    /// are not in `record.findings` (see `findingLabels`).
    static func indexCase(_ db: Database, _ record: Case, labFileTerms: [String] = []) throws {
        try indexCaseDetails(db, record)
        try put(db, .findings(record, labFileTerms: labFileTerms))
    }

    /// The case's own document: what an edit on the case screen changes.
    static func indexCaseDetails(_ db: Database, _ record: Case) throws {
        try put(db, .caseDetails(record))
    }

    static func put(_ db: Database, _ d: SearchDocument) throws {
        try put(db, kind: d.kind, ref: d.ref, caseId: d.caseId, label: d.label, title: d.title, body: d.body)
    }

    /// Search terms of a case's PASS findings read back from the table: distinct labels, best evidence first, then
    /// in file order, at most `limit` (a whole exome stays a small document). `labFilesOnly` keeps those attached
    /// from VCF/MAF files (reports "vcf:…", "maf:…", see `FindingBatch.labFileReportPrefixes`).
    static func findingLabels(
        _ db: Database, caseId: String, limit: Int = findingLabelLimit, labFilesOnly: Bool = false
    ) throws -> [String] {
        let labels = try String.fetchAll(
            db,
            sql: """
                SELECT label FROM finding WHERE case_id = ? AND instr(body, '"filter":') = 0
                  AND (? = 0 OR substr(report_id, 1, 4) IN ('vcf:', 'maf:'))
                GROUP BY label ORDER BY min(best_rank), min(position) LIMIT ?
                """, arguments: [caseId, labFilesOnly, limit])
        return terms(labels)
    }

    /// A protein label is also searchable without its "p." ("BRAF V600E" finds "BRAF p.V600E").
    static func terms(_ labels: [String]) -> [String] {
        labels.map { $0.contains(" p.") ? $0 + " " + $0.replacingOccurrences(of: " p.", with: " ") : $0 }
    }

    /// The search document of a case's findings holds at most this many distinct labels (a whole exome stays small).
    static let findingLabelLimit = 5000

    static func indexNote(_ db: Database, _ note: Note) throws { try put(db, .note(note)) }

    static func indexTrial(_ db: Database, _ trial: Trial) throws { try put(db, .trial(trial)) }

    /// Letters that unicode61 does not fold as diacritics ("Ø", "ß", "Ł"…), spelt the way people type them without the key.
    static func foldLetters(_ text: String) -> String {
        let map: [Character: String] = [
            "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
            "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
        ]
        return String(text.flatMap { map[$0].map(Array.init) ?? [$0] })
    }

    /// Umlauts as German speakers type them without the key ("Brückner" → "Brueckner"); unicode61 alone folds
    /// "ü" to "u", so "brueckner" would not find the name.
    static func germanSpelling(_ text: String) -> String {
        let map: [Character: String] = ["ä": "ae", "Ä": "Ae", "ö": "oe", "Ö": "Oe", "ü": "ue", "Ü": "Ue"]
        return String(text.flatMap { map[$0].map(Array.init) ?? [$0] })
    }

    /// "p.G12C" → "G12C", so that the board can search the way it speaks.
    static func shortProtein(_ hgvs: String) -> String {
        hgvs.hasPrefix("p.") ? String(hgvs.dropFirst(2)) : hgvs
    }

    /// Turns what a user typed into a safe FTS5 query: each word quoted, prefix-matched, all required.
    static func query(from text: String) -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "\"" }).map(String.init).filter {
            !$0.isEmpty
        }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"*" }.joined(separator: " ")
    }
}
