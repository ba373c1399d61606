import BoardModel
import Foundation

/// Who may sign and who may change a board's sign-off settings, the same on every backend (the rules are described
/// on BoardStore+Signoff). Each backend reads the settings, the meeting and the decision with its own SQL inside its
/// own transaction and asks here; the messages are the same on both.
enum SignoffRules {
    /// A login and the person it maps to, as typed, checked: a login is one word; a mapping names somebody.
    static func mapping(login: String, person: String?) throws -> (login: String, person: String?) {
        let login = login.trimmingCharacters(in: .whitespaces)
        let person = person?.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty, !login.contains(where: \.isWhitespace) else {
            throw StoreError.invalid("a login is one word, as `id -un` prints it; got \"\(login)\"")
        }
        if let person, person.isEmpty { throw StoreError.invalid("a login is mapped to a person's name; got none") }
        return (login, person)
    }

    /// Whether `changer` may map a login to `person` on the board: anyone on a board without mapped logins (the first
    /// setup), afterwards only a mapped login, and a person's further login only from one of that person's logins.
    static func requireMayMapLogin(
        _ settings: BoardSignoffSettings, changer: String, person: String?, boardId: String
    ) throws {
        let mine = settings.logins[changer]
        if !settings.logins.isEmpty && mine == nil {
            throw StoreError.invalid(
                "your login \(changer) is not mapped on board \(boardId); only a mapped login changes its logins")
        }
        if let person, !settings.logins(of: person).isEmpty, mine != person {
            throw StoreError.invalid(
                "\(person) already signs in as \(settings.logins(of: person).joined(separator: ", ")); only "
                    + "\(person)'s own login adds another")
        }
    }

    /// The audited before/after texts of a login mapping.
    static func mappingText(login: String, person: String?) -> String? {
        person.map { "\(login) = \($0)" }
    }

    /// A delegate's name as typed, checked.
    static func delegateName(_ delegate: String) throws -> String {
        let delegate = delegate.trimmingCharacters(in: .whitespaces)
        guard !delegate.isEmpty else { throw StoreError.invalid("a delegate is named by the person's name") }
        return delegate
    }

    /// What naming (or withdrawing) a delegate does: the chair who names (`changer`'s person) and whether there is
    /// anything to write. Refused when the login is not mapped, for oneself, or to withdraw a delegate not named.
    static func delegateChange(
        _ settings: BoardSignoffSettings, changer: String, delegate: String, remove: Bool, boardId: String
    ) throws -> (chair: String, write: Bool) {
        guard let chair = settings.logins[changer] else {
            throw StoreError.invalid(
                "your login \(changer) is not mapped to a person on board \(boardId); map it first "
                    + "(tumorboard board login \(boardId) \(changer) \"Your Name\")")
        }
        if chair == delegate { throw StoreError.invalid("\(chair) cannot be their own delegate") }
        let exists = settings.delegates.contains { $0.chair == chair && $0.delegate == delegate }
        if remove && !exists { throw StoreError.invalid("\(delegate) is not a delegate of \(chair)") }
        return (chair, remove || !exists)
    }

    /// The audited text of a delegation.
    static func delegationText(delegate: String, chair: String) -> String { "\(delegate) signs for \(chair)" }

    /// The meeting a decision was made at, as the signing rule needs it.
    struct MeetingChair {
        var id: String
        var boardId: String
        var chair: String?
    }

    /// Whether `login` may sign `decision`: the chair of its meeting, or a delegate the chair named; with the reason.
    static func signingRight(
        login: String, decision: Decision, meeting: MeetingChair?, settings: (String) throws -> BoardSignoffSettings
    ) throws -> SigningRight {
        var right = SigningRight(login: login, person: nil, chair: nil, maySign: false, explanation: "")
        guard let meeting else {
            right.explanation = "decision \(decision.id) belongs to no meeting, so it has no chair to sign it"
            return right
        }
        let settings = try settings(meeting.boardId)
        right.person = settings.logins[login]
        right.chair = meeting.chair
        guard let chair = meeting.chair, !chair.isEmpty else {
            right.explanation = "meeting \(meeting.id) has no chair; set the chair first"
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

    /// Whether a stored draft may be sent to the chair: the version the asker saw, complete for signing, made at a
    /// meeting. Returns the request to record.
    static func request(
        for stored: Decision, expectedVersion: Int, requestedBy login: String, now: Date
    ) throws -> SignoffRequest {
        if stored.version != expectedVersion {
            throw StoreError.conflict(
                kind: "decision", id: stored.id, expectedVersion: expectedVersion, currentVersion: stored.version)
        }
        var check = stored
        check.signedBy = "(the chair)"
        let problems = check.validationErrors(forSigning: true, atSignOff: true)
        if !problems.isEmpty { throw DecisionInvalid(problems: problems) }
        if stored.meetingId == nil {
            throw StoreError.invalid("decision \(stored.id) belongs to no meeting, so it has no chair to sign it")
        }
        return SignoffRequest(
            decisionId: stored.id, caseId: stored.caseId, meetingId: stored.meetingId, version: stored.version,
            requestedBy: login, requestedAt: now)
    }

    /// The audited text of a request.
    static func requestText(_ request: SignoffRequest) -> String {
        "version \(request.version) requested by \(request.requestedBy)"
    }
}
