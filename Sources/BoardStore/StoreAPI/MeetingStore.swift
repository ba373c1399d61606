import BoardModel
import Foundation

/// Boards, meetings and their agendas, from planning to closing.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol MeetingStore: Sendable {
    func boards() throws -> [Board]
    func board(id: String) throws -> Board?
    func meetings(around now: Date, limit: Int) throws -> (upcoming: [MeetingSummary], past: [MeetingSummary])
    func allMeetings(boardId: String?) throws -> [MeetingSummary]
    func meeting(id: String) throws -> Meeting?
    func agenda(meetingId: String) throws -> [AgendaRow]
    func agendaSuggestions(meetingId: String) throws -> [AgendaSuggestion]
    func meetingRecord(id: String, allFindings: Bool) throws -> MeetingRecord
    @discardableResult func createMeeting(_ details: MeetingDetails, id: String?, timeZone: TimeZone, now: Date) throws
        -> Meeting
    @discardableResult func updateMeeting(id: String, now: Date, _ change: (inout MeetingDetails) throws -> Void) throws
        -> Meeting
    func setAttendance(meetingId: String, name: String, present: Bool?, now: Date) throws
    @discardableResult func addToAgenda(
        meetingId: String, caseIds: [String], presenter: String?, plannedMinutes: Int?, now: Date
    ) throws -> [String]
    func removeFromAgenda(meetingId: String, caseId: String, now: Date) throws
    func moveAgendaItem(meetingId: String, caseId: String, to position: Int, now: Date) throws
    func reorderAgenda(meetingId: String, caseIds: [String], now: Date) throws
    func setAgendaItem(meetingId: String, caseId: String, presenter: String??, plannedMinutes: Int??, now: Date) throws
    func startMeeting(id: String, now: Date) throws
    @discardableResult func addTimeSpent(meetingId: String, caseId: String, seconds: Int, now: Date) throws -> Int
    func setOutcome(meetingId: String, caseId: String, _ outcome: AgendaOutcome, reason: String?, now: Date) throws
    func casesWithoutFinalDecision(meetingId: String) throws -> [AgendaRow]
    @discardableResult func closeMeeting(id: String, now: Date) throws -> [AgendaRow]
}
