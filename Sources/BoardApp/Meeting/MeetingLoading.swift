import BoardModel
import BoardStore

/// The three meeting screens (the meeting, its preparation, meeting mode) hold the same loaded state and load it the
/// same way: the meeting, the name of its board, and the agenda rows.
@MainActor
protocol MeetingLoading: AnyObject {
    var meetingId: String { get }
    var meeting: Meeting? { get set }
    var boardName: String { get set }
    var rows: [AgendaRow] { get set }
}

extension MeetingLoading {
    /// Loads the meeting, its board's name (a board that is gone shows by its id) and the agenda; nil, with nothing
    /// shown, when the store holds no such meeting.
    @discardableResult
    func loadMeeting(_ context: AppContext) throws -> Meeting? {
        meeting = try context.store.meeting(id: meetingId)
        guard let meeting else {
            (boardName, rows) = ("", [])
            return nil
        }
        boardName = try context.store.board(id: meeting.boardId)?.name ?? meeting.boardId
        rows = try context.store.agenda(meetingId: meetingId)
        return meeting
    }
}
