import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

@Suite("MAF reader")
struct MAFReaderTests {
    func read(_ text: String, caseId: String? = nil) throws -> ImportPayload {
        try MAFReader.read(data: Data(text.utf8), file: "t.maf", caseId: caseId)
    }

    @Test func minimalColumnsAndProteinFallbacks() throws {
        let text = """
            Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele2\tVariant_Classification\tTumor_Sample_Barcode\tAmino_Acid_Change
            KRAS\t12\t25398284\t25398284\tC\tA\tMissense_Mutation\tS-1\tG12V
            EGFR\t7\t55242465\t55242479\tGGAATTAAGAGAAGC\t-\tIn_Frame_Del\tS-2\tp.E746_A750del

            """
        let payload = try read(text)
        #expect(payload.findingSets.map(\.sample) == ["S-1", "S-2"])
        let kras = payload.findingSets[0].findings[0]
        #expect(kras.hgvsP == "p.G12V" && kras.kind == .snv && kras.id == "12:25398284:C:A")
        #expect(payload.findingSets[1].findings[0].kind == .indel)
    }

    @Test func shortProteinPreferredAndVAFFromCounts() throws {
        let text = """
            #version 2.4\t\t\t
            Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tHGVSp\tHGVSp_Short\tt_depth\tt_alt_count\tNCBI_Build\tFILTER
            BRAF\t7\t140453136\tA\tA\tT\tS-1\tp.Val600Glu\tp.V600E\t200\t50\t37\tcommon_variant

            """
        let payload = try read(text)
        let f = payload.findingSets[0].findings[0]
        // HGVSp (3-letter) and HGVSp_Short each kept as written.
        #expect(
            f.hgvsP == "p.Val600Glu" && f.hgvsPShort == "p.V600E" && f.vaf == 0.25 && f.depth == 200
                && f.filter == "common_variant")
        #expect(f.vafSource == "MAF t_alt_count/t_depth")
        #expect(payload.findingSets[0].report.assay == "MAF (GRCh37)")
    }

    @Test func missingColumnsAndBadPositions() {
        #expect(
            throws: ImportError(
                file: "t.maf", location: "line 1",
                message:
                    "MAF header lacks Start_Position; expected at least Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2 (and Tumor_Sample_Barcode)"
            )
        ) {
            try read(
                "Hugo_Symbol\tChromosome\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\nA\t1\tC\tT\tS\n")
        }
        #expect(
            throws: ImportError(
                file: "t.maf", location: "line 2, column 3", message: "Start_Position must be an integer")
        ) {
            try read(
                "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\nA\t1\tabc\tC\tT\tS\n"
            )
        }
        // Without Tumor_Sample_Barcode the file needs --case.
        #expect(throws: ImportError.self) {
            try read("Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\nA\t1\t5\tC\tT\n")
        }
        #expect(throws: Never.self) {
            try read(
                "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\nA\t1\t5\tC\tT\n",
                caseId: "C-1")
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func cBioPortalExtendedMAF() throws {
        guard let data = RealData.data("maf/data_mutations_extended.maf") else { return }
        #expect(BoardReader.detect(data) == "maf")
        let payload = try MAFReader.read(data: data, file: "data_mutations_extended.maf")
        let rows = RealData.lines("maf/data_mutations_extended.maf").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .dropFirst()
        let header = RealData.lines("maf/data_mutations_extended.maf").first { $0.hasPrefix("Hugo_Symbol") }!.split(
            separator: "\t", omittingEmptySubsequences: false)
        let sampleColumn = header.firstIndex(of: "Tumor_Sample_Barcode")!
        let samples = Set(rows.map { $0.split(separator: "\t", omittingEmptySubsequences: false)[sampleColumn] })
        #expect(payload.findingSets.count == samples.count)
        #expect(payload.findingSets.reduce(0) { $0 + $1.findings.count } + payload.skipped.count >= rows.count - 0)
        let short = header.firstIndex(of: "HGVSp_Short")!
        for row in rows {
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false)
            let p = String(cells[short])
            if !p.isEmpty {
                #expect(payload.findingSets.flatMap(\.findings).contains { $0.hgvsPShort == p })
            }
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func vcf2mafGRCh38() throws {
        guard let data = RealData.data("maf/test_b38_output.maf") else { return }
        let payload = try MAFReader.read(data: data, file: "test_b38_output.maf")
        #expect(payload.findingSets.map(\.sample) == ["TUMOR"])
        #expect(payload.findingSets[0].report.assay == "MAF (GRCh38)")
        let rows = RealData.lines("maf/test_b38_output.maf").filter { !$0.hasPrefix("#") && !$0.isEmpty }.count - 1
        #expect(payload.findingSets[0].findings.count == rows)
        let runx1 = try #require(payload.findingSets[0].findings.first)
        #expect(
            runx1.gene == "RUNX1" && runx1.hgvsPShort == "p.L429R" && runx1.hgvsP == "p.Leu429Arg" && runx1.vaf != nil
                && runx1.depth != nil)
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func invalidUTF8IsRejectedWithItsPosition() throws {
        guard let data = RealData.data("maf/data_mutations_invalid_utf8.maf") else { return }
        do {
            _ = try MAFReader.read(data: data, file: "bad.maf")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location?.hasPrefix("line ") == true)
            #expect(error.location?.contains("byte 642") == true)
            #expect(error.message.contains("UTF-8"))
        }
    }
}
