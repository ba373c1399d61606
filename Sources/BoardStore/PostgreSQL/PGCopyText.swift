/// Rows in COPY's text format, built as bytes: fields separated by tabs, rows ended by newlines, `\N` for NULL, and
/// backslash, tab, newline and carriage return escaped. Working on UTF-8 bytes rather than Characters keeps encoding
/// a 100,000-row lab file a small part of its import (it was most of the writer's time).
struct PGCopyText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 18) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(row: [String?]) {
        for (i, field) in row.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: "\t")) }
            append(field: field)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func append(field: String?) {
        guard var value = field else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        value.withUTF8 { utf8 in
            if !utf8.contains(where: Self.needsEscape) {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: bytes.append(byte)
                }
            }
        }
    }

    /// Bytes COPY's text format escapes (a UTF-8 continuation byte is never one of them).
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    var isEmpty: Bool { bytes.isEmpty }
    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}
