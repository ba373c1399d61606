import Testing

@testable import BoardStore

/// `--store` and TUMORBOARD_STORE: a PostgreSQL URI opens PostgreSQL, anything else is a SQLite file; a password is
/// never shown.
struct StoreAddressTests {
    @Test(arguments: [
        "postgresql://board@db.example.org:5433/tumorboard?sslmode=verify-full", "postgres://db/board",
        "POSTGRESQL:///board", "postgresql://",
    ])
    func aPostgresURIOpensPostgres(text: String) {
        #expect(StoreAddress(text) == .postgres(conninfo: text))
    }

    @Test(arguments: ["board.sqlite", "/var/lib/tumorboard/board.sqlite", "postgresql.sqlite", "./postgres://x"])
    func anythingElseIsAFile(text: String) {
        #expect(StoreAddress(text) == .file(text))
    }

    @Test func aPasswordIsNeverShown() {
        let cases: [(String, String)] = [
            (
                "postgresql://alice:pa55word@db:5432/board?sslmode=require",
                "postgresql://alice@db:5432/board?sslmode=require"
            ),
            ("postgres://alice:p%40ss@db/board", "postgres://alice@db/board"),
            (
                "postgresql://alice@db/board?password=pa55word&sslmode=require",
                "postgresql://alice@db/board?sslmode=require"
            ),
            (
                "postgresql://alice@db/board?sslmode=require&password=pa55word",
                "postgresql://alice@db/board?sslmode=require"
            ),
            ("host=db user=alice password='pa ss' dbname=board", "host=db user=alice password=… dbname=board"),
            ("host=db password=pa55word", "host=db password=…"),
        ]
        for (given, shown) in cases {
            #expect(StoreAddress(given).shown == shown || StoreAddress.redact(given) == shown, "\(given)")
            #expect(!StoreAddress.redact(given).contains("pa55word"))
        }
    }
}
