import Foundation

/// The output formats of exported documents.
public enum ExportFormat: String, Sendable, CaseIterable {
    case text, markdown
}

/// A small document model that the minutes and case exports are built in, rendered either as plain text
/// wrapped by display width or as Markdown. One model for both keeps the two formats saying the same thing.
struct ExportDocument {
    enum Block {
        /// The document title (text: underlined with "="; Markdown: `#`).
        case title(String)
        /// A section (text: underlined with "-"; Markdown: `##`).
        case section(String)
        /// An item inside a section, e.g. one case (text: plain line; Markdown: `###`).
        case item(String)
        /// "Label: value", with the value wrapped under itself.
        case field(String, String, indent: Int, labelWidth: Int? = nil)
        /// A bullet with wrapped text.
        case bullet(String, indent: Int)
        /// A numbered item ("1."), the text wrapped under itself.
        case numbered(Int, String, indent: Int)
        /// Plain wrapped text.
        case text(String, indent: Int)
        /// A label that introduces the lines below it ("Key findings:"; Markdown: bold).
        case label(String, indent: Int)
        /// "Label: text" wrapped under the label's start (Markdown: a list line with the label bold).
        case labelled(String, String, indent: Int)
        case blank
    }

    var blocks: [Block] = []
    /// Label column width for fields in plain text.
    var labelWidth = 13

    mutating func add(_ block: Block) { blocks.append(block) }
    mutating func field(_ label: String, _ value: String?, indent: Int = 0, labelWidth: Int? = nil) {
        guard let value, !value.isEmpty else { return }
        blocks.append(.field(label, value, indent: indent, labelWidth: labelWidth))
    }

    func render(_ format: ExportFormat, width: Int) -> String {
        var out: [String] = []
        switch format {
        case .text: renderText(into: &out, width: max(20, width))
        case .markdown: renderMarkdown(into: &out)
        }
        // One blank line at most between blocks, and exactly one newline at the end.
        var lines: [String] = []
        for line in out where !(line.isEmpty && (lines.last?.isEmpty ?? true)) { lines.append(line) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func renderText(into out: inout [String], width: Int) {
        let lastWidth = width
        for block in blocks {
            switch block {
            case .title(let t):
                let lines = PlainTextLayout.wrap(t, width: width)
                out += lines
                out.append(String(repeating: "=", count: min(width, lines.map(PlainTextLayout.width(of:)).max() ?? 0)))
            case .section(let t):
                out.append("")
                out += PlainTextLayout.wrap(t, width: width)
                out.append(String(repeating: "-", count: width))
            case .item(let t):
                out.append("")
                out += PlainTextLayout.wrap(t, width: width, restPrefix: "   ")
            case .field(let label, let value, let indent, let width):
                let widthLimit = lastWidth
                // A label longer than the column still gets one space before its value ("Disease status: …").
                let column = max(width ?? labelWidth, PlainTextLayout.width(of: label) + 2)
                let lead = String(repeating: " ", count: indent) + PlainTextLayout.pad(label + ":", to: column)
                out += PlainTextLayout.wrap(
                    value, width: widthLimit, firstPrefix: lead,
                    restPrefix: String(repeating: " ", count: PlainTextLayout.width(of: lead)))
            case .bullet(let t, let indent):
                let pad = String(repeating: " ", count: indent)
                out += PlainTextLayout.wrap(t, width: width, firstPrefix: pad + "- ", restPrefix: pad + "  ")
            case .numbered(let n, let t, let indent):
                let lead = String(repeating: " ", count: indent) + "\(n). "
                out += PlainTextLayout.wrap(
                    t, width: width, firstPrefix: lead, restPrefix: String(repeating: " ", count: lead.count))
            case .text(let t, let indent):
                let pad = String(repeating: " ", count: indent)
                out += PlainTextLayout.wrap(t, width: width, firstPrefix: pad, restPrefix: pad)
            case .label(let t, let indent):
                out += PlainTextLayout.wrap(t + ":", width: width, firstPrefix: String(repeating: " ", count: indent))
            case .labelled(let label, let t, let indent):
                let pad = String(repeating: " ", count: indent)
                out += PlainTextLayout.wrap(label + ": " + t, width: width, firstPrefix: pad, restPrefix: pad)
            case .blank:
                out.append("")
            }
        }
    }

    /// Markdown ignores the text layout's columns: fields and notes of an item are a list, deeper
    /// indentation nests one or two levels.
    private func renderMarkdown(into out: inout [String]) {
        func depth(_ indent: Int) -> Int { indent < 5 ? 0 : (indent < 7 ? 1 : 2) }
        var inList = false
        for block in blocks {
            let isListLine: Bool
            switch block {
            case .field, .bullet, .numbered: isListLine = true
            case .text(_, let indent), .label(_, let indent), .labelled(_, _, let indent): isListLine = indent > 0
            default: isListLine = false
            }
            if !isListLine && inList { out.append("") }
            if isListLine && !inList, out.last?.isEmpty == false { out.append("") }
            inList = isListLine
            switch block {
            case .title(let t):
                out.append("# " + Markdown.escape(t))
                out.append("")
            case .section(let t):
                out.append("")
                out.append("## " + Markdown.escape(t))
                out.append("")
            case .item(let t):
                out.append("")
                out.append("### " + Markdown.escape(t))
                out.append("")
            case .numbered(let n, let t, let indent):
                out.append(Markdown.listLine(depth: depth(indent), marker: "\(n).", Markdown.escape(t)))
            case .field(let label, let value, let indent, _):
                out.append(
                    Markdown.listLine(depth: depth(indent), "**\(Markdown.escape(label)):** " + Markdown.escape(value)))
            case .bullet(let t, let indent):
                out.append(Markdown.listLine(depth: depth(indent), Markdown.escape(t)))
            case .text(let t, let indent):
                if indent > 0 {
                    out.append(Markdown.listLine(depth: depth(indent), Markdown.escape(t)))
                } else {
                    out.append(Markdown.escape(t).replacingOccurrences(of: "\n", with: "  \n"))
                    out.append("")
                }
            case .label(let t, let indent):
                let bold = "**\(Markdown.escape(t)):**"
                out.append(indent > 0 ? Markdown.listLine(depth: depth(indent), bold) : bold)
            case .labelled(let label, let t, let indent):
                let line = "**\(Markdown.escape(label)):** " + Markdown.escape(t)
                out.append(indent > 0 ? Markdown.listLine(depth: depth(indent), line) : line)
            case .blank: out.append("")
            }
        }
    }
}

/// Markdown escaping for text that comes from the store.
enum Markdown {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"]

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            if special.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// A list item at a nesting depth (four spaces per level, so numbered and bulleted lists nest alike).
    static func listLine(depth: Int, marker: String = "-", _ text: String) -> String {
        let pad = String(repeating: "    ", count: depth)
        return pad + marker + " " + text.replacingOccurrences(of: "\n", with: "  \n" + pad + "    ")
    }
}
