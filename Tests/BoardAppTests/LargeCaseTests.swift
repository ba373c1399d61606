import BoardModel
import BoardStore
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// A whole exome attached to a case (tens of thousands of findings) must leave the case screens usable: the
/// Molecular tab draws only the rows on screen, and the decision form offers the findings that matter.
@MainActor
@Suite("A case with a whole exome attached")
struct LargeCaseTests {
    static let count = 30_000

    func app() throws -> BoardApp {
        let store = try SampleBoard.store()
        let findings = (0..<Self.count).map { i in
            Finding(
                id: "1:\(100_000 + i):C:T", kind: .snv, gene: "G\(i % 500)", hgvsP: "p.A\(i)V", vaf: 0.25,
                classification: i == 29_999 ? .likelyOncogenic : nil)
        }
        let report = MolecularReport(id: "vcf:exome.vcf:T1", assay: "VCF", specimen: Specimen(id: "T1"))
        try store.attachLabFile(findings, to: "C-0004", report: report, sample: "T1", now: SampleBoard.now)
        return try SampleBoard.app(width: 160, height: 48, store: store).0
    }

    @Test func molecularTabListsEveryFindingEvidenceFirstAndReachesTheLast() throws {
        let app = try app()
        app.run(.openCase("C-0004"))
        app.handle(.char("2"))
        let top = app.frame().textDump()
        #expect(top.contains("\(Self.count + 7) of \(Self.count + 7)"))  // its 7 own findings and the file's
        #expect(top.contains("OncoKB 1"))  // the case's own finding with level-1 evidence stays first
        app.handle(.char("G"))
        let bottom = app.frame().textDump()
        #expect(bottom.contains("G499 p.A29999V"))  // the file's last row, reached without drawing 30,000 rows
    }

    @Test func theListIsReadByPageInTheWholeListsOrderThroughMovesJumpsAndFilters() throws {
        let app = try app()
        app.run(.openCase("C-0004"))
        app.handle(.char("2"))
        let screen = try #require(app.stack.last as? CaseScreen)
        #expect(screen.view.record?.findingsPartial == true)
        // Every row here names a gene, so matching reads them all: the summary is the whole list (a sites-only VCF's
        // summary is empty, BigCaseListTests); the list is read by page either way.
        #expect(screen.view.record?.record.findings.count == Self.count + 7)
        let whole = try #require(try app.sqliteStore.caseRecord(id: "C-0004", on: app.context.today)).record.findings
        func check(_ order: [String], _ keys: [Key]) {
            for key in keys {
                app.handle(key)
                _ = app.frame()
                let at = screen.view.molecular.list.selection
                #expect(screen.view.noteTarget().target.findingId == order[at], "row \(at) after \(key)")
            }
        }
        let all = whole.evidenceOrder().map { whole[$0].id }
        let moves: [Key] =
            [.down, .down, .down] + Array(repeating: .pageDown, count: 40) + [.end, .up, .up, .pageUp, .pageUp]
            + [.home, .pageDown, .end, .home]
        check(all, moves)
        // A jump into the middle (a click or a scroll far away) reads the page there.
        screen.view.molecular.list.select(Self.count / 2)
        check(all, [.down, .pageUp, .pageDown])
        // The kind filter lists only its kinds, in the same order.
        app.handle(.char("f"))
        let variants = whole.evidenceOrder().filter { [.snv, .indel].contains(whole[$0].kind) }.map { whole[$0].id }
        #expect(app.frame().textDump().contains("SNV/indel · \(variants.count) of \(Self.count + 7)"))
        check(variants, [.down, .pageDown, .end, .pageUp, .home])
    }

    @Test func decisionFormOffersFindingsWithEvidenceOrAClassNotTheWholeFile() throws {
        let app = try app()
        app.run(.openCase("C-0004"))
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        app.handle(.char("a"))  // a recommendation, with its finding rows
        let offered = form.rows.compactMap { row -> String? in
            if case .finding(_, let id) = row { return id }
            return nil
        }
        #expect(offered.count < 50)
        #expect(offered.contains("C-0004/1:129999:C:T"))  // the likely oncogenic one
        #expect(!offered.contains("C-0004/1:100000:C:T"))
    }
}

/// A case is matched against the trials once per session: a case with no relevant trial (which leaves no rows in
/// the store) or a read-only store must not recompute on every visit.
@MainActor
@Suite("Matches computed once per session")
struct SessionMatchTests {
    @Test func aSecondVisitUsesTheSessionsResultUntilTheCaseChanges() throws {
        let store = try SampleBoard.store()
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        app.run(.openCase("C-0004"))
        let screen = try #require(app.stack.last as? CaseScreen)
        let first = try #require(screen.view.record)
        let known = try #require(app.context.computedMatches["C-0004"])
        #expect(known.fingerprint == first.record.fingerprint(on: app.context.today))
        // Mark the session's result; a visit that recomputed would not show the mark.
        let marked = TrialMatch(
            caseId: "C-0004", trialId: "NCT-SESSION-MARK", outcomes: [], status: .possiblyEligible, score: 1,
            computedAt: SampleBoard.now, dataFingerprint: "x")
        app.context.computedMatches["C-0004"] = (known.fingerprint, [marked], [:])
        try store.saveMatches(caseId: "C-0004", [])  // as if nothing were stored
        app.run(.openCase("C-0004"))
        let again = try #require((app.stack.last as? CaseScreen)?.view.record)
        #expect(again.matches.map(\.trialId) == ["NCT-SESSION-MARK"])
        // When the case changes, its fingerprint does too: computed afresh.
        var changed = first.record
        changed.performance = PerformanceStatus(ecog: 3)
        try store.importBundle(BoardBundle(cases: [changed]), now: SampleBoard.now)
        app.run(.openCase("C-0004"))
        let fresh = try #require((app.stack.last as? CaseScreen)?.view.record)
        #expect(!fresh.matches.contains { $0.trialId == "NCT-SESSION-MARK" })
    }
}
