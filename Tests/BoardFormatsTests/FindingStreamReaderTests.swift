import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// The VCF and MAF readers hand their findings over in chunks (the store writes one while they parse the next):
/// any chunk size must give the same findings as reading the file whole.
@Suite("Readers as finding streams")
struct FindingStreamReaderTests {
    static let maf = """
        Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tNCBI_Build
        KRAS\t12\t25398284\tC\tA\tS-1\tGRCh37
        TP53\t17\t7577120\tC\tT\tS-2\t37
        BRAF\t7\t140453136\tA\tT\tS-1\tGRCh37
        EGFR\t7\t55259515\tT\tG\tS-1\tGRCh37
        PIK3CA\t3\t178936091\tG\tA\tS-2\tGRCh38
        KRAS\t12\t25398284\tC\tA\tS-1\tGRCh37

        """

    static let vcf =
        VCFReaderTests.header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
        + (1...9).map { "1\t\($0 * 100)\t.\tA\tG,T\t50\tPASS\t.\tGT:AD:DP\t1/2:10,5,5:20" }.joined(separator: "\n")
        + "\n"

    func chunks(_ stream: FindingStream, size: Int) throws -> ([FindingBatch], FindingStream.Outcome) {
        var out: [FindingBatch] = []
        let outcome = try stream.read(chunkSize: size) { chunk, _ in out.append(chunk) }
        return (out, outcome)
    }

    @Test func mafChunksHoldOneSampleEachAndAddUpToTheWholeRead() throws {
        let whole = try MAFReader.read(data: Data(Self.maf.utf8), file: "t.maf")
        let (parts, outcome) = try chunks(MAFReader.stream(data: Data(Self.maf.utf8), file: "t.maf"), size: 2)
        #expect(parts.allSatisfy { $0.findings.count <= 2 && !$0.findings.isEmpty })
        for sample in ["S-1", "S-2"] {
            let streamed = parts.filter { $0.sample == sample }.flatMap(\.findings)
            #expect(streamed == whole.findingSets.first { $0.sample == sample }?.findings)
        }
        #expect(
            outcome.skipped == whole.skipped
                && outcome.skipped == ["t.maf: 1 duplicate row (same sample and CHROM:POS:REF:ALT)"])
        // The report of a sample's last chunk names every build the file used, once each.
        #expect(parts.last { $0.sample == "S-2" }?.report.assay == "MAF (GRCh37/GRCh38)")
    }

    @Test func vcfChunksAddUpToTheWholeReadAndAnEmptyFileStillNamesItsReport() throws {
        let whole = try VCFReader.read(data: Data(Self.vcf.utf8), file: "t.vcf")
        #expect(whole.findingSets[0].findings.count == 18)
        for size in [1, 5, 18, 100] {
            let (parts, _) = try chunks(VCFReader.stream(data: Data(Self.vcf.utf8), file: "t.vcf"), size: size)
            #expect(parts.allSatisfy { $0.findings.count <= size + 1 })  // a record's two alleles stay together
            #expect(parts.flatMap(\.findings) == whole.findingSets[0].findings)
            #expect(Set(parts.map(\.report.id)) == ["vcf:t.vcf:TUMOR"])
        }
        let empty = VCFReaderTests.header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
        let (parts, _) = try chunks(VCFReader.stream(data: Data(empty.utf8), file: "t.vcf"), size: 10)
        #expect(parts.count == 1 && parts[0].findings.isEmpty && parts[0].sample == "TUMOR")
    }

    @Test func aBadLineAfterSomeChunksIsTheStreamsError() throws {
        let bad = Self.vcf + "1\tnotanumber\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP\t0/1:1,1:2\n"
        var sent = 0
        #expect(throws: ImportError.self) {
            _ = try VCFReader.stream(data: Data(bad.utf8), file: "t.vcf").read(chunkSize: 4) { chunk, _ in
                sent += chunk.findings.count
            }
        }
        #expect(sent == 16)  // four full chunks went out before line 19 failed; the store rolls them back
    }

    @Test func numbersParseExactlyAsDoubleFromStringDoes() {
        var samples = [
            "0", "1", "0.5", ".5", "5.", "-0", "-0.25", "+3.75", "0.5597014925373134", "0.1", "0.3333333333333333",
            "1e-3", "1E5", "12.5e-1", "inf", "nan", "0x10", "", ".", "-", "1.2.3", "00012.50",
            "123456789012345678901234",
            "9007199254740993", "9007199254740992.5", "0.12345678901234567890", "1,5", "4.9e-324",
            "1.7976931348623157e308",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...19, using: &generator)
            let whole = String(UInt64.random(in: 0...UInt64.max, using: &generator)).prefix(digits)
            let fraction = String(UInt64.random(in: 0...UInt64.max, using: &generator)).prefix(
                Int.random(in: 0...19, using: &generator))
            samples.append(whole + (fraction.isEmpty ? "" : "." + fraction))
        }
        for text in samples {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { $0.double }
            let expected = Double(text)
            #expect(
                parsed?.bitPattern == expected?.bitPattern || (parsed?.isNaN == true && expected?.isNaN == true),
                "\(text)")
        }
    }
}
