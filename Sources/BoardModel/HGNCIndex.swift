import Foundation

/// The bundled HGNC complete set, indexed once on first use: approved symbols, previous and alias symbols, and
/// withdrawn symbols with the entries that replace them. Keys are upper-cased (HGNC symbols differ by more than
/// case only in the "orf" of open reading frames, which upper-casing keeps distinct).
struct HGNCIndex: Sendable {
    struct Entry: Sendable {
        let id: Int32
        let symbol: String
        let locusType: Int16
    }

    /// Approved entries in table order.
    let entries: [Entry]
    let approvedByKey: [String: Int32]
    let rowById: [Int32: Int32]
    /// Symbol key → rows of approved entries listing it as a previous symbol, an alias, or replacing it.
    let previousByKey: [String: [Int32]]
    let aliasByKey: [String: [Int32]]
    let withdrawnByKey: [String: [Int32]]
    /// Every withdrawn symbol, replaced or not.
    let withdrawnKeys: Set<String>
    let locusNames: [String]

    static let shared = HGNCIndex(table: table, locusTypes: locusTypes)

    /// Reads the table on its bytes (tab- and comma-separated ASCII, one entry a line): it is built at the first gene
    /// an import reads, so its cost is part of every import (a quarter of a second as characters, far less as bytes).
    init(table: String, locusTypes: String) {
        locusNames = locusTypes.split(separator: "\n").map(String.init)
        var entries: [Entry] = []
        var approved: [String: Int32] = [:]
        var rowById: [Int32: Int32] = [:]
        var previous: [String: [Int32]] = [:]
        var alias: [String: [Int32]] = [:]
        var withdrawn: [(key: String, ids: [Int32])] = []
        var replacedBy: [Int32: [Int32]] = [:]
        entries.reserveCapacity(45000)
        approved.reserveCapacity(45000)
        rowById.reserveCapacity(45000)
        var text = table
        text.withUTF8 { bytes in
            var f: [UnsafeBufferPointer<UInt8>] = []
            Self.forEachPart(bytes, separator: 0x0A) { line in
                f.removeAll(keepingCapacity: true)
                Self.forEachPart(line, separator: 0x09, keepingEmpty: true) { f.append($0) }
                guard f.count == 5, let id = Self.int32(f[0]) else { return }
                let key = Self.key(f[1])
                if f[2].count == 1 && f[2][0] == 0x7E {  // "~": withdrawn
                    var ids: [Int32] = []
                    Self.forEachPart(f[3], separator: 0x2C) { if let id = Self.int32($0) { ids.append(id) } }
                    withdrawn.append((key, ids))
                    replacedBy[id] = ids
                    return
                }
                let row = Int32(entries.count)
                entries.append(
                    Entry(
                        id: id, symbol: String(decoding: f[1], as: UTF8.self),
                        locusType: Int16(String(decoding: f[2], as: UTF8.self)) ?? -1))
                approved[key] = row
                rowById[id] = row
                Self.forEachPart(f[3], separator: 0x2C) { previous[Self.key($0), default: []].append(row) }
                Self.forEachPart(f[4], separator: 0x2C) { alias[Self.key($0), default: []].append(row) }
            }
        }
        var withdrawnByKey: [String: [Int32]] = [:]
        withdrawnKeys = Set(withdrawn.map(\.key))
        for (key, ids) in withdrawn {
            // A replacement may itself have been withdrawn in favour of another: follow the chain to approved entries.
            var rows: [Int32] = []
            var seen: Set<Int32> = []
            var queue = ids
            while let next = queue.popLast() {
                guard seen.insert(next).inserted else { continue }
                if let row = rowById[next] { rows.append(row) } else { queue += replacedBy[next] ?? [] }
            }
            withdrawnByKey[key, default: []].append(contentsOf: rows)
        }
        self.entries = entries
        self.approvedByKey = approved
        self.rowById = rowById
        self.previousByKey = previous
        self.aliasByKey = alias
        self.withdrawnByKey = withdrawnByKey
    }

    /// Calls `body` with each part between separators; empty parts only when `keepingEmpty` (as `split` on the text).
    private static func forEachPart(
        _ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, keepingEmpty: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == separator {
            if i > start || keepingEmpty { body(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            start = i + 1
        }
    }

    /// A symbol's key: upper-cased, byte by byte when ASCII (as `uppercased()` does there).
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).uppercased() }
        guard bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for (i, b) in bytes.enumerated() { out[i] = b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
            return bytes.count
        }
    }

    private static func int32(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        Int32(String(decoding: bytes, as: UTF8.self))
    }

    func locusType(of entry: Entry) -> String? {
        locusNames.indices.contains(Int(entry.locusType)) ? locusNames[Int(entry.locusType)] : nil
    }
}
