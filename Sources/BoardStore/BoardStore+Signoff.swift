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
        let login = login.trimmingCharacters(in: .whitespaces)
        let person = person?.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty, !login.contains(where: \.isWhitespace) else {
            throw StoreError.invalid("a login is one word, as `id -un` prints it; got \"\(login)\"")
        }
        if let person, person.isEmpty { throw StoreError.invalid("a login is mapped to a person's name; got none") }
        try run {
            try db.write { db in
                try Self.requireBoard(db, boardId)
                let settings = try Self.loadSignoffSettings(db, boardId: boardId)
                let mine = settings.logins[self.login]
                if !settings.logins.isEmpty && mine == nil {
                    throw StoreError.invalid(
                        "your login \(self.login) is not mapped on board \(boardId); only a mapped login changes its logins"
                    )
                }
                if let person, !settings.logins(of: person).isEmpty, mine != person {
                    throw StoreError.invalid(
                        "\(person) already signs in as \(settings.logins(of: person).joined(separator: ", ")); only "
                            + "\(person)'s own login adds another")
                }
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
                    before: before.map { "\(login) = \($0)" }, after: person.map { "\(login) = \($0)" }, at: now)
            }
        }
    }

    /// The chair (this login's person) names `delegate` to sign in their place, or (`remove`) withdraws it.
    public func setDelegate(boardId: String, delegate: String, remove: Bool = false, now: Date = Date()) throws {
        let delegate = delegate.trimmingCharacters(in: .whitespaces)
        guard !delegate.isEmpty else { throw StoreError.invalid("a delegate is named by the person's name") }
        try run {
            try db.write { db in
                try Self.requireBoard(db, boardId)
                let settings = try Self.loadSignoffSettings(db, boardId: boardId)
                guard let chair = settings.logins[self.login] else {
                    throw StoreError.invalid(
                        "your login \(self.login) is not mapped to a person on board \(boardId); map it first "
                            + "(tumorboard board login \(boardId) \(self.login) \"Your Name\")")
                }
                if chair == delegate { throw StoreError.invalid("\(chair) cannot be their own delegate") }
                let exists = settings.delegates.contains { $0.chair == chair && $0.delegate == delegate }
                if remove {
                    guard exists else { throw StoreError.invalid("\(delegate) is not a delegate of \(chair)") }
                    try db.execute(
                        sql: "DELETE FROM board_delegate WHERE board_id = ? AND chair = ? AND delegate = ?",
                        arguments: [boardId, chair, delegate])
                } else {
                    if exists { return }
                    try db.execute(
                        sql:
                            "INSERT INTO board_delegate(board_id, chair, delegate, named_by, named_at) VALUES (?, ?, ?, ?, ?)",
                        arguments: [boardId, chair, delegate, self.login, now.timeIntervalSince1970])
                }
                try AuditTrail.append(
                    db, user: self.login, action: remove ? "board.delegate.remove" : "board.delegate", entity: "board",
                    entityId: boardId, before: remove ? "\(delegate) signs for \(chair)" : nil,
                    after: remove ? nil : "\(delegate) signs for \(chair)", at: now)
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
        var right = SigningRight(login: login, person: nil, chair: nil, maySign: false, explanation: "")
        guard let meetingId = decision.meetingId, let meeting = try Self.loadMeeting(db, id: meetingId) else {
            right.explanation = "decision \(decision.id) belongs to no meeting, so it has no chair to sign it"
            return right
        }
        let settings = try Self.loadSignoffSettings(db, boardId: meeting.boardId)
        right.person = settings.logins[login]
        right.chair = meeting.chair
        guard let chair = meeting.chair, !chair.isEmpty else {
            right.explanation = "meeting \(meetingId) has no chair; set the chair first"
            return right
        }
        guard let person = right.person else {
            right.explanation =
                "your login \(login) is not mapped to a person on board \(meeting.boardId) (the chair is \(chair))"
            return right
        }
        if person == chair {
            right.maySign = true
            right.explanation = "you (\(login)) are \(person), the chair"
        } else if settings.maySign(person, chair: chair) {
            right.maySign = true
            right.explanation = "you (\(login)) are \(person), a delegate \(chair) named"
        } else {
            right.explanation = "you (\(login)) are \(person); only the chair \(chair) or a delegate they named signs"
        }
        return right
    }

    /// Asks the chair to sign a saved draft. Anyone may ask; the request names this login and waits.
    @discardableResult
    public func requestSignoff(decisionId: String, expectedVersion: Int, now: Date = Date()) throws -> SignoffRequest {
        try run {
            try db.write { db in
                let stored = try Self.loadDraft(db, id: decisionId)
                if stored.version != expectedVersion {
                    throw StoreError.conflict(
                        kind: "decision", id: decisionId, expectedVersion: expectedVersion,
                        currentVersion: stored.version)
                }
                var check = stored
                check.signedBy = "(the chair)"
                let problems = check.validationErrors(forSigning: true, atSignOff: true)
                if !problems.isEmpty { throw DecisionInvalid(problems: problems) }
                if stored.meetingId == nil {
                    throw StoreError.invalid(
                        "decision \(decisionId) belongs to no meeting, so it has no chair to sign it")
                }
                let request = SignoffRequest(
                    decisionId: decisionId, caseId: stored.caseId, meetingId: stored.meetingId,
                    version: stored.version, requestedBy: login, requestedAt: now)
                try db.execute(
                    sql: """
                        INSERT INTO signoff_request(decision_id, version, requested_by, requested_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(decision_id) DO UPDATE SET version = excluded.version,
                          requested_by = excluded.requested_by, requested_at = excluded.requested_at
                        """, arguments: [decisionId, stored.version, login, now.timeIntervalSince1970])
                try AuditTrail.append(
                    db, user: login, action: "decision.signoff-requested", entity: "signoff", entityId: decisionId,
                    caseId: stored.caseId, after: "version \(stored.version) requested by \(login)", at: now)
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
        guard let stored = try loadDecision(db, id: id) else { throw StoreError.notFound(kind: "decision", id: id) }
        guard stored.status == .draft else {
            throw StoreError.invalid("decision \(id) is already \(stored.status.rawValue)")
        }
        return stored
    }

    static func signoffRequest(_ row: Row) -> SignoffRequest {
        SignoffRequest(
            decisionId: row["decision_id"], caseId: row["case_id"], meetingId: row["meeting_id"],
            version: row["version"], requestedBy: row["requested_by"],
            requestedAt: Date(timeIntervalSince1970: row["requested_at"]))
    }
}
