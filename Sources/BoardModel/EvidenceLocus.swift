import Foundation

/// Where a knowledge-base variant ("BRAF V600E") lies on a genome build: chromosome, start, stop and alleles as a
/// CIViC export gives them (variant summaries, and the coordinates of evidence rows before the molecular-profile
/// layout). Evidence named "gene variant" then also reaches a finding at that position with those alleles, even
/// when the finding's annotation names the change differently or not at all (an unannotated VCF).
public struct EvidenceLocus: Codable, Sendable, Hashable {
    public var gene: String
    public var variant: String
    /// GRCh37, GRCh38 or NCBI36.
    public var build: String
    public var chrom: String
    public var start: Int
    public var stop: Int?
    /// Reference and variant bases; empty for the missing side of an insertion or deletion.
    public var ref: String
    public var alt: String

    public init(
        gene: String, variant: String, build: String, chrom: String, start: Int, stop: Int? = nil, ref: String,
        alt: String
    ) {
        self.gene = gene
        self.variant = variant
        self.build = build
        self.chrom = chrom
        self.start = start
        self.stop = stop
        self.ref = ref
        self.alt = alt
    }

    /// The site as `Site` compares it, nil when the alleles are not plain bases.
    public var site: Site? { Site(chrom: chrom, position: start, ref: ref, alt: alt) }

    /// GRCh37, GRCh38 or NCBI36 from the ways files name them ("hg19", "37", "GRCh37.p13", "b37"); nil otherwise.
    public static func build(_ text: String?) -> String? {
        guard let t = text?.lowercased().trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        if t == "38" || t.contains("grch38") || t.contains("hg38") || t == "b38" { return "GRCh38" }
        if t == "37" || t.contains("grch37") || t.contains("hg19") || t == "b37" { return "GRCh37" }
        if t == "36" || t.contains("ncbi36") || t.contains("hg18") || t == "b36" { return "NCBI36" }
        return nil
    }

    /// One change at one place, written the same way whatever the source's convention: chromosome without "chr"
    /// ("M" for the mitochondrion), alleles upper case with "-" read as empty, shared leading and trailing bases
    /// removed. VCF pads an insertion or deletion with the base before it; MAF and CIViC do not, and put an
    /// insertion's start on the base before it. So after trimming, a deletion starts at its first deleted base and
    /// an insertion sits at the base before it, in all three.
    public struct Site: Hashable, Sendable {
        public let chrom: String
        public let position: Int
        public let ref: String
        public let alt: String

        public init?(chrom: String, position: Int, ref: String, alt: String) {
            var c = chrom.trimmingCharacters(in: .whitespaces)
            if c.lowercased().hasPrefix("chr") { c = String(c.dropFirst(3)) }
            c = c.uppercased()
            if c == "MT" { c = "M" }
            var r = Array(ref == "-" ? "" : ref.uppercased())
            var a = Array(alt == "-" ? "" : alt.uppercased())
            guard !c.isEmpty, r != a, (r + a).allSatisfy({ "ACGTN".contains($0) }) else { return nil }
            var lead = 0
            while lead < r.count, lead < a.count, r[lead] == a[lead] { lead += 1 }
            r.removeFirst(lead)
            a.removeFirst(lead)
            var trail = 0
            while let x = r.last, let y = a.last, x == y {
                r.removeLast()
                a.removeLast()
                trail += 1
            }
            var p = position + lead
            // An insertion sits at the base before it: the last leading base trimmed (VCF's padding), or the base
            // before `position` when only trailing bases were shared; written without padding (MAF, CIViC) it is
            // already there.
            if r.isEmpty, lead > 0 || trail > 0 { p -= 1 }
            self.chrom = c
            self.position = p
            self.ref = String(r)
            self.alt = String(a)
        }
    }
}
