import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Tab-separated files (MAF, CIViC exports, cBioPortal clinical and timeline files) declare their columns in the
/// header; a data row with fewer fields is what a cut download leaves, and is refused with the file, the line and
/// "expected N fields, found M" instead of becoming a partial finding or a cut evidence statement. A complete last
/// row without a final newline still reads.
@Suite("Cut tab-separated files are refused")
struct TruncatedTableTests {
    /// The readers under test, by how a test calls them.
    enum Reader: String, CaseIterable {
        case maf, civic, cbioportal, timeline

        func read(_ data: Data, file: String) throws -> Int {
            switch self {
            case .maf:
                return try MAFReader.read(data: data, file: file).findingSets.reduce(0) { $0 + $1.findings.count }
            case .civic:
                let p = try CIViCReader.read(data: data, file: file)
                return p.evidence.count + p.evidenceLoci.count
            case .cbioportal:
                let p = try CBioPortalClinicalReader.read(data: data, file: file)
                return p.partialCases.count + p.caseAdditions.count
            case .timeline:
                return try OutcomeTimelineReader.read(String(decoding: data, as: UTF8.self), file: file).records.count
            }
        }
    }

    static let maf = """
        Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode
        KRAS\t12\t25398284\tC\tT\tS1
        TP53\t17\t7577120\tC\tT\tS1

        """
    static let civic = """
        gene\tvariant\tdisease\tevidence_level\tevidence_type\tevidence_statement\tevidence_id
        BRAF\tV600E\tMelanoma\tA\tPredictive\tA statement.\t1
        KRAS\tG12C\tLung Cancer\tB\tPredictive\tAnother statement.\t2

        """
    static let cbio = """
        #Patient Identifier\tSex\tAge
        #Patient identifier\tSex\tAge
        #STRING\tSTRING\tNUMBER
        #1\t1\t1
        PATIENT_ID\tSEX\tAGE
        P1\tFemale\t60
        P2\tMale\t70

        """
    static let timeline = """
        PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tAGENT
        P1\t10\t40\tTREATMENT\tMedical Therapy\tCisplatin
        P1\t50\t\tSTATUS\t\t

        """

    static func sample(_ reader: Reader) -> String {
        switch reader {
        case .maf: maf
        case .civic: civic
        case .cbioportal: cbio
        case .timeline: timeline
        }
    }

    /// Dropping the last row's final field (and its tab) leaves a row one field short: refused at that line.
    @Test(arguments: Reader.allCases)
    func rowWithFewerFieldsIsRefused(_ reader: Reader) throws {
        var lines = Self.sample(reader).split(separator: "\n").map(String.init)
        let header = lines.first { !$0.hasPrefix("#") }!.split(separator: "\t", omittingEmptySubsequences: false)
        var last = lines.removeLast().split(separator: "\t", omittingEmptySubsequences: false)
        last.removeLast()
        lines.append(last.joined(separator: "\t"))
        let text = lines.joined(separator: "\n") + "\n"
        #expect(
            throws: ImportError(
                file: "cut.tsv", location: "line \(lines.count)",
                message:
                    "expected \(header.count) fields as the header declares, found \(header.count - 1); the row is cut short (a truncated file?)"
            )
        ) { _ = try reader.read(Data(text.utf8), file: "cut.tsv") }
    }

    /// A row with an extra non-empty field is refused; extra empty fields (a trailing tab) are allowed.
    @Test(arguments: Reader.allCases)
    func extraFields(_ reader: Reader) throws {
        let text = Self.sample(reader)
        let whole = try reader.read(Data(text.utf8), file: "t.tsv")
        #expect(whole > 0)
        let trailingTab = text.replacingOccurrences(of: "\n", with: "\t\n")
        #expect(try reader.read(Data(trailingTab.utf8), file: "t.tsv") == whole)
        let extra = String(text.dropLast()) + "\textra\n"
        #expect(throws: ImportError.self) { _ = try reader.read(Data(extra.utf8), file: "t.tsv") }
    }

    /// A complete last row without its final newline is still read whole.
    @Test(arguments: Reader.allCases)
    func completeRowWithoutFinalNewlineReads(_ reader: Reader) throws {
        let text = Self.sample(reader)
        let whole = try reader.read(Data(text.utf8), file: "t.tsv")
        #expect(try reader.read(Data(text.dropLast().utf8), file: "t.tsv") == whole)
    }

    /// The real files cut at `cuts` places after the header (moved back to a UTF-8 boundary): each cut is either
    /// refused at its last line with the header's field count, or (when the cut falls inside a row's last field, or
    /// at a line end) read; a row of fewer fields is never read.
    @Test(
        .enabled(if: RealData.enabled, RealData.reason),
        arguments: [
            ("maf/tcga_laml.maf", Reader.maf, 24), ("maf/data_mutations_extended.maf", .maf, 30),
            ("maf/minimalist_test_maf.tsv", .maf, 30), ("maf/test_b38_output.maf", .maf, 20),
            ("civic/nightly-ClinicalEvidenceSummaries.tsv", .civic, 8),
            ("civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv", .civic, 6),
            ("civic/nightly-AssertionSummaries.tsv", .civic, 30), ("civic/nightly-VariantSummaries.tsv", .civic, 10),
            ("cbioportal_clinical/data_clinical_samples.txt", .cbioportal, 30),
            ("cbioportal_clinical/data_clinical_patients.txt", .cbioportal, 30),
            ("cbioportal_clinical/data_clinical_patient.txt", .cbioportal, 10),
            ("cbioportal_clinical/data_timeline_treatment.txt", .cbioportal, 10),
            ("cbioportal_clinical/data_timeline_treatment.txt", .timeline, 10),
        ])
    func realFileCutEverywhere(_ file: String, _ reader: Reader, _ cuts: Int) throws {
        let bytes = try #require(RealData.data(file).map { [UInt8]($0) })
        let name = (file as NSString).lastPathComponent
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let headerIndex = try #require(lines.firstIndex { !$0.isEmpty && $0.first != 0x23 })
        let fields = lines[headerIndex].split(separator: 0x09, omittingEmptySubsequences: false).count
        let bodyStart = lines[...headerIndex].reduce(0) { $0 + $1.count + 1 }
        let step = max(1, (bytes.count - bodyStart) / cuts)
        // The new-user run's cuts too, where the file is long enough.
        let extra = [600_000, 3_000, 9_700, 9_300, 30_000].filter { $0 > bodyStart && $0 < bytes.count }
        for start in Array(stride(from: bodyStart + step / 2, to: bytes.count, by: step)) + extra {
            var cut = start
            while cut > bodyStart && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            let prefix = bytes[..<cut]
            let lastLine = prefix.split(separator: 0x0A, omittingEmptySubsequences: false).last ?? []
            let lastFields = lastLine.split(separator: 0x09, omittingEmptySubsequences: false).count
            let line = prefix.count { $0 == 0x0A } + 1
            let complete = lastLine.isEmpty || lastLine == [0x0D] || lastFields == fields
            do {
                _ = try reader.read(Data(prefix), file: name)
                #expect(complete, "\(file) cut at \(cut): a row of \(lastFields) of \(fields) fields was read")
            } catch let error as ImportError {
                #expect(!complete, "\(file) cut at \(cut) refused: \(error)")
                #expect(error.file == name)
                #expect(error.location == "line \(line)", "\(error)")
                #expect(error.message.hasPrefix("expected \(fields) fields"), "\(error)")
            }
        }
    }
}
