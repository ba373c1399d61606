/// The field count of a tab-separated table's data rows (MAF, CIViC exports, cBioPortal clinical and timeline
/// files): each format declares its columns in a header line and gives every row all of them (GDC MAF and
/// cBioPortal's file formats define fixed columns; cBioPortal's validator refuses a row of another width). A row
/// with fewer fields is what a cut download leaves at its end, so it is refused with its place rather than stored
/// as a partial record; a row with more non-empty fields than the header names is refused too. Empty fields after
/// the last named column (a trailing tab) carry nothing and are allowed.
enum RowWidth {
    /// The columns a header declares: its fields without empty ones at its end (a trailing tab names none).
    static func declared(_ header: [String]) -> Int {
        var n = header.count
        while n > 0 && header[n - 1].trimmingCharacters(in: .whitespaces).isEmpty { n -= 1 }
        return n
    }

    /// Throws "expected N fields, found M" at `file`:`line` unless the row has exactly the declared fields, or more
    /// that are all empty (`extraIsEmpty` is asked only when the row is longer).
    static func check(
        found: Int, declared: Int, file: String, line: Int, extraIsEmpty: () -> Bool
    ) throws {
        if found == declared || (found > declared && extraIsEmpty()) { return }
        let hint =
            found < declared
            ? "; the row is cut short (a truncated file?)"
            : "; a field holds a tab, or the row was joined with another"
        throw ImportError(
            file: file, location: "line \(line)",
            message: "expected \(declared) fields as the header declares, found \(found)" + hint)
    }

    /// The same check for a row split into strings.
    static func check(_ cells: [String], declared: Int, file: String, line: Int) throws {
        try check(found: cells.count, declared: declared, file: file, line: line) {
            cells[declared...].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }
}
