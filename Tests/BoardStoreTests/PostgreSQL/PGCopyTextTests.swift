import Testing

@testable import BoardStore

/// COPY's text format as PostgreSQL's documentation states it (COPY, "Text Format"): columns separated by tabs, rows
/// ended by newlines, NULL as `\N`, and backslash, tab, newline and carriage return written as `\\`, `\t`, `\n`, `\r`.
/// Other bytes, UTF-8 included, pass unchanged. No server needed.
struct PGCopyTextTests {
    func encoded(_ rows: [[String?]]) -> String {
        var text = PGCopyText()
        for row in rows { text.append(row: row) }
        return String(decoding: text.bytes, as: UTF8.self)
    }

    @Test func plainFieldsAreTabSeparatedRowsEndInANewline() {
        #expect(encoded([["C-1", "C-1/F1", "3"], ["C-2", "x", "4"]]) == "C-1\tC-1/F1\t3\nC-2\tx\t4\n")
    }

    @Test func nullIsBackslashNAndTheEmptyStringIsEmpty() {
        #expect(encoded([[nil, "", "N"]]) == "\\N\t\tN\n")
    }

    @Test func theFourSpecialBytesAreEscapedAndNothingElse() {
        #expect(encoded([["a\\b\tc\nd\re", "{\"k\":\"v\"}"]]) == "a\\\\b\\tc\\nd\\re\t{\"k\":\"v\"}\n")
    }

    @Test func utf8PassesUnchanged() {
        #expect(encoded([["Núñez, José", "山田 花子\t!"]]) == "Núñez, José\t山田 花子\\t!\n")
    }
}
