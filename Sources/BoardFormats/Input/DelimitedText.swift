import Foundation

/// CSV/TSV as spreadsheets write them: UTF-8 with or without a BOM, LF or CRLF line ends, fields quoted with
/// `"` that may hold separators, newlines and doubled quotes (`""`), and `,`, `;` or tab as the separator
/// (detected from the header line: the most frequent of the three outside quotes; ties prefer tab, then `;`).
///
/// Every field keeps the line and column (in characters, from 1) where it starts, so a reader can point at
/// a bad cell. Blank lines are skipped.
public struct DelimitedText: Sendable {
    public struct Field: Sendable, Hashable {
        public var text: String
        public var line: Int
        public var column: Int
        /// "line 4, column 17".
        public var location: String { "line \(line), column \(column)" }
    }

    public var separator: Character
    /// The records in order; the first is the header when the file has one.
    public var records: [[Field]]

    /// Parses `data`; errors name `file` and the line and column.
    public init(data: Data, file: String) throws {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ImportError(
                file: file, location: "line 1, column 1",
                message: "the file is UTF-16; save it as \"CSV UTF-8\" (Excel) or choose UTF-8 in LibreOffice")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ImportError(
                file: file, location: JSONPosition.firstInvalidUTF8(in: Data(bytes)),
                message: "invalid UTF-8; save the spreadsheet as \"CSV UTF-8\"")
        }
        let characters = Array(text.unicodeScalars)
        separator = Character(Self.detectSeparator(characters))
        records = try Self.tokenize(characters, separator: separator.unicodeScalars.first!, file: file)
    }

    /// The separator that occurs most often on the first line (outside quotes).
    static func detectSeparator(_ s: [Unicode.Scalar]) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for c in s {
            if c == "\"" {
                quoted.toggle()
                continue
            }
            if !quoted && (c == "\n" || c == "\r") { break }
            if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        for candidate: Unicode.Scalar in ["\t", ";", ","]
        where counts[candidate]! == counts.values.max()! && counts[candidate]! > 0 {
            return candidate
        }
        return ","
    }

    static func tokenize(_ s: [Unicode.Scalar], separator: Unicode.Scalar, file: String) throws -> [[Field]] {
        var t = Tokenizer(s: s, separator: separator, file: file)
        while t.i < s.count {
            if t.quoted {
                t.insideQuotes()
            } else {
                try t.outsideQuotes()
            }
        }
        return try t.finish()
    }

    /// The tokenizer's state, one scalar at a time: inside a quoted field, or outside (separator, line end,
    /// blanks after a closing quote, an opening quote, plain text).
    struct Tokenizer {
        let s: [Unicode.Scalar]
        let separator: Unicode.Scalar
        let file: String
        var records: [[Field]] = []
        var record: [Field] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var column = 1
        var fieldLine = 1
        var fieldColumn = 1
        var i = 0
        var quoted = false
        var quoteOpen: (line: Int, column: Int) = (0, 0)
        var afterQuote = false
        var recordHasContent = false

        init(s: [Unicode.Scalar], separator: Unicode.Scalar, file: String) {
            self.s = s
            self.separator = separator
            self.file = file
        }

        func next(is c: Unicode.Scalar) -> Bool { i + 1 < s.count && s[i + 1] == c }

        mutating func advance(_ n: Int = 1) {
            i += n
            column += n
        }

        mutating func endField() {
            record.append(Field(text: String(field), line: fieldLine, column: fieldColumn))
            field = String.UnicodeScalarView()
            afterQuote = false
        }

        mutating func endRecord() {
            endField()
            // Skip blank lines (one empty field).
            if recordHasContent || record.count > 1 { records.append(record) }
            record = []
            recordHasContent = false
        }

        /// Inside quotes: a doubled quote is one quote, a single one closes; line ends (CRLF as one) are kept as
        /// "\n".
        mutating func insideQuotes() {
            let c = s[i]
            if c == "\"" {
                if next(is: "\"") {
                    field.append("\"")
                    advance(2)
                    return
                }
                quoted = false
                afterQuote = true
                advance()
                return
            }
            if c == "\r" && next(is: "\n") {
                i += 1
                return
            }
            if c == "\n" || c == "\r" {
                field.append("\n")
                line += 1
                column = 1
                i += 1
                return
            }
            field.append(c)
            advance()
        }

        mutating func outsideQuotes() throws {
            let c = s[i]
            if c == separator {
                endField()
                recordHasContent = true
                advance()
                fieldLine = line
                fieldColumn = column
                return
            }
            if c == "\r" || c == "\n" {
                endRecord()
                if c == "\r" && next(is: "\n") { i += 1 }
                i += 1
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = column
                return
            }
            if afterQuote {
                if c == " " {
                    advance()
                    return
                }
                throw ImportError(
                    file: file, location: "line \(line), column \(column)",
                    message: "unexpected text after a closing quote; inside a quoted field write a quote as \"\"")
            }
            if c == "\"" && field.isEmpty {
                quoted = true
                quoteOpen = (line, column)
                recordHasContent = true
                advance()
                return
            }
            field.append(c)
            recordHasContent = true
            advance()
        }

        /// The last record, or the error of a quote never closed.
        mutating func finish() throws -> [[Field]] {
            if quoted {
                throw ImportError(
                    file: file, location: "line \(quoteOpen.line), column \(quoteOpen.column)",
                    message: "a quoted field is never closed (missing \")")
            }
            if recordHasContent || !field.isEmpty || !record.isEmpty { endRecord() }
            return records
        }
    }
}
