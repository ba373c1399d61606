import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// The MAF duplicate check's key store answers exactly as a `Set` would, whatever the order the keys come in:
/// sorted, sorted per chromosome and interleaved, reversed, random, with duplicates near and far, across page
/// and mark boundaries.
@Suite("Sorted key runs")
struct SortedKeyRunsTests {
    func check(_ keys: [(UInt64, UInt8)], _ name: String) {
        var runs = SortedKeyRuns()
        var plain = Set<UInt64>()
        var mismatches = 0
        for (key, group) in keys {
            let full = UInt64(group) << 56 | key
            if runs.insert(full, group: group) != plain.insert(full).inserted { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(name): \(mismatches) answers differ from a Set")
        #expect(runs.count == plain.count, "\(name)")
    }

    @Test func sortedKeysWithAdjacentAndFarDuplicates() {
        var rng = SeededDraw(state: 1)
        var keys: [(UInt64, UInt8)] = []
        var position: UInt64 = 10
        for _ in 0..<100_000 {
            position += rng.next(3) == 0 ? 0 : 1 + rng.next(5_000)
            keys.append((position << 24 | rng.next(4), 0))
        }
        // Every key again, far behind, and a few again at once.
        let again = keys.enumerated().filter { $0.offset % 7 == 0 }.map(\.element)
        check(keys + again, "sorted, then far duplicates")
        check(keys.flatMap { [$0, $0] }, "each twice in a row")
    }

    @Test func chromosomesInterleavedEachSorted() {
        var rng = SeededDraw(state: 2)
        var keys: [(UInt64, UInt8)] = []
        for i in 0..<60_000 {
            let group = UInt8(i % 22)
            keys.append((UInt64(10_000 + (i / 22) * 37) << 24 | rng.next(8), group))
        }
        check(keys + keys.reversed(), "interleaved chromosomes, then all again backwards")
    }

    @Test func unsortedAndReversedKeys() {
        var rng = SeededDraw(state: 3)
        let random = (0..<50_000).map { _ in (rng.next(1 << 40), UInt8(rng.next(3))) }
        check(random + random.prefix(5_000), "random order with repeats")
        let reversed = (0..<20_000).reversed().map { (UInt64($0) << 24, UInt8(0)) }
        check(reversed + reversed, "reversed")
    }

    @Test func largeGapsAndMarkBoundaries() {
        // Gaps needing every varint length, and exactly one stride of keys, so lookups start at every mark.
        var keys: [(UInt64, UInt8)] = []
        var value: UInt64 = 0
        for i in 0..<1_000 {
            value += UInt64(1) << UInt64(i % 48)
            keys.append((value, 5))
        }
        var shuffle = SeededDraw(state: 9)
        check(keys + keys.shuffled(using: &shuffle), "large gaps, then shuffled repeats")
        let stride = (0..<128).map { (UInt64($0 * 2), UInt8(1)) }
        check(stride + (0..<256).map { (UInt64($0), UInt8(1)) }, "one stride, then every value below and between")
    }

}
