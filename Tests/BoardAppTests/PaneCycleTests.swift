import Testing

@testable import BoardApp

/// Tab goes round a screen's panes; the arrow keys stop at either end.
@Suite struct PaneCycleTests {
    @Test func tabWrapsArrowsStop() {
        typealias Prep = MeetingPrepScreen.Focus
        #expect(Prep.agenda.next == .backlog && Prep.backlog.next == .roster && Prep.roster.next == .agenda)
        #expect(Prep.agenda.previous == .roster && Prep.roster.previous == .backlog)
        #expect(Prep.agenda.stepped(-1, wrapping: false) == .agenda)
        #expect(Prep.roster.stepped(1, wrapping: false) == .roster)
        #expect(Prep.agenda.stepped(1, wrapping: false) == .backlog)
        #expect(Prep.agenda.stepped(-4, wrapping: true) == .roster)
        #expect(MeetingScreen.Focus.agenda.next == .caseDetail && MeetingScreen.Focus.caseDetail.next == .agenda)
        #expect(MeetingModeScreen.Focus.roster.next == .agenda)
        #expect(HomeScreen.Focus.backlog.previous == .meetings)
    }

    /// The narrow layouts' corner hint names the pane Tab goes to.
    @Test func tabHintNamesTheNextPane() {
        #expect(MeetingPrepScreen.Focus.allCases.map(\.tabHint) == ["Tab: backlog", "Tab: roster", "Tab: agenda"])
        #expect(MeetingModeScreen.Focus.allCases.map(\.tabHint) == ["Tab: case", "Tab: roster", "Tab: agenda"])
        #expect(HomeScreen.Focus.allCases.map(\.tabHint) == ["Tab: backlog", "Tab: meetings"])
    }
}
