import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// A real record whose variant has no genomic source class (expected.json: Bundle-oncology-diagnostic.json's BRAF
/// p.Val600Glu has origin "unknown", and inventing somatic or germline is a "must not") meets CIViC's somatic BRAF
/// V600E evidence from a real release: the evidence is attached, and every text the board reads flags it.
@Suite("Somatic evidence on a real finding of unknown origin is flagged")
struct EvidenceOriginRealTests {
    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: Backend.available)
    func realBRAFOfUnknownOriginCarriesTheCaution(backend: Backend) throws {
        let s = try backend.makeBoard().store
        var caseId: String?
        for file in ["fhir/Bundle-oncology-diagnostic.json", "civic/nightly-ClinicalEvidenceSummaries.tsv"] {
            let p = try BoardReader.payload(path: RealData.path(file))
            caseId = caseId ?? p.bundle.cases.first?.id
            try s.importRecords(
                p.bundle, partialCases: p.partialCases, caseAdditions: p.caseAdditions, findingBatches: p.findingSets,
                findingStreams: p.findingStreams, evidence: p.evidence, evidenceLoci: p.evidenceLoci,
                skipped: p.skipped, dryRun: false, now: Fixtures.now, progress: nil)
        }
        let id = try #require(caseId)
        let record = try #require(try s.caseRecord(id: id, on: LocalDate(Fixtures.now))).record
        let braf = try #require(record.findings.first { $0.gene == "BRAF" })
        #expect(braf.origin == .unknown)
        #expect(braf.evidence.contains { $0.origin == .somatic }, "\(braf.evidence.map(\.reference))")
        #expect(braf.originCaution == "origin unknown: somatic evidence may not apply")
        let show = CaseSummaryText(record: record, today: LocalDate(Fixtures.now)).render()
        #expect(show.contains("origin unknown: somatic evidence may not apply"), "\(show)")
        #expect(FindingDetailText(finding: braf).render().contains("this finding's origin is unknown"))
    }
}
