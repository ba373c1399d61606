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

        func endField() {
            record.append(Field(text: String(field), line: fieldLine, column: fieldColumn))
            field = String.UnicodeScalarView()
            afterQuote = false
        }
        func endRecord() {
            endField()
            // Skip blank lines (one empty field).
            if recordHasContent || record.count > 1 { records.append(record) }
            record = []
            recordHasContent = false
        }

        while i < s.count {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count && s[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        column += 2
                        continue
                    }
                    quoted = false
                    afterQuote = true
                    i += 1
                    column += 1
                    continue
                }
                if c == "\r" && i + 1 < s.count && s[i + 1] == "\n" {
                    i += 1
                    continue
                }
                if c == "\n" || c == "\r" {
                    field.append("\n")
                    line += 1
                    column = 1
                    i += 1
                    continue
                }
                field.append(c)
                i += 1
                column += 1
                continue
            }
            if c == separator {
                endField()
                recordHasContent = true
                i += 1
                column += 1
                fieldLine = line
                fieldColumn = column
                continue
            }
            if c == "\r" || c == "\n" {
                endRecord()
                if c == "\r" && i + 1 < s.count && s[i + 1] == "\n" { i += 1 }
                i += 1
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = column
                continue
            }
            if afterQuote {
                if c == " " {
                    i += 1
                    column += 1
                    continue
                }
                throw ImportError(
                    file: file, location: "line \(line), column \(column)",
                    message: "unexpected text after a closing quote; inside a quoted field write a quote as \"\"")
            }
            if c == "\"" && field.isEmpty {
                quoted = true
                quoteOpen = (line, column)
                recordHasContent = true
                i += 1
                column += 1
                continue
            }
            field.append(c)
            recordHasContent = true
            i += 1
            column += 1
        }
        if quoted {
            throw ImportError(
                file: file, location: "line \(quoteOpen.line), column \(quoteOpen.column)",
                message: "a quoted field is never closed (missing \")")
        }
        if recordHasContent || !field.isEmpty || !record.isEmpty { endRecord() }
        return records
    }
}
