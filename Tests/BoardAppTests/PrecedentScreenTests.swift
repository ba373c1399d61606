import BoardModel
import BoardStore
import Foundation
import TUIKit
import Testing

@testable import BoardApp

/// The Precedents tab on the case screen: the summary per group, the swimmer plot with its legend, and each
/// precedent with why it is similar, its signed recommendation and its outcomes (sample board, 2026-11-27).
@MainActor
@Suite("Precedents on screen")
struct PrecedentScreenTests {
    @Test func theTabShowsGroupsSwimmerPlotAndWhy() throws {
        let (app, _) = try SampleBoard.app(width: 140, height: 60)
        app.run(.openCase("C-0009"))
        app.handle(.char("8"))
        // The plot's rows are joined by no-break spaces (so the tab's word wrap keeps their columns).
        let screen = app.frame().textDump().replacingOccurrences(of: "\u{00A0}", with: " ")
        #expect(screen.contains("Precedents"))
        #expect(screen.contains("earlier cases with FGFR2 fusion, IHCH:"))
        #expect(screen.contains("recommended FGFR inhibitor"))
        #expect(screen.contains("Swimmer plot"))
        #expect(screen.contains("● response (CR/PR)") && screen.contains("✕ progression"))
        #expect(screen.contains("why: same diagnosis (IHCH); same FGFR2 fusion (FGFR2::BICC1)"))
        // The first bar belongs to the best-ranked precedent and is drawn in glyphs, readable without colour.
        let bars = screen.split(separator: "\n").filter { $0.contains("━") && $0.contains(" mo") }
        #expect(bars.count >= 4)
    }

    @Test func anOutcomeRecordedOnOneCaseShowsAmongThePrecedentsOfAnother() throws {
        let store = try SampleBoard.store()
        // C-0009 (FGFR2::BICC1 IHCH) was decided on 2026-11-19; its treatment starts and responds.
        let start = try store.addOutcome(
            CaseOutcome(
                id: "", caseId: "C-0009", kind: .treatmentStarted, date: LocalDate("2026-11-21")!, decisionId: "D-0002",
                regimen: "Pemigatinib", drugs: ["pemigatinib"], followedRecommendation: .yes, recordedBy: "t",
                recordedAt: SampleBoard.now), today: LocalDate("2026-11-27")!, now: SampleBoard.now)
        #expect(start.caseId == "C-0009")
        let list = try store.precedents(for: "C-0028", limit: 20)
        let c9 = try #require(list.precedents.first { $0.caseId == "C-0009" })
        #expect(c9.course?.treatment == "Pemigatinib" && c9.course?.ongoing == true)
        #expect(c9.outcomes.first?.kind == .treatmentStarted)
    }

    /// The tab wraps words, but the swimmer plot keeps its columns: every bar starts in the same column, after the
    /// 24-column label, at 80 columns as at 140.
    @Test(arguments: [80, 140]) func theSwimmerPlotKeepsItsColumnsOnScreen(width: Int) throws {
        let (app, _) = try SampleBoard.app(width: width, height: 80)
        app.run(.openCase("C-0009"))
        app.handle(.char("8"))
        let rows = app.frame().textDump().replacingOccurrences(of: "\u{00A0}", with: " ").split(separator: "\n")
            .map(String.init)
        let bars = rows.filter { $0.contains("━") && $0.contains(" mo") && !$0.contains("on treatment") }
        #expect(bars.count >= 4)
        let starts = Set(bars.map { row in row.distance(from: row.startIndex, to: row.firstIndex(of: "━")!) })
        #expect(starts == [1 + 24 + 1], "bars start after the border and the 24-column label: \(starts)")
        let axis = try #require(rows.first { $0.contains(" months") && $0.contains("0") })
        #expect(axis.distance(from: axis.startIndex, to: axis.firstIndex(of: "0")!) == 1 + 24 + 1)
    }
}
