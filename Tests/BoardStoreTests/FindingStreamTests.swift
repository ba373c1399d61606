import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

/// Findings streamed from a second thread (how `tumorboard import` writes VCF and MAF files) must land exactly as
/// the same findings given as one batch, and a failure on either thread must leave the store as it was.
@Suite("Finding streams: parsed on one thread, written on another")
struct FindingStreamTests {
    static let report = MolecularReport(id: "vcf:t.vcf:TUMOR", assay: "VCF", specimen: Specimen(id: "TUMOR"))

    static let rows = (0..<1000).map { i in
        Finding(
            id: "1:\(1000 + i):A:G", kind: i % 7 == 0 ? .indel : .snv, gene: ["BRAF", "TP53", "KRAS"][i % 3],
            hgvsP: "p.X\(i)Y", vaf: Double(i % 100) / 100, depth: 100 + i, filter: i % 11 == 0 ? "lowqual" : nil)
    }

    /// A stream that hands out `rows` in chunks of `chunk` (whatever chunk size the store asks for), optionally
    /// failing after `failAfter` chunks, the way a reader fails at a bad line.
    static func stream(
        _ rows: [Finding], chunk: Int, caseId: String? = "C-2", sample: String? = "TUMOR", failAfter: Int? = nil
    ) -> FindingStream {
        FindingStream(file: "t.vcf", size: rows.count) { _, emit in
            var sent = 0
            for start in stride(from: 0, to: rows.count, by: chunk) {
                if let failAfter, sent == failAfter { throw StoreError.invalid("t.vcf: line \(start + 1): bad record") }
                let part = Array(rows[start..<min(rows.count, start + chunk)])
                try emit(
                    FindingBatch(caseId: caseId, sample: sample, report: report, findings: part), start + part.count)
                sent += 1
            }
            return FindingStream.Outcome(
                skipped: ["t.vcf: 3 ALT allele(s): duplicate record"], notes: ["t.vcf: sample TUMOR read as the tumour"]
            )
        }
    }

    static func findingRows(_ store: BoardStore) throws -> [String] {
        try store.db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM finding ORDER BY case_id, position").map { "\($0)" }
                + (try Row.fetchAll(
                    db, sql: "SELECT id, finding_count, top_finding, missing, body FROM \"case\" ORDER BY id"
                ).map { "\($0)" })
        }
    }

    @Test func smallChunksLandExactlyAsOneBatch() throws {
        let streamed = try Fixtures.seededStore()
        let summary = try streamed.importRecords(
            BoardBundle(), findingStreams: [Self.stream(Self.rows, chunk: 37)], now: Fixtures.now)
        let batched = try Fixtures.seededStore()
        try batched.importRecords(
            BoardBundle(),
            findingBatches: [FindingBatch(caseId: "C-2", sample: "TUMOR", report: Self.report, findings: Self.rows)],
            now: Fixtures.now)
        #expect(try Self.findingRows(streamed) == Self.findingRows(batched))
        #expect(summary.counts["finding"]?.created == 1000)
        #expect(summary.skipped == ["t.vcf: 3 ALT allele(s): duplicate record"])
        #expect(summary.notes.first == "t.vcf: sample TUMOR read as the tumour")
        #expect(summary.notes.dropFirst().allSatisfy { $0.hasPrefix("t.vcf: ") })
        #expect(try streamed.headline(caseId: "C-2")?.findingCount == 1001)
        // The search document holds PASS labels only.
        #expect(try !streamed.search("p.X5Y").isEmpty)
        #expect(try streamed.search("p.X11Y").isEmpty)
        let again = try streamed.importRecords(
            BoardBundle(), findingStreams: [Self.stream(Self.rows, chunk: 100)], now: Fixtures.now)
        #expect(again.counts["finding"]?.unchanged == 1000 && again.counts["finding"]?.created == 0)
    }

    @Test func aReaderErrorMidwayRollsEverythingBack() throws {
        let store = try Fixtures.seededStore()
        let before = try Fixtures.snapshot(store)
        #expect(throws: StoreError.invalid("t.vcf: line 301: bad record")) {
            try store.importRecords(
                Fixtures.bundle, findingStreams: [Self.stream(Self.rows, chunk: 100, failAfter: 3)], now: Fixtures.now)
        }
        #expect(try Fixtures.snapshot(store) == before)
    }

    @Test func aWriterErrorStopsTheReaderAndRollsBack() throws {
        let store = try Fixtures.seededStore()
        let before = try Fixtures.snapshot(store)
        // No case for the sample: the writer gives up on the first chunk while the reader still has 999 to send
        // (it would block forever on a full pipe if it were not stopped).
        let many = (0..<50_000).map { Finding(id: "2:\($0):C:T", kind: .snv) }
        #expect(throws: StoreError.self) {
            try store.importRecords(
                BoardBundle(), findingStreams: [Self.stream(many, chunk: 50, caseId: nil, sample: "nobody")],
                now: Fixtures.now)
        }
        #expect(try Fixtures.snapshot(store) == before)
    }

    @Test func dryRunOfAStreamWritesNothing() throws {
        let store = try Fixtures.seededStore()
        let before = try Fixtures.snapshot(store)
        let summary = try store.importRecords(
            BoardBundle(), findingStreams: [Self.stream(Self.rows, chunk: 64)], dryRun: true, now: Fixtures.now)
        #expect(summary.counts["finding"]?.created == 1000)
        #expect(try Fixtures.snapshot(store) == before)
    }

    @Test func theSameFindingInTwoFilesOfOneImportIsWrittenOnce() throws {
        let store = try Fixtures.seededStore()
        let first = Array(Self.rows.prefix(10))
        var second = first
        second[0].vaf = 0.99
        let summary = try store.importRecords(
            BoardBundle(), findingStreams: [Self.stream(first, chunk: 4), Self.stream(second, chunk: 3)],
            now: Fixtures.now)
        #expect(summary.counts["finding"]?.created == 10)
        // The second file's copies: nine as written already, one changed (the later one wins).
        #expect(summary.counts["finding"]?.unchanged == 9 && summary.counts["finding"]?.updated == 1)
        let kept = try #require(try store.caseRecord(id: "C-2")?.record.findings.first { $0.id == "C-2/1:1000:A:G" })
        #expect(kept.vaf == 0.99)
        #expect(try store.headline(caseId: "C-2")?.findingCount == 11)
    }

    @Test func theSameVariantInTwoSpecimensOfACaseIsKeptForEach() throws {
        let store = try Fixtures.seededStore()
        func batch(_ specimen: String, vaf: Double) -> FindingBatch {
            FindingBatch(
                caseId: "C-2", sample: specimen,
                report: MolecularReport(id: "maf:t.maf:\(specimen)", assay: "MAF", specimen: Specimen(id: specimen)),
                findings: [
                    Finding(id: "4:55599321:A:T", kind: .snv, gene: "KIT", hgvsP: "p.D816V", vaf: vaf),
                    Finding(id: "4:1:C:G", kind: .snv, gene: "KIT", vaf: vaf),
                ])
        }
        let summary = try store.importRecords(
            BoardBundle(), findingBatches: [batch("PRIMARY", vaf: 0.3), batch("LIVER-MET", vaf: 0.6)], now: Fixtures.now
        )
        #expect(summary.counts["finding"]?.created == 4)
        let findings = try #require(try store.caseRecord(id: "C-2")).record.findings
        let d816v = findings.filter { $0.hgvsP == "p.D816V" }
        #expect(d816v.map(\.id) == ["C-2/4:55599321:A:T", "C-2/4:55599321:A:T@LIVER-MET"])
        #expect(d816v.map(\.vaf) == [0.3, 0.6])
        #expect(d816v.map(\.reportId) == ["maf:t.maf:PRIMARY", "maf:t.maf:LIVER-MET"])
        // Again, in either order, and from a renamed file of the same specimen: nothing new.
        let again = try store.importRecords(
            BoardBundle(), findingBatches: [batch("LIVER-MET", vaf: 0.6), batch("PRIMARY", vaf: 0.3)], now: Fixtures.now
        )
        #expect(again.counts["finding"]?.unchanged == 4)
        var renamed = batch("LIVER-MET", vaf: 0.65)
        renamed.report.id = "maf:t-v2.maf:LIVER-MET"
        let update = try store.importRecords(BoardBundle(), findingBatches: [renamed], now: Fixtures.now)
        #expect(update.counts["finding"]?.updated == 2 && update.counts["finding"]?.created == 0)
        #expect(try store.headline(caseId: "C-2")?.findingCount == 5)
    }

    @Test func reimportingTheCaseRecordKeepsLabFileFindings() throws {
        let store = try Fixtures.seededStore()
        try store.importRecords(
            BoardBundle(), findingStreams: [Self.stream(Array(Self.rows.prefix(20)), chunk: 8)], now: Fixtures.now)
        // The case's own record arrives again (say a new FHIR export) with a changed finding list.
        var record = Fixtures.cases[1]
        record.findings = [Finding(id: "C-2-F9", kind: .snv, gene: "PDGFRA", hgvsP: "p.D842V")]
        let summary = try store.importBundle(BoardBundle(cases: [record]), now: Fixtures.now)
        #expect(summary.counts["finding"]?.created == 1)
        let stored = try #require(try store.caseRecord(id: "C-2")).record
        #expect(stored.findings.count == 21)
        #expect(stored.findings.first?.id == "C-2-F9")  // the record's own findings first
        #expect(!stored.findings.contains { $0.id == "C-2-F1" })  // replaced, as the record says
        #expect(stored.findings.filter { $0.reportId == Self.report.id }.count == 20)
        #expect(stored.reports.contains { $0.id == Self.report.id })
        #expect(try store.headline(caseId: "C-2")?.findingCount == 21)
        #expect(try !store.search("p.X5Y").isEmpty)
        // And importing it once more changes nothing.
        let again = try store.importBundle(BoardBundle(cases: [record]), now: Fixtures.now)
        #expect(again.counts["case"]?.unchanged == 1)
    }

    /// "No case for sample" names the file the sample came from, even when the sample name is not in the report
    /// id (a barcode from the header); findings of a second file that do attach leave a skipped line naming both.
    @Test func noCaseForASampleNamesTheFile() throws {
        let store = try Fixtures.seededStore()
        let before = try Self.findingRows(store)
        let barcode = FindingStream(file: "/data/run 7/pair.vcf.gz", size: 1) { _, emit in
            let report = MolecularReport(id: "vcf:pair:TUMOR_NORMAL", assay: "VCF")
            try emit(FindingBatch(caseId: nil, sample: "S-404", report: report, findings: Array(Self.rows[0..<2])), 1)
            return FindingStream.Outcome()
        }
        do {
            try store.importRecords(BoardBundle(), findingStreams: [barcode], now: Fixtures.now)
            Issue.record("expected no case for the sample")
        } catch {
            #expect("\(error)".contains("pair.vcf.gz: sample S-404"), "\(error)")
        }
        #expect(try Self.findingRows(store) == before)
        let summary = try store.importRecords(
            BoardBundle(), findingStreams: [Self.stream(Array(Self.rows[0..<3]), chunk: 3), barcode], now: Fixtures.now)
        #expect(
            summary.skipped.contains { $0.hasPrefix("pair.vcf.gz: 2 finding(s) of sample S-404") }, "\(summary.skipped)"
        )
    }
}
