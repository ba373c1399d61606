import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// One variant reported by two reports of one specimen (a TCGA sample's MAF and the MAF of one of its aliquots) is
/// one finding that keeps both sources with their own VAF and depth; another specimen of the patient (a recurrence)
/// or another genome build keeps a finding of its own. Both backends.
struct SameSpecimenFindingTests {
    static func batch(
        caseId: String? = nil, sample: String, file: String, build: String? = "GRCh37", _ findings: [Finding]
    ) -> FindingBatch {
        var b = FindingBatch(
            caseId: caseId, sample: sample,
            report: MolecularReport(
                id: "maf:\(file):\(sample)", assay: "MAF", specimen: Specimen(id: sample), genomeBuild: build),
            findings: findings)
        b.createsCase = caseId == nil
        return b
    }

    static func variant(_ position: Int, gene: String? = nil, vaf: Double? = nil, depth: Int? = nil) -> Finding {
        var f = Finding(
            id: "17:\(position):G:A", kind: .snv, gene: gene, hgvsP: gene.map { _ in "p.R\(position % 1000)H" },
            vaf: vaf, depth: depth, origin: gene == nil ? .unknown : .somatic, chrom: "17", position: position,
            ref: "G", alt: "A")
        if vaf != nil { f.vafSource = "t_alt_count/t_depth" }
        return f
    }

    static func importing(_ store: any Backend.Store, _ batches: [FindingBatch]) throws -> ImportSummary {
        try BothBackendsImportTests.importing(store, batches)
    }

    static func findings(_ store: any Backend.Store, _ id: String) throws -> [Finding] {
        try #require(try store.caseRecord(id: id, on: LocalDate(Fixtures.now))).record.findings
    }

    // MARK: the specimen rule (GDC barcode fields)

    @Test func barcodesOfOneSampleAndVialNameOneSpecimen() {
        #expect(SampleBarcode.sameSpecimen("TCGA-A1-A0SB-01", "TCGA-A1-A0SB-01A-11D-A142-09"))
        #expect(SampleBarcode.sameSpecimen("TCGA-A1-A0SB-01A", "TCGA-A1-A0SB-01A-11D-A142-09"))
        #expect(SampleBarcode.sameSpecimen("TCGA-A1-A0SB-01A-11D-A142-09", "TCGA-A1-A0SB-01A-12R-A143-07"))
        #expect(SampleBarcode.sameSpecimen("tumour-1", "tumour-1"))
        // Another sample type (primary vs recurrence), another vial, another participant, or no sample field.
        #expect(!SampleBarcode.sameSpecimen("TCGA-A1-A0SB-01", "TCGA-A1-A0SB-02A-11D-A142-09"))
        #expect(!SampleBarcode.sameSpecimen("TCGA-A1-A0SB-01A", "TCGA-A1-A0SB-01B-11D-A142-09"))
        #expect(!SampleBarcode.sameSpecimen("TCGA-A1-A0SB-01", "TCGA-A1-A0SF-01"))
        #expect(!SampleBarcode.sameSpecimen("TCGA-A1-A0SB", "TCGA-A1-A0SB-01"))
        #expect(!SampleBarcode.sameSpecimen("tumour-1", "Tumour-1"))
    }

    @Test func mergingKeepsEachReportsCallAndFillsOnlyGaps() {
        var first = Self.variant(7_577_120, gene: "TP53", vaf: 0.31, depth: 80)
        first.reportId = "maf:a.maf:S"
        var second = Self.variant(7_577_120, vaf: 0.28, depth: 120)
        second.reportId = "maf:b.maf:S"
        second.transcript = "ENST00000269305"
        let merged = first.merged(with: second)
        #expect(merged.vaf == 0.31 && merged.depth == 80 && merged.reportId == "maf:a.maf:S")
        #expect(merged.gene == "TP53" && merged.transcript == "ENST00000269305" && merged.origin == .somatic)
        #expect(merged.sources?.map(\.reportId) == ["maf:a.maf:S", "maf:b.maf:S"])
        #expect(merged.sources?.map(\.vaf) == [0.31, 0.28] && merged.sources?.map(\.depth) == [80, 120])
        // Idempotent, and a new version of one report replaces only that report's call.
        #expect(merged.merged(with: second) == merged)
        var newer = second
        newer.vaf = 0.3
        #expect(merged.merged(with: newer).sources?.map(\.vaf) == [0.31, 0.3])
        // The other way round: the unannotated report first takes the annotation and the measured VAF.
        let reversed = second.merged(with: first)
        #expect(reversed.gene == "TP53" && reversed.hgvsP == first.hgvsP && reversed.vaf == 0.28)
    }

    /// Two reports of one specimen that state different origins leave the origin unknown and say why; the first
    /// report read never settles it (review 7 #5). A report that does not know the origin takes the other's.
    @Test func reportsThatDisagreeOnOriginLeaveItUnknown() {
        var somatic = Self.variant(7_577_120, gene: "TP53", vaf: 0.31, depth: 80)
        somatic.reportId = "maf:a.maf:S"
        var germline = Self.variant(7_577_120, vaf: 0.5, depth: 60)
        germline.reportId = "vcf:g.vcf:S"
        germline.origin = .germline
        for merged in [somatic.merged(with: germline), germline.merged(with: somatic)] {
            #expect(merged.origin == .unknown)
            #expect(
                merged.originDisagreement == "the reports disagree: somatic (maf:a.maf:S), germline (vcf:g.vcf:S)"
                    || merged.originDisagreement
                        == "the reports disagree: germline (vcf:g.vcf:S), somatic (maf:a.maf:S)"
            )
            #expect(merged.originCaution?.hasPrefix("origin unknown: the reports disagree") == true)
        }
        var unknown = germline
        unknown.origin = .unknown
        let filled = unknown.merged(with: somatic)
        #expect(filled.origin == .somatic && filled.originDisagreement == nil && filled.originCaution == nil)
        // Sources stored before origins were kept (nil) never read as a disagreement.
        var old = somatic.merged(with: germline)
        old.origin = .somatic
        old.sources = old.sources?.map {
            var s = $0
            s.origin = nil
            return s
        }
        #expect(old.originDisagreement == nil && old.originCaution == nil)
    }

    @Test func placementFollowsSpecimenAndBuild() {
        let sample = MolecularReport(
            id: "maf:a.maf:TCGA-A1-A0SB-01", specimen: Specimen(id: "TCGA-A1-A0SB-01"), genomeBuild: "GRCh37")
        let record = Case(
            id: "C", patient: Patient(id: "P", name: PersonName(text: "x")), diagnosis: Diagnosis(text: "d"),
            reports: [sample])
        func place(_ specimen: String?, _ build: String?, id: String = "maf:b.maf:x", sources: Bool = false)
            -> FindingPlacement
        {
            FindingPlacement.decide(
                storedReport: sample.id, storedHasSources: sources,
                incoming: MolecularReport(id: id, specimen: specimen.map { Specimen(id: $0) }, genomeBuild: build),
                in: record)
        }
        #expect(place("TCGA-A1-A0SB-01A-11D-A142-09", nil) == .merge)
        #expect(place("TCGA-A1-A0SB-01A-11D-A142-09", "GRCh37") == .merge)
        #expect(place("TCGA-A1-A0SB-01A-11D-A142-09", "GRCh38") == .ownRow("@GRCh38"))
        #expect(place("TCGA-A1-A0SB-02", "GRCh37") == .ownRow("@TCGA-A1-A0SB-02"))
        // Every aliquot of one vial of another specimen goes to the same row, where the two reports merge.
        #expect(place("TCGA-A1-A0SB-02A-11D-A142-09", nil) == .ownRow("@TCGA-A1-A0SB-02A"))
        #expect(place("TCGA-A1-A0SB-02A-21R-A142-07", nil) == .ownRow("@TCGA-A1-A0SB-02A"))
        #expect(place("metastasis-2", nil) == .ownRow("@metastasis-2"))
        #expect(place("TCGA-A1-A0SB-01", "GRCh37", id: sample.id) == .replace)
        #expect(place("TCGA-A1-A0SB-01", "GRCh37", id: sample.id, sources: true) == .merge)
    }

    // MARK: both backends

    @Test(arguments: Backend.available)
    func aSampleAndItsAliquotMakeOneFindingWithBothSources(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        let sample = "TCGA-A1-A0SB-01"
        let aliquot = "TCGA-A1-A0SB-01A-11D-A142-09"
        let annotated = [
            Self.variant(7_577_120, gene: "TP53", vaf: 0.31, depth: 80),
            Self.variant(7_578_000, gene: "TP53", vaf: 0.2, depth: 50),
        ]
        let bare = [Self.variant(7_577_120, vaf: 0.28, depth: 120), Self.variant(7_579_999)]
        _ = try Self.importing(store, [Self.batch(sample: sample, file: "full.maf", annotated)])
        let second = try Self.importing(store, [Self.batch(sample: aliquot, file: "minimal.tsv", build: nil, bare)])
        #expect(second.counts["finding"]?.updated == 1 && second.counts["finding"]?.created == 1)
        let found = try Self.findings(store, sample)
        #expect(found.count == 3)
        let shared = try #require(found.first { $0.id == "\(sample)/17:7577120:G:A" })
        #expect(shared.gene == "TP53" && shared.vaf == 0.31 && shared.reportId == "maf:full.maf:\(sample)")
        #expect(shared.sources?.map(\.reportId) == ["maf:full.maf:\(sample)", "maf:minimal.tsv:\(aliquot)"])
        #expect(shared.sources?.map(\.vaf) == [0.31, 0.28] && shared.sources?.map(\.depth) == [80, 120])
        #expect(!found.contains { $0.id.contains("@") })
        // Importing either file again changes nothing.
        for batch in [
            Self.batch(sample: sample, file: "full.maf", annotated),
            Self.batch(sample: aliquot, file: "minimal.tsv", build: nil, bare),
        ] {
            let again = try Self.importing(store, [batch])
            #expect(again.counts["finding"]?.unchanged == 2 && again.changedCases.isEmpty)
        }
        // A new version of the first file keeps the aliquot's call.
        var newer = annotated
        newer[0].vaf = 0.33
        _ = try Self.importing(store, [Self.batch(sample: sample, file: "full.maf", newer)])
        let updated = try #require(try Self.findings(store, sample).first { $0.id == shared.id })
        #expect(updated.sources?.map(\.vaf) == [0.33, 0.28] && updated.vaf == 0.33)
        #expect(try store.headline(caseId: sample)?.findingCount == 3)
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func aRecurrenceAndAnotherBuildStayFindingsOfTheirOwn(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        let rows = [Self.variant(7_577_120, gene: "TP53", vaf: 0.31, depth: 80)]
        _ = try Self.importing(store, [Self.batch(caseId: "C-1", sample: "TCGA-A1-A0SB-01", file: "a.maf", rows)])
        var recurrence = rows
        recurrence[0].vaf = 0.6
        _ = try Self.importing(
            store, [Self.batch(caseId: "C-1", sample: "TCGA-A1-A0SB-02", file: "a.maf", recurrence)])
        var lifted = rows
        lifted[0].vaf = 0.3
        _ = try Self.importing(
            store, [Self.batch(caseId: "C-1", sample: "TCGA-A1-A0SB-01", file: "b.maf", build: "GRCh38", lifted)])
        let found = try Self.findings(store, "C-1").filter { $0.id.hasPrefix("C-1/") }
        #expect(
            found.map(\.id).sorted() == [
                "C-1/17:7577120:G:A", "C-1/17:7577120:G:A@GRCh38", "C-1/17:7577120:G:A@TCGA-A1-A0SB-02",
            ])
        #expect(found.allSatisfy { $0.sources == nil })
        #expect(found.first { $0.id.hasSuffix("-02") }?.vaf == 0.6)
    }

    /// The real files (EXPECTED.md §4): the -01 sample of data_mutations_extended.maf and the aliquot
    /// TCGA-A1-A0SB-01A-11D-A142-09 of minimalist_test_maf.tsv, imported one after the other; the -02 recurrence
    /// keeps its own case.
    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: Backend.available)
    func theTCGASampleAndItsAliquotFromTwoRealFiles(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        let files = ["maf/data_mutations_extended.maf", "maf/minimalist_test_maf.tsv"]
        var keys: [String: Set<String>] = [:]
        for file in files {
            let payload = try MAFReader.read(data: try #require(RealData.data(file)), file: file)
            let mine = payload.findingSets.filter { ($0.sample ?? "").hasPrefix("TCGA-A1-A0SB") }
            for b in mine { keys[b.sample!, default: []].formUnion(b.findings.map(\.id)) }
            _ = try Self.importing(store, mine)
        }
        let sampleKeys = try #require(keys["TCGA-A1-A0SB-01"])
        let aliquotKeys = try #require(keys["TCGA-A1-A0SB-01A-11D-A142-09"])
        let shared = sampleKeys.intersection(aliquotKeys)
        #expect(!shared.isEmpty)
        let primary = try Self.findings(store, "TCGA-A1-A0SB-01")
        #expect(primary.count == sampleKeys.union(aliquotKeys).count)
        #expect(Set(primary.map(\.id)).count == primary.count && !primary.contains { $0.id.contains("@") })
        for key in shared {
            let f = try #require(primary.first { $0.id == "TCGA-A1-A0SB-01/" + key })
            #expect(
                f.sources?.map(\.reportId) == [
                    "maf:data_mutations_extended.maf:TCGA-A1-A0SB-01",
                    "maf:minimalist_test_maf.tsv:TCGA-A1-A0SB-01A-11D-A142-09",
                ], "\(key)")
            #expect(f.gene != nil, "\(key): the annotated report's gene is kept")
        }
        // expected.json's OR11H1 call keeps the full MAF's VAF and depth, not a mean with the aliquot's.
        let or11h1 = try #require(primary.first { $0.id == "TCGA-A1-A0SB-01/22:16449539:A:G" })
        let vaf = try #require(or11h1.vaf)
        #expect(or11h1.gene == "OR11H1" && abs(vaf - 0.1364) < 0.001 && or11h1.depth == 44)
        #expect(or11h1.sources?.first?.vaf == vaf && or11h1.sources?.last?.vaf == nil)
        let recurrence = try Self.findings(store, "TCGA-A1-A0SB-02")
        #expect(recurrence.count == keys["TCGA-A1-A0SB-02"]?.count && recurrence.allSatisfy { $0.sources == nil })
    }
}
