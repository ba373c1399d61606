import BoardModel
import Foundation

/// The rules of saving, signing and amending a decision, the same on every backend: a save over a newer stored
/// version is a conflict, a final decision is never changed, a signature needs the right and a complete decision,
/// an amendment needs a reason. Each backend loads the stored decision under its own lock and asks here.
enum DecisionRules {
    /// A new decision (never saved: version 0) whose id another terminal's new decision took between `newDecision` and
    /// this first save: it is not a conflict over one decision but two decisions, so it gets the case's next free id
    /// (taken under the save's lock) rather than being refused as "changed by someone else".
    static func idTakenMeanwhile(_ decision: Decision, stored: Decision?) -> Bool {
        decision.version == 0 && stored != nil
    }

    /// A first save sent again after it committed (its reply was lost): the stored first version is this very draft,
    /// saved by `user`. It is answered with the stored decision, neither a second decision nor a conflict.
    static func isRetriedFirstSave(_ decision: Decision, stored: Decision?, by user: String) -> Bool {
        guard decision.version == 0, let stored, stored.version == 1 else { return false }
        return saved(decision, by: user, now: stored.recordedAt) == stored
    }

    /// Checks a save of `decision` (edited from `decision.version`) against what is stored; true when it is new.
    static func checkSave(_ decision: Decision, over stored: Decision?) throws -> Bool {
        guard let stored else {
            if decision.version != 0 { throw StoreError.notFound(kind: "decision", id: decision.id) }
            return true
        }
        if stored.status != .draft {
            throw StoreError.invalid(
                "decision \(stored.id) is \(stored.status.rawValue) and read-only; amend it instead")
        }
        if stored.version != decision.version { throw DecisionConflict(mine: decision, theirs: stored) }
        return false
    }

    /// The draft as saved: the next version, recorded by `user` now.
    static func saved(_ decision: Decision, by user: String, now: Date) -> Decision {
        var next = decision
        next.version += 1
        next.status = .draft
        next.recordedBy = user
        next.recordedAt = now
        return next
    }

    /// A decision that must still be a draft (to sign, or to ask for sign-off).
    static func requireDraft(_ stored: Decision?, id: String) throws -> Decision {
        guard let stored else { throw StoreError.notFound(kind: "decision", id: id) }
        guard stored.status == .draft else {
            throw StoreError.invalid("decision \(id) is already \(stored.status.rawValue)")
        }
        return stored
    }

    /// The signed decision, or why it cannot be signed: another version was saved meanwhile, the decision is not
    /// complete, or this login has no right to sign. `requestedBy` is who asked for the sign-off, if anyone did.
    static func signed(
        _ stored: Decision, expectedVersion: Int, right: SigningRight, login: String, requestedBy: String?, now: Date
    ) throws -> Decision {
        var signed = stored
        signed.signedBy = right.person
        signed.signedAt = now
        signed.signedByLogin = login
        if stored.version != expectedVersion { throw DecisionConflict(mine: signed, theirs: stored) }
        let problems = signed.validationErrors(forSigning: true, atSignOff: true)
        if !problems.isEmpty { throw DecisionInvalid(problems: problems) }
        guard right.maySign else {
            throw StoreError.invalid("not signed: \(right.explanation); request sign-off instead")
        }
        signed.signoffRequestedBy = requestedBy.flatMap { $0 == login ? nil : $0 }
        signed.status = .final
        signed.version += 1
        return signed
    }

    /// An amendment's reason, trimmed; refused when empty.
    static func amendmentReason(_ reason: String) throws -> String {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw StoreError.invalid("an amendment needs a reason") }
        return why
    }

    /// Only a final decision without an amendment yet can be amended.
    static func requireAmendable(_ stored: Decision?, id: String, hasAmendment: () throws -> Bool) throws -> Decision {
        guard let stored else { throw StoreError.notFound(kind: "decision", id: id) }
        guard stored.status == .final else {
            throw StoreError.invalid("only a final decision can be amended; \(id) is \(stored.status.rawValue)")
        }
        if try hasAmendment() { throw StoreError.invalid("decision \(id) already has an amendment") }
        return stored
    }

    /// The new draft that amends `stored`, numbered `id`.
    static func amendment(of stored: Decision, id: String, reason: String, by user: String, now: Date) -> Decision {
        var amendment = stored
        amendment.id = id
        amendment.version = 1
        amendment.status = .draft
        amendment.signedBy = nil
        amendment.signedAt = nil
        amendment.amends = stored.id
        amendment.amendmentReason = reason
        amendment.recordedBy = user
        amendment.recordedAt = now
        return amendment
    }

    /// A new decision for a meeting whose case already has one from that meeting.
    static func alreadyDecided(caseId: String, meetingId: String, other id: String, status: String) -> StoreError {
        StoreError.invalid(
            "case \(caseId) already has decision \(id) (\(status)) from meeting \(meetingId); "
                + (status == "draft" ? "continue that one" : "amend it"))
    }

    /// The audited texts of a case presented again: the earlier decision it follows and the new one.
    static func newPresentation(_ decision: Decision, meetingId: String, earlier id: String, earlierMeeting: String?)
        -> (before: String, after: String)
    {
        (
            "decision \(id)" + (earlierMeeting.map { " (meeting \($0))" } ?? ""),
            "decision \(decision.id) (meeting \(meetingId))"
        )
    }
}
