import Foundation

/// Text rules for annotation values: HGVS without its sequence id, VEP's escapes, and protein changes written
/// from amino-acid fields when the file has no HGVSp.
enum VCFAnnotationText {
    static func withoutSequence(_ s: String) -> String {
        guard let colon = s.firstIndex(of: ":") else { return s }
        let rest = s[s.index(after: colon)...]
        return rest.hasPrefix("c.") || rest.hasPrefix("p.") || rest.hasPrefix("n.") || rest.hasPrefix("g.")
            || rest.hasPrefix("m.") || rest.hasPrefix("r.") ? String(rest) : s
    }

    /// VEP percent-escapes "=", ";" and "," in HGVS (`p.Ser60%3D`).
    static func decodeVEP(_ s: String) -> String {
        guard s.contains("%") else { return s }
        return s.replacingOccurrences(of: "%3D", with: "=").replacingOccurrences(of: "%3B", with: ";")
            .replacingOccurrences(of: "%2C", with: ",")
    }

    /// "G/W" at 100 → p.G100W; "W/*" → p.W15*; "K/X" with a frameshift → p.K778fs; "K" alone (synonymous) → p.K100=.
    static func derivedProtein(aminoAcids: String, position: String, consequence: String?) -> String? {
        let pos = position.split(separator: "/").first.map(String.init) ?? position
        guard Int(pos) != nil else { return nil }
        let parts = aminoAcids.split(separator: "/").map(String.init)
        guard let from = parts.first, from.count == 1, from != "-" else { return nil }
        if (consequence ?? "").contains("frameshift") { return "p.\(from)\(pos)fs" }
        if parts.count == 1 { return (consequence ?? "").contains("synonymous") ? "p.\(from)\(pos)=" : nil }
        let to = parts[1]
        guard to.count == 1, to != "-" else { return nil }
        return "p.\(from)\(pos)\(to == "X" ? "*" : to)"
    }

    /// bcftools csq "141T>141A" / "36R>36*" → p.T141A / p.R36*: single-residue changes only, marked derived.
    static func bcsqProtein(_ change: String) -> String? {
        let sides = change.split(separator: ">").map(String.init)
        guard sides.count == 2 else { return nil }
        func split(_ s: String) -> (Int, String)? {
            let digits = s.prefix { $0.isNumber }
            let rest = s.dropFirst(digits.count)
            guard let n = Int(digits), rest.count == 1 else { return nil }
            return (n, String(rest))
        }
        guard let (p1, a1) = split(sides[0]), let (p2, a2) = split(sides[1]), p1 == p2, a1 != "*" || a2 != "*" else {
            return nil
        }
        return "p.\(a1)\(p1)\(a1 == a2 ? "=" : a2)"
    }
}
