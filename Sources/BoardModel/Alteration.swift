import Foundation

/// A finding reduced to what precedents compare: the gene, the class of alteration and the exact change.
/// Only findings that could drive a decision count (see `init?(_:)`): comparing every passenger VUS of an
/// exome would make every case similar to every other.
public struct Alteration: Codable, Sendable, Hashable {
    /// The HGNC symbol, upper case.
    public var gene: String
    public var alterationClass: AlterationClass
    /// The exact change in a comparable form: one-letter protein change ("L858R"), the fusion's partners
    /// ("FGFR2::BICC1") or the copy-number call; nil when the record does not say.
    public var change: String?

    public init(gene: String, alterationClass: AlterationClass, change: String? = nil) {
        self.gene = gene.uppercased()
        self.alterationClass = alterationClass
        self.change = change
    }

    /// The finding's alteration when it is one a board decides on: a fusion, or a variant or copy-number change
    /// that is classified (likely) oncogenic or pathogenic or carries knowledge-base evidence. The store keeps the
    /// same rule in SQL (the `alteration_key` triggers, Schema v4); `AlterationKeyTests` hold the two together.
    public init?(_ finding: Finding) {
        guard let gene = finding.gene, !gene.isEmpty, Self.isDecisive(finding) else { return nil }
        switch finding.kind {
        case .snv, .indel:
            self.init(
                gene: gene, alterationClass: .mutation,
                change: Self.comparable(protein: finding.hgvsP ?? finding.hgvsPShort ?? finding.hgvsC))
        case .fusion:
            self.init(gene: gene, alterationClass: .fusion, change: finding.partners.map { $0.joined(separator: "::") })
        case .structural:
            self.init(gene: gene, alterationClass: .rearrangement, change: nil)
        case .copyNumber:
            let call = finding.copyNumberCall
            self.init(
                gene: gene, alterationClass: AlterationClass(copyNumberCall: call), change: call?.rawValue)
        case .biomarker:
            return nil
        }
    }

    /// The rule of `init?(_:)` without the gene.
    public static func isDecisive(_ finding: Finding) -> Bool {
        if finding.kind == .biomarker { return false }
        if finding.kind == .fusion || finding.evidenceRank < 99 { return true }
        switch finding.classification {
        case .oncogenic, .likelyOncogenic, .pathogenic, .likelyPathogenic: return true
        default: return false
        }
    }

    /// A stored change (protein change as written, partners, call) in the form `change` holds.
    public static func comparable(change: String?, of alterationClass: AlterationClass) -> String? {
        alterationClass == .mutation ? comparable(protein: change) : change
    }

    /// "p.Val600Glu", "p.(V600E)", "V600E" → "V600E"; "p.Arg320Ter" → "R320*". Other HGVS passes through upper-cased.
    public static func comparable(protein hgvs: String?) -> String? {
        guard var text = hgvs?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.hasPrefix("p.") { text.removeFirst(2) }
        text = text.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 3, limitedBy: text.endIndex) ?? text.endIndex
            if let one = threeLetter[String(text[index..<end])] {
                out += one
                index = end
            } else {
                out.append(text[index])
                index = text.index(after: index)
            }
        }
        return out.uppercased()
    }

    static let threeLetter: [String: String] = [
        "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E", "Gly": "G", "His": "H",
        "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F", "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W",
        "Tyr": "Y", "Val": "V", "Ter": "*", "Sec": "U", "Xaa": "X",
    ]

    /// "FGFR2 fusion (FGFR2::BICC1)", "EGFR L858R", "ERBB2 amplification".
    public var label: String {
        switch alterationClass {
        case .mutation: return [gene, change ?? "mutation"].joined(separator: " ")
        case .fusion: return "\(gene) fusion" + (change.map { " (\($0))" } ?? "")
        default: return "\(gene) \(alterationClass.rawValue)"
        }
    }
}

/// The class of an alteration, the middle level of precedent similarity ("same gene and class").
public enum AlterationClass: String, Codable, Sendable, CaseIterable {
    case mutation, fusion, amplification, gain, deletion, rearrangement
    case copyNumber = "copy-number change"

    public init(copyNumberCall call: CopyNumberCall?) {
        switch call {
        case .amplification: self = .amplification
        case .gain: self = .gain
        case .heterozygousDeletion, .homozygousDeletion: self = .deletion
        case nil: self = .copyNumber
        }
    }
}
