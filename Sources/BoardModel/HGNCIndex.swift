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
        for line in table.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5, let id = Int32(f[0]) else { continue }
            let key = f[1].uppercased()
            if f[2] == "~" {
                let ids = f[3].split(separator: ",").compactMap { Int32($0) }
                withdrawn.append((key, ids))
                replacedBy[id] = ids
                continue
            }
            let row = Int32(entries.count)
            entries.append(Entry(id: id, symbol: String(f[1]), locusType: Int16(f[2]) ?? -1))
            approved[key] = row
            rowById[id] = row
            for name in f[3].split(separator: ",") { previous[name.uppercased(), default: []].append(row) }
            for name in f[4].split(separator: ",") { alias[name.uppercased(), default: []].append(row) }
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

    func locusType(of entry: Entry) -> String? {
        locusNames.indices.contains(Int(entry.locusType)) ? locusNames[Int(entry.locusType)] : nil
    }
}
