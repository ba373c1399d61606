import Foundation

/// A board's sign-off settings: which operating-system login is which person on its rosters, and whom each chair
/// named to sign on their behalf.
public struct BoardSignoffSettings: Sendable, Hashable {
    public var boardId: String
    /// Person by login ("hmeier" → "Dr. Hanna Meier").
    public var logins: [String: String]
    public var delegates: [BoardDelegate]

    public init(boardId: String, logins: [String: String] = [:], delegates: [BoardDelegate] = []) {
        self.boardId = boardId
        self.logins = logins
        self.delegates = delegates
    }

    /// The logins mapped to a person, sorted.
    public func logins(of person: String) -> [String] { logins.filter { $0.value == person }.keys.sorted() }

    /// Whether `person` may sign a decision of a meeting chaired by `chair`: the chair, or a delegate the chair named.
    public func maySign(_ person: String, chair: String) -> Bool {
        person == chair || delegates.contains { $0.chair == chair && $0.delegate == person }
    }
}

/// A person a chair allows to sign in their place, named by the chair's own login.
public struct BoardDelegate: Sendable, Hashable {
    public var chair: String
    public var delegate: String
    /// The login that named the delegate (one of the chair's).
    public var namedBy: String
    public var namedAt: Date
}

/// Someone asked the chair to sign a decision; it waits until the chair or a delegate signs.
public struct SignoffRequest: Sendable, Hashable {
    public var decisionId: String
    public var caseId: String
    public var meetingId: String?
    /// The version the request was made for (the chair sees when the decision changed since).
    public var version: Int
    /// The login that asked.
    public var requestedBy: String
    public var requestedAt: Date
}

/// What this terminal's login may do with a decision: sign it, or only ask for sign-off, and why.
public struct SigningRight: Sendable, Hashable {
    public var login: String
    /// The person the board's settings map the login to.
    public var person: String?
    /// The meeting's chair.
    public var chair: String?
    public var maySign: Bool
    /// One line: "you (root) are Inés Calderón, the chair" or why signing is refused.
    public var explanation: String
}
