import BoardModel
import Foundation

/// Sign-off on PostgreSQL, with the rules of BoardStore+Signoff. The login that signs is the authenticated database
/// role (`session_user`): the board's settings map roles to the people on its rosters, exactly as they map operating
/// system logins on SQLite, and nobody can sign as another role because the server, not the client, names it.
extension PostgresBoardStore: SignoffStore {
    public func signoffSettings(boardId: String) throws -> BoardSignoffSettings {
        try run { try loadSignoffSettings(boardId) }
    }

    private func loadSignoffSettings(_ boardId: String) throws -> BoardSignoffSettings {
        var settings = BoardSignoffSettings(boardId: boardId)
        for row in try connection.query(
            "SELECT login, person FROM board_login WHERE board_id = $1 ORDER BY login COLLATE \"C\"", [boardId])
        {
            settings.logins[row.text("login")] = row.text("person")
        }
        settings.delegates = try connection.query(
            "SELECT * FROM board_delegate WHERE board_id = $1 ORDER BY chair COLLATE \"C\", delegate COLLATE \"C\"",
            [boardId]
        ).map {
            BoardDelegate(
                chair: $0.text("chair"), delegate: $0.text("delegate"), namedBy: $0.text("named_by"),
                namedAt: $0.date("named_at") ?? Date())
        }
        return settings
    }

    public func setBoardLogin(boardId: String, login: String, person: String?, now: Date) throws {
        let (login, person) = try SignoffRules.mapping(login: login, person: person)
        try run {
            try connection.transaction {
                try requireBoard(boardId)
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.board.' || $1))", [boardId])
                let settings = try loadSignoffSettings(boardId)
                try SignoffRules.requireMayMapLogin(settings, changer: self.login, person: person, boardId: boardId)
                let before = settings.logins[login]
                if before == person { return }
                if let person {
                    try connection.query(
                        """
                        INSERT INTO board_login(board_id, login, person) VALUES ($1, $2, $3)
                        ON CONFLICT(board_id, login) DO UPDATE SET person = excluded.person
                        """, [boardId, login, person])
                } else {
                    try connection.query(
                        "DELETE FROM board_login WHERE board_id = $1 AND login = $2", [boardId, login])
                }
                try appendAudit(
                    action: "board.login", entity: "board", entityId: boardId,
                    before: SignoffRules.mappingText(login: login, person: before),
                    after: SignoffRules.mappingText(login: login, person: person), at: now)
            }
        }
    }

    public func setDelegate(boardId: String, delegate: String, remove: Bool, now: Date) throws {
        let delegate = try SignoffRules.delegateName(delegate)
        try run {
            try connection.transaction {
                try requireBoard(boardId)
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.board.' || $1))", [boardId])
                let settings = try loadSignoffSettings(boardId)
                let (chair, write) = try SignoffRules.delegateChange(
                    settings, changer: self.login, delegate: delegate, remove: remove, boardId: boardId)
                if !write { return }
                if remove {
                    try connection.query(
                        "DELETE FROM board_delegate WHERE board_id = $1 AND chair = $2 AND delegate = $3",
                        [boardId, chair, delegate])
                } else {
                    try connection.query(
                        "INSERT INTO board_delegate(board_id, chair, delegate, named_by, named_at) VALUES ($1, $2, $3, $4, $5)",
                        [boardId, chair, delegate, self.login, PGValue.time(now)])
                }
                try appendAudit(
                    action: remove ? "board.delegate.remove" : "board.delegate", entity: "board", entityId: boardId,
                    before: remove ? SignoffRules.delegationText(delegate: delegate, chair: chair) : nil,
                    after: remove ? nil : SignoffRules.delegationText(delegate: delegate, chair: chair), at: now)
            }
        }
    }

    public func signingRight(for decision: Decision) throws -> SigningRight {
        try run { try signingRight(decision) }
    }

    public func signingRight(decisionId: String) throws -> SigningRight {
        try run {
            guard let decision = try loadDecision(decisionId) else {
                throw StoreError.notFound(kind: "decision", id: decisionId)
            }
            return try signingRight(decision)
        }
    }

    /// Whether this role may sign the decision, and why (the chair of its meeting, or a delegate the chair named).
    func signingRight(_ decision: Decision) throws -> SigningRight {
        let meeting = try decision.meetingId.flatMap { id in
            try connection.query("SELECT board_id, chair FROM meeting WHERE id = $1", [id]).first.map {
                SignoffRules.MeetingChair(id: id, boardId: $0.text("board_id"), chair: $0["chair"])
            }
        }
        return try SignoffRules.signingRight(
            login: login, decision: decision, meeting: meeting, settings: { try loadSignoffSettings($0) })
    }

    @discardableResult
    public func requestSignoff(decisionId: String, expectedVersion: Int, now: Date) throws -> SignoffRequest {
        try run {
            try connection.transaction {
                let request = try SignoffRules.request(
                    for: loadDraft(decisionId, forUpdate: true), expectedVersion: expectedVersion, requestedBy: login,
                    now: now)
                try connection.query(
                    """
                    INSERT INTO signoff_request(decision_id, version, requested_by, requested_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT(decision_id) DO UPDATE SET version = excluded.version,
                      requested_by = excluded.requested_by, requested_at = excluded.requested_at
                    """, [decisionId, String(request.version), login, PGValue.time(now)])
                try appendAudit(
                    action: "decision.signoff-requested", entity: "signoff", entityId: decisionId,
                    caseId: request.caseId, after: SignoffRules.requestText(request), at: now)
                return request
            }
        }
    }

    public func signoffRequests(meetingId: String?) throws -> [SignoffRequest] {
        try run {
            try connection.query(
                """
                SELECT r.*, d.case_id, d.meeting_id FROM signoff_request r JOIN decision d ON d.id = r.decision_id
                WHERE d.status = 'draft' AND ($1::text IS NULL OR d.meeting_id = $1)
                ORDER BY r.requested_at, r.decision_id COLLATE "C"
                """, [meetingId]
            ).map(Self.signoffRequest)
        }
    }

    public func signoffRequest(decisionId: String) throws -> SignoffRequest? {
        try run { try openRequest(decisionId: decisionId) }
    }

    func openRequest(decisionId: String) throws -> SignoffRequest? {
        try connection.query(
            """
            SELECT r.*, d.case_id, d.meeting_id FROM signoff_request r JOIN decision d ON d.id = r.decision_id
            WHERE r.decision_id = $1 AND d.status = 'draft'
            """, [decisionId]
        ).first.map(Self.signoffRequest)
    }

    func requireBoard(_ id: String) throws {
        guard try connection.query("SELECT 1 FROM board WHERE id = $1", [id]).count > 0 else {
            throw StoreError.notFound(kind: "board", id: id)
        }
    }

    static func signoffRequest(_ row: PGRow) -> SignoffRequest {
        SignoffRequest(
            decisionId: row.text("decision_id"), caseId: row.text("case_id"), meetingId: row["meeting_id"],
            version: row.int("version") ?? 0, requestedBy: row.text("requested_by"),
            requestedAt: row.date("requested_at") ?? Date())
    }
}
