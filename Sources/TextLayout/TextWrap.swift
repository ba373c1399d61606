import Foundation

/// Word wrapping by display width: the one routine behind the screens' text, the help, the exported minutes and
/// summaries.
///
/// One paragraph is filled greedily (`fill`); the screens' wrapping (`wrap`) and the exported plain text
/// (BoardFormats' `PlainTextLayout.wrap`) differ only in how they cut a text into paragraphs and how each line
/// starts (indentation, a list marker, a label's width of spaces).
public enum TextWrap {
    /// How a line starts and how wide it may be: `lead` (indentation, a marker) and the columns the whole line may
    /// take, lead included.
    public struct LineStart: Sendable, Hashable {
        public var lead: String
        public var width: Int

        public init(lead: String = "", width: Int) {
            self.lead = lead
            self.width = width
        }
    }

    /// Fills lines with the space-separated words of one paragraph (no newline in it): the first line starts with
    /// `first`, every later one with `rest`. Runs of spaces between words collapse to one; a word longer than a
    /// line is broken between grapheme clusters, never inside a wide character. Trailing spaces are never
    /// emitted, so a paragraph without words is one line: its lead, trimmed.
    public static func fill(_ paragraph: Substring, first: LineStart, rest: LineStart) -> [String] {
        var lines: [String] = []
        var limit = first.width
        var line = first.lead
        var used = TextWidth.displayWidth(of: line)
        var hasWord = false
        func startLine() {
            lines.append(line)
            limit = rest.width
            line = rest.lead
            used = TextWidth.displayWidth(of: line)
            hasWord = false
        }
        for word in paragraph.split(separator: " ") {
            let wordWidth = TextWidth.displayWidth(of: word)
            if used + (hasWord ? 1 : 0) + wordWidth <= limit {
                if hasWord {
                    line += " "
                    used += 1
                }
                line += word
                used += wordWidth
                hasWord = true
                continue
            }
            if hasWord {
                startLine()
                if used + wordWidth <= limit {
                    line += word
                    used += wordWidth
                    hasWord = true
                    continue
                }
            }
            // A word that does not fit on a line of its own is broken where the line ends.
            for character in word {
                let characterWidth = TextWidth.width(of: character)
                if used + characterWidth > limit, used > 0 { startLine() }
                line.append(character)
                used += characterWidth
                hasWord = true
            }
        }
        while line.last == " " { line.removeLast() }
        lines.append(line)
        return lines
    }

    /// The paragraphs of `text`: lines split at "\n" (and "\r\n"), each tab as `tabWidth` spaces.
    public static func paragraphs(_ text: String, tabWidth: Int) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\t", with: String(repeating: " ", count: tabWidth))
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Wraps `text` into lines of at most `width` columns (screen text).
    ///
    /// Explicit newlines are kept (an empty line stays empty); runs of spaces between words collapse to
    /// one at a break; leading indentation of a paragraph is kept on its first line; words longer than
    /// the width are broken by grapheme, never inside a wide character.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        return paragraphs(text, tabWidth: 4).flatMap { wrapParagraph($0, width: width) }
    }

    /// Wraps like `wrap(_:width:)`, indenting every line after a paragraph's first by `hangingIndent` columns (when
    /// at least ten columns stay for the text), so a label's value wraps under itself, not under the label.
    public static func wrap(_ text: String, width: Int, hangingIndent: Int) -> [String] {
        let width = max(1, width)
        guard hangingIndent > 0, width - hangingIndent >= 10 else { return wrap(text, width: width) }
        let pad = String(repeating: " ", count: hangingIndent)
        return paragraphs(text, tabWidth: 4).flatMap { paragraph -> [String] in
            let plain = wrapParagraph(paragraph, width: width)
            guard plain.count > 1, let head = plain.first else { return plain }
            let words = paragraph.split(separator: " ")
            let headWords = head.split(separator: " ")
            // A word broken across lines (longer than the width) keeps the plain wrapping.
            guard words.starts(with: headWords) else { return plain }
            let rest = words.dropFirst(headWords.count).joined(separator: " ")
            return [head] + wrapParagraph(Substring(rest), width: width - hangingIndent).map { pad + $0 }
        }
    }

    /// One screen paragraph: a line of spaces is empty; leading indentation stays on the first line when it
    /// leaves room for text.
    static func wrapParagraph(_ paragraph: Substring, width: Int) -> [String] {
        if paragraph.allSatisfy({ $0 == " " }) { return [""] }
        let indent = String(paragraph.prefix { $0 == " " })
        let lead = TextWidth.displayWidth(of: indent) < width ? indent : ""
        return fill(paragraph, first: LineStart(lead: lead, width: width), rest: LineStart(width: width))
    }
}

/// Convenience: `TextWrap.wrap(text, width:)`.
public func wrap(_ text: String, width: Int) -> [String] { TextWrap.wrap(text, width: width) }
