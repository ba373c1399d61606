import BoardModel
import Foundation

/// A swimmer plot in text: one bar per precedent from its treatment start, as long as the time on treatment,
/// with responses, progression, stop, death and ongoing treatment marked by distinct glyphs (readable without
/// colour), an axis in months and a legend. Precedents without a treatment say why in words instead of a bar.
public enum SwimmerPlot {
    public static let bar: Character = "━"
    public static let response: Character = "●"
    public static let stable: Character = "○"
    public static let progression: Character = "✕"
    public static let stopped: Character = "■"
    public static let died: Character = "†"
    public static let ongoing: Character = "▶"

    static let labelWidth = 24
    static let noteWidth = 22

    /// The plot for `width` columns (at least 60): axis, one line per precedent, legend.
    public static func lines(_ precedents: [Precedent], width: Int) -> [String] {
        let plotWidth = max(20, width - labelWidth - noteWidth - 2)
        let longest = precedents.compactMap { $0.course?.daysOnTreatment }.max() ?? 0
        // Whole months per column, so ticks fall on round numbers.
        let months = max(1, Int((Double(longest) / 30.44).rounded(.up)))
        let perColumn = max(1, Int((Double(months) / Double(plotWidth - 1)).rounded(.up)))
        let columns = max(2, Int((Double(longest) / 30.44 / Double(perColumn)).rounded(.up)) + 1)
        var out = [pad("", labelWidth) + " " + axis(columns: columns, perColumn: perColumn)]
        for p in precedents {
            let label = pad(
                p.label + (p.oncotreeCode.map { " \($0)" } ?? "") + (p.institution == nil ? "" : " ext"), labelWidth)
            guard let course = p.course, let days = course.daysOnTreatment else {
                let why =
                    p.course?.notStarted == true
                    ? "treatment not started"
                    : p.course?.treatment != nil
                        ? "treatment started, nothing recorded since" : "no treatment outcome recorded"
                out.append(label + " " + why)
                continue
            }
            var cells = Array(repeating: Character(" "), count: columns + 1)
            let column = { (day: Int) in min(columns, max(0, Int((Double(day) / 30.44 / Double(perColumn)).rounded())))
            }
            let end = column(days)
            for i in 0...end { cells[i] = bar }
            for mark in course.responses {
                let glyph: Character? =
                    PrecedentCourse.isResponse(mark.category)
                    ? response : (["SD", "ISD", "NMR"].contains(mark.category.uppercased()) ? stable : nil)
                if let glyph { cells[column(mark.day)] = glyph }
            }
            // Stop and death first, so progression (what the board most needs to see) wins a shared column.
            if let day = course.deathDay, day <= days {
                cells[column(day)] = died
            } else if let day = course.stopDay {
                cells[column(day)] = stopped
            }
            if let day = course.progressionDay { cells[column(day)] = progression }
            if course.ongoing { cells[min(columns, end + 1)] = ongoing }
            let note =
                String(format: "%.1f mo", Double(days) / 30.44)
                + (course.bestResponse.map { " best \($0)" } ?? "") + (course.ongoing ? " ongoing" : "")
            out.append(label + " " + String(cells) + " " + note)
        }
        out.append(
            "\(bar) on treatment (1 column = \(perColumn) month\(perColumn == 1 ? "" : "s"))  \(response) response (CR/PR)  "
                + "\(stable) stable  \(progression) progression  \(stopped) stopped  \(died) died  \(ongoing) ongoing"
                + (precedents.contains { $0.institution != nil } ? "  ext = partner board" : ""))
        return out
    }

    /// "0    3    6    9 months": a tick label every few columns.
    static func axis(columns: Int, perColumn: Int) -> String {
        let step = columns > 40 ? 10 : 5
        var line = Array(repeating: Character(" "), count: columns + 1)
        var column = 0
        while column <= columns {
            let text = Array(String(column * perColumn))
            if column + text.count <= columns + 1 {
                for (i, ch) in text.enumerated() { line[column + i] = ch }
            }
            column += step
        }
        return String(line) + " months"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count > width
            ? String(text.prefix(width - 1)) + "…" : text + String(repeating: " ", count: width - text.count)
    }
}
