import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// CaseOutcome files: cases from the specifications first (cBioPortal File-Formats.md "Timeline Data"; mCODE
/// CancerDiseaseStatus and CancerRelatedMedication*; the native record), then the real files, checked against
/// ../shared/realdata/expected.json read at test time. Every record read is an outcome or a counted skip.
@Suite("Outcome files")
struct OutcomeFileReaderTests {
    func read(_ text: String, name: String = "outcomes.txt") throws -> OutcomeFileContent {
        try OutcomeFileReader.read(data: Data(text.utf8), file: name)
    }

    /// Records read = outcomes made from them (a TREATMENT with a stop makes two) + records skipped.
    func accountedFor(_ c: OutcomeFileContent, sources: Int) {
        #expect(c.account.recordsRead == sources + c.account.skippedCount)
    }

    // MARK: cBioPortal timeline

    @Test func timelineEventsFromTheSpecification() throws {
        let file = """
            #Patient Identifier\tStart\tStop\tEvent\tType\tSubtype\tAgent\tStatus\tNotes
            PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tSUBTYPE\tAGENT\tSTATUS\tNOTES
            P1\t10\t94\tTREATMENT\tMedical Therapy\tTargeted Therapy\tpemigatinib\t\tcycle 1-4
            P1\t50\t\tSTATUS\t\t\t\tPartial Response\t
            P1\t100\t\tSTATUS\t\t\t\tProgression\t
            P1\t0\t\tSPECIMEN\t\t\t\t\t
            P1\tday 3\t\tSTATUS\t\t\t\tStable Disease\t
            P1\t120\t\tSTATUS\t\t\t\tAlive with disease\t
            """
        let c = try read(file)
        #expect(c.format == "cbioportal timeline")
        let kinds = c.records.map(\.outcome.kind)
        #expect(kinds == [.treatmentStarted, .treatmentStopped, .response, .progression])
        let start = c.records[0]
        #expect(start.subject == "P1" && start.daysFromDiagnosis == 10 && start.location == "line 3")
        #expect(start.outcome.drugs == ["pemigatinib"] && start.outcome.regimen == "Medical Therapy: Targeted Therapy")
        #expect(c.records[1].daysFromDiagnosis == 94 && c.records[1].outcome.treatmentId == start.outcome.id)
        #expect(c.records[1].outcome.stopReason == .notStated, "the file gives no reason: unknown, not 'other'")
        #expect(c.records[2].outcome.criteria == .notStated && c.records[2].outcome.response == "PR")
        #expect(c.account.skipped["SPECIMEN timeline events: not outcomes"] == 1)
        #expect(c.account.invalid.map(\.location) == ["line 7, column START_DATE"])
        #expect(c.account.skippedCount == 3)
        #expect(c.account.unusedFields["NOTES"] == 1)
        accountedFor(c, sources: 3)
    }

    @Test func aTimelineWithoutPatientIdIsRefused() throws {
        #expect(throws: ImportError.self) { try read("START_DATE\tEVENT_TYPE\n1\tSTATUS\n") }
        do {
            _ = try read("PATIENT_ID\tSTART_DATE\tEVENT_TYPE\n\t1\tSTATUS\n")
            Issue.record("expected a refusal")
        } catch let error as ImportError {
            #expect(error.location == "line 2, column PATIENT_ID")
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func realTimelineTreatmentFile() throws {
        let name = "cbioportal_clinical/data_timeline_treatment.txt"
        guard let data = RealData.data(name) else { return }
        let c = try OutcomeFileReader.read(data: data, file: name)
        let expected = try Self.must(name, "treatments") as? [[String: Any]] ?? []
        let starts = c.records.filter { $0.outcome.kind == .treatmentStarted }
        let stops = c.records.filter { $0.outcome.kind == .treatmentStopped }
        #expect(starts.count == expected.count && stops.count == expected.count, "every row, the last one too")
        for (record, want) in zip(starts, expected) {
            #expect(record.subject == want["patient"] as? String)
            #expect(record.daysFromDiagnosis == want["start_day"] as? Int)
            #expect(record.outcome.drugs == (want["agents"] as? [String] ?? []), "X + Y is two agents; radiation none")
            let stop = stops.first { $0.outcome.treatmentId == record.outcome.id }
            #expect(stop?.daysFromDiagnosis == want["stop_day"] as? Int)
            if let subtype = want["subtype"] as? String { #expect(record.outcome.regimen?.contains(subtype) == true) }
            #expect(record.outcome.regimen?.contains(want["type"] as? String ?? "?") == true)
        }
        accountedFor(c, sources: expected.count)
    }

    // MARK: FHIR

    static let bundle = """
        {"resourceType": "Bundle", "type": "collection", "entry": [
          {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1"}},
          {"resource": {"resourceType": "Observation", "id": "ds1", "status": "final",
            "meta": {"profile": ["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-disease-status"]},
            "code": {"coding": [{"system": "http://loinc.org", "code": "97509-4"}]},
            "subject": {"reference": "urn:uuid:p1"}, "effectiveDateTime": "2026-03-01",
            "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "268910001"}]},
            "performer": [{"reference": "Practitioner/x"}]}},
          {"resource": {"resourceType": "Observation", "id": "ds2", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "88040-1"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-05-02T10:00:00Z",
            "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "271299001"}]}}},
          {"resource": {"resourceType": "Observation", "id": "ds3", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "97509-4"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-05-03",
            "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "1234"}]}}},
          {"resource": {"resourceType": "Observation", "id": "ecog", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "89247-1"}]}, "subject": {"reference": "Patient/p1"}}},
          {"resource": {"resourceType": "MedicationAdministration", "id": "m1", "status": "completed",
            "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "3002", "display": "cyclophosphamide"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-01-09"}},
          {"resource": {"resourceType": "MedicationAdministration", "id": "m2", "status": "completed",
            "medicationCodeableConcept": {"coding": [{"display": "cyclophosphamide"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-01-30"}},
          {"resource": {"resourceType": "MedicationStatement", "id": "m3", "status": "completed",
            "medicationCodeableConcept": {"text": "Paclitaxel 100 MG Injection"},
            "subject": {"reference": "Patient/p1"}, "effectivePeriod": {"start": "2026-02-01", "end": "2026-04-01"}}},
          {"resource": {"resourceType": "MedicationStatement", "id": "m4", "status": "not-taken",
            "statusReason": [{"text": "patient declined"}],
            "medicationCodeableConcept": {"text": "carboplatin"},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-02-01"}},
          {"resource": {"resourceType": "MedicationStatement", "id": "m5", "status": "completed",
            "medicationCodeableConcept": {"text": "ibuprofen"},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-02-01"}},
          {"resource": {"resourceType": "MedicationStatement", "id": "m3", "status": "completed",
            "medicationCodeableConcept": {"text": "Paclitaxel 100 MG Injection"},
            "subject": {"reference": "Patient/p1"}, "effectivePeriod": {"start": "2026-02-01", "end": "2026-04-01"}}}
        ]}
        """

    @Test func mcodeDiseaseStatusAndMedications() throws {
        let c = try read(Self.bundle, name: "bundle.json")
        #expect(c.format == "fhir")
        let r = c.records
        #expect(r.allSatisfy { $0.subject == "p1" }, "urn:uuid and Patient/ references both name the Patient's id")
        let improved = r.first { $0.outcome.kind == .response }
        #expect(improved?.outcome.criteria == .diseaseStatus && improved?.outcome.response == "improved")
        #expect(improved?.outcome.date == LocalDate("2026-03-01"))
        #expect(r.contains { $0.outcome.kind == .progression && $0.outcome.date == LocalDate("2026-05-02") })
        let starts = r.filter { $0.outcome.kind == .treatmentStarted }
        #expect(starts.map(\.outcome.drugs) == [["cyclophosphamide"], ["paclitaxel"]])
        #expect(starts.first?.outcome.date == LocalDate("2026-01-09"), "the first dose starts the treatment")
        let stop = r.first { $0.outcome.kind == .treatmentStopped }
        #expect(stop?.outcome.date == LocalDate("2026-04-01") && stop?.outcome.stopReason == .completed)
        #expect(stop?.outcome.treatmentId == starts.last?.outcome.id)
        let declined = r.first { $0.outcome.kind == .treatmentNotStarted }
        #expect(declined?.outcome.reason == "carboplatin not given: patient declined")
        #expect(c.account.invalid.map(\.location) == ["$.entry[3].resource.valueCodeableConcept"])
        #expect(c.account.skipped["Patient resources: not outcomes"] == 1)
        #expect(c.account.skipped["Observations that are not a cancer disease status"] == 1)
        #expect(c.account.skipped["later doses of a drug already started (one treatment start per drug)"] == 1)
        #expect(c.account.skipped["medications that are not antineoplastic (or name no drug)"] == 1)
        #expect(c.account.skipped["repeated Bundle entries of a resource already read"] == 1)
        #expect(c.account.unusedFields["Observation.performer"] == 1)
        // 11 resources: 6 records made (2 status, 2 starts, 1 not started; the stop comes with m3) + 6 skipped.
        #expect(c.account.recordsRead == 11 && c.account.skippedCount == 6)
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func realMcodeMedicationAdministration() throws {
        let name = "fhir/MedicationAdministration-cancer-related-medication-admin-cyclophosphamide-brian-l.json"
        guard let data = RealData.data(name) else { return }
        let c = try OutcomeFileReader.read(data: data, file: name)
        let treatment = try Self.must(name, "treatment") as? [String: Any]
        let subject = try Self.must(name, "subject") as? String
        #expect(c.records.count == 1)
        let start = c.records.first
        #expect(start?.outcome.kind == .treatmentStarted)
        #expect(start?.outcome.drugs == [treatment?["drug"] as? String ?? "?"])
        #expect(start?.outcome.date == LocalDate(treatment?["date"] as? String ?? ""))
        #expect(subject == "Patient/" + (start?.subject ?? ""), "the subject is kept to be checked against a case")
        #expect(c.account.recordsRead == 1 && c.account.skippedCount == 0)
        #expect(c.account.unusedFields["MedicationAdministration.dosage"] == 1, "what is not used is said")
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func realMcodeBundleMedicationStatements() throws {
        let name = "fhir/patient_data.json"
        guard let data = RealData.data(name) else { return }
        let c = try OutcomeFileReader.read(data: data, file: name)
        let treatments = try Self.must(name, "treatments") as? [[String: Any]] ?? []
        let starts = c.records.filter { $0.outcome.kind == .treatmentStarted }
        #expect(starts.count == treatments.count)
        for (s, want) in zip(starts, treatments) {
            #expect(s.outcome.drugs.map { $0.lowercased() } == [want["drug"] as? String ?? "?"])
            #expect(s.outcome.date == LocalDate(want["start"] as? String ?? ""))
        }
        #expect(
            !c.records.contains { $0.outcome.kind == .treatmentStopped },
            "a completed statement is one dose, not a stop")
        #expect(c.account.recordsRead == c.records.count + c.account.skippedCount)
    }

    // MARK: Native

    @Test func nativeRecords() throws {
        let json = """
            {"outcomes": [
              {"id": "a", "caseId": "C-1", "kind": "treatment-started", "date": "2026-02-01", "drugs": ["osimertinib"],
               "followedRecommendation": "yes", "comment": "x"},
              {"caseId": "C-1", "kind": "response", "date": "2026-04-01", "criteria": "RECIST 1.1", "response": "PR",
               "treatmentId": "a"}
            ]}
            """
        let c = try read(json, name: "o.json")
        #expect(c.format == "native outcomes")
        #expect(c.records.map(\.subject) == ["C-1", "C-1"])
        #expect(c.records[1].outcome.treatmentId == "a" && c.records[1].outcome.criteria == .recist)
        #expect(c.account.unusedFields == ["comment": 1])
        do {
            _ = try read(#"[{"caseId": "C-1", "kind": "cured", "date": "2026-02-01"}]"#, name: "bad.json")
            Issue.record("expected a refusal")
        } catch let error as ImportError {
            #expect(error.location?.hasPrefix("$[0]") == true)
        }
        #expect(throws: ImportError.self) { try read(#"[{"caseId": "C-1", "kind": "death", "date": "2026-02-30"}]"#) }
    }

    static func must(_ file: String, _ path: String) throws -> Any? {
        guard let data = RealData.data("expected.json"),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entry = json[file] as? [String: Any], let must = entry["must"] as? [[String: Any]]
        else { return nil }
        return must.first { $0["path"] as? String == path }?["value"]
    }
}
