import BoardModel
import Foundation
import GRDB

/// Sign-off by the chair's authenticated login.
///
/// A decision is signed by the operating-system login of the process (`BoardStore.login`), never by a name typed
/// with `--user`. The board's settings map logins to people; the meeting's chair, or a delegate the chair named
/// from their own login, may sign. Anyone else may request sign-off: the request waits (`signoff_request`) until
/// the chair confirms from their own terminal. Both are audit events carrying the login.
///
/// Who may change the settings: on a board without any mapped login, anyone (the first setup, audited); after that
/// only a login already mapped on the board, and a login is added to a person who already has one only by one of
/// that person's logins (nobody adds a login to somebody else's identity). Removing a mapping only takes a right
/// away, so any mapped login may do it. Delegates are named and removed by the chair's own login.
extension BoardStore {
    public func signoffSettings(boardId: String) throws -> BoardSignoffSettings {
        try run { try db.read { db in try Self.loadSignoffSettings(db, boardId: boardId) } }
    }

    static func loadSignoffSettings(_ db: Database, boardId: String) throws -> BoardSignoffSettings {
        var settings = BoardSignoffSettings(boardId: boardId)
        for row in try Row.fetchAll(
            db, sql: "SELECT login, person FROM board_login WHERE board_id = ? ORDER BY login", arguments: [boardId])
        {
            settings.logins[row["login"]] = row["person"]
        }
        settings.delegates = try Row.fetchAll(
            db, sql: "SELECT * FROM board_delegate WHERE board_id = ? ORDER BY chair, delegate", arguments: [boardId]
        ).map {
            BoardDelegate(
                chair: $0["chair"], delegate: $0["delegate"], namedBy: $0["named_by"],
                namedAt: Date(timeIntervalSince1970: $0["named_at"]))
        }
        return settings
    }

    /// Maps an operating-system login to a person of the board (`person` nil removes the mapping).
    public func setBoardLogin(boardId: String, login: String, person: String?, now: Date = Date()) throws {
        let (login, person) = try SignoffRules.mapping(login: login, person: person)
        try run {
            try db.write { db in
                try Self.requireBoard(db, boardId)
                let settings = try Self.loadSignoffSettings(db, boardId: boardId)
                try SignoffRules.requireMayMapLogin(settings, changer: self.login, person: person, boardId: boardId)
                let before = settings.logins[login]
                if before == person { return }
                if let person {
                    try db.execute(
                        sql: """
                            INSERT INTO board_login(board_id, login, person) VALUES (?, ?, ?)
                            ON CONFLICT(board_id, login) DO UPDATE SET person = excluded.person
                            """, arguments: [boardId, login, person])
                } else {
                    try db.execute(
                        sql: "DELETE FROM board_login WHERE board_id = ? AND login = ?", arguments: [boardId, login])
                }
                try AuditTrail.append(
                    db, user: self.login, action: "board.login", entity: "board", entityId: boardId,
                    before: SignoffRules.mappingText(login: login, person: before),
                    after: SignoffRules.mappingText(login: login, person: person), at: now)
            }
        }
    }

    /// The chair (this login's person) names `delegate` to sign in their place, or (`remove`) withdraws it.
    public func setDelegate(boardId: String, delegate: String, remove: Bool = false, now: Date = Date()) throws {
        let delegate = try SignoffRules.delegateName(delegate)
        try run {
            try db.write { db in
                try Self.requireBoard(db, boardId)
                let settings = try Self.loadSignoffSettings(db, boardId: boardId)
                let (chair, write) = try SignoffRules.delegateChange(
                    settings, changer: self.login, delegate: delegate, remove: remove, boardId: boardId)
                if !write { return }
                if remove {
                    try db.execute(
                        sql: "DELETE FROM board_delegate WHERE board_id = ? AND chair = ? AND delegate = ?",
                        arguments: [boardId, chair, delegate])
                } else {
                    try db.execute(
                        sql:
                            "INSERT INTO board_delegate(board_id, chair, delegate, named_by, named_at) VALUES (?, ?, ?, ?, ?)",
                        arguments: [boardId, chair, delegate, self.login, now.timeIntervalSince1970])
                }
                try AuditTrail.append(
                    db, user: self.login, action: remove ? "board.delegate.remove" : "board.delegate", entity: "board",
                    entityId: boardId,
                    before: remove ? SignoffRules.delegationText(delegate: delegate, chair: chair) : nil,
                    after: remove ? nil : SignoffRules.delegationText(delegate: delegate, chair: chair), at: now)
            }
        }
    }

    /// Whether this terminal's login may sign a decision (saved or not yet), with the reason in one line.
    public func signingRight(for decision: Decision) throws -> SigningRight {
        try run { try db.read { db in try signingRight(db, decision) } }
    }

    /// Whether this terminal's login may sign the decision, with the reason in one line.
    public func signingRight(decisionId: String) throws -> SigningRight {
        try run {
            try db.read { db in
                guard let decision = try Self.loadDecision(db, id: decisionId) else {
                    throw StoreError.notFound(kind: "decision", id: decisionId)
                }
                return try signingRight(db, decision)
            }
        }
    }

    /// The rule itself, inside the caller's transaction.
    func signingRight(_ db: Database, _ decision: Decision) throws -> SigningRight {
        let meeting = try decision.meetingId.flatMap { try Self.loadMeeting(db, id: $0) }
        return try SignoffRules.signingRight(
            login: login, decision: decision,
            meeting: meeting.map { SignoffRules.MeetingChair(id: $0.id, boardId: $0.boardId, chair: $0.chair) },
            settings: { try Self.loadSignoffSettings(db, boardId: $0) })
    }

    /// Asks the chair to sign a saved draft. Anyone may ask; the request names this login and waits.
    @discardableResult
    public func requestSignoff(decisionId: String, expectedVersion: Int, now: Date = Date()) throws -> SignoffRequest {
        try run {
            try db.write { db in
                let request = try SignoffRules.request(
                    for: Self.loadDraft(db, id: decisionId), expectedVersion: expectedVersion, requestedBy: login,
                    now: now)
                try db.execute(
                    sql: """
                        INSERT INTO signoff_request(decision_id, version, requested_by, requested_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(decision_id) DO UPDATE SET version = excluded.version,
                          requested_by = excluded.requested_by, requested_at = excluded.requested_at
                        """, arguments: [decisionId, request.version, login, now.timeIntervalSince1970])
                try AuditTrail.append(
                    db, user: login, action: "decision.signoff-requested", entity: "signoff", entityId: decisionId,
                    caseId: request.caseId, after: SignoffRules.requestText(request), at: now)
                return request
            }
        }
    }

    /// Open sign-off requests (of one meeting, or all), oldest first.
    public func signoffRequests(meetingId: String? = nil) throws -> [SignoffRequest] {
        try run {
            try db.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.*, d.case_id, d.meeting_id FROM signoff_request r JOIN decision d ON d.id = r.decision_id
                        WHERE d.status = 'draft' AND (?1 IS NULL OR d.meeting_id = ?1) ORDER BY r.requested_at, r.decision_id
                        """, arguments: [meetingId]
                ).map(Self.signoffRequest)
            }
        }
    }

    /// The open request for a decision, if any.
    public func signoffRequest(decisionId: String) throws -> SignoffRequest? {
        try run { try db.read { db in try Self.openRequest(db, decisionId: decisionId) } }
    }

    static func openRequest(_ db: Database, decisionId: String) throws -> SignoffRequest? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT r.*, d.case_id, d.meeting_id FROM signoff_request r JOIN decision d ON d.id = r.decision_id
                WHERE r.decision_id = ? AND d.status = 'draft'
                """, arguments: [decisionId]
        ).map(signoffRequest)
    }

    /// A decision that must still be a draft (to sign, or to ask for sign-off).
    static func loadDraft(_ db: Database, id: String) throws -> Decision {
        try DecisionRules.requireDraft(loadDecision(db, id: id), id: id)
    }

    static func signoffRequest(_ row: Row) -> SignoffRequest {
        SignoffRequest(
            decisionId: row["decision_id"], caseId: row["case_id"], meetingId: row["meeting_id"],
            version: row["version"], requestedBy: row["requested_by"],
            requestedAt: Date(timeIntervalSince1970: row["requested_at"]))
    }
}
