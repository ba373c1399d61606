import BoardFormats
import BoardModel
import Foundation
import GRDB
import TestSupport
import Testing

@testable import BoardStore

/// CIViC keys evidence items (EID) and assertions (AID) by id across releases. Importing two releases keeps one
/// entry per id: the version CIViC reviewed later (last_review_date), else the one imported last; a finding links
/// the kept version only; what a replacement changed is reported, and a store holding duplicates is mended.
@Suite("One evidence entry per CIViC id across releases")
struct EvidenceReleaseTests {
    static func entry(_ eid: Int, therapy: String, reviewed: String?, level: String = "B") -> EvidenceAttachment {
        var e = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: level), type: "Predictive",
            significance: "Resistance", therapy: therapy, disease: "Melanoma",
            reference: "CIViC EID\(eid); PMID 1000\(eid)", statement: "Statement \(therapy).", origin: .somatic)
        e.reviewed = reviewed
        return EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: e)
    }

    static let old = entry(
        2926, therapy: "Atezolizumab, Nivolumab (combination or alternatives not stated)",
        reviewed: "2017-07-25 20:22:46 UTC")
    static let new = entry(2926, therapy: "Atezolizumab or Nivolumab", reviewed: "2021-03-31 18:22:28 UTC")

    func store(_ backend: Backend = .sqlite) throws -> any Backend.Store {
        let s = try backend.makeBoard(Fixtures.bundle).store
        let v600e = Finding(
            id: "V600E", kind: .snv, gene: "BRAF", hgvsP: "p.V600E", consequence: "missense_variant", origin: .somatic)
        try s.importing(
            BoardBundle(),
            findingBatches: [
                FindingBatch(
                    caseId: "C-1", sample: nil, report: MolecularReport(id: "r", assay: "VCF"), findings: [v600e])
            ])
        return s
    }

    /// The entries the store keeps, in the order kept (SQLite's rowid, PostgreSQL's created_order).
    func kept(_ s: any Backend.Store) throws -> [EvidenceEntry] {
        let bodies: [String]
        if let pg = s as? PostgresBoardStore {
            bodies = try pg.connection.query("SELECT body FROM evidence ORDER BY created_order").map { $0.text("body") }
        } else {
            let sqlite = try #require(s as? BoardStore)
            bodies = try sqlite.db.read { db in try String.fetchAll(db, sql: "SELECT body FROM evidence ORDER BY rowid")
            }
        }
        return try bodies.map { try Codec.decode(EvidenceEntry.self, from: $0) }
    }

    func linkedFinding(_ s: any Backend.Store) throws -> Finding? {
        try #require(try s.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))).record.findings.first {
            $0.gene == "BRAF"
        }
    }

    func linked(_ s: any Backend.Store) throws -> [EvidenceEntry] { try linkedFinding(s)?.evidence ?? [] }

    /// Either order of import keeps the later reviewed version, in the store and on the finding.
    @Test(arguments: Backend.available, [true, false])
    func laterReviewedVersionIsKept(backend: Backend, newFirst: Bool) throws {
        let s = try store(backend)
        let first = newFirst ? Self.new : Self.old
        let second = newFirst ? Self.old : Self.new
        try s.importing(BoardBundle(), evidence: [first])
        let summary = try s.importing(BoardBundle(), evidence: [second])
        #expect(try kept(s) == [Self.new.entry])
        #expect(try linked(s) == [Self.new.entry])
        if newFirst {
            #expect(summary.counts["evidence entry"]?.updated == 0)
            #expect(summary.notes.contains { $0.contains("1 evidence item not used") && $0.contains("CIViC EID2926") })
        } else {
            #expect(summary.counts["evidence entry"]?.updated == 1)
            let note = try #require(summary.notes.first { $0.contains("updated by id") })
            #expect(note.contains("CIViC EID2926") && note.contains("therapy 1") && note.contains("statement 1"))
        }
    }

    /// Without a review date on either version, the one imported last is kept; the same version again is unchanged.
    @Test(arguments: Backend.available)
    func withoutDatesTheLastImportedIsKept(backend: Backend) throws {
        let s = try store(backend)
        let a = Self.entry(7, therapy: "Drug A", reviewed: nil)
        let b = Self.entry(7, therapy: "Drug B", reviewed: "2020-01-01 00:00:00 UTC", level: "C")
        try s.importing(BoardBundle(), evidence: [b])
        try s.importing(BoardBundle(), evidence: [a])
        #expect(try kept(s) == [a.entry])
        #expect(try linked(s) == [a.entry])
        let again = try s.importing(BoardBundle(), evidence: [a])
        #expect(again.counts["evidence entry"]?.unchanged == 1)
        #expect(try kept(s) == [a.entry])
        // Two versions in one import (two files at once): the later reviewed wins whatever the order.
        try s.importing(BoardBundle(), evidence: [Self.new, Self.old])
        #expect(try kept(s).filter { $0.sourceId == "CIViC EID2926" } == [Self.new.entry])
    }

    /// A store written before ids were kept holds both versions, in the table and on the finding: the next
    /// evidence import mends both.
    @Test(arguments: Backend.available)
    func storedDuplicatesAreMended(backend: Backend) throws {
        let s = try store(backend)
        var finding = try #require(try linkedFinding(s))
        finding.evidence = [Self.old.entry, Self.new.entry]
        let body = try FindingJSON.bodyText(finding)
        if let pg = s as? PostgresBoardStore {
            for e in [Self.old, Self.new] {
                try pg.connection.query(
                    "INSERT INTO evidence(gene, variant, body) VALUES ($1, $2, $3)",
                    [e.gene, e.variant, try Codec.encode(e.entry)])
            }
            try pg.connection.query("UPDATE finding SET body = $1 WHERE gene = 'BRAF'", [body])
        } else {
            let sqlite = try #require(s as? BoardStore)
            try sqlite.db.write { db in
                for e in [Self.old, Self.new] {
                    try db.execute(
                        sql: "INSERT INTO evidence(gene, variant, body) VALUES (?, ?, ?)",
                        arguments: [e.gene, e.variant, try Codec.encode(e.entry)])
                }
                try db.execute(sql: "UPDATE finding SET body = ? WHERE gene = 'BRAF'", arguments: [body])
            }
        }
        let other = Self.entry(11, therapy: "Dabrafenib", reviewed: nil)
        let summary = try s.importing(BoardBundle(), evidence: [other])
        #expect(try kept(s) == [Self.new.entry, other.entry])
        #expect(Set(try linked(s)) == [Self.new.entry, other.entry])
        #expect(summary.notes.contains { $0.contains("1 earlier duplicate") })
        #expect(summary.notes.contains { $0.contains("1 finding link") })
    }

    /// The real releases (01-Aug-2021 and the older "nightly" export, reviewed 2015–2017): together they keep each
    /// evidence id once, and for every id both hold the 2021 version, in either order.
    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: Backend.available)
    func twoRealReleasesKeepEachIdOnce(backend: Backend) throws {
        let files = ["civic/nightly-ClinicalEvidenceSummaries.tsv", "civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv"]
        let payloads = try files.map { try CIViCReader.read(data: try #require(RealData.data($0)), file: $0) }
        let ids = payloads.map { Set($0.evidence.compactMap(\.entry.sourceId)) }
        let newer = Dictionary(
            payloads[1].evidence.map { ($0.entry.sourceId!, $0.entry) }, uniquingKeysWith: { a, _ in a })
        for order in [[0, 1], [1, 0]] {
            let s = try backend.makeBoard().store
            for i in order { try s.importing(BoardBundle(), evidence: payloads[i].evidence) }
            let rows = try kept(s)
            let stored = rows.compactMap(\.sourceId)
            #expect(stored.count == Set(stored).count)
            #expect(Set(stored) == ids[0].union(ids[1]))
            for e in rows where ids[0].contains(e.sourceId!) && ids[1].contains(e.sourceId!) {
                #expect(e == newer[e.sourceId!], "\(e.sourceId!)")
            }
        }
    }
}
