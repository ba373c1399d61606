import Foundation

/// A PostgreSQL store as one end of `store copy`, inside the transaction the copy opened on `connection`. Rows are
/// read through a cursor (a bounded batch in memory at a time) and written with COPY.
struct PostgresSide: StoreTargetSide {
    let connection: PGConnection

    /// Rows per cursor fetch and per COPY.
    static let batch = 5_000

    func columns(of table: StoreTable) throws -> Set<String>? {
        let names = try connection.query(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
            [table.name]
        ).map { $0.text("column_name") }
        if names.isEmpty { return nil }
        return Set(table.columns.filter { names.contains($0.postgresName) }.map(\.name))
    }

    func count(_ table: StoreTable) throws -> Int {
        Int(try connection.query("SELECT count(*) FROM \(table.quoted)").first?[0] ?? "0") ?? 0
    }

    func valued(_ table: StoreTable, column: String) throws -> Int {
        let name = table.columns.first { $0.name == column }?.postgresName ?? column
        return Int(
            try connection.query("SELECT count(*) FROM \(table.quoted) WHERE \"\(name)\" IS NOT NULL").first?[0] ?? "0")
            ?? 0
    }

    func rows(
        _ table: StoreTable, columns: [StoreTable.Column], byKey: Bool, _ each: ([StoreCell]) throws -> Void
    ) throws {
        // Text keys in byte order (COLLATE "C"), which is SQLite's BINARY order of the same UTF-8.
        let order =
            !byKey && table.insertionOrdered
            ? "created_order"
            : table.key.map { key in
                "\"\(table.columns.first { $0.name == key }?.postgresName ?? key)\""
                    + (table.kind(of: key) == .text ? " COLLATE \"C\"" : "")
            }.joined(separator: ", ")
        let names = columns.map { "\"\($0.postgresName)\"" }.joined(separator: ", ")
        try connection.query(
            "DECLARE tumorboard_copy NO SCROLL CURSOR FOR SELECT \(names) FROM \(table.quoted) ORDER BY \(order)")
        defer { _ = try? connection.query("CLOSE tumorboard_copy") }
        while true {
            let batch = try connection.query("FETCH FORWARD \(Self.batch) FROM tumorboard_copy")
            for row in batch.rows {
                try each(columns.indices.map { StoreCell(postgres: row[$0], kind: columns[$0].kind) })
            }
            if batch.count < Self.batch { return }
        }
    }

    func insert(_ table: StoreTable, columns: [StoreTable.Column], rows: [[StoreCell]]) throws {
        if table.isSearch { return try insertSearch(rows) }
        let names = columns.map { "\"\($0.postgresName)\"" }.joined(separator: ", ")
        try connection.copy(
            "COPY \(table.quoted)(\(names)) FROM STDIN", rows: rows.map { $0.map(\.postgresText) })
    }

    /// Search documents go through a staging table: the index's `document` is computed from the words of title and
    /// body exactly as `putSearch` computes it for a document saved one at a time.
    private func insertSearch(_ rows: [[StoreCell]]) throws {
        try connection.execute(
            script: """
                CREATE TEMPORARY TABLE IF NOT EXISTS search_copy(
                    kind text, ref text, case_id text, label text, title text, body text, title_words text, body_words text)
                    ON COMMIT DROP;
                TRUNCATE search_copy;
                """)
        try connection.copy(
            "COPY search_copy FROM STDIN",
            rows: rows.map { row in
                let values = row.map(\.postgresText)
                return values + [
                    PostgresBoardStore.words(values[4] ?? "").joined(separator: " "),
                    PostgresBoardStore.words(values[5] ?? "").joined(separator: " "),
                ]
            })
        try connection.query(
            """
            INSERT INTO search_doc(kind, ref, case_id, label, title, body, document)
            SELECT kind, ref, case_id, label, title, body,
              setweight(to_tsvector('simple', unaccent(title_words)), 'A') || setweight(to_tsvector('simple', unaccent(body_words)), 'B')
            FROM search_copy
            """)
    }
}
