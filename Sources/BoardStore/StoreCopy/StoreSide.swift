import Foundation

/// One end of `store copy` (or the store the content digest reads), seen through the catalogue (StoreTable) in the
/// canonical names, whatever the backend. Every call runs inside the snapshot or transaction the copy opened.
protocol StoreSide {
    /// The catalogue columns this side has for `table`; nil when it has no such table.
    func columns(of table: StoreTable) throws -> Set<String>?
    func count(_ table: StoreTable) throws -> Int
    /// How many rows hold a value (not NULL) in `column`.
    func valued(_ table: StoreTable, column: String) throws -> Int
    /// The rows' values for `columns`, in key order (`byKey`, the digest's order) or in the order the store reads
    /// them (insertion order where it matters: StoreTable.insertionOrdered).
    func rows(
        _ table: StoreTable, columns: [StoreTable.Column], byKey: Bool, _ each: ([StoreCell]) throws -> Void
    ) throws
}

/// The end a copy writes to.
protocol StoreTargetSide: StoreSide {
    func insert(_ table: StoreTable, columns: [StoreTable.Column], rows: [[StoreCell]]) throws
}
