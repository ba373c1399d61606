/// An exact set of 64-bit keys that costs about 4 bytes per key when keys arrive in rising order within each group
/// (a MAF sorted by position within each chromosome, whatever order the chromosomes come in): each group is a run of
/// varint-coded gaps in fixed 64 KiB pages (no array doubling, no hash-table slack), with the first key of every
/// 128 kept for lookups. A key that arrives out of order goes into an ordinary hash set, so an unsorted file costs
/// what a `Set` costs and a sorted one a fifth of it. Exact: keys are compared, never hashed into a filter.
struct SortedKeyRuns {
    /// One group's keys in rising order.
    private struct Run {
        var pages: [[UInt8]] = []
        /// Every `stride`-th key with where its gap starts (page, offset): binary search, then decode ≤ stride gaps.
        var marks: [(key: UInt64, page: Int32, offset: Int32)] = []
        var count = 0
        var last: UInt64 = 0

        static let stride = 128
        static let pageSize = 1 << 16

        mutating func append(_ key: UInt64) {
            if count % Self.stride == 0 {
                // A mark's key is stored whole; its own gap is 0 so decoding from the mark needs no earlier key.
                reserve(10)
                marks.append((key, Int32(pages.count - 1), Int32(pages[pages.count - 1].count)))
                put(0)
            } else {
                reserve(10)
                put(key - last)
            }
            last = key
            count += 1
        }

        private mutating func reserve(_ bytes: Int) {
            if pages.isEmpty || pages[pages.count - 1].count + bytes > Self.pageSize {
                var page: [UInt8] = []
                page.reserveCapacity(Self.pageSize)
                pages.append(page)
            }
        }

        private mutating func put(_ gap: UInt64) {
            var v = gap
            let p = pages.count - 1
            while v >= 0x80 {
                pages[p].append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            pages[p].append(UInt8(v))
        }

        func contains(_ key: UInt64) -> Bool {
            guard count > 0, key <= last, let first = marks.first, key >= first.key else { return false }
            // The last mark at or below the key.
            var lo = 0
            var hi = marks.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if marks[mid].key <= key { lo = mid } else { hi = mid - 1 }
            }
            let mark = marks[lo]
            var page = Int(mark.page)
            var offset = Int(mark.offset)
            var value = mark.key
            var index = lo * Self.stride
            let end = min(count, index + Self.stride)
            while index < end {
                var gap: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    if offset == pages[page].count {
                        page += 1
                        offset = 0
                    }
                    let b = pages[page][offset]
                    offset += 1
                    gap |= UInt64(b & 0x7F) << shift
                    if b < 0x80 { break }
                    shift += 7
                }
                value = index == lo * Self.stride ? mark.key : value + gap
                if value == key { return true }
                if value > key { return false }
                index += 1
            }
            return false
        }
    }

    /// One run per group (a chromosome's number), made when first used.
    private var runs: [Run] = []
    private var others: Set<UInt64> = []

    /// Inserts `key` (of group `group`); false when it was already there. A key in `others` arrived below its run's
    /// last key, and runs only grow, so a key above the last is new.
    mutating func insert(_ key: UInt64, group: UInt8) -> Bool {
        let g = Int(group)
        if g >= runs.count { runs.append(contentsOf: repeatElement(Run(), count: g + 1 - runs.count)) }
        if runs[g].count == 0 || key > runs[g].last {
            runs[g].append(key)
            return true
        }
        if key == runs[g].last || runs[g].contains(key) { return false }
        return others.insert(key).inserted
    }

    var count: Int { runs.reduce(others.count) { $0 + $1.count } }
}
