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
        let login = login.trimmingCharacters(in: .whitespaces)
        let person = person?.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty, !login.contains(where: \.isWhitespace) else {
            throw StoreError.invalid("a login is one word, as `id -un` prints it; got \"\(login)\"")
        }
        if let person, person.isEmpty { throw StoreError.invalid("a login is mapped to a person's name; got none") }
        try run {
            try connection.transaction {
                try requireBoard(boardId)
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.board.' || $1))", [boardId])
                let settings = try loadSignoffSettings(boardId)
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
                    before: before.map { "\(login) = \($0)" }, after: person.map { "\(login) = \($0)" }, at: now)
            }
        }
    }

    public func setDelegate(boardId: String, delegate: String, remove: Bool, now: Date) throws {
        let delegate = delegate.trimmingCharacters(in: .whitespaces)
        guard !delegate.isEmpty else { throw StoreError.invalid("a delegate is named by the person's name") }
        try run {
            try connection.transaction {
                try requireBoard(boardId)
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.board.' || $1))", [boardId])
                let settings = try loadSignoffSettings(boardId)
                guard let chair = settings.logins[self.login] else {
                    throw StoreError.invalid(
                        "your login \(self.login) is not mapped to a person on board \(boardId); map it first "
                            + "(tumorboard board login \(boardId) \(self.login) \"Your Name\")")
                }
                if chair == delegate { throw StoreError.invalid("\(chair) cannot be their own delegate") }
                let exists = settings.delegates.contains { $0.chair == chair && $0.delegate == delegate }
                if remove {
                    guard exists else { throw StoreError.invalid("\(delegate) is not a delegate of \(chair)") }
                    try connection.query(
                        "DELETE FROM board_delegate WHERE board_id = $1 AND chair = $2 AND delegate = $3",
                        [boardId, chair, delegate])
                } else {
                    if exists { return }
                    try connection.query(
                        "INSERT INTO board_delegate(board_id, chair, delegate, named_by, named_at) VALUES ($1, $2, $3, $4, $5)",
                        [boardId, chair, delegate, self.login, PGValue.time(now)])
                }
                try appendAudit(
                    action: remove ? "board.delegate.remove" : "board.delegate", entity: "board", entityId: boardId,
                    before: remove ? "\(delegate) signs for \(chair)" : nil,
                    after: remove ? nil : "\(delegate) signs for \(chair)", at: now)
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
        var right = SigningRight(login: login, person: nil, chair: nil, maySign: false, explanation: "")
        guard let meetingId = decision.meetingId,
            let meeting = try connection.query("SELECT board_id, chair FROM meeting WHERE id = $1", [meetingId]).first
        else {
            right.explanation = "decision \(decision.id) belongs to no meeting, so it has no chair to sign it"
            return right
        }
        let boardId = meeting.text("board_id")
        let settings = try loadSignoffSettings(boardId)
        right.person = settings.logins[login]
        right.chair = meeting["chair"]
        guard let chair = meeting["chair"], !chair.isEmpty else {
            right.explanation = "meeting \(meetingId) has no chair; set the chair first"
            return right
        }
        guard let person = right.person else {
            right.explanation =
                "your login \(login) is not mapped to a person on board \(boardId) (the chair is \(chair))"
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

    @discardableResult
    public func requestSignoff(decisionId: String, expectedVersion: Int, now: Date) throws -> SignoffRequest {
        try run {
            try connection.transaction {
                let stored = try loadDraft(decisionId, forUpdate: true)
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
                try connection.query(
                    """
                    INSERT INTO signoff_request(decision_id, version, requested_by, requested_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT(decision_id) DO UPDATE SET version = excluded.version,
                      requested_by = excluded.requested_by, requested_at = excluded.requested_at
                    """, [decisionId, String(stored.version), login, PGValue.time(now)])
                try appendAudit(
                    action: "decision.signoff-requested", entity: "signoff", entityId: decisionId,
                    caseId: stored.caseId, after: "version \(stored.version) requested by \(login)", at: now)
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
