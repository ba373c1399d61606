import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// Each screen rendered into the canvas at 80×24 and 160×48 and compared with a stored text snapshot.
@MainActor
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    nonisolated static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: sizes) func home(width: Int, height: Int) throws {
        let (app, _) = try SampleBoard.app(width: width, height: height)
        expectSnapshot(app, "home-\(width)x\(height)")
    }

    @Test(arguments: sizes) func meetingAgenda(width: Int, height: Int) throws {
        let (app, _) = try SampleBoard.app(width: width, height: height)
        app.handle(.enter)  // the upcoming meeting is first
        #expect(app.stack.last is MeetingScreen)
        expectSnapshot(app, "meeting-\(width)x\(height)")
    }

    @Test(arguments: sizes) func caseTabs(width: Int, height: Int) throws {
        let (app, _) = try SampleBoard.app(width: width, height: height)
        app.run(.openCase("C-0003"))
        for (index, name) in ["summary", "molecular", "trials", "notes", "decision", "history"].enumerated() {
            app.handle(.char(Character(String(index + 1))))
            expectSnapshot(app, "case-\(name)-\(width)x\(height)")
        }
    }

    @Test(arguments: sizes) func pastCaseWithDecisionAndNotes(width: Int, height: Int) throws {
        let (app, _) = try SampleBoard.app(width: width, height: height)
        app.run(.openCase("C-0001"))
        app.handle(.char("4"))
        expectSnapshot(app, "case-C-0001-notes-\(width)x\(height)")
        app.handle(.char("5"))
        expectSnapshot(app, "case-C-0001-decision-\(width)x\(height)")
    }

    @Test(arguments: sizes) func privacyModeMasksIdentifiers(width: Int, height: Int) throws {
        let (app, _) = try SampleBoard.app(width: width, height: height, privacy: true)
        expectSnapshot(app, "home-privacy-\(width)x\(height)")
        app.run(.openCase("C-0002"))
        let text = app.frame().textDump()
        let record = try #require(try app.sqliteStore.caseRecord(id: "C-0002"))
        let p = record.record.patient
        #expect(text.contains("PRIVACY ON"))
        #expect(!text.contains(p.name.display))
        for id in p.identifiers { #expect(!text.contains(id.value)) }
        #expect(!text.contains(p.birthDate!.description))
        #expect(text.contains(p.pseudonym))
        expectSnapshot(app, "case-privacy-\(width)x\(height)")
    }

    @Test func nonLatinNameLinesUp() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48)
        app.run(.openCase("C-0002"))
        let frame = app.frame()
        let text = frame.textDump()
        #expect(text.contains("佐藤 美咲"))
        // Every row is exactly as wide as the screen: wide glyphs never push the border out.
        for y in 0..<frame.height { #expect(TextWidth.displayWidth(of: frame.rowText(y)) == 160) }
        expectSnapshot(app, "case-non-latin-160x48")
    }

    @Test func helpAndSearchAndTooSmall() throws {
        let (app, terminal) = try SampleBoard.app(width: 80, height: 24)
        app.handle(.char("?"))
        expectSnapshot(app, "help-80x24")
        app.handle(.escape)
        app.handle(.char("/"))
        app.type("kras")
        expectSnapshot(app, "search-prompt-80x24")
        app.handle(.enter)
        expectSnapshot(app, "search-results-80x24")
        terminal.resize(width: 30, height: 8)
        expectSnapshot(app, "too-small")
    }

    /// Evidence levels carry meaning in colour: the role mask shows which cells use which level role.
    @Test func molecularEvidenceRoles() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48)
        app.run(.openCase("C-0004"))
        app.handle(.char("2"))
        app.handle(.char("j"))  // move the selection off the level-1 row so its colour shows
        let frame = app.frame()
        let legend: [StyleRole: Character] = [
            .levelOne: "1", .levelTwo: "2", .levelThree: "3", .levelFour: "4", .levelResistance: "R",
        ]
        let mask = frame.roleDump(legend: legend)
        ScreenSnapshot.expect(mask, named: "case-molecular-roles-160x48")
        // The level label is always printed next to the colour.
        #expect(frame.textDump().contains("OncoKB 1"))
        #expect(mask.contains("1"))
    }
}
