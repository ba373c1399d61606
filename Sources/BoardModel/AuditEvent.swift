import Foundation

/// One entry of the append-only, hash-chained audit trail: who changed what, when, from what to what.
public struct AuditEvent: Codable, Sendable, Hashable {
    public var sequence: Int64
    public var at: Date
    public var user: String
    /// "case.status", "agenda.add", "note.add", "decision.sign", "import", …
    public var action: String
    public var entity: String
    public var entityId: String
    public var caseId: String?
    public var before: String?
    public var after: String?
    /// SHA-256 (hex) of the previous event; empty for the first.
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, at: Date, user: String, action: String, entity: String, entityId: String,
        caseId: String? = nil, before: String? = nil, after: String? = nil, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.user = user
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.caseId = caseId
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The exact bytes that are hashed: every field but the hash, in a fixed order, unit-separated.
    public var canonicalText: String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return [
            String(sequence), String(millis), user, action, entity, entityId, caseId ?? "", before ?? "", after ?? "",
            previousHash,
        ]
        .joined(separator: "\u{1F}")
    }
}
