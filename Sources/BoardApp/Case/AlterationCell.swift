import BoardModel
import Foundation

/// The Molecular tab's Alteration cell: the finding's label, except for a rearrangement, which says what a board
/// member reads first in a narrow column: the kind, where it is and its size ("deletion 1:11851618 12.3 kb"), the
/// partner chromosome ("breakend 2:29446394 → 7:55019017") or the partner genes ("BCR::ABL1"). When the column is
/// too narrow the position goes before the size does ("deletion 12.3 kb chr1"), so a number is never cut (a cut
/// "1:118516…" reads as another locus). The full locus stays in the finding's detail.
enum AlterationCell {
    static func text(_ f: Finding, width: Int = .max) -> String {
        guard f.kind == .structural else { return f.label }
        if let partners = f.partners, partners.count > 1 { return partners.joined(separator: "::") }
        let lead = [f.gene, shortType(f.svType)].compactMap { $0 }.joined(separator: " ")
        let size = size(of: f)
        var candidates: [String] = []
        if let chrom = f.chrom, let position = f.position {
            let other = f.partnerChrom.flatMap { $0 == chrom ? nil : $0 }
            let place =
                "\(chrom):\(position)"
                + (other.map { o in " → \(o)" + (f.partnerPosition.map { ":\($0)" } ?? "") } ?? "")
            candidates.append([lead, place, size].compactMap { $0 }.joined(separator: " "))
            let chromosomes = "chr\(chrom)" + (other.map { " → chr\($0)" } ?? "")
            candidates.append([lead, size, chromosomes].compactMap { $0 }.joined(separator: " "))
            if let other { candidates.append("\(lead) → chr\(other)") }
        } else if let span = f.span {
            candidates.append([lead, span, size].compactMap { $0 }.joined(separator: " "))
        }
        candidates.append([lead, size].compactMap { $0 }.joined(separator: " "))
        return candidates.first { $0.count <= width } ?? candidates.last!
    }

    /// Kinds in at most 13 characters ("tandem dup", "breakend"): the cell's room is for the place and the size.
    static func shortType(_ type: StructuralVariantType?) -> String {
        switch type {
        case .tandemDuplication: "tandem dup"
        case .copyNumberVariation: "CNV"
        case .breakend: "breakend"
        case let t?: t.label
        case nil: "rearrangement"
        }
    }

    /// The rearrangement's size: the caller's size, else |SVLEN|, else END − POS on one chromosome; nil when none
    /// is known (a breakend to another chromosome has no size).
    static func size(of f: Finding) -> String? {
        var bases: Int?
        if let s = f.svSize {
            bases = abs(s)
        } else if let l = f.svLength {
            bases = abs(l)
        } else if let p = f.position, f.partnerChrom == nil || f.partnerChrom == f.chrom,
            let end = f.partnerPosition ?? f.end, end > p
        {
            bases = end - p
        }
        guard let bases, bases > 0 else { return nil }
        return format(bases: bases)
    }

    /// "850 bp", "12.3 kb", "1.2 Mb": three significant figures at most.
    static func format(bases: Int) -> String {
        switch bases {
        case ..<1_000: return "\(bases) bp"
        case ..<999_500: return Self.decimal(Double(bases) / 1_000) + " kb"
        default: return Self.decimal(Double(bases) / 1_000_000) + " Mb"
        }
    }

    private static func decimal(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}
