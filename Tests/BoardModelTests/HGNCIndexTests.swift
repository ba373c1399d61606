import Foundation
import Testing

@testable import BoardModel

/// The HGNC index is read from the bundled table on its bytes (import speed): it must hold exactly what reading the
/// table as text (lines, tab-separated fields, comma-separated lists, upper-cased keys) gives, entry by entry.
@Suite struct HGNCIndexTests {
    /// The table read as text, as the index was first built.
    struct TextReading {
        var entries: [(id: Int32, symbol: String, locusType: Int16)] = []
        var approved: [String: Int32] = [:]
        var rowById: [Int32: Int32] = [:]
        var previous: [String: [Int32]] = [:]
        var alias: [String: [Int32]] = [:]
        var withdrawn: [String: [Int32]] = [:]

        init(_ table: String) {
            for line in table.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count == 5, let id = Int32(f[0]) else { continue }
                let key = f[1].uppercased()
                if f[2] == "~" {
                    withdrawn[key, default: []] += f[3].split(separator: ",").compactMap { Int32($0) }
                    continue
                }
                let row = Int32(entries.count)
                entries.append((id, String(f[1]), Int16(f[2]) ?? -1))
                approved[key] = row
                rowById[id] = row
                for name in f[3].split(separator: ",") { previous[name.uppercased(), default: []].append(row) }
                for name in f[4].split(separator: ",") { alias[name.uppercased(), default: []].append(row) }
            }
        }
    }

    static let small = """
        1\tA1BG\t15\t\tGAB
        2\tabc-orf1\t15\tOLD1,old2\tx,,Y
        3\tGONE\t~\t1,2\t
        4\tGÈNE\t3\tÄLT\tα-1
        bad\tline
        5\tLAST\t18\t\t
        """

    @Test(arguments: [small, HGNCIndex.table])
    func theBytesReadAsTheText(_ table: String) {
        let index = HGNCIndex(table: table, locusTypes: HGNCIndex.locusTypes)
        let text = TextReading(table)
        #expect(index.entries.count == text.entries.count)
        #expect(
            zip(index.entries, text.entries).allSatisfy {
                $0.id == $1.id && $0.symbol == $1.symbol && $0.locusType == $1.locusType
            })
        #expect(index.approvedByKey == text.approved)
        #expect(index.rowById == text.rowById)
        #expect(index.previousByKey == text.previous)
        #expect(index.aliasByKey == text.alias)
        #expect(index.withdrawnKeys == Set(text.withdrawn.keys))
        #expect(index.entries.count > (table == Self.small ? 3 : 40_000))
    }
}
