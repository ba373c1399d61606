import Foundation
import TextLayout

/// Word wrapping for exported plain text (minutes, case summaries), by the screens' rules (`TextLayout`):
/// the same column widths and the same fill, so exported files line up the way the screens do.
public enum PlainTextLayout {
    /// Columns `text` takes in a monospaced terminal or editor.
    public static func width(of text: String) -> Int { TextWidth.displayWidth(of: text) }

    /// Wraps `text` to `width` columns: the first line after `firstPrefix`, the rest after `restPrefix`
    /// (hanging indentation). Newlines in the text start new lines (after `restPrefix`); a tab is one space;
    /// words longer than a line are broken between characters, never inside a wide one. A prefix wider than
    /// the page still leaves eight columns for text. Trailing spaces are never emitted.
    public static func wrap(_ text: String, width: Int, firstPrefix: String = "", restPrefix: String = "") -> [String] {
        func start(_ prefix: String) -> TextWrap.LineStart {
            TextWrap.LineStart(lead: prefix, width: max(width, TextWidth.displayWidth(of: prefix) + 8))
        }
        let first = start(firstPrefix)
        let rest = start(restPrefix)
        return TextWrap.paragraphs(text, tabWidth: 1).enumerated().flatMap { index, paragraph in
            TextWrap.fill(paragraph, first: index == 0 ? first : rest, rest: rest)
        }
    }

    /// Pads with spaces to `width` columns (no truncation).
    public static func pad(_ text: String, to width: Int) -> String {
        let w = self.width(of: text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
