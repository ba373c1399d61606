import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Cases written from the GDC MAF specification and the MAF dialects in use (cBioPortal, vcf2maf, WashU, maf2maf).
@Suite("MAF by the specification")
struct MAFSpecTests {
    func read(_ text: String, caseId: String? = nil, sample: String? = nil) throws -> ImportPayload {
        try MAFReader.read(data: Data(text.utf8), file: "t.maf", caseId: caseId, sample: sample)
    }

    static let header =
        "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tVariant_Type\tMutation_Status\tamino_acid_change\n"

    /// A Tumor_Sample_Barcode naming only a role ("TUMOR", "NORMAL", as vcf2maf writes without --tumor-id) names no
    /// sample: its findings never make a case (the VCF rule); a real barcode does.
    @Test func roleOnlyBarcodeNeverMakesACase() throws {
        for (barcode, makes) in [("TUMOR", false), ("tumor", false), ("NORMAL", false), ("S-1", true)] {
            let payload = try read(Self.header + "KRAS\t12\t25398284\t25398284\tC\tT\t\(barcode)\tSNP\tSomatic\tG12D\n")
            let batch = try #require(payload.findingSets.first)
            #expect(batch.createsCase == makes, "\(barcode)")
        }
    }

    @Test func allelesValidatedAndTypedFromTheAlleles() throws {
        let payload = try read(
            Self.header + """
                TP53\t17\t100\t101\tAC\tGT\tS-1\tSNP\tSomatic\tR175H
                TP53\t17\t200\t200\t-\tA\tS-1\tINS\tGermline\t.
                TP53\t17\t300\t302\tAGT\t-\tS-1\tDEL\t\t.
                TP53\t17\t400\t400\tX\tA\tS-1\tSNP\tSomatic\t.
                TP53\t17\t500\t500\tC\tAZ\tS-1\tSNP\tSomatic\t.

                """)
        let f = payload.findingSets.flatMap(\.findings)
        #expect(f.map(\.kind) == [.snv, .indel, .indel])
        #expect(f.map(\.origin) == [.somatic, .germline, .unknown])  // origin only from Mutation_Status
        #expect(f[0].hgvsP == "p.R175H")  // a bare amino-acid change gets its p.
        #expect(f[2].end == 302)
        #expect(payload.skipped.contains { $0.contains("1 row with an invalid Reference_Allele") })
        #expect(payload.skipped.contains { $0.contains("1 row with an invalid Tumor_Seq_Allele") })
        // Variant_Type "SNP" for a two-base substitution: typed from the alleles (a DNP), and said.
        #expect(payload.notes.contains { $0.contains("1 row(s) whose Variant_Type disagrees") })
    }

    @Test func geneSymbolsReadThroughHGNCAndAccounted() throws {
        let payload = try read(
            Self.header + """
                MLL3\t7\t100\t100\tC\tT\tS-1\tSNP\tSomatic\t.
                MLL2\t12\t200\t200\tC\tT\tS-1\tSNP\tSomatic\t.
                NOTAGENE7\t1\t300\t300\tC\tT\tS-1\tSNP\tSomatic\t.
                KMT2D\t12\t400\t400\tC\tT\tS-1\tSNP\tSomatic\t.

                """)
        // A previous symbol of one gene becomes that gene; an ambiguous or unknown one stays as written.
        #expect(payload.findingSets.flatMap(\.findings).map(\.gene) == ["KMT2C", "MLL2", "NOTAGENE7", "KMT2D"])
        let genes = try #require(payload.accounts.first).geneSymbols
        #expect(genes["gene MLL3 read as KMT2C (previous HGNC symbol)"] == 1)
        #expect(genes["gene MLL2 kept as written: ambiguous, HGNC candidates KMT2B, KMT2D"] == 1)
        #expect(genes["gene NOTAGENE7 kept as written: not an HGNC symbol"] == 1)
        #expect(genes.count == 3)
    }

    @Test func proteinColumnsCaseInsensitiveAndNotProteinChangesRefused() throws {
        let text =
            "hugo_symbol\tchromosome\tstart_position\treference_allele\ttumor_seq_allele2\ttumor_sample_barcode\tPROTEIN_CHANGE\n"
            + "KRAS\t12\t25398284\tC\tA\tS-1\tG12V\nX\t1\t5\tC\tA\tS-1\tNULL\nY\t1\t6\tC\tA\tS-1\te6-1\nZ\t1\t7\tC\tA\tS-1\tin_frame_ins\n"
        let f = try read(text).findingSets.flatMap(\.findings)
        #expect(f.map(\.hgvsP) == ["p.G12V", nil, nil, nil])
        #expect(f[1].label == "X 1:5 C>A")
    }

    @Test func bareCRLineEndsAndGzip() throws {
        let text =
            Self.header.replacingOccurrences(of: "\n", with: "\r")
            + "KRAS\t12\t25398284\t25398284\tC\tA\tS-1\tSNP\tSomatic\tG12V\rNRAS\t1\t115258747\t115258747\tC\tT\tS-1\tSNP\tSomatic\tG12D"
        #expect(try read(text).findingSets.flatMap(\.findings).count == 2)
        let path = try TempFile.write(Data(text.utf8), name: "cr.maf")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", path]
        try gzip.run()
        gzip.waitUntilExit()
        let payload = try BoardReader.payload(path: path + ".gz")
        #expect(payload.findingSets.flatMap(\.findings).map(\.gene) == ["KRAS", "NRAS"])
    }

    @Test func severalSamplesEachTheirOwnAndCaseNeedsSample() throws {
        let text =
            Self.header
            + "KRAS\t12\t1\t1\tC\tA\tS-1\tSNP\tSomatic\t.\nKRAS\t12\t1\t1\tC\tA\tS-2\tSNP\tSomatic\t.\nTP53\t17\t2\t2\tG\tA\tS-1\tSNP\tSomatic\t.\n"
        let payload = try read(text)
        #expect(payload.findingSets.map(\.sample) == ["S-1", "S-2"] && payload.findingSets.allSatisfy(\.createsCase))
        #expect(payload.findingSets.map(\.findings.count) == [2, 1])
        do {
            _ = try read(text, caseId: "C-1")
            Issue.record("expected --case to be refused for a file of two samples")
        } catch let error as ImportError {
            #expect(error.message.contains("--sample") && error.location == "line 3")
        }
        let one = try read(text, caseId: "C-1", sample: "S-2")
        #expect(
            one.findingSets.map(\.sample) == ["S-2"] && one.findingSets[0].caseId == "C-1"
                && !one.findingSets[0].createsCase)
    }

    @Test func vafConventions() throws {
        let text =
            "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tt_depth\tt_ref_count\tt_alt_count\tTumorVAF_WU\tn_depth\tn_alt_count\n"
            + "A\t1\t1\tC\tA\tS\t100\t70\t30\t.\t.\t.\n"  // alt/depth
            + "B\t1\t2\tC\tA\tS\t0\t\t\t13.64\t0\t\n"  // depth 0 and no counts: unknown; the WU percent column
            + "C\t1\t3\tC\tA\tS\t\t60\t40\t\t50\t0\n"  // alt/(ref+alt)
        let f = try read(text).findingSets.flatMap(\.findings)
        #expect(f[0].vaf == 0.3 && f[0].depth == 100 && f[0].vafSource == "MAF t_alt_count/t_depth")
        #expect(f[1].depth == nil && f[1].vaf == 0.1364 && f[1].normalDepth == nil)
        #expect(f[2].vaf == 0.4 && f[2].depth == 100 && f[2].normalDepth == 50 && f[2].normalAltCount == 0)
    }

    @Test func excelMangledExonsAndPseudoGenes() throws {
        #expect(
            MAFReader.exon("23-Oct") == "10/23" && MAFReader.exon("May-63") == "5/63"
                && MAFReader.exon("3/11") == "3/11")
        let text =
            "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tVariant_Classification\n"
            + "FLT3_ITD\tchr13\tNA\t-\tNA\tS\tITD\n"
        let f = try #require(try read(text).findingSets.first?.findings.first)
        #expect(f.gene == "FLT3" && f.position == nil && f.consequence?.contains("ITD") == true && f.kind == .indel)
    }

    @Test func invalidUTF8NamesTheByte() {
        var bytes = Array(Self.header.utf8)
        bytes += Array("TP53\t17\t1\t1\tC\tA\tS\tSNP\tSomatic\t".utf8) + [0x95, 0xC0] + [0x0A]
        do {
            _ = try MAFReader.read(data: Data(bytes), file: "t.maf")
            Issue.record("expected an encoding error")
        } catch let error as ImportError {
            #expect(error.message.contains("0x95") && error.location?.hasPrefix("line 2") == true)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func unusedColumnsAreCounted() throws {
        let text =
            "Hugo_Symbol\tCenter\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\n"
            + "A\tWUGSC\t1\t1\tC\tA\tS\nB\t\t1\t2\tC\tA\tS\n"
        let (_, outcome) = try MAFReader.stream(data: Data(text.utf8), file: "t.maf").collect()
        #expect(outcome.unused.map(\.name) == ["column Center"] && outcome.unused.first?.count == 1)
        #expect(outcome.read == 2 && outcome.made == 2)
    }

    /// Duplicate rows of a sample are found exactly: the packed keys never take two different loci for one, and
    /// loci that do not pack (long alleles, other symbols) are compared as text.
    @Test func duplicateRowsFoundExactlyInPackedKeys() throws {
        var chromosomes = ChromosomeNumbers()
        var keys = SampleRowKeys()
        let loci: [(String, Int, String, String)] = [
            ("1", 5, "A", "T"), ("1", 5, "A", "G"), ("1", 5, "AT", "-"), ("1", 5, "A", "-"), ("1", 5, "-", "A"),
            ("1", 6, "A", "T"), ("2", 5, "A", "T"), ("chr1", 5, "A", "T"), ("1", 5, "ACGTACG", "-"),
            ("1", 5, "ACGTACGT", "-"), ("1", 5, "ACGTACGTA", "-"), ("1", (1 << 32) + 5, "A", "T"), ("1", 5, "a", "T"),
        ]
        for (c, p, r, a) in loci {
            #expect(keys.insert(chrom: c, position: p, ref: r, alt: a, chromosomes: &chromosomes))
        }
        for (c, p, r, a) in loci {
            #expect(!keys.insert(chrom: c, position: p, ref: r, alt: a, chromosomes: &chromosomes))
        }
        // Packing is a bijection on what it packs: the allele boundary is part of the key.
        #expect(
            SampleRowKeys.pack(chrom: "1", position: 5, ref: "AC", alt: "G", chromosomes: &chromosomes)
                != SampleRowKeys.pack(chrom: "1", position: 5, ref: "A", alt: "CG", chromosomes: &chromosomes))
        #expect(
            SampleRowKeys.pack(chrom: "1", position: 5, ref: "ACGTACGT", alt: "-", chromosomes: &chromosomes) == nil)
        // Through the reader: the repeated row is skipped and counted, the other allele at the same place is kept.
        let payload = try read(
            Self.header + """
                TP53\t17\t100\t100\tC\tT\tS-1\tSNP\tSomatic\t.
                TP53\t17\t100\t100\tC\tA\tS-1\tSNP\tSomatic\t.
                TP53\t17\t100\t100\tC\tT\tS-1\tSNP\tSomatic\t.
                TP53\t17\t100\t100\tC\tT\tS-2\tSNP\tSomatic\t.

                """)
        #expect(payload.findingSets.flatMap(\.findings).count == 3)
        #expect(payload.skipped.contains { $0.contains("1 duplicate row") })
    }
}
