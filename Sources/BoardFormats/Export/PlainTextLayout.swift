import Foundation

/// Display width and word wrapping for exported plain text (minutes, case summaries).
///
/// A small copy of the terminal rules (East Asian Wide/Fullwidth and emoji = 2 columns, combining marks
/// and format characters = 0) so BoardFormats does not depend on TUIKit; exported files line up the
/// same way the screens do.
public enum PlainTextLayout {
    /// Columns one grapheme cluster takes in a monospaced terminal or editor.
    public static func width(of character: Character) -> Int {
        var base: Unicode.Scalar?
        for scalar in character.unicodeScalars where scalarWidth(scalar) > 0 {
            base = scalar
            break
        }
        guard let base else { return 0 }
        if scalarWidth(base) == 2 { return 2 }
        if character.unicodeScalars.contains("\u{FE0F}") && base.properties.isEmoji { return 2 }
        return 1
    }

    public static func width(of text: String) -> Int {
        // Fast path: printable ASCII is one column per byte.
        var ascii = true
        for b in text.utf8 where b < 0x20 || b >= 0x7F {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        var total = 0
        for ch in text { total += width(of: ch) }
        return total
    }

    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return v == 0xAD ? 1 : 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        if v >= 0x1100 && wide.contains(where: { $0.contains(v) }) { return 2 }
        if s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Wraps `text` to `width` columns: the first line after `firstPrefix`, the rest after `restPrefix`
    /// (hanging indentation). Newlines in the text start new lines; words longer than a line are broken
    /// between characters, never inside a wide one. Trailing spaces are never emitted.
    public static func wrap(_ text: String, width: Int, firstPrefix: String = "", restPrefix: String = "") -> [String] {
        var lines: [String] = []
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: " ")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for (pi, paragraph) in paragraphs.enumerated() {
            let firstWidth = self.width(of: firstPrefix)
            let restWidth = self.width(of: restPrefix)
            var prefix = pi == 0 ? firstPrefix : restPrefix
            var prefixWidth = pi == 0 ? firstWidth : restWidth
            var line = prefix
            var used = prefixWidth
            var hasWord = false
            // A prefix wider than the page still leaves room for a few columns of text.
            let limit = { (prefixWidth: Int) in max(width, prefixWidth + 8) }
            for word in paragraph.split(separator: " ") {
                let w = self.width(of: String(word))
                let max = limit(prefixWidth)
                if hasWord && used + 1 + w <= max {
                    line += " " + word
                    used += 1 + w
                    continue
                }
                if !hasWord && used + w <= max {
                    line += word
                    used += w
                    hasWord = true
                    continue
                }
                if hasWord {
                    lines.append(line)
                    prefix = restPrefix
                    prefixWidth = restWidth
                    line = prefix
                    used = prefixWidth
                    hasWord = false
                    if used + w <= limit(used) {
                        line += word
                        used += w
                        hasWord = true
                        continue
                    }
                }
                for ch in word {
                    let cw = self.width(of: ch)
                    if used + cw > limit(prefixWidth) && hasWord {
                        lines.append(line)
                        prefix = restPrefix
                        prefixWidth = restWidth
                        line = prefix
                        used = prefixWidth
                    }
                    line.append(ch)
                    used += cw
                    hasWord = true
                }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines
    }

    /// Pads with spaces to `width` columns (no truncation).
    public static func pad(_ text: String, to width: Int) -> String {
        let w = self.width(of: text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
