import Foundation
import GRDB

/// A SQLite store as one end of `store copy`, inside the read snapshot or write transaction of `db`.
struct SQLiteSide: StoreTargetSide {
    let db: Database

    func columns(of table: StoreTable) throws -> Set<String>? {
        if table.isSearch {
            return try db.tableExists("search_ref") ? Set(table.columns.map(\.name)) : nil
        }
        let names = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quoted))").map { $0["name"] as String }
        return names.isEmpty ? nil : Set(names)
    }

    func count(_ table: StoreTable) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.isSearch ? "search_ref" : table.quoted)") ?? 0
    }

    func valued(_ table: StoreTable, column: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quoted) WHERE \"\(column)\" IS NOT NULL") ?? 0
    }

    func rows(
        _ table: StoreTable, columns: [StoreTable.Column], byKey: Bool, _ each: ([StoreCell]) throws -> Void
    ) throws {
        let sql: String
        if table.isSearch {
            sql = """
                SELECT r.kind, r.ref, r.case_id, r.label, s.title, s.body FROM search_ref r JOIN search s ON s.rowid = r.doc
                ORDER BY r.kind, r.ref
                """
        } else {
            let order =
                !byKey && table.insertionOrdered ? "rowid" : table.key.map { "\"\($0)\"" }.joined(separator: ", ")
            sql =
                "SELECT \(columns.map { "\"\($0.name)\"" }.joined(separator: ", ")) FROM \(table.quoted) ORDER BY \(order)"
        }
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() {
            try each(columns.indices.map { Self.cell(row[$0] as DatabaseValue, kind: columns[$0].kind) })
        }
    }

    func insert(_ table: StoreTable, columns: [StoreTable.Column], rows: [[StoreCell]]) throws {
        if table.isSearch {
            for row in rows {
                func text(_ i: Int) -> String? { if case .text(let value) = row[i] { value } else { nil } }
                try SearchIndex.put(
                    db, kind: text(0) ?? "", ref: text(1) ?? "", caseId: text(2), label: text(3) ?? "",
                    title: text(4) ?? "", body: text(5) ?? "")
            }
            return
        }
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table.quoted)(\(names)) VALUES (\(marks))")
        for row in rows {
            try statement.execute(arguments: StatementArguments(row.map(Self.value)))
        }
    }

    /// A SQLite value as the catalogue's kind of column holds it (SQLite may keep an integral real as an integer).
    static func cell(_ value: DatabaseValue, kind: StoreTable.Kind) -> StoreCell {
        switch value.storage {
        case .null: return .null
        case .int64(let v):
            switch kind {
            case .integer: return .integer(v)
            case .real: return .real(Double(v))
            case .text: return .text(String(v))
            }
        case .double(let v):
            if kind == .integer, let exact = Int64(exactly: v) { return .integer(exact) }
            return kind == .text ? .text(StoreCell.spell(v)) : .real(v)
        case .string(let s): return .text(s)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }

    static func value(_ cell: StoreCell) -> DatabaseValue {
        switch cell {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        }
    }
}
