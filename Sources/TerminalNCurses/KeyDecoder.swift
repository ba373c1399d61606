import TUIKit

/// One raw item from `wget_wch`: a character (`OK`) or a `KEY_*` code (`KEY_CODE_YES`).
enum RawInput: Equatable, Sendable {
    case char(UInt32)
    case code(Int32)
}

/// Turns raw curses input into `Key`s: control characters, Esc versus Alt-x, SS3/CSI leftovers that
/// the terminfo keypad did not know, and bracketed paste (ESC[200~ … ESC[201~ → one `.paste`).
///
/// Kept separate from `NCursesTerminal` and driven by a read closure so tests can feed byte scripts.
struct KeyDecoder {
    /// Reads one raw item waiting at most `timeout` ms (negative = forever); nil on timeout.
    var read: (_ timeoutMilliseconds: Int) -> RawInput?
    /// Maps a `KEY_*` code to a key (mouse decoding needs curses, so the terminal supplies it).
    var mapCode: (Int32) -> Key?
    /// How long to wait for the byte after a lone ESC before deciding it was the Esc key.
    var escFollowTimeout = 10
    /// How long to wait for the next byte inside a paste or an escape sequence.
    var sequenceTimeout = 100
    private var pushback: [RawInput] = []

    init(read: @escaping (Int) -> RawInput?, mapCode: @escaping (Int32) -> Key?) {
        self.read = read
        self.mapCode = mapCode
    }

    private mutating func nextRaw(_ timeout: Int) -> RawInput? {
        if !pushback.isEmpty { return pushback.removeFirst() }
        return read(timeout)
    }

    /// The next key, or nil when nothing (or only an ignorable sequence) arrived within the timeout.
    mutating func next(timeoutMilliseconds: Int) -> Key? {
        guard let raw = nextRaw(timeoutMilliseconds) else { return nil }
        switch raw {
        case .code(let c): return mapCode(c)
        case .char(27): return decodeEscape()
        case .char(let c): return KeyDecoder.key(forChar: c)
        }
    }

    /// A plain character: control codes become `.ctrl`, Tab/Enter/Backspace their own keys.
    static func key(forChar c: UInt32) -> Key? {
        switch c {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + c))))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0x80..<0xA0: return nil
        default:
            guard let s = Unicode.Scalar(c) else { return nil }
            return .char(Character(s))
        }
    }

    private mutating func decodeEscape() -> Key? {
        guard let follow = nextRaw(escFollowTimeout) else { return .escape }
        switch follow {
        case .code:
            pushback.insert(follow, at: 0)
            return .escape
        case .char(27):
            pushback.insert(follow, at: 0)
            return .escape
        case .char(0x5B):  // '['
            return decodeCSI()
        case .char(0x4F):  // 'O'
            guard case .char(let f)? = nextRaw(sequenceTimeout) else { return .alt("O") }
            switch f {
            case 0x41: return .up
            case 0x42: return .down
            case 0x43: return .right
            case 0x44: return .left
            case 0x48: return .home
            case 0x46: return .end
            case 0x4D: return .enter
            case 0x50...0x53: return .function(Int(f) - 0x50 + 1)
            default: return nil
            }
        case .char(let c):
            guard let k = KeyDecoder.key(forChar: c) else { return nil }
            if case .char(let ch) = k { return .alt(ch) }
            if case .enter = k { return .alt("\n") }
            return k == .backspace ? .alt("\u{7F}") : k
        }
    }

    /// After ESC '[': collect parameter bytes up to the final byte; recognise paste start and a few
    /// common keys; swallow anything else (an unknown sequence should never type garbage).
    private mutating func decodeCSI() -> Key? {
        var params = ""
        while let raw = nextRaw(sequenceTimeout) {
            guard case .char(let c) = raw else {
                pushback.insert(raw, at: 0)
                return nil
            }
            if (0x40...0x7E).contains(c) {
                let final = Character(Unicode.Scalar(UInt8(c)))
                switch (params, final) {
                case ("200", "~"): return readPaste()
                case ("", "A"): return .up
                case ("", "B"): return .down
                case ("", "C"): return .right
                case ("", "D"): return .left
                case ("", "H"), ("1", "~"), ("7", "~"): return .home
                case ("", "F"), ("4", "~"), ("8", "~"): return .end
                case ("5", "~"): return .pageUp
                case ("6", "~"): return .pageDown
                case ("3", "~"): return .delete
                case ("2", "~"): return .insert
                case ("", "Z"): return .backTab
                default: return nil
                }
            }
            guard c >= 0x20, c < 0x40, params.count < 32 else { return nil }
            params.append(Character(Unicode.Scalar(UInt8(c))))
        }
        return nil
    }

    /// Reads pasted text up to ESC[201~ (or until input pauses), normalising CR/CRLF to "\n".
    private mutating func readPaste() -> Key {
        var scalars = String.UnicodeScalarView()
        var lastWasCR = false
        let end: [UInt32] = [0x5B, 0x32, 0x30, 0x31, 0x7E]  // "[201~"
        outer: while let raw = nextRaw(sequenceTimeout) {
            let wasCR = lastWasCR
            lastWasCR = raw == .char(13)
            switch raw {
            case .code(let code):
                // The keypad matched something inside the paste: keep Enter, drop the rest.
                if let k = mapCode(code), k == .enter { scalars.append("\n") }
            case .char(27):
                var seen: [UInt32] = []
                while seen.count < end.count, case .char(let c)? = nextRaw(sequenceTimeout) {
                    seen.append(c)
                    if seen[seen.count - 1] != end[seen.count - 1] { break }
                }
                if seen == end { break outer }
                scalars.append("\u{1B}")
                for c in seen { if let s = Unicode.Scalar(c) { scalars.append(s) } }
            case .char(13):
                scalars.append("\n")
            case .char(let c):
                if c == 10, wasCR { continue }  // CR LF → one newline
                if let s = Unicode.Scalar(c) { scalars.append(s) }
            }
        }
        return .paste(String(scalars))
    }
}
