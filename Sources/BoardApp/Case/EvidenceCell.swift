import BoardModel
import TUIKit

/// The Evidence and Drug evidence cells of the Molecular table, fitted to their column so that a narrow pane (the
/// meeting's right pane at 100 columns, a whole screen at 80) shortens by rule instead of cutting at the edge
/// (`AMP/ASCO…`), and never loses a direction.
///
/// The rule, first form that fits wins:
/// - Level: the scale's full name and the level ("AMP/ASCO/CAP I-A"); the scale's short name ("AMP I-A", "NCT m1A";
///   `shortName`); the level code alone ("I-A").
/// - Drugs: every drug by direction ("Sotorasib; Adagrasib · resistance: Pembrolizumab"); then, the longest list
///   first, the last drugs of a direction folded into a count ("Sotorasib +1 · resistance: Pembrolizumab"), down to
///   one drug per direction; the same with short direction words ("resist.:", "reduced:", "adverse:"); then the drug
///   names cut with "…" inside each direction, the direction words and counts kept whole. Resistance is never cut
///   away.
enum EvidenceCell {
    /// The short name of a scale for a narrow column.
    static func shortName(_ scale: EvidenceScale) -> String {
        switch scale {
        case .oncokb: "OncoKB"
        case .civic: "CIViC"
        case .escat: "ESCAT"
        case .amp: "AMP"
        case .nct: "NCT"
        }
    }

    /// The level as it fits `width` columns.
    static func level(_ level: EvidenceLevel, width: Int) -> String {
        let forms = ["\(level.scale.rawValue) \(level.code)", "\(shortName(level.scale)) \(level.code)", level.code]
        return forms.first { TextWidth.displayWidth(of: $0) <= width } ?? level.code
    }

    /// The drugs by direction as they fit `width` columns.
    static func drugs(_ finding: Finding, width: Int) -> String {
        let parts = finding.drugEvidenceParts
        guard !parts.isEmpty else { return "" }
        func fits(_ text: String) -> Bool { TextWidth.displayWidth(of: text) <= width }
        // How many drugs each direction shows before "+N": drop from the longest list first.
        var shown = parts.map(\.drugs.count)
        func text(_ words: (ClinicalSignificance) -> String, cutTo share: Int? = nil) -> String {
            parts.indices.map { i in
                let drugs = parts[i].drugs
                var list = drugs.prefix(shown[i]).joined(separator: "; ")
                if let share { list = cut(list, to: share) }
                if shown[i] < drugs.count { list += " +\(drugs.count - shown[i])" }
                return parts[i].direction.map { words($0) + ": " + list } ?? list
            }.joined(separator: " · ")
        }
        while !fits(text(\.rawValue)),
            let longest = shown.indices.filter({ shown[$0] > 1 }).max(by: { shown[$0] < shown[$1] })
        {
            shown[longest] -= 1
        }
        if fits(text(\.rawValue)) { return text(\.rawValue) }
        if fits(text(shortWord)) { return text(shortWord) }
        // Cut the drug names, sharing what the direction words, counts and separators leave; when even that is too
        // wide, the counts go, then only the words against a drug stay.
        func shared(_ counted: Bool) -> String {
            if !counted { shown = shown.map { _ in Int.max } }
            let fixed = TextWidth.displayWidth(of: text(shortWord, cutTo: 0)) - parts.count
            return text(shortWord, cutTo: max(2, (width - fixed) / parts.count))
        }
        let counted = shared(true)
        if fits(counted) { return counted }
        let alone = shared(false)
        if fits(alone) { return alone }
        let against = parts.compactMap(\.direction).map(shortWord)
        return against.isEmpty ? alone : against.joined(separator: " · ")
    }

    /// "resist.", "reduced", "adverse": the direction words of the narrowest form.
    static func shortWord(_ direction: ClinicalSignificance) -> String {
        switch direction {
        case .resistance: "resist."
        case .reducedSensitivity: "reduced"
        case .adverseResponse: "adverse"
        default: direction.rawValue
        }
    }

    static func cut(_ text: String, to width: Int) -> String {
        guard TextWidth.displayWidth(of: text) > width else { return text }
        guard width > 0 else { return "…" }
        var out = ""
        for ch in text {
            if TextWidth.displayWidth(of: out + String(ch)) > width - 1 { break }
            out.append(ch)
        }
        return out + "…"
    }
}
