import Foundation

/// Values as the PostgreSQL store sends and reads them in text form. Times are seconds since 1970 in
/// `double precision`, as SQLite keeps them, written in Swift's shortest exact form so they read back unchanged.
enum PGValue {
    static func time(_ date: Date) -> String { String(date.timeIntervalSince1970) }

    static func date(_ text: String?) -> Date? { text.flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }

    static func int(_ text: String?) -> Int? { text.flatMap { Int($0) } }
}
