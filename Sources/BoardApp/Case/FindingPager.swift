import BoardModel
import BoardStore

/// The Molecular tab's rows of a big case (a whole exome attached), read from the store by page in the tab's order
/// and kept in a window around the rows on screen: a move reads the next page after (or before) the window's last
/// (first) key through the list's index; a jump (Home, End, a far move) counts from the nearer end. A case opens
/// without reading its findings, and memory stays at the window's size whatever the case's.
@MainActor
final class FindingPager {
    /// Rows read at once, and the most the window keeps.
    static let page = 256
    static let keep = 4 * page

    let caseId: String
    let kinds: [FindingKind]?
    let count: Int
    private let store: any CaseStore
    private var start = 0
    private var rows: [FindingListRow] = []

    init(caseId: String, kinds: [FindingKind]?, count: Int, store: any CaseStore) {
        self.caseId = caseId
        self.kinds = kinds
        self.count = count
        self.store = store
    }

    /// The finding at `index` of the list, read with its page when the window does not hold it.
    func finding(at index: Int) throws -> Finding? {
        guard index >= 0, index < count else { return nil }
        try load(index..<(index + 1))
        return held(index)
    }

    /// The finding at `index` if the window holds it.
    func held(_ index: Int) -> Finding? {
        index >= start && index < start + rows.count ? rows[index - start].finding : nil
    }

    /// The rows the window holds for `range` (a snapshot for drawing: the array is shared, not copied).
    func window(for range: Range<Int>) throws -> (start: Int, rows: [FindingListRow]) {
        try load(range)
        return (start, rows)
    }

    /// Makes the window hold `range` (clamped to the list).
    func load(_ range: Range<Int>) throws {
        let lo = max(0, range.lowerBound)
        let hi = min(count, range.upperBound)
        guard lo < hi else { return }
        let end = start + rows.count
        if lo >= start && hi <= end { return }
        if !rows.isEmpty, hi > end, lo >= start, hi - end <= Self.keep, let last = rows.last?.key {
            let more = try store.findingPage(
                caseId: caseId, kinds: kinds, from: .after(last), limit: max(Self.page, hi - end))
            rows += more
        } else if !rows.isEmpty, lo < start, hi <= end, start - lo <= Self.keep, let first = rows.first?.key {
            let more = try store.findingPage(
                caseId: caseId, kinds: kinds, from: .before(first), limit: max(Self.page, start - lo))
            rows.insert(contentsOf: more, at: 0)
            start -= more.count
        } else {
            // A jump: a page around the range, counted from the nearer end of the list.
            let from = max(0, lo - Self.page / 2)
            let to = min(count, max(hi, from + Self.page))
            rows =
                from <= count - to
                ? try store.findingPage(caseId: caseId, kinds: kinds, from: .offset(from), limit: to - from)
                : try store.findingPage(caseId: caseId, kinds: kinds, from: .fromEnd(count - to), limit: to - from)
            start = from
        }
        // Keep the window small: drop rows away from the range.
        if rows.count > Self.keep {
            if lo - start > rows.count - (hi - start) {
                let drop = min(lo - start, rows.count - Self.keep)
                rows.removeFirst(drop)
                start += drop
            } else {
                rows.removeLast(min(rows.count - (hi - start), rows.count - Self.keep))
            }
        }
    }
}
