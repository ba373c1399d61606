import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

@Suite("VCF reader")
struct VCFReaderTests {
    static let header = """
        ##fileformat=VCFv4.2
        ##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Feature|EXON|HGVSc|HGVSp|CANONICAL">
        ##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type">
        ##INFO=<ID=END,Number=1,Type=Integer,Description="End">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">

        """

    func read(_ text: String, options: VCFReader.Options = .init()) throws -> ImportPayload {
        try VCFReader.read(data: Data(text.utf8), file: "t.vcf", options: options)
    }

    @Test func tumourColumnChosenInEitherOrderWithVAFFromAD() throws {
        for columns in [("NORMAL", "TUMOR"), ("TUMOR", "NORMAL")] {
            let t = "0/1:60,40:100"
            let n = "0/0:50,0:50"
            let (first, second) = columns.0 == "NORMAL" ? (n, t) : (t, n)
            let text =
                Self.header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t\(columns.0)\t\(columns.1)\n"
                + "7\t140453136\t.\tA\tT\t.\tPASS\tCSQ=T|missense_variant|MODERATE|BRAF|ENST00000288602|15/18|ENST00000288602.6:c.1799T>A|ENSP00000288602.6:p.Val600Glu|YES\tGT:AD:DP\t\(first)\t\(second)\n"
            let payload = try read(text)
            let set = try #require(payload.findingSets.first)
            #expect(set.sample == "TUMOR")
            let f = try #require(set.findings.first)
            #expect(f.id == "7:140453136:A:T")
            #expect(f.gene == "BRAF" && f.hgvsP == "p.Val600Glu" && f.hgvsC == "c.1799T>A" && f.exon == "15/18")
            #expect(f.vaf == 0.4 && f.depth == 100)
            #expect(f.origin == .somatic)
            #expect(payload.notes.contains { $0.contains("sample TUMOR read as the tumour") })
        }
    }

    @Test func multiAllelicFilterAndStructuralVariants() throws {
        let text =
            Self.header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
            + "1\t100\t.\tG\tA,GT\t.\tlowqual\t.\tGT:AD:DP\t1/2:10,30,60:100\n"
            + "2\t500\t.\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=900\tGT\t0/1\n"
            + "3\t700\t.\tC\tC[2:321682[\t.\tPASS\tSVTYPE=BND\tGT\t0/1\n"
            + "4\t10\t.\tA\tC\t.\tPASS\t.\tGT:AD\t0/0:20,1\n"
        let findings = try #require(read(text).findingSets.first).findings
        #expect(findings.map(\.id) == ["1:100:G:A", "1:100:G:GT", "2:500:N:<DEL>", "3:700:C:C[2:321682["])
        #expect(findings[0].kind == .snv && findings[1].kind == .indel)
        #expect(findings[0].vaf == 0.3 && findings[1].vaf == 0.6)
        #expect(findings[0].filter == "lowqual" && findings[1].filter == "lowqual" && findings[2].filter == nil)
        #expect(
            findings[2].kind == .structural && findings[2].svType == .deletion && findings[2].end == 900
                && findings[2].svSize == 400)
        #expect(findings[2].label == "deletion 2:500-900")
        #expect(
            findings[3].kind == .structural && findings[3].svType == .translocation && findings[3].partnerChrom == "2"
                && findings[3].partnerPosition == 321682)
    }

    @Test func notCarriedAllelesAreSkippedAndCounted() throws {
        let text =
            Self.header
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n4\t10\t.\tA\tC\t.\tPASS\t.\tGT:AD\t0/0:20,1\n"
        let payload = try read(text)
        #expect(payload.findingSets[0].findings.isEmpty)
        #expect(payload.skipped.contains { $0.contains("1 ALT allele(s) or record(s): ALT allele not carried") })
    }

    @Test func sampleOptionAndTumourHeader() throws {
        let body =
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA1\tB2\n1\t5\t.\tA\tG\t.\tPASS\t.\tAD\t9,1\t5,5\n"
        #expect(try read(Self.header + "##tumor_sample=A1\n" + body).findingSets[0].sample == "A1")
        #expect(try read(Self.header + body, options: .init(sample: "A1")).findingSets[0].findings[0].vaf == 0.1)
        #expect(throws: ImportError.self) { try read(Self.header + body, options: .init(sample: "ZZ")) }
    }

    @Test func badInputGivesOneLocatedError() {
        let head = Self.header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        #expect(
            throws: ImportError(file: "t.vcf", location: "line 9, column 3", message: "POS must be a positive integer")
        ) {
            try read(head + "1\tx12\t.\tA\tG\t.\tPASS\t.\n")
        }
        #expect(
            throws: ImportError(
                file: "t.vcf", location: "line 9",
                message: "expected at least 8 tab-separated columns (CHROM to INFO), found 4")
        ) {
            try read(head + "1\t12\t.\tA\n")
        }
        #expect(throws: ImportError.self) { try read("##fileformat=VCFv4.2\n") }
        var bytes = Array((head + "1\t12\t.\tA\tG\t.\tPASS\tX=").utf8)
        bytes += [0xC3, 0x28, 0x0A]
        do {
            _ = try VCFReader.read(data: Data(bytes), file: "t.vcf")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location?.hasPrefix("line 9, column 21") == true)
            #expect(error.message.contains("UTF-8"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func gzipInput() throws {
        // INFO AF/DP are cohort values, never the tumour's; TVAF/TDP are declared as the tumour's (PCGR).
        let declared =
            "##INFO=<ID=TVAF,Number=.,Type=Float,Description=\"Allelic fraction of alternative allele in tumor\">\n"
            + "##INFO=<ID=TDP,Number=.,Type=Integer,Description=\"Read depth across variant site in tumor\">\n"
        let text =
            Self.header + declared
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t12\t.\tA\tG\t.\tPASS\tAF=0.5;DP=300;TVAF=0.25;TDP=80\n"
        let path = try TempFile.write(Data(text.utf8), name: "x.vcf")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", path]
        try gzip.run()
        gzip.waitUntilExit()
        let payload = try BoardReader.payload(path: path + ".gz")
        let f = try #require(payload.findingSets.first?.findings.first)
        #expect(f.vaf == 0.25 && f.depth == 80 && f.vafSource == "INFO TVAF")
        // A truncated compressed file is one clear error, not a partial import.
        let data = try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
        let cut = try TempFile.write(data.prefix(data.count / 2), name: "cut.vcf.gz")
        #expect(throws: ImportError.self) { try BoardReader.payload(path: cut) }
    }

    /// A real bgzip (BGZF) file through the path reader: gzip members carrying the `BC` extra field, ending with the
    /// empty EOF block (SAM/BAM format specification, section 4.1), read whole with INFO TVAF/TDP as the tumour's.
    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func bgzipInput() throws {
        let file = "vcf/T001-BRCA.grch38.vcf.gz"
        guard let data = RealData.data(file) else { return }
        #expect(Array(data.prefix(4)) == [0x1f, 0x8b, 0x08, 0x04], "gzip with FEXTRA")
        #expect(Array(data.dropFirst(12).prefix(2)) == Array("BC".utf8), "the BGZF subfield")
        let eof: [UInt8] = [
            0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0,
            0,
            0, 0,
        ]
        #expect(Array(data.suffix(28)) == eof, "the BGZF end-of-file block")
        let expected = try #require(try LabFileExpectations.expected()[file] as? [String: Any])
        let records = try #require((expected["counts"] as? [String: Any])?["records"] as? Int)
        let payload = try BoardReader.payload(path: RealData.path(file))
        let findings = payload.findingSets.flatMap(\.findings)
        #expect(findings.count == records)
        let variants = (expected["must"] as? [[String: Any]] ?? []).filter { $0["what"] as? String == "variant" }
        #expect(!variants.isEmpty)
        for variant in variants {
            let match = try #require(variant["match"] as? [String: Any])
            let value = try #require(variant["value"] as? [String: Any])
            let finding = findings.first {
                $0.chrom == match["chrom"] as? String && $0.position == match["pos"] as? Int
                    && $0.ref == match["ref"] as? String && $0.alt == match["alt"] as? String
            }
            let found = try #require(finding, "no finding at \(match)")
            if let vaf = value["vaf"] as? Double { #expect(abs((found.vaf ?? -1) - vaf) < 0.00005, "\(match)") }
            if let depth = value["depth"] as? Int { #expect(found.depth == depth, "\(match)") }
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func strelkaNormalThenTumour() throws {
        guard let data = RealData.data("vcf/test_strelka.vcf") else { return }
        let payload = try VCFReader.read(data: data, file: "test_strelka.vcf")
        let set = try #require(payload.findingSets.first)
        #expect(set.sample == "TUMOR")
        let records = RealData.lines("vcf/test_strelka.vcf").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let alts = records.reduce(0) { $0 + $1.split(separator: "\t")[4].split(separator: ",").count }
        #expect(set.findings.count + payload.skipped.count >= 1)
        #expect(set.findings.count == alts)
        // First record: TUMOR tier-1 TU=57 of 57 reads for ALT T.
        let first = try #require(set.findings.first)
        #expect(first.id == "1:12170228:C:T" && first.vaf == 1.0 && first.depth == 57)
        #expect(set.findings.allSatisfy { $0.origin == .somatic })
        #expect(set.findings.filter { $0.vaf != nil }.count == set.findings.count)
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func vepSitesOnlyWithMultiAllelics() throws {
        guard let data = RealData.data("vcf/split-vep.vcf") else { return }
        let payload = try VCFReader.read(data: data, file: "split-vep.vcf")
        let findings = try #require(payload.findingSets.first).findings
        let records = RealData.lines("vcf/split-vep.vcf").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let keys = Set(
            records.flatMap { r -> [String] in
                let f = r.split(separator: "\t", omittingEmptySubsequences: false)
                return f[4].split(separator: ",").filter { $0 != "*" }.map { "\(f[0]):\(f[1]):\(f[3]):\($0)" }
            })
        #expect(findings.count == keys.count)
        #expect(payload.findingSets[0].sample == nil)
        #expect(findings[0].gene == "WASH7P")
        #expect(findings.allSatisfy { !($0.hgvsP ?? "").contains("%3D") })
        #expect(findings.contains { ($0.hgvsP ?? "").hasPrefix("p.") })
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func snpEffCancerEdgeFile() throws {
        guard let data = RealData.data("vcf/cancer.ann.vcf") else { return }
        #expect(BoardReader.detect(data) == "vcf")
        let payload = try VCFReader.read(data: data, file: "cancer.ann.vcf")
        // The germline allele C (in both columns) is the normal specimen's; G the tumour's; both the tumour's case.
        #expect(payload.findingSets.allSatisfy { $0.sample == "Patient_01_Somatic" })
        let findings = payload.findingSets.flatMap(\.findings).sorted { $0.id < $1.id }
        #expect(findings.map(\.id) == ["1:69091:A:C", "1:69091:A:G"])
        #expect(findings.allSatisfy { $0.gene == "OR4F5" })
        #expect(findings[1].hgvsP == "p.Met1?")
        let specimen = { (id: String) in
            payload.findingSets.first { $0.findings.contains { $0.id == id } }?.report.specimen?.id
        }
        #expect(specimen("1:69091:A:C") == "Patient_01_Germline" && specimen("1:69091:A:G") == "Patient_01_Somatic")
        #expect(payload.notes.contains { $0.contains("not VCF meta-information") })
        #expect(payload.notes.contains { $0.contains("no ##fileformat") })
    }
}
