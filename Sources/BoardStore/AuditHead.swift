import BoardModel
import Foundation

/// The last event of a store's audit chain: its number and hash, and which store. Written where someone holding
/// only the store file cannot change it (minutes, backups, each terminal's witness log), so a chain later found
/// shorter or different is caught.
public struct AuditHead: Sendable, Hashable {
    public var storeId: String
    public var sequence: Int64
    public var hash: String

    public init(storeId: String, sequence: Int64, hash: String) {
        self.storeId = storeId
        self.sequence = sequence
        self.hash = hash
    }

    /// "event 1234, store 0f3c…, hash 9a1b…" — the form minutes print and `parse` reads back.
    public var description: String { "event \(sequence), store \(storeId), hash \(hash.isEmpty ? "none" : hash)" }

    /// Finds the head a minutes file carries (text or Markdown, wrapped at any width): nil when there is none.
    public static func parse(minutes text: String) -> AuditHead? {
        MinutesAnchors.chainHead(in: text).map { AuditHead(storeId: $0.storeId, sequence: $0.sequence, hash: $0.hash) }
    }
}
