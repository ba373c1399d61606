import Foundation
import Testing
import BoardModel
import BoardStore
import TUIKit
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
            Finding(id: "1:\(100_000 + i):C:T", kind: .snv, gene: "G\(i % 500)", hgvsP: "p.A\(i)V", vaf: 0.25, classification: i == 29_999 ? .likelyOncogenic : nil)
        }
        let report = MolecularReport(id: "vcf:exome.vcf:T1", assay: "VCF", specimen: Specimen(id: "T1"))
        try store.importRecords(BoardBundle(), findingBatches: [FindingBatch(caseId: "C-0004", sample: "T1", report: report, findings: findings)],
                                now: SampleBoard.now)
        return try SampleBoard.app(width: 160, height: 48, store: store).0
    }

    @Test func molecularTabListsEveryFindingEvidenceFirstAndReachesTheLast() throws {
        let app = try app()
        app.run(.openCase("C-0004"))
        app.handle(.char("2"))
        let top = app.frame().textDump()
        #expect(top.contains("\(Self.count + 7) of \(Self.count + 7)")) // its 7 own findings and the file's
        #expect(top.contains("OncoKB 1")) // the case's own finding with level-1 evidence stays first
        app.handle(.char("G"))
        let bottom = app.frame().textDump()
        #expect(bottom.contains("G499 p.A29999V")) // the file's last row, reached without drawing 30,000 rows
    }

    @Test func decisionFormOffersFindingsWithEvidenceOrAClassNotTheWholeFile() throws {
        let app = try app()
        app.run(.openCase("C-0004"))
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        app.handle(.char("a")) // a recommendation, with its finding rows
        let offered = form.rows.compactMap { row -> String? in
            if case .finding(_, let id) = row { return id }
            return nil
        }
        #expect(offered.count < 50)
        #expect(offered.contains("C-0004/1:129999:C:T")) // the likely oncogenic one
        #expect(!offered.contains("C-0004/1:100000:C:T"))
    }
}
