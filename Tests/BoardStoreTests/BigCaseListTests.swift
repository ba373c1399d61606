import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// A big case (a whole exome attached) is read by page in the Molecular tab's order and counted from the store
/// (SQLite schema v10, PostgreSQL schema 4). These tests hold the pages, the counts and the summary to what the whole
/// list says, through a lab file import, a whole-record rewrite and a deletion, on both backends.
@Suite struct BigCaseListTests {
    static let kindsByFilter: [[FindingKind]?] = [
        nil, [.snv, .indel], [.copyNumber], [.fusion, .structural], [.biomarker],
    ]

    /// 2,600 findings of every kind: most without a gene (a sites-only VCF), some filtered, some with evidence.
    static func findings(_ n: Int = 2_600, prefix: String = "F") -> [Finding] {
        (0..<n).map { i in
            var f: Finding
            if i % 97 == 0 {
                f = Finding(
                    id: "\(prefix)\(i)", kind: .biomarker, biomarker: Biomarker(kind: .tmb, value: Double(i % 30)))
            } else if i % 53 == 0 {
                f = Finding(id: "\(prefix)\(i)", kind: .fusion, gene: "ALK", partners: ["EML4", "ALK"])
            } else if i % 31 == 0 {
                f = Finding(id: "\(prefix)\(i)", kind: .copyNumber, gene: "ERBB2", copyNumberCall: .amplification)
            } else if i % 7 == 0 {
                f = Finding(id: "\(prefix)\(i)", kind: .snv, gene: "EGFR", hgvsP: "p.L\(i)R", vaf: 0.3)
            } else {
                f = Finding(
                    id: "\(prefix)\(i)", kind: i % 3 == 0 ? .indel : .snv, chrom: "1", position: 1000 + i, ref: "A",
                    alt: i % 3 == 0 ? "AT" : "C")
            }
            if i % 5 == 0 { f.filter = "LowQual" }
            if i % 11 == 0 { f.filter = "PASS" }
            if i % 19 == 0 { f.sampleFilter = "PON" }
            if i % 13 == 0 {
                f.evidence = [
                    EvidenceEntry(
                        source: "OncoKB", level: EvidenceLevel(scale: .oncokb, code: ["1", "2", "3A", "4"][i % 4]),
                        therapy: "drug \(i)")
                ]
            }
            return f
        }
    }

    static func store(_ findings: [Finding], extraCase: Case? = nil, on backend: Backend = .sqlite) throws
        -> any Backend.Store
    {
        var bundle = Fixtures.bundle
        if let extraCase { bundle.cases.append(extraCase) }
        let store = try backend.makeBoard(bundle).store
        try store.attachLabFile(findings, to: extraCase?.id ?? "C-1", now: Fixtures.now)
        return store
    }

    /// The whole list's ids in the Molecular tab's order, for one kind filter.
    func expected(_ all: [Finding], kinds: [FindingKind]?) -> [String] {
        all.evidenceOrder().map { all[$0] }.filter { f in kinds.map { $0.contains(f.kind) } ?? true }.map(\.id)
    }

    /// Reads the list page by page forward from the top, backward from the end, and by offsets.
    func check(_ store: any Backend.Store, _ when: Comment, caseId: String = "C-1") throws {
        let all = try #require(try store.caseRecord(id: caseId, on: LocalDate(Fixtures.now), findings: .all)).record
            .findings
        let record = try #require(try store.caseRecord(id: caseId, on: LocalDate(Fixtures.now), findings: .summary))
        #expect(Set(record.findingCounts.entries) == Set(FindingCounts(all).entries), when)
        #expect(record.findingsPartial == (all.count > FindingList.wholeCaseLimit), when)
        for kinds in Self.kindsByFilter {
            let want = expected(all, kinds: kinds)
            #expect(record.findingCounts.count(kinds: kinds) == want.count, when)
            #expect(
                record.findingCounts.filtered(kinds: kinds)
                    == all.filter { f in f.isFiltered && (kinds.map { $0.contains(f.kind) } ?? true) }.count, when)
            var forward: [String] = []
            var last: FindingListKey?
            repeat {
                let page = try store.findingPage(
                    caseId: caseId, kinds: kinds, from: last.map { .after($0) } ?? .offset(0), limit: 173)
                forward += page.map(\.finding.id)
                last = page.last?.key
                if page.isEmpty { break }
            } while forward.count < want.count + 1
            #expect(forward == want, when)
            var backward: [String] = []
            var first: FindingListKey?
            repeat {
                let page = try store.findingPage(
                    caseId: caseId, kinds: kinds, from: first.map { .before($0) } ?? .fromEnd(0), limit: 211)
                backward = page.map(\.finding.id) + backward
                first = page.first?.key
                if page.isEmpty { break }
            } while backward.count < want.count + 1
            #expect(backward == want, when)
            for offset in [0, 1, want.count / 2, max(0, want.count - 5)] {
                let page = try store.findingPage(caseId: caseId, kinds: kinds, from: .offset(offset), limit: 10)
                #expect(page.map(\.finding.id) == Array(want.dropFirst(offset).prefix(10)), when)
                let fromEnd = try store.findingPage(caseId: caseId, kinds: kinds, from: .fromEnd(offset), limit: 10)
                #expect(
                    fromEnd.map(\.finding.id) == Array(want.dropLast(offset).suffix(10)), when)
            }
        }
        // The summary holds what matching reads, and its fingerprint is the whole case's.
        if record.findingsPartial {
            let whole = try #require(try store.caseRecord(id: caseId, on: LocalDate(Fixtures.now), findings: .all))
            #expect(
                record.record.fingerprint(on: LocalDate(Fixtures.now))
                    == whole.record.fingerprint(on: LocalDate(Fixtures.now)), when)
            #expect(
                record.record.findings.matchingSummary().map(\.id) == all.matchingSummary().map(\.id), when)
            #expect(record.record.findings.count < all.count, when)
        }
    }

    @Test(arguments: Backend.available)
    func pagesAndCountsFollowTheWholeListThroughChanges(backend: Backend) throws {
        let store = try Self.store(Self.findings(), on: backend)
        try check(store, "after the lab file")
        // The same file again with some rows changed (filter lifted, kind changed, evidence added) and more rows.
        var changed = Self.findings(2_700)
        for i in stride(from: 0, to: changed.count, by: 10) { changed[i].filter = nil }
        for i in stride(from: 1, to: changed.count, by: 37) where changed[i].kind == .snv { changed[i].kind = .indel }
        try store.attachLabFile(changed, to: "C-1", now: Fixtures.now)
        try check(store, "after the file changed")
        // A whole-record rewrite of the case keeps the lab rows and replaces its own.
        var record = Fixtures.cases[0]
        record.findings.append(Finding(id: "C-1-F3", kind: .snv, gene: "KRAS", hgvsP: "p.G12C", filter: "LowQual"))
        try store.importBundle(BoardBundle(cases: [record]), dryRun: false, now: Fixtures.now, progress: nil)
        try check(store, "after the record changed")
        let all = try #require(try store.caseRecord(id: "C-1", on: LocalDate(Fixtures.now), findings: .all)).record
        #expect(all.findings.count == 2_700 + record.findings.count, "the lab rows stay beside the record's own")
        #expect(Array(all.findings.prefix(record.findings.count)) == record.findings, "the record's findings first")
        #expect(try store.headline(caseId: "C-1")?.findingCount == all.findings.count)
    }

    /// Both backends list and count a big case the same way: the same pages, the same counts, the same summary.
    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func bothBackendsGiveTheSamePagesAndSummary() throws {
        let findings = Self.findings()
        let sqlite = try Self.store(findings, on: .sqlite)
        let postgres = try Self.store(findings, on: .postgresql)
        let day = LocalDate(Fixtures.now)
        let a = try #require(try sqlite.caseRecord(id: "C-1", on: day, findings: .summary))
        let b = try #require(try postgres.caseRecord(id: "C-1", on: day, findings: .summary))
        #expect(a.findingsPartial && b.findingsPartial)
        #expect(a.record.findings == b.record.findings)
        #expect(Set(a.findingCounts.entries) == Set(b.findingCounts.entries))
        for kinds in Self.kindsByFilter {
            for anchor in [FindingListAnchor.offset(0), .offset(1_000), .fromEnd(0), .fromEnd(17)] {
                let x = try sqlite.findingPage(caseId: "C-1", kinds: kinds, from: anchor, limit: 50)
                let y = try postgres.findingPage(caseId: "C-1", kinds: kinds, from: anchor, limit: 50)
                #expect(x.map(\.key) == y.map(\.key) && x.map(\.finding) == y.map(\.finding))
            }
        }
        #expect(try sqlite.casesForMatching().map(\.findings) == postgres.casesForMatching().map(\.findings))
        #expect(try sqlite.casesForMatching(ids: ["C-1"]) == postgres.casesForMatching(ids: ["C-1"]))
        #expect(try sqlite.finding(caseId: "C-1", id: "C-1/F13") == postgres.finding(caseId: "C-1", id: "C-1/F13"))
    }

    /// Deleting a case's findings on PostgreSQL leaves no count behind (the statement-level triggers).
    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func deletedFindingsLeaveNoCountsOnPostgres() throws {
        let store = try #require(try Self.store(Self.findings(300), on: .postgresql) as? PostgresBoardStore)
        #expect(try store.connection.query("SELECT sum(n) FROM finding_count WHERE case_id = 'C-1'").first?[0] == "302")
        try store.connection.query("DELETE FROM finding WHERE case_id = 'C-1' AND position % 2 = 0")
        let left = try store.connection.query(
            "SELECT kind, filtered, n FROM finding_count WHERE case_id = 'C-1' ORDER BY 1, 2"
        ).map { [$0["kind"], $0["filtered"], $0["n"]] }
        let want = try store.connection.query(
            "SELECT kind, filtered, count(*) FROM finding WHERE case_id = 'C-1' GROUP BY 1, 2 ORDER BY 1, 2"
        ).map { [$0[0], $0[1], $0[2]] }
        #expect(left == want)
        try store.connection.query("DELETE FROM finding WHERE case_id = 'C-1'")
        #expect(try store.connection.query("SELECT count(*) FROM finding_count WHERE case_id = 'C-1'").first?[0] == "0")
    }

    @Test func aCaseWithoutAGeneAnywhereKeepsItsProfileWitnessAndDeletedFindingsLeaveNoCounts() throws {
        // Only unannotated variants (and one germline call first by id): matching reads none but one somatic one.
        var findings = Self.findings(3_400, prefix: "V").filter { $0.gene == nil && $0.kind != .biomarker }
        findings.insert(
            Finding(id: "A-germline", kind: .snv, origin: .germline, chrom: "2", position: 5, ref: "G", alt: "T"), at: 7
        )
        let bare = Case(
            id: "C-9", patient: Fixtures.patient(9, given: "Ada", family: "Ng"),
            diagnosis: Diagnosis(oncotreeCode: "LUAD", text: "Lung adenocarcinoma"))
        let store = try #require(try Self.store(findings, extraCase: bare) as? BoardStore)
        let day = LocalDate(Fixtures.now)
        let record = try #require(try store.caseRecord(id: "C-9", on: day, findings: .summary))
        #expect(record.findingsPartial)
        let whole = try #require(try store.caseRecord(id: "C-9", on: day, findings: .all))
        let summary = whole.record.findings.matchingSummary()
        #expect(
            summary.map(\.id) == ["C-9/V1"], "the first somatic finding by id is the witness, not the germline call")
        #expect(record.record.findings.matchingSummary().map(\.id) == summary.map(\.id))
        #expect(record.record.fingerprint(on: day) == whole.record.fingerprint(on: day))
        try check(store, "unannotated", caseId: "C-9")
        // Deleting the findings (as a case's deletion does by cascade) leaves no count behind.
        try store.db.write { db in try db.execute(sql: "DELETE FROM finding WHERE case_id = 'C-9'") }
        let left = try store.db.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM finding_count WHERE case_id = 'C-9'")
        }
        #expect(left == 0)
    }
}
