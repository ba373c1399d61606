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
    /// Retract the selected outcome on the Outcomes tab (entered in error; kept and marked).
    case retractOutcome
    /// Open the follow-up queue (Home); add the selected follow-up case to its board's next meeting.
    case followUpQueue, scheduleFollowUp
    /// Correct a detail of the case (diagnosis, stage, ECOG, …) on the case screen.
    case correctCase
    case meeting(MeetingAction)
    case decisionForm(DecisionFormAction)
    case conflict(ConflictAction)
    case noteEditor(NoteEditorAction)
}
