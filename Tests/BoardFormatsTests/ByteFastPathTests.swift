import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// The byte paths the VCF and MAF readers take for plain ASCII values (import speed) must answer exactly as the text
/// paths they stand in for, which stay for every other value: an annotation entry into a finding, a MAF protein
/// change, the ITD gene suffix.
@Suite struct ByteFastPathTests {
    static let layout = VCFAnnotationLayout(
        key: "CSQ",
        description:
            "Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Feature|EXON|HGVSc|HGVSp|Amino_acids|Protein_position|HGVSp_short"
    )!

    static let entries = [
        "T|missense_variant&splice_region_variant|MODERATE|BRAF|ENST00000288602|15/18|ENST00000288602.6:c.1799T>A|ENSP00000288602.6:p.Val600Glu|V/E|600|",
        "T|synonymous_variant|LOW|BRAF|ENST1|.|ENST1:c.1800A>G|ENST1:c.1800A>G|A|601|",
        "T|stop_gained|HIGH|TP53|ENST2||ENST2:c.1A>T|ENSP2:p.Ser60%3D|S/*|60|",
        "T|frameshift_variant|HIGH|KRAS|ENST3|2/5||.|G/X|12|",
        "T|intron_variant|MODIFIER|.|.|.|c.5+1G>A|p.?|||",
        "T|x|y|GENE|TX|1|NC_000001.11:g.123A>T|ENSP:q.foo|||p.V1E",
        "T|x|y|GENE|TX|1|chrM:m.1A>G|X:r.1a>g|||X:n.1",
        "T|a|b|Ünï|TX|1|ENST:c.1A>G|ENSP:p.M1?|||",
        "T|a&b|b|G|TX|1|ENST:c.1A%3BG|ENSP:p.Lys1%2CArg|||",
        "T|short",
        "T||||||:|:p.|||",
        "T|||||||p|||",
        "",
    ]

    @Test func anAnnotationEntryFillsAFindingAsItsTextDoes() {
        for text in Self.entries {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { line in
                let parts = line.fields(separator: 0x7C)
                let base = Finding(id: "k", kind: .snv, chrom: "1", position: 5, ref: "A", alt: "T")
                var fast = base
                var slow = base
                VCFRecordParser.fill(&fast, entry: AnnotationEntry(parts), layout: Self.layout)
                VCFRecordParser.fill(&slow, entry: parts.map(\.string), layout: Self.layout)
                #expect(fast == slow, "\(text)")
            }
        }
        // The byte path is the one taken for ASCII entries (and it fills).
        Array("a|b".utf8).withUnsafeBufferPointer { line in
            #expect(AnnotationEntry(line.fields(separator: 0x7C)).isASCII)
        }
    }

    @Test func aMAFProteinChangeReadsAsItsTextDoes() {
        let values = [
            "p.V600E", " V536L ", "627_628insMISENMK", "NULL", "e6-1", "in_frame_ins", "c.35G>A", "p.E746_A750delinsQ>",
            "p.A>B1", "*123*", "p.", "", "\tp.K1del", "p.Vàl600Glu", " ", "12", "p.L858R ", "x1", "Q61H",
            "p.*757Lext*?",
            "P.V600E", "p.p.V600E", "delins>1", "A1delin>s",
        ]
        for v in values {
            #expect(MAFReader.Reader.protein(v) == MAFReader.Reader.proteinText(v), "\(v)")
        }
    }

    @Test func theITDSuffixReadsAsUpperCasingDoes() {
        for gene in [
            "FLT3_ITD", "flt3_itd", "_ITD", "_iTd", "ITD", "MET", "FLT3_ITDX", "FLT3\u{7F}ITD", "Straße_itd",
            "FLT3-ITD",
        ] {
            #expect(MAFReader.endsWithITD(gene) == gene.uppercased().hasSuffix("_ITD"), "\(gene)")
        }
    }
}
