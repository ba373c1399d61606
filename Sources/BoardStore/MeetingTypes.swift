import BoardModel
import Foundation

/// The fields of a meeting a coordinator sets before it starts (the agenda is edited separately).
public struct MeetingDetails: Sendable, Hashable {
    public var boardId: String
    public var startsAt: Date
    /// A room, a video link, or both.
    public var location: String?
    public var chair: String?
    public var roster: [Attendee]

    public init(boardId: String, startsAt: Date, location: String? = nil, chair: String? = nil, roster: [Attendee] = [])
    {
        self.boardId = boardId
        self.startsAt = startsAt
        self.location = location
        self.chair = chair
        self.roster = roster
    }

    public init(_ meeting: Meeting) {
        self.init(
            boardId: meeting.boardId, startsAt: meeting.startsAt, location: meeting.location, chair: meeting.chair,
            roster: meeting.roster)
    }
}

/// A case the preparation screen offers before the rest of the backlog, and why.
public struct AgendaSuggestion: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// Deferred at the board's last meeting, with the reason given then.
        case deferred(meetingId: String, reason: String?)
        /// Marked "re-present" at the board's last meeting.
        case represent(meetingId: String)
        /// The current decision's follow-up falls due on or before the meeting day.
        case followUpDue(date: LocalDate, decisionId: String)
        /// A treatment was recommended and no outcome has been recorded within the board's set time.
        case noOutcome(decidedOn: LocalDate, days: Int, decisionId: String)

        /// "deferred 19 Nov: …", "follow-up due 2027-02-18".
        public var label: String {
            switch self {
            case .deferred(_, let reason): "deferred" + (reason.map { ": \($0)" } ?? "")
            case .represent: "to re-present"
            case .followUpDue(let date, _): "follow-up due \(date)"
            case .noOutcome(let decidedOn, let days, _): "no outcome \(days) days after the decision of \(decidedOn)"
            }
        }
    }

    public var headline: CaseHeadline
    public var reason: Reason
}

/// Everything the minutes of one meeting are written from, loaded in one read.
public struct MeetingRecord: Sendable {
    public var meeting: Meeting
    public var board: Board
    /// The agenda's cases in agenda order, each with its key findings only: those with an evidence level
    /// and those a decision cites (decoding every finding of a large panel would dominate the export).
    public var cases: [Case]
    /// How many findings each case has in all.
    public var findingCounts: [String: Int]
    /// Discussion notes of the agenda's cases: linked to this meeting, or written during it.
    public var notes: [Note]
    /// The decision in force for each case from this meeting (at most one per case).
    public var decisions: [Decision]
    /// SHA-256 (hex) of each decision's canonical JSON, by decision id.
    public var decisionHashes: [String: String]
    /// Trials the decisions recommend, by id.
    public var trials: [String: Trial]
    /// Signed decisions of the agenda's cases from their earlier presentations (history), oldest first.
    public var earlierDecisions: [Decision] = []
    /// When each meeting of `earlierDecisions` was planned to start, by meeting id.
    public var meetingDates: [String: Date] = [:]
}

/// Why a meeting change was refused: one line for the user.
extension StoreError {
    static func meeting(_ message: String) -> StoreError { .invalid(message) }
}
