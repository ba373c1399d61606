import BoardModel
import Foundation

/// A VCF breakend ALT (VCF 4.3 §5.4): `t[p[`, `t]p]`, `]p]t`, `[p[t` with the partner `p` = chrom:pos, or a single
/// breakend `t.` / `.t`. The structural-variant type comes from the orientation seen from the lower coordinate
/// (EXPECTED.md §1.8): `t[p[` deletion, `]p]t` tandem duplication, two `t]p]` or two `[p[t` inversion, another
/// chromosome translocation; a deletion-type junction whose inserted sequence is at least 70 % of the deleted
/// length is an insertion (the GRIDSS/StructuralVariantAnnotation rule).
struct VCFBreakend {
    /// In VCF notation, in order: t[p[  t]p]  ]p]t  [p[t
    enum Shape { case tJoinedRight, tJoinedLeftReversed, leftJoinedBeforeT, rightReversedBeforeT }
    var shape: Shape?
    var partnerChrom: String?
    var partnerPosition: Int?
    /// Bases between the brackets and REF: the inserted sequence length.
    var inserted: Int
    var single: Bool

    init?(alt: String, ref: String) {
        if alt.hasPrefix(".") && alt.count > 1 {
            single = true
            inserted = alt.count - 1 - ref.count
            shape = nil
            return
        }
        if alt.hasSuffix(".") && alt.count > 1 && !alt.contains("[") && !alt.contains("]") {
            single = true
            inserted = alt.count - 1 - ref.count
            shape = nil
            return
        }
        single = false
        guard let open = alt.firstIndex(where: { $0 == "[" || $0 == "]" }) else { return nil }
        let bracket = alt[open]
        let afterOpen = alt.index(after: open)
        guard let close = alt[afterOpen...].firstIndex(of: bracket) else { return nil }
        let partner = alt[afterOpen..<close]
        guard let colon = partner.lastIndex(of: ":"), let pos = Int(partner[partner.index(after: colon)...]) else {
            return nil
        }
        var chrom = String(partner[..<colon])
        if chrom.hasPrefix("<") && chrom.hasSuffix(">") { chrom = String(chrom.dropFirst().dropLast()) }
        partnerChrom = chrom
        partnerPosition = pos
        let before = alt[..<open]
        let after = alt[alt.index(after: close)...]
        if !before.isEmpty {
            shape = bracket == "[" ? .tJoinedRight : .tJoinedLeftReversed
            inserted = before.count - ref.count
        } else {
            shape = bracket == "]" ? .leftJoinedBeforeT : .rightReversedBeforeT
            inserted = after.count - ref.count
        }
        inserted = max(0, inserted)
    }

    /// The type of the junction at `chrom:pos` (its mate, if any, seen the same way), with size and net length.
    func classify(chrom: String, pos: Int, inferred: Bool) -> (type: StructuralVariantType, size: Int?, length: Int?) {
        if single { return (inferred ? .inferredBreakend : .singleBreakend, nil, nil) }
        guard let partnerChrom, let partnerPosition, let shape else { return (.breakend, nil, nil) }
        if partnerChrom != chrom { return (.translocation, nil, nil) }
        let lower = pos <= partnerPosition
        // Seen from the lower coordinate: the higher end's ]p]t is the lower end's t[p[, and the reverse.
        var s = shape
        if !lower {
            switch shape {
            case .tJoinedRight: s = .leftJoinedBeforeT
            case .leftJoinedBeforeT: s = .tJoinedRight
            default: break
            }
        }
        let distance = abs(partnerPosition - pos)
        switch s {
        case .tJoinedRight:
            let deleted = distance - 1
            // Mostly inserted sequence: an insertion, sized by what was inserted.
            if inserted > 0 && Double(inserted) >= 0.7 * Double(deleted) {
                return (.insertion, inserted, inserted - deleted)
            }
            return (.deletion, deleted, inserted - deleted)
        case .leftJoinedBeforeT:
            let duplicated = distance + 1
            return (.duplication, duplicated, duplicated + inserted)
        case .tJoinedLeftReversed, .rightReversedBeforeT:
            return (.inversion, distance, nil)
        }
    }
}
