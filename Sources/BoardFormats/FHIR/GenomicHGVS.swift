import Foundation

/// Where a genomic HGVS expression places a variant (HGVS nomenclature, g. coordinate type): the reference
/// sequence's chromosome, first and last position, and the alleles of a substitution. "NC_000007.13:g.140453136A>T"
/// → 7:140453136 A>T; "2:g.212578380del" → 2:212578380; "NC_000017.11:g.7674220_7674221del" → 17:7674220-7674221.
/// The chromosome comes from a RefSeq chromosome accession (NC_000001–NC_000024: 1–22, X, Y) or a bare name; any
/// other reference (a contig, a transcript) places nothing.
struct GenomicHGVS {
    var chrom: String
    var start: Int
    var end: Int?
    var ref: String?
    var alt: String?

    init?(_ expression: String) {
        guard let g = expression.range(of: ":g.") else { return nil }
        let reference = String(expression[..<g.lowerBound])
        guard let chrom = Self.chromosome(reference) else { return nil }
        let change = expression[g.upperBound...]
        let digits = change.prefix { $0.isNumber }
        guard let start = Int(digits) else { return nil }
        self.chrom = chrom
        self.start = start
        var rest = change.dropFirst(digits.count)
        if rest.first == "_" {
            let last = rest.dropFirst().prefix { $0.isNumber }
            end = Int(last)
            rest = rest.dropFirst(1 + last.count)
        }
        let parts = rest.split(separator: ">", omittingEmptySubsequences: false)
        if parts.count == 2, end == nil, parts.allSatisfy({ $0.count == 1 && "ACGT".contains($0) }) {
            ref = String(parts[0])
            alt = String(parts[1])
        }
    }

    static func chromosome(_ reference: String) -> String? {
        if reference.hasPrefix("NC_0000") {
            let number = reference.dropFirst(7).prefix { $0.isNumber }
            guard let n = Int(number), (1...24).contains(n) else { return nil }
            return n == 23 ? "X" : n == 24 ? "Y" : String(n)
        }
        let bare = reference.hasPrefix("chr") ? String(reference.dropFirst(3)) : reference
        if let n = Int(bare), (1...22).contains(n) { return String(n) }
        return ["X", "Y", "M", "MT"].contains(bare) ? bare : nil
    }
}
