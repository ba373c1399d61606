import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// A cBioPortal patient row completes a case that already exists (the sample file imported first): its survival and
/// the study's own columns reach the stored case on both backends, a column read again takes its newer value, and a
/// row that states none keeps what is stored.
@Suite("cBioPortal patient columns on an existing case")
struct ClinicalColumnsMergeTests {
    static func partial(survival: SurvivalRecord?, attributes: [ClinicalAttribute]?) -> Case {
        var patient = Patient(id: "P-CB", name: PersonName())
        patient.survival = survival
        patient.attributes = attributes
        return Case(
            id: "P-CB", patient: patient, diagnosis: Diagnosis(text: ""),
            provenance: Provenance(file: "data_clinical_patient.txt", recordId: "P-CB", format: "cbioportal"))
    }

    static func merge(_ partial: Case, into store: any Backend.Store) throws {
        try store.importRecords(
            BoardBundle(), partialCases: [partial], caseAdditions: [], findingBatches: [], findingStreams: [],
            evidence: [], evidenceLoci: [], skipped: [], dryRun: false, now: Fixtures.now, progress: nil)
    }

    @Test(arguments: Backend.available)
    func survivalAndStudyColumnsReachAnExistingCase(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        var sample = Self.partial(survival: nil, attributes: nil)
        sample.reports = [MolecularReport(id: "cbioportal:S-1", specimen: Specimen(id: "S-1", type: "Tumor"))]
        try Self.merge(sample, into: store)
        let kas = ClinicalAttribute(id: "KAS_ID", value: "42", name: "KAS ID", datatype: "STRING", priority: "1")
        let arm = ClinicalAttribute(id: "STUDY_ARM", value: "A")
        let survival = SurvivalRecord(overallMonths: 12, diseaseFree: .recurredOrProgressed, diseaseFreeMonths: 4)
        try Self.merge(Self.partial(survival: survival, attributes: [kas, arm]), into: store)
        let day = LocalDate(year: 2026, month: 11, day: 18)
        var stored = try #require(try store.caseRecord(id: "P-CB", on: day)).record
        #expect(stored.patient.survival == survival)
        #expect(stored.patient.attributes == [kas, arm])
        #expect(stored.reports.map(\.id) == ["cbioportal:S-1"], "the sample stays")
        // Read again: a newer value replaces its column, others stay; a row without them keeps them.
        let newer = ClinicalAttribute(id: "KAS_ID", value: "43")
        try Self.merge(Self.partial(survival: nil, attributes: [newer]), into: store)
        stored = try #require(try store.caseRecord(id: "P-CB", on: day)).record
        #expect(stored.patient.attributes == [newer, arm])
        #expect(stored.patient.survival == survival)
    }
}
