import Foundation

/// Where a store lives: a SQLite file (any path) or a PostgreSQL database (`postgresql://…` or `postgres://…`).
/// A PostgreSQL address is handed to libpq as it is, so everything libpq reads works as for every PostgreSQL client:
/// `postgresql:///board` with `PGHOST`/`PGPORT`/`PGUSER`, `~/.pgpass` for the password, `?sslmode=verify-full`,
/// `?host=/run/postgresql` for a Unix socket. A bare `postgresql://` takes everything from the libpq environment.
/// The address is shown (in messages, on the screen) only without its password.
public enum StoreAddress: Equatable, Sendable {
    case file(String)
    case postgres(conninfo: String)

    public init(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") {
            self = .postgres(conninfo: text)
        } else {
            self = .file(text)
        }
    }

    /// The address as it may be shown: a file path as given, a PostgreSQL URI without any password.
    public var shown: String {
        switch self {
        case .file(let path): path
        case .postgres(let conninfo): Self.redact(conninfo)
        }
    }

    /// `text` with every password removed: the `user:password@` part of a URI, a `password=` query parameter or
    /// connection-string keyword (quoted or not). Used on every message that may carry an address.
    public static func redact(_ text: String) -> String {
        var out = text
        // postgresql://user:secret@host → postgresql://user@host (the user part cannot hold '/', '@' or spaces).
        out = out.replacingOccurrences(
            of: #"(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@"#, with: "$1@",
            options: [.regularExpression, .caseInsensitive])
        // ?password=secret& or &password=secret
        out = out.replacingOccurrences(
            of: #"([?&])password=[^&\s]*&?"#, with: "$1", options: [.regularExpression, .caseInsensitive])
        // password='se cret' or password=secret in a keyword/value connection string
        out = out.replacingOccurrences(
            of: #"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)"#, with: "password=…",
            options: [.regularExpression, .caseInsensitive])
        if out.hasSuffix("?") || out.hasSuffix("&") { out.removeLast() }
        return out
    }
}
