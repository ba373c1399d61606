import Foundation

/// Word wrapping by display width, the one algorithm every multi-line view uses.
public enum TextWrap {
    /// Wraps `text` into lines of at most `width` columns.
    ///
    /// Explicit newlines are kept (an empty line stays empty); runs of spaces between words collapse to
    /// one at a break; leading indentation of a paragraph is kept on its first line; words longer than
    /// the width are broken by grapheme, never inside a wide character.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: "    ")
        for paragraph in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            out.append(contentsOf: wrapParagraph(String(paragraph), width: width))
        }
        return out
    }

    /// Wraps like `wrap(_:width:)`, indenting every line after a paragraph's first by `hangingIndent` columns (when
    /// at least ten columns stay for the text), so a label's value wraps under itself, not under the label.
    public static func wrap(_ text: String, width: Int, hangingIndent: Int) -> [String] {
        let width = max(1, width)
        guard hangingIndent > 0, width - hangingIndent >= 10 else { return wrap(text, width: width) }
        let pad = String(repeating: " ", count: hangingIndent)
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: "    ")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph -> [String] in
            let plain = wrapParagraph(String(paragraph), width: width)
            guard plain.count > 1, let head = plain.first else { return plain }
            let words = paragraph.split(separator: " ")
            let headWords = head.split(separator: " ")
            // A word broken across lines (longer than the width) keeps the plain wrapping.
            guard words.starts(with: headWords) else { return plain }
            let rest = words.dropFirst(headWords.count).joined(separator: " ")
            return [head] + wrapParagraph(rest, width: width - hangingIndent).map { pad + $0 }
        }
    }

    static func wrapParagraph(_ p: String, width: Int) -> [String] {
        if p.allSatisfy({ $0 == " " }) { return [""] }
        let indent = String(p.prefix { $0 == " " })
        let words = p.split(separator: " ").map(String.init)
        var lines: [String] = []
        var line = TextWidth.displayWidth(of: indent) < width ? indent : ""
        var lineWidth = TextWidth.displayWidth(of: line)
        var lineHasWord = false
        for word in words {
            let ww = TextWidth.displayWidth(of: word)
            let need = lineHasWord ? lineWidth + 1 + ww : lineWidth + ww
            if need <= width {
                if lineHasWord {
                    line += " "
                    lineWidth += 1
                }
                line += word
                lineWidth += ww
                lineHasWord = true
                continue
            }
            if lineHasWord {
                lines.append(line)
                line = ""
                lineWidth = 0
                lineHasWord = false
            }
            if ww <= width - lineWidth {
                line += word
                lineWidth += ww
                lineHasWord = true
                continue
            }
            // Hard-break a word that does not fit on a line of its own.
            for ch in word {
                let cw = TextWidth.width(of: ch)
                if lineWidth + cw > width, lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(ch)
                lineWidth += cw
            }
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// Convenience: `TextWrap.wrap(text, width:)`.
public func wrap(_ text: String, width: Int) -> [String] { TextWrap.wrap(text, width: width) }
