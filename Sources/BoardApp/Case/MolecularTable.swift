import BoardFormats
import BoardModel
import Foundation
import TUIKit

/// The Molecular tab's table at one width: its columns, and each finding's cells fitted to them by rule
/// (`AlterationCell`, `ClassificationCell`, `EvidenceCell`), not cut at the edge.
/// - 100 columns and wider: Class in words, then Tumour (is the best evidence for this tumour?) and Origin last.
/// - Narrower: germline or somatic stays visible, the Origin column before the evidence (a table gives its last
///   columns up first), and Class takes the standard abbreviations.
/// - Below 70 columns (meeting mode's right pane at 100): the Kind column gives its room to the evidence (the
///   alteration's own label says what kind it is, and the filter (f) names kinds) and Origin reads germ, som, unk,
///   so the drug stays readable.
struct MolecularTable: Sendable {
    let wide: Bool
    let showKind: Bool
    let columns: [Table.Column]
    private var alterationWidth = 0
    private var classWidth = 0
    private var levelWidth = 0
    private var drugWidth = 0

    init(width: Int) {
        wide = width >= 100
        showKind = width >= 70
        columns = Self.columns(wide: wide, showKind: showKind)
    }

    private static func columns(wide: Bool, showKind: Bool) -> [Table.Column] {
        var columns: [Table.Column] = [.init("Alteration", minWidth: 14, flex: showKind ? 2 : 1)]
        if showKind { columns.append(.init("Kind", minWidth: 6, maxWidth: 6)) }
        columns.append(.init("VAF", minWidth: 4, maxWidth: 5, alignment: .right))
        if !wide {
            columns.append(
                showKind ? .init("Origin", minWidth: 8, maxWidth: 8) : .init("Orig", minWidth: 4, maxWidth: 4))
        }
        columns += [
            wide
                ? .init("Class", minWidth: 6, maxWidth: 17, flex: 1)
                : .init("Class", minWidth: ClassificationCell.narrowWidth, maxWidth: ClassificationCell.narrowWidth),
            .init("Evidence", minWidth: wide ? 17 : 9, maxWidth: 18),
            .init("Drug evidence", minWidth: 13, flex: 5),
        ]
        if wide { columns += [.init("Tumour", minWidth: 6, maxWidth: 8), .init("Origin", minWidth: 8, maxWidth: 9)] }
        return columns
    }

    /// Learns the widths the table gives its columns (`Table.columnWidths`), which the cells are fitted to.
    mutating func fit(_ widths: [Int]) {
        levelWidth = widths[columns.firstIndex { $0.title == "Evidence" }!]
        drugWidth = widths[columns.firstIndex { $0.title == "Drug evidence" }!]
        classWidth = widths[columns.firstIndex { $0.title == "Class" }!]
        alterationWidth = widths[0]
    }

    /// One finding's row; `diagnosis` is the case's OncoTree code, which the Tumour column compares the best
    /// evidence's tumour with.
    func cells(_ f: Finding, diagnosis code: String?) -> [Table.Cell] {
        let best = f.bestEvidence
        // An unknown origin under somatic (or germline) evidence reads "unknown!" in the warning role: the evidence
        // may not apply (the detail view says it in words).
        let caution = f.originCaution != nil
        let originText =
            (showKind ? f.origin.rawValue : [.germline: "germ", .somatic: "som", .unknown: "unk"][f.origin] ?? "")
            + (caution ? "!" : "")
        let origin = Table.Cell(originText, role: caution ? .warning : f.origin == .germline ? .highlight : nil)
        var cells: [Table.Cell] = [
            .init(
                AlterationCell.text(f, width: alterationWidth) + (f.filterMark.map { " (\($0))" } ?? ""),
                role: f.isFiltered ? .dim : nil,
                bold: best != nil),
            .init(f.kind == .biomarker ? "Marker" : f.kind.label),
            .init(f.vaf.map { String(format: "%.0f%%", $0 * 100) } ?? ""),
            .init(
                wide ? f.classification?.label ?? "" : ClassificationCell.text(f.classification, width: classWidth),
                role: f.classification == .vus ? .dim : nil),
            .init(
                best.map { EvidenceCell.level($0.level, width: levelWidth) } ?? "—",
                role: best.map { EvidenceRole.role(tier: $0.displayTier) } ?? .dim),
            .init(
                EvidenceCell.drugs(f, width: drugWidth),
                role: best.map { $0.isTreatmentOption ? nil : ($0.isAgainstDrug ? .levelResistance : .dim) } ?? nil),
        ]
        if !wide { cells.insert(origin, at: 3) }
        if !showKind { cells.remove(at: 1) }
        if wide {
            let here: String
            if let evidenceCode = best?.oncotreeCode, let code {
                here = OncoTree.bundled.isWithin(code, evidenceCode) ? "this" : "other"
            } else {
                here = best == nil ? "" : "?"
            }
            cells += [.init(here, role: here == "other" ? .warning : nil), origin]
        }
        return cells
    }
}
