import BoardModel
import Foundation
import Testing

@testable import BoardFormats
@testable import BoardStore

/// Whose case a record is, and which finding a finding is: a case belongs to one patient for good, and findings
/// of different documents never overwrite one another (synthetic records written from the specs).
@Suite("Record identity: one patient per case, findings scoped by their source")
struct RecordIdentityTests {
    /// A Phenopacket v2 (schema 2.0) with a placeholder document id, as many published examples have.
    static func phenopacket(subject: String, gene: String, hgvs: String) -> Data {
        Data(
            """
            {"id": "arbitrary.id", "subject": {"id": "\(subject)", "sex": "FEMALE"},
             "interpretations": [{"id": "i1", "progressStatus": "SOLVED", "diagnosis": {"disease": {"id": "NCIT:C7541", "label": "Retinoblastoma"},
               "genomicInterpretations": [{"subjectOrBiosampleId": "\(subject)", "interpretationStatus": "CAUSATIVE",
                 "variantInterpretation": {"variationDescriptor": {"id": "v1", "geneContext": {"valueId": "HGNC:1", "symbol": "\(gene)"},
                   "expressions": [{"syntax": "hgvs.c", "value": "\(hgvs)"}]}}}]}}],
             "diseases": [{"term": {"id": "NCIT:C7541", "label": "Retinoblastoma"}}],
             "metaData": {"created": "2021-05-14T10:35:00Z", "phenopacketSchemaVersion": "2.0"}}
            """.utf8)
    }

    @Test func twoPhenopacketsOfTwoSubjectsMakeTwoCasesEvenWithOneDocumentId() throws {
        let s = try BoardStore.inMemory()
        var payload = try PhenopacketReader.read(
            data: Self.phenopacket(subject: "subject A", gene: "RB1", hgvs: "NM_000321.2:c.958C>T"), file: "a.json")
        payload.merge(
            try PhenopacketReader.read(
                data: Self.phenopacket(subject: "subject B", gene: "TP53", hgvs: "NM_000546.6:c.817C>T"), file: "b.json"
            ))
        #expect(payload.bundle.cases.map(\.id) == ["subject A", "subject B"])
        try s.importRecords(payload.bundle, now: Fixtures.now)
        let a = try #require(try s.caseRecord(id: "subject A")).record
        let b = try #require(try s.caseRecord(id: "subject B")).record
        #expect(a.patient.id == "subject A" && a.findings.map(\.gene) == ["RB1"])
        #expect(b.patient.id == "subject B" && b.findings.map(\.gene) == ["TP53"])
    }

    @Test func aRecordOfAnotherPatientNeverRepointsACase() throws {
        let s = try BoardStore.inMemory()
        try s.importBundle(Fixtures.bundle, now: Fixtures.now)
        let before = try #require(try s.caseRecord(id: "C-1")).record
        var other = before
        other.patient = Fixtures.patient(7, given: "Ann", family: "Other")
        other.findings = []
        other.provenance = Provenance(file: "/tmp/other.json", format: "native")
        #expect(throws: StoreError.self) { try s.importBundle(BoardBundle(cases: [other]), now: Fixtures.now) }
        do {
            try s.importBundle(BoardBundle(cases: [other]), now: Fixtures.now)
        } catch {
            let message = "\(error)"
            #expect(message.contains("other.json") && message.contains("C-1") && message.contains("another patient"))
            #expect(!message.contains("Other") && !message.contains("MRN"))  // no identifier in the error
        }
        let after = try #require(try s.caseRecord(id: "C-1")).record
        #expect(after == before)  // the store is exactly as it was
        // Two records of two patients under one case id in one import: refused as a whole.
        var first = other
        first.id = "C-NEW"
        var second = before
        second.id = "C-NEW"
        #expect(throws: StoreError.self) { try s.importBundle(BoardBundle(cases: [first, second]), now: Fixtures.now) }
        #expect(try s.caseRecord(id: "C-NEW") == nil)
    }

    /// A Genomics Reporting bundle: a Patient, a variant Observation and its DiagnosticReport, with fullUrls that the
    /// IG's example bundles reuse from one bundle to the next.
    static func bundle(id: String, gene: String, hgvsG: String, report: Bool = true) -> Data {
        let text =
            """
            {"resourceType": "Bundle", "id": "\(id)", "type": "collection", "entry": [
              {"fullUrl": "urn:uuid:0000-patient", "resource": {"resourceType": "Patient", "gender": "male", "birthDate": "1962-12-31",
                "identifier": [{"system": "http://example.org/mrn", "value": "1007"}]}},
              {"fullUrl": "urn:uuid:0000-variant", "resource": {"resourceType": "Observation", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "69548-6"}]}, "subject": {"reference": "urn:uuid:0000-patient"},
                "valueCodeableConcept": {"coding": [{"system": "http://loinc.org", "code": "LA9633-4", "display": "Present"}]},
                "component": [
                  {"code": {"coding": [{"system": "http://loinc.org", "code": "48018-6"}]}, "valueCodeableConcept": {"coding": [{"system": "http://www.genenames.org/geneId", "display": "\(gene)"}]}},
                  {"code": {"coding": [{"system": "http://loinc.org", "code": "81290-9"}]}, "valueCodeableConcept": {"coding": [{"system": "http://varnomen.hgvs.org", "code": "\(hgvsG)"}]}}]}},
              {"fullUrl": "urn:uuid:0000-report", "resource": {"resourceType": "DiagnosticReport", "status": "final",
                "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "GE"}]}],
                "code": {"coding": [{"system": "http://loinc.org", "code": "81247-9"}]}, "subject": {"reference": "urn:uuid:0000-patient"},
                "result": [{"reference": "urn:uuid:0000-variant"}]}}]}
            """
        guard !report, let cut = text.range(of: #",\#n  {"fullUrl": "urn:uuid:0000-report""#) else {
            return Data(text.utf8)
        }
        return Data((text[..<cut.lowerBound] + "]}").utf8)
    }

    /// Variants no DiagnosticReport groups belong to their own bundle: another bundle of the same patient never
    /// replaces them, and importing either again leaves the store as it was.
    @Test func variantsWithoutAReportAreKeptAcrossBundlesAndReimportIsIdempotent() throws {
        let s = try BoardStore.inMemory()
        let first = try FHIRReader.read(
            data: Self.bundle(id: "one", gene: "BRAF", hgvsG: "NC_000007.13:g.140453136A>T", report: false),
            file: "/data/one.json")
        let second = try FHIRReader.read(
            data: Self.bundle(id: "two", gene: "JAK2", hgvsG: "NC_000009.11:g.5073770G>T", report: false),
            file: "/data/two.json")
        #expect(first.bundle.cases.first?.reports.isEmpty == true)
        try s.importRecords(first.bundle, now: Fixtures.now)
        try s.importRecords(second.bundle, now: Fixtures.now)
        let caseId = try #require(second.bundle.cases.first?.id)
        let both = try #require(try s.caseRecord(id: caseId)).record
        #expect(both.findings.compactMap(\.gene).sorted() == ["BRAF", "JAK2"])
        for payload in [first, second] {
            let again = try s.importRecords(payload.bundle, now: Fixtures.now)
            #expect(again.counts["finding"]?.created ?? 0 == 0 && again.counts["finding"]?.updated ?? 0 == 0)
        }
        let after = try #require(try s.caseRecord(id: caseId)).record
        #expect(Set(after.findings.map(\.id)) == Set(both.findings.map(\.id)))
        #expect(after.findings.compactMap(\.gene).sorted() == ["BRAF", "JAK2"])
    }

    @Test func bundlesReusingAnObservationIdKeepBothVariantsAndReimportUpdates() throws {
        let s = try BoardStore.inMemory()
        let first = try FHIRReader.read(
            data: Self.bundle(id: "diagnostic", gene: "BRAF", hgvsG: "NC_000007.13:g.140453136A>T"),
            file: "/data/diagnostic.json")
        let second = try FHIRReader.read(
            data: Self.bundle(id: "examples", gene: "JAK2", hgvsG: "NC_000009.11:g.5073770G>T"),
            file: "/data/examples.json")
        let ids = (first.bundle.cases + second.bundle.cases).flatMap(\.findings).map(\.id)
        #expect(Set(ids).count == 2)  // one Observation id, two bundles: two findings
        try s.importRecords(first.bundle, now: Fixtures.now)
        let added = try s.importRecords(second.bundle, now: Fixtures.now)
        #expect(added.counts["finding"]?.created == 1 && added.counts["finding"]?.updated ?? 0 == 0)
        let caseId = try #require(second.bundle.cases.first?.id)
        #expect(first.bundle.cases.first?.id == caseId)  // one patient, one case
        var genes = try #require(try s.caseRecord(id: caseId)).record.findings.compactMap(\.gene)
        #expect(genes.sorted() == ["BRAF", "JAK2"])
        // The same bundle again: the same finding, unchanged; no duplicate.
        let again = try s.importRecords(second.bundle, now: Fixtures.now)
        #expect(again.counts["finding"]?.created ?? 0 == 0)
        genes = try #require(try s.caseRecord(id: caseId)).record.findings.compactMap(\.gene)
        #expect(genes.sorted() == ["BRAF", "JAK2"])
        // And the first bundle again, after the second: still both, each report beside its finding.
        try s.importRecords(first.bundle, now: Fixtures.now)
        let record = try #require(try s.caseRecord(id: caseId)).record
        #expect(record.findings.compactMap(\.gene).sorted() == ["BRAF", "JAK2"])
        #expect(Set(record.findings.compactMap(\.reportId)).count == 2 && record.reports.count == 2)
    }
}
