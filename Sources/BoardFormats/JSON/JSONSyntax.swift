import Foundation

/// Finds the first place where text stops being JSON (RFC 8259) and says where: line, column, byte offset and the
/// JSON path reached ("$.entry[3].resource"), with what was expected there. Foundation's parser says only
/// "Unexpected end of file" for a truncated file; a reader's error needs the place. The scan is iterative (an
/// explicit stack), so deeply nested input cannot exhaust the call stack.
enum JSONSyntax {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var offset: Int
        var path: String
        var message: String

        /// "line 3, column 17 (byte 52), at $.entry[0].resource"
        var location: String { "line \(line), column \(column) (byte \(offset)), at \(path)" }
    }

    private enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// What the scanner expects next.
    private enum Expect {
        case value, afterValue, keyOrClose, key, valueOrClose
    }

    /// The first syntax problem, or nil when the text is one well-formed JSON value (surrounding blanks allowed).
    static func firstProblem(in data: Data) -> Problem? {
        let bytes = [UInt8](data)
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var stack: [Step] = []
        /// Whether each open container is an object (true) or a list (false).
        var objects: [Bool] = []
        var expect = Expect.value

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A UTF-8 byte order mark is not JSON text but is commonly written; Foundation accepts it too.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        /// What a step leaves: more to read, or the end (with the problem found, if any).
        enum Progress {
            case more
            case end(Problem?)
        }

        mutating func run() -> Problem? {
            while true {
                skipBlanks()
                let step: Progress
                switch expect {
                case .value, .valueOrClose: step = valueStep()
                case .afterValue: step = afterValue()
                case .keyOrClose, .key: step = keyStep()
                }
                if case .end(let problem) = step { return problem }
            }
        }

        /// A value where one is expected; in a list that may still be empty, its closing bracket.
        mutating func valueStep() -> Progress {
            if expect == .valueOrClose, peek == UInt8(ascii: "]") {
                i += 1
                close()
                return .more
            }
            if let problem = value() { return .end(problem) }
            return .more
        }

        /// After a value: ',' and the next key or position, the innermost container's close, or the end of the text.
        mutating func afterValue() -> Progress {
            guard let open = objects.last else {
                guard i >= bytes.count else { return .end(problem("text after the end of the JSON value")) }
                return .end(nil)
            }
            guard let c = peek else {
                return .end(problem("unexpected end of the file; expected ',' or '\(open ? "}" : "]")'"))
            }
            if c == UInt8(ascii: ",") {
                i += 1
                if open {
                    expect = .key
                } else {
                    if case .index(let n) = stack.last { stack[stack.count - 1] = .index(n + 1) }
                    expect = .value
                }
            } else if c == UInt8(ascii: open ? "}" : "]") {
                i += 1
                close()
            } else {
                return .end(problem("expected ',' or '\(open ? "}" : "]")', found \(shown(c))"))
            }
            return .more
        }

        /// A key in double quotes and its ':' (the key becomes the path's next step); in an object that may still be
        /// empty, its closing brace.
        mutating func keyStep() -> Progress {
            guard let c = peek else {
                return .end(problem("unexpected end of the file; expected a key in double quotes"))
            }
            if expect == .keyOrClose, c == UInt8(ascii: "}") {
                i += 1
                close()
                return .more
            }
            guard c == UInt8(ascii: "\"") else {
                return .end(problem("expected a key in double quotes, found \(shown(c))"))
            }
            let start = i + 1
            if let p = string() { return .end(p) }
            let key = String(decoding: bytes[start..<(i - 1)], as: UTF8.self)
            stack.append(.key(key))
            skipBlanks()
            guard let colon = peek else { return .end(problem("unexpected end of the file; expected ':'")) }
            guard colon == UInt8(ascii: ":") else {
                return .end(problem("expected ':' after the key, found \(shown(colon))"))
            }
            i += 1
            expect = .value
            return .more
        }

        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipBlanks() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        /// Ends the innermost container (a list also drops its position); it is then a complete value of its parent.
        mutating func close() {
            if !objects.removeLast() { stack.removeLast() }  // a list's position
            done()
        }

        /// A value is complete: in an object the key's step ends with it; in a list the position stays until ','.
        mutating func done() {
            if objects.last == true, case .key = stack.last { stack.removeLast() }
            expect = .afterValue
        }

        mutating func value() -> Problem? {
            guard let c = peek else {
                return problem("unexpected end of the file; expected a value")
            }
            switch c {
            case UInt8(ascii: "{"):
                i += 1
                objects.append(true)
                expect = .keyOrClose
            case UInt8(ascii: "["):
                i += 1
                objects.append(false)
                stack.append(.index(0))
                expect = .valueOrClose
            case UInt8(ascii: "\""):
                if let p = string() { return p }
                done()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for word in ["true", "false", "null"] where bytes[i...].starts(with: word.utf8) {
                    i += word.utf8.count
                    done()
                    return nil
                }
                return problem("expected a value (true, false or null?), found \(shown(c))")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if let p = number() { return p }
                done()
            default:
                return problem(
                    "expected a value (object, list, string, number, true, false or null), found \(shown(c))")
            }
            return nil
        }

        /// A string from its opening quote; leaves `i` after the closing quote.
        mutating func string() -> Problem? {
            i += 1
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return nil
                }
                if c < 0x20 { return problem("a control character inside a string (escape it, e.g. \\n)") }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count else { break }
                    let e = bytes[i + 1]
                    if e == UInt8(ascii: "u") {
                        let hex = bytes[min(i + 2, bytes.count)..<min(i + 6, bytes.count)]
                        guard hex.count == 4,
                            hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) })
                        else {
                            return problem("expected four hexadecimal digits after \\u")
                        }
                        i += 6
                        continue
                    }
                    guard "\"\\/bfnrt".utf8.contains(e) else { return problem("invalid escape \\\(shown(e))") }
                    i += 2
                    continue
                }
                i += 1
            }
            i = bytes.count
            return problem("unexpected end of the file inside a string; expected its closing '\"'")
        }

        mutating func number() -> Problem? {
            func digits() -> Int {
                let start = i
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
                return i - start
            }
            if peek == UInt8(ascii: "-") { i += 1 }
            if peek == UInt8(ascii: "0") {
                i += 1
            } else if digits() == 0 {
                return problem("expected digits in a number")
            }
            if peek == UInt8(ascii: ".") {
                i += 1
                if digits() == 0 { return problem("expected digits after the decimal point") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                if digits() == 0 { return problem("expected digits in the exponent") }
            }
            return nil
        }

        func shown(_ c: UInt8) -> String {
            c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : String(format: "byte 0x%02X", c)
        }

        var path: String {
            var text = "$"
            for step in stack {
                switch step {
                case .key(let k): text += "." + k
                case .index(let n): text += "[\(n)]"
                }
            }
            return text
        }

        /// The problem at `i`: line and column count characters (UTF-8 continuation bytes are not columns).
        func problem(_ message: String) -> Problem {
            var line = 1
            var column = 1
            let end = min(i, bytes.count)
            for b in bytes[0..<end] {
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return Problem(line: line, column: column, offset: end, path: path, message: message)
        }
    }
}
