import Foundation

/// A note written about a case, one of its findings, or one of its trial matches.
/// Editing creates a new version; earlier versions stay in the store.
public struct Note: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var target: NoteTarget
    public var author: String
    public var text: String
    public var writtenAt: Date
    public var version: Int
    public var meetingId: String?

    public init(
        id: String, target: NoteTarget, author: String, text: String, writtenAt: Date, version: Int = 1,
        meetingId: String? = nil
    ) {
        self.id = id
        self.target = target
        self.author = author
        self.text = text
        self.writtenAt = writtenAt
        self.version = version
        self.meetingId = meetingId
    }
}

/// What a note is about.
public struct NoteTarget: Codable, Sendable, Hashable {
    public var caseId: String
    public var findingId: String?
    public var trialId: String?

    public init(caseId: String, findingId: String? = nil, trialId: String? = nil) {
        self.caseId = caseId
        self.findingId = findingId
        self.trialId = trialId
    }

    public var kind: String { findingId != nil ? "finding" : (trialId != nil ? "trial" : "case") }
}
