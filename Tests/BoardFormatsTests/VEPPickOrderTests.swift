import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// Ensembl VEP's documented transcript choice (--pick / --flag_pick, default --pick_order: mane_select,
/// mane_plus_clinical, canonical, appris, tsl, biotype, ccds, rank, length): the entry a VEP file's finding
/// describes. A PICK flag VEP wrote wins; otherwise the criteria in that order; ties keep the first entry.
@Suite("VEP transcript choice by its --pick_order")
struct VEPPickOrderTests {
    static let header =
        "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: "
        + "Allele|Consequence|IMPACT|SYMBOL|Feature|BIOTYPE|HGVSc|CANONICAL|MANE_SELECT|APPRIS|TSL|CCDS|PICK\">\n"

    func transcript(_ entries: [String]) throws -> String? {
        let text =
            "##fileformat=VCFv4.3\n" + Self.header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
            + "1\t14976\t.\tG\tA\t.\tPASS\tCSQ=" + entries.joined(separator: ",") + "\n"
        let payload = try VCFReader.read(data: Data(text.utf8), file: "t.vcf")
        return payload.findingSets.flatMap(\.findings).first?.transcript
    }

    /// Allele|Consequence|IMPACT|SYMBOL|Feature|BIOTYPE|HGVSc|CANONICAL|MANE_SELECT|APPRIS|TSL|CCDS|PICK
    static func entry(
        _ id: String, impact: String = "MODIFIER", biotype: String = "unprocessed_pseudogene",
        canonical: Bool = false, mane: Bool = false, appris: String = "", tsl: String = "", ccds: Bool = false,
        pick: Bool = false
    ) -> String {
        [
            "A", "non_coding_transcript_exon_variant", impact, "WASH7P", id, biotype, "\(id).1:n.1C>T",
            canonical ? "YES" : "", mane ? "NM_1.1" : "", appris, tsl, ccds ? "CCDS1.1" : "", pick ? "1" : "",
        ].joined(separator: "|")
    }

    @Test func theCanonicalTranscriptBeforeTheFirstListed() throws {
        // split-vep.vcf's WASH7P: ENST00000423562 listed first, ENST00000438504 CANONICAL=YES.
        #expect(
            try transcript([Self.entry("ENST00000423562"), Self.entry("ENST00000438504", canonical: true)])
                == "ENST00000438504")
    }

    @Test func maneSelectBeforeCanonicalAndAPickFlagBeforeBoth() throws {
        #expect(try transcript([Self.entry("T1", canonical: true), Self.entry("T2", mane: true)]) == "T2")
        #expect(
            try transcript([
                Self.entry("T1", canonical: true), Self.entry("T2", mane: true), Self.entry("T3", pick: true),
            ])
                == "T3")
    }

    @Test func apprisThenTSLThenBiotypeThenCCDSThenConsequence() throws {
        #expect(try transcript([Self.entry("T1", appris: "A1"), Self.entry("T2", appris: "P2")]) == "T2")
        #expect(try transcript([Self.entry("T1", appris: "P2"), Self.entry("T2", appris: "P1")]) == "T2")
        #expect(try transcript([Self.entry("T1", tsl: "3"), Self.entry("T2", tsl: "1")]) == "T2")
        #expect(try transcript([Self.entry("T1"), Self.entry("T2", biotype: "protein_coding")]) == "T2")
        #expect(try transcript([Self.entry("T1"), Self.entry("T2", ccds: true)]) == "T2")
        #expect(try transcript([Self.entry("T1", impact: "LOW"), Self.entry("T2", impact: "HIGH")]) == "T2")
        // Biotype outranks consequence: VEP's order, not the most severe consequence.
        #expect(
            try transcript([Self.entry("T1", impact: "HIGH"), Self.entry("T2", biotype: "protein_coding")]) == "T2")
        // All equal: the first entry.
        #expect(try transcript([Self.entry("T1"), Self.entry("T2")]) == "T1")
    }
}
