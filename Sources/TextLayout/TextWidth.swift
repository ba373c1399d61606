/// Display width of text in terminal columns, computed per grapheme cluster in pure Swift.
///
/// Terminals lay out text by columns, not characters: CJK and emoji take two, combining marks and
/// zero-width joiners take none. This deliberately does not call `wcwidth` so canvas layout is the
/// same on every machine and in tests (the ncurses backend reconciles the rare disagreements), and
/// exported plain text lines up the way the screens do.
public enum TextWidth {
    /// Columns a single scalar occupies on its own: 0, 1 or 2 (control characters count 0).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }  // fast path: Latin, no combining marks below U+0300
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns one grapheme cluster occupies: the width of its base, widened to 2 by an emoji
    /// presentation selector (U+FE0F) and for flags / emoji sequences.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return width(of: first) }
        if character == "\r\n" { return 0 }
        var base = 0
        var baseScalar: Unicode.Scalar?
        for s in scalars {
            let w = width(of: s)
            if w > 0 {
                base = w
                baseScalar = s
                break
            }
        }
        guard let b = baseScalar else { return 0 }
        if base == 1, scalars.contains("\u{FE0F}"), b.properties.isEmoji { return 2 }
        return base
    }

    /// Total columns of a string.
    public static func displayWidth<Text: StringProtocol>(of string: Text) -> Int {
        // Printable ASCII is one column a byte.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return string.utf8.count }
        var total = 0
        for ch in string { total += width(of: ch) }
        return total
    }

    /// Cuts `string` to at most `width` columns, ending with `ellipsis` when something was removed.
    /// A wide character that would straddle the limit is dropped rather than split.
    public static func truncate(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(of: string) <= width { return string }
        let ew = displayWidth(of: ellipsis)
        if ew > width { return prefix(ellipsis, width: width) }
        return prefix(string, width: width - ew) + ellipsis
    }

    /// The longest prefix of `string` that fits in `width` columns (no ellipsis).
    public static func prefix(_ string: String, width: Int) -> String {
        var used = 0
        var out = ""
        for ch in string {
            let w = self.width(of: ch)
            if used + w > width { break }
            used += w
            out.append(ch)
        }
        return out
    }

    /// Pads (or truncates with ellipsis) to exactly `width` columns with the given alignment.
    public static func fit(_ string: String, width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String
    {
        guard width > 0 else { return "" }
        let t = truncate(string, toWidth: width, ellipsis: ellipsis)
        let pad = width - displayWidth(of: t)
        guard pad > 0 else { return t }
        switch alignment {
        case .left: return t + String(repeating: " ", count: pad)
        case .right: return String(repeating: " ", count: pad) + t
        case .center:
            let l = pad / 2
            return String(repeating: " ", count: l) + t + String(repeating: " ", count: pad - l)
        }
    }

    /// Combining marks, joiners, variation selectors and other format characters.
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v == 0x200B || (v >= 0x1160 && v <= 0x11FF) || (v >= 0xD7B0 && v <= 0xD7FF) { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return v != 0x00AD  // soft hyphen shows as 1
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, outside the emoji blocks (those use the
    /// Emoji_Presentation property instead).
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        for r in wideRanges where v >= r.lowerBound {
            if v <= r.upperBound { return true }
        }
        return false
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,
        0x2E80...0x2FFF,  // CJK radicals, Kangxi, ideographic description
        0x3000...0x303E,  // CJK symbols and punctuation (incl. ideographic space)
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, compatibility Jamo, Kanbun, CJK compat
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small forms
        0xFF00...0xFF60,  // fullwidth ASCII
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FE4,
        0x17000...0x18CFF,  // Tangut
        0x1AFF0...0x1B2FF,  // Kana supplement / extended, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B-F
        0x30000...0x3FFFD,  // CJK extension G
    ]
}

/// Horizontal alignment inside a fixed width (table cells, centred titles).
public enum Alignment: String, Sendable, Hashable, Codable {
    case left, right, center
}

/// Convenience: columns `string` occupies in a terminal.
public func displayWidth(of string: String) -> Int { TextWidth.displayWidth(of: string) }

/// Convenience: `string` cut to `width` columns with "…".
public func truncate(_ string: String, toWidth width: Int) -> String { TextWidth.truncate(string, toWidth: width) }
