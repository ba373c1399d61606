import TUIKit

/// Everything a key can ask the board screen to do. Key tables map keys to these; screens act on them.
public enum AppAction: Hashable, Sendable {
    case up, down, left, right, top, bottom, pageUp, pageDown
    case open, back
    case nextPane, previousPane
    case nextTab, previousTab
    case tab(Int)
    case search, help, commandLine, togglePrivacy, quit, redraw
    case filterKind, explain
    case newNote, editDecision, recordOutcome
    /// Correct a detail of the case (diagnosis, stage, ECOG, …) on the case screen.
    case correctCase
    case meeting(MeetingAction)
    case decisionForm(DecisionFormAction)
}
