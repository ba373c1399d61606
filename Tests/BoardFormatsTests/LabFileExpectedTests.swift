import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Every VCF and MAF of ../shared/realdata against its expected.json entry (read at test time).
@Suite("Lab files match expected.json")
struct LabFileExpectedTests {
    static let files = [
        "vcf/COLO829v003T.purple.sv.vcf.gz", "vcf/DEL.vcf", "vcf/T001-BRCA.grch38.vcf.gz", "vcf/ashk-trio.vcf.gz",
        "vcf/cancer.ann.vcf", "vcf/input.vcf", "vcf/nightly-civic_accepted.vcf", "vcf/somatic.chr1-2.vcf",
        "vcf/split-vep.vcf",
        "vcf/test.ann.vcf", "vcf/test_muse.vcf", "vcf/test_strelka.vcf", "vcf/tumor_sample.BRCA.pcgr.vcf.gz",
        "maf/APL_primary.maf.gz", "maf/data_mutations_extended.maf", "maf/data_mutations_invalid_utf8.maf",
        "maf/minimalist_test_maf.tsv", "maf/tcga_laml.maf", "maf/test_b38_output.maf",
    ]

    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: files)
    func matchesExpected(_ file: String) throws {
        let e = try LabFileExpectations(file)
        e.runAll()
        #expect(e.checked > 0)
        if ProcessInfo.processInfo.environment["LAB_EXPECTED_REPORT"] != nil {
            print(
                "EXPECTED \(file): \(e.checked) checked; not expressible: \(e.unexpressed.count): \(e.unexpressed.joined(separator: " | "))"
            )
        }
    }
}
