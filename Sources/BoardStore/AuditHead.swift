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
        guard let start = text.range(of: "Audit chain head", options: .backwards) else { return nil }
        // Wrapping may have broken the line anywhere, even inside the hash: drop all white space and Markdown marks.
        let squeezed = String(
            text[start.upperBound...].unicodeScalars.filter {
                !CharacterSet.whitespacesAndNewlines.contains($0) && !"*_`|>".unicodeScalars.contains($0)
            }.map(Character.init))
        guard let match = squeezed.firstMatch(of: /^:?event(\d+),store([0-9a-f]{32}),hash([0-9a-f]{64}|none)/),
            let sequence = Int64(match.1)
        else { return nil }
        return AuditHead(storeId: String(match.2), sequence: sequence, hash: match.3 == "none" ? "" : String(match.3))
    }
}
