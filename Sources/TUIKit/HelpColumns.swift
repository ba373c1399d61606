/// Two aligned columns for help screens (keys or commands, then what they do): the label column as wide as the
/// widest label but at most a third of the width, the text wrapped under itself. Lines are already fitted to
/// `width`, so a view must show them as they are (re-wrapping would collapse the aligned column).
public enum HelpColumns {
    /// Columns the label column takes for these labels at this width.
    public static func labelWidth(_ labels: [String], width: Int) -> Int {
        min(labels.map { TextWidth.displayWidth(of: $0) }.max() ?? 0, max(4, max(10, width) / 3))
    }

    /// `  label  text` rows indented by `indent`, continuation lines under the text; never wider than `width`.
    public static func lines(
        _ rows: [(left: String, right: String)], width: Int, labelWidth: Int? = nil, indent: Int = 2
    ) -> [String] {
        let width = max(10, width)
        let labelCol = labelWidth ?? Self.labelWidth(rows.map(\.left), width: width)
        let textCol = indent + labelCol + 2
        var lines: [String] = []
        for row in rows {
            let label = TextWidth.fit(row.left, width: labelCol)
            for (i, part) in TextWrap.wrap(row.right, width: max(1, width - textCol)).enumerated() {
                let lead =
                    i == 0
                    ? String(repeating: " ", count: indent) + label + "  "
                    : String(repeating: " ", count: textCol)
                var line = lead + part
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
        }
        return lines
    }
}
