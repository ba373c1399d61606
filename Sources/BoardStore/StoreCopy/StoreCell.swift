import Foundation

/// One value of a stored row as both backends hold it (SQLite's storage classes). `store copy` carries rows as
/// these, and the content digest spells them one way whatever the backend (StoreDigest).
enum StoreCell: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value read as text from PostgreSQL (nil for NULL), typed by the catalogue's column kind.
    init(postgres text: String?, kind: StoreTable.Kind) {
        guard let text else {
            self = .null
            return
        }
        switch kind {
        case .integer: self = Int64(text).map(StoreCell.integer) ?? .text(text)
        case .real: self = Double(text).map(StoreCell.real) ?? .text(text)
        case .text: self = .text(text)
        }
    }

    /// The value as PostgreSQL's COPY and parameters take it: decimal integers, reals in the shortest form that reads
    /// back as the same double (Swift's and PostgreSQL 12+'s output agree on this), text as it is.
    var postgresText: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): Self.spell(value)
        case .text(let value): value
        }
    }

    /// The digest's spelling: a tag, then the value; text is length-prefixed so no value can imitate a boundary.
    var digestText: String {
        switch self {
        case .null: "N;"
        case .integer(let value): "I\(value);"
        case .real(let value): "R\(Self.spell(value));"
        case .text(let value): "T\(value.utf8.count):\(value)"
        }
    }

    /// A double in the shortest decimal that reads back exactly (Swift's description), e.g. 1733097600.123.
    static func spell(_ value: Double) -> String { "\(value)" }
}
