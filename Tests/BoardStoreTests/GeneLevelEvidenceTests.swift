import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// CIViC's categorical "Mutation" pools patients whose gene carried a protein-altering change (civic-docs: Mutation,
/// "all genetic variants within a gene"; variant_origin Somatic / Rare Germline / Common Germline). It reaches only a
/// plausibly functional finding of a compatible origin; the new-user run's silent, UTR, intronic and germline
/// examples get none of it.
@Suite("Gene-level evidence reaches only functional findings")
struct GeneLevelEvidenceTests {
    static func entry(_ origin: VariantOrigin?) -> EvidenceEntry {
        EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "C"), type: "Predictive",
            significance: "Sensitivity/Response", therapy: "Everolimus", origin: origin)
    }

    static func snv(
        _ gene: String, p: String? = nil, c: String? = nil, consequence: String? = nil,
        origin: VariantOrigin = .somatic, kind: FindingKind = .snv
    ) -> Finding {
        Finding(id: "F", kind: kind, gene: gene, hgvsC: c, hgvsP: p, consequence: consequence, origin: origin)
    }

    /// The report's examples: none of them is a functional somatic change.
    @Test(arguments: [
        snv("MTOR", c: "c.4731G>A", consequence: "synonymous_variant", origin: .germline),
        snv("DNMT3A", c: "c.*1234C>T", consequence: "3_prime_UTR_variant"),
        snv("CSF3R", consequence: "intron_variant", origin: .germline),
        snv("RIT1", consequence: "upstream_gene_variant"),
        snv("H3-3A", consequence: "downstream_gene_variant"),
        snv("U2AF1", p: "p.Ile24=", consequence: "synonymous_variant"),
        snv("SMO", p: "p.Q555="),
        snv("TP53", p: "p.T125T", consequence: "Silent"),
        snv("RUNX1", c: "c.508+8A>G", consequence: "splice_region_variant,intron_variant"),
        snv("RUNX1", c: "c.508+8A>G"),
        snv("ERBB4", kind: .indel),
        snv("ERBB4", c: "c.1-5del", origin: .germline, kind: .indel),
    ])
    func notFunctionalOrUnknownGetsNone(_ f: Finding) {
        #expect(!EvidenceMatch.matches("MUTATION", f, origin: .somatic), "\(f.gene ?? "") \(f.consequence ?? "-")")
        #expect(!EvidenceMatch.matches("MUTATION", f, origin: nil))
    }

    @Test(arguments: [
        snv("TP53", p: "p.R175H", consequence: "missense_variant"),
        snv("TP53", p: "p.Arg175His"),
        snv("KRAS", consequence: "Missense_Mutation"),
        snv("BRCA2", c: "c.5946del", consequence: "frameshift_variant", kind: .indel),
        snv("MET", c: "c.3028+1G>A", consequence: "splice_donor_variant&intron_variant"),
        snv("EGFR", consequence: "nonframeshift deletion", kind: .indel),
        snv("NOTCH1", consequence: "missense_variant,splice_region_variant"),
    ])
    func functionalSomaticGetsIt(_ f: Finding) {
        #expect(EvidenceMatch.matches("MUTATION", f, origin: .somatic), "\(f.gene ?? "") \(f.consequence ?? "-")")
        #expect(EvidenceMatch.matches("Mutation", f, origin: nil))
    }

    @Test func originsMustAgree() {
        let germlineFrameshift = Self.snv(
            "BRCA2", p: "p.Ser1982fs", consequence: "frameshift_variant", origin: .germline)
        #expect(!EvidenceMatch.matches("MUTATION", germlineFrameshift, origin: .somatic))
        #expect(EvidenceMatch.matches("MUTATION", germlineFrameshift, origin: .germline))
        #expect(EvidenceMatch.matches("MUTATION", germlineFrameshift, origin: nil))
        let somaticMissense = Self.snv("BRCA2", p: "p.D191G", consequence: "missense_variant")
        #expect(!EvidenceMatch.matches("MUTATION", somaticMissense, origin: .germline))
        let unknownOrigin = Self.snv("BRCA2", p: "p.D191G", consequence: "Missense_Mutation", origin: .unknown)
        #expect(EvidenceMatch.matches("MUTATION", unknownOrigin, origin: .somatic))
    }

    /// A named variant still matches by name whatever the gene-level rule says.
    @Test func namedVariantsAreUnchanged() {
        let f = Self.snv("BRAF", p: "p.Val600Glu", consequence: "missense_variant", origin: .germline)
        #expect(EvidenceMatch.matches("V600E", f, origin: .somatic))
    }

    /// CIViC's names (civic-docs, variant names): "S65W (c.194C>G)" is the protein change with its c. notation;
    /// "P86fs" is any frameshift from that residue ("P86Afs*46" is its alias).
    @Test func civicNamingConventions() {
        let vhl = Self.snv("VHL", p: "p.Arg167Gln", consequence: "missense_variant", origin: .germline)
        #expect(EvidenceMatch.matches("R167Q (c.500G>A)", vhl))
        #expect(!EvidenceMatch.matches("R167W (c.499C>T)", vhl))
        let brca1 = Self.snv("BRCA1", p: "p.Pro968LeufsTer12", consequence: "frameshift_variant", kind: .indel)
        #expect(EvidenceMatch.matches("P968FS", brca1))
        #expect(!EvidenceMatch.matches("P96FS", brca1))
    }

    /// Through the index: gene-level entries skip the silent finding, and a GRCh37 locus never places evidence on a
    /// GRCh38 finding at the same numbers.
    @Test func indexAppliesTheRuleAndTheBuild() {
        let entry = Self.entry(.somatic)
        let locus = EvidenceLocus(
            gene: "BRAF", variant: "V600E", build: "GRCh37", chrom: "7", start: 140_453_136, ref: "A", alt: "T")
        let index = EvidenceIndex(
            [
                EvidenceAttachment(gene: "MTOR", variant: "MUTATION", entry: entry),
                EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: entry),
            ], loci: [locus])
        var silent = Self.snv("MTOR", p: "p.Ser1577=", consequence: "synonymous_variant")
        #expect(index.apply(to: &silent, build: "GRCh38").added == 0)
        var missense = Self.snv("MTOR", p: "p.Glu2014Lys", consequence: "missense_variant")
        #expect(index.apply(to: &missense, build: "GRCh38").added == 1)
        var unnamed = Finding(id: "F", kind: .snv, chrom: "7", position: 140_453_136, ref: "A", alt: "T")
        #expect(index.apply(to: &unnamed, build: "GRCh38").added == 0)
        #expect(index.apply(to: &unnamed, build: "GRCh37").added == 1)
    }
}
