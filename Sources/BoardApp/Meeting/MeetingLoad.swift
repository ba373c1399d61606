import BoardModel
import BoardStore

/// What the three meeting screens (the meeting, its preparation, meeting mode) load the same way: the meeting, the
/// name of its board, and the agenda rows.
struct MeetingLoad {
    var meeting: Meeting
    var boardName: String
    var rows: [AgendaRow]

    /// Nil when the store holds no such meeting. A board that is gone shows by its id.
    static func load(_ meetingId: String, _ context: AppContext) throws -> MeetingLoad? {
        guard let meeting = try context.store.meeting(id: meetingId) else { return nil }
        return MeetingLoad(
            meeting: meeting, boardName: try context.store.board(id: meeting.boardId)?.name ?? meeting.boardId,
            rows: try context.store.agenda(meetingId: meetingId))
    }
}
