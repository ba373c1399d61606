import Foundation

/// Writes a tree of plain values ([String: Any], [Any], String, Bool, integers, Double, NSNull) as the text
/// `JSONSerialization` gives with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, byte for byte, but in a
/// single pass over native values. Foundation's writer on Linux bridges every dictionary to NSDictionary and sorts
/// keys with a locale collator created per comparison: 90 % of `show --json` on a 7,571-finding case (25 s against
/// 2 s for the text). Keys are the identifiers our writers choose (ASCII); they are ordered as Foundation's
/// root-locale collation orders ASCII (`precedes`), which the tests check against `JSONSerialization` itself.
public struct SortedJSONWriter {
    private var out: [UInt8] = []
    private var depth = 0

    /// The pretty-printed text of `object`; throws for a value JSON cannot hold (a non-finite number, another type).
    public static func data(_ object: Any) throws -> Data {
        var writer = SortedJSONWriter()
        writer.out.reserveCapacity(1 << 16)
        try writer.value(object)
        return Data(writer.out)
    }

    /// The order Foundation's `sortedKeys` gives (a root-locale collation, case-insensitive, numeric): letters by
    /// letter whatever their case, digit runs by value, punctuation before digits before letters; on a tie, lower
    /// case first, then fewer characters (fewer leading zeros), then code units.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var i = 0
        var j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                let (u, nextI) = digitRun(x, from: i)
                let (v, nextJ) = digitRun(y, from: j)
                if u != v { return u.count != v.count ? u.count < v.count : u.lexicographicallyPrecedes(v) }
                i = nextI
                j = nextJ
                continue
            }
            let c = weight(x[i])
            let d = weight(y[j])
            if c != d { return c < d }
            i += 1
            j += 1
        }
        if i < x.count || j < y.count { return i == x.count }
        // Equal but for case, leading zeros or nothing: lower case first, then the shorter, then code units.
        let cases = (x.filter(isLetter).map(isUpper), y.filter(isLetter).map(isUpper))
        if let (upper, _) = zip(cases.0, cases.1).first(where: { $0 != $1 }) { return !upper }
        if x.count != y.count { return x.count < y.count }
        return x.lexicographicallyPrecedes(y)
    }

    /// ASCII punctuation in the root collation's order; every other byte sorts after it by its own value.
    private static let punctuation = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".utf8)

    private static func weight(_ c: UInt8) -> Int {
        if isLetter(c) { return 0x300 + Int(c | 0x20) }
        if isDigit(c) { return 0x200 + Int(c) }
        if let rank = punctuation.firstIndex(of: c) { return 0x100 + rank }
        return Int(c)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    private static func isLetter(_ c: UInt8) -> Bool { isUpper(c) || (c >= 0x61 && c <= 0x7A) }

    /// The digits from `start` without leading zeros, and the index after the run.
    private static func digitRun(_ s: [UInt8], from start: Int) -> ([UInt8], Int) {
        var end = start
        while end < s.count && isDigit(s[end]) { end += 1 }
        var first = start
        while first < end - 1 && s[first] == 0x30 { first += 1 }
        return (Array(s[first..<end]), end)
    }

    private mutating func value(_ v: Any) throws {
        switch v {
        case let s as String: string(s)
        case let b as Bool: text(b ? "true" : "false")
        case let n as Int: text(String(n))
        case let d as Double: try double(d)
        case let dict as [String: Any]: try object(dict)
        case let list as [Any]: try array(list)
        case is NSNull: text("null")
        case let n as any BinaryInteger: text(String(describing: n))
        case let f as Float: try double(Double(f), written: f.description)
        case let o as any AbsentValue where o.isAbsent: text("null")  // an Optional's nil, as Foundation writes it
        default:
            throw EncodingError.invalidValue(
                v, .init(codingPath: [], debugDescription: "not a JSON value: \(type(of: v))"))
        }
    }

    /// A number as Foundation writes it: Swift's shortest round-trip text without a trailing ".0".
    private mutating func double(_ d: Double, written: String? = nil) throws {
        guard d.isFinite else {
            throw EncodingError.invalidValue(d, .init(codingPath: [], debugDescription: "not a finite number"))
        }
        var s = written ?? d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        text(s)
    }

    private mutating func object(_ dict: [String: Any]) throws {
        out.append(UInt8(ascii: "{"))
        out.append(0x0A)
        depth += 1
        var first = true
        for key in dict.keys.sorted(by: Self.precedes) {
            if !first { text(",\n") }
            first = false
            indent()
            string(key)
            text(" : ")
            try value(dict[key]!)
        }
        out.append(0x0A)
        depth -= 1
        indent()
        out.append(UInt8(ascii: "}"))
    }

    private mutating func array(_ list: [Any]) throws {
        out.append(UInt8(ascii: "["))
        out.append(0x0A)
        depth += 1
        var first = true
        for element in list {
            if !first { text(",\n") }
            first = false
            indent()
            try value(element)
        }
        out.append(0x0A)
        depth -= 1
        indent()
        out.append(UInt8(ascii: "]"))
    }

    private mutating func indent() {
        for _ in 0..<depth { text("  ") }
    }

    private mutating func text(_ s: String) { out.append(contentsOf: s.utf8) }

    /// A string with JSON's escapes as Foundation writes them (slashes unescaped, control characters as \u00XX).
    private mutating func string(_ s: String) {
        out.append(0x22)
        for byte in s.utf8 {
            switch byte {
            case 0x22: text("\\\"")
            case 0x5C: text("\\\\")
            case 0x08: text("\\b")
            case 0x0C: text("\\f")
            case 0x0A: text("\\n")
            case 0x0D: text("\\r")
            case 0x09: text("\\t")
            case 0x00..<0x20: text("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16))
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}

/// Lets the writer see an `Optional.none` stored in `Any` (a dictionary literal holding an optional value).
private protocol AbsentValue { var isAbsent: Bool { get } }

extension Optional: AbsentValue {
    fileprivate var isAbsent: Bool { self == nil }
}
