import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// A re-imported record never erases what it does not state validly, and a treatment read again takes the
/// source's newer reading (its end and status).
@Suite("Re-imported records keep what they do not state")
struct RecordKeepTests {
    static func patient(sex: Sex, born: String?) -> Patient {
        Patient(
            id: "p-keep", name: PersonName(given: "A", family: "Bcd"), birthDate: born.flatMap(LocalDate.init), sex: sex
        )
    }

    @Test func anInvalidSexOrBirthDateKeepsTheStoredOnes() throws {
        let s = try BoardStore.inMemory(user: "t")
        let first = Case(
            id: "K-1", patient: Self.patient(sex: .female, born: "1965-03-04"), diagnosis: Diagnosis(text: "x"),
            provenance: Provenance(file: "/x/Patient.json", format: "fhir"))
        _ = try s.importBundle(BoardBundle(cases: [first]), now: Fixtures.now)
        // The same Patient file again with gender "12" and birthDate "1965-13-45": the reader stores neither.
        var again = first
        again.patient = Self.patient(sex: .unknown, born: nil)
        _ = try s.importBundle(BoardBundle(cases: [again]), now: Fixtures.now)
        let stored = try #require(try s.caseRecord(id: "K-1")?.record)
        #expect(stored.patient.sex == .female && stored.patient.birthDate == LocalDate("1965-03-04"))
        // A valid new value still replaces the stored one.
        var corrected = first
        corrected.patient = Self.patient(sex: .male, born: "1966-01-01")
        _ = try s.importBundle(BoardBundle(cases: [corrected]), now: Fixtures.now)
        let now = try #require(try s.caseRecord(id: "K-1")?.record)
        #expect(now.patient.sex == .male && now.patient.birthDate == LocalDate("1966-01-01"))
    }

    @Test func aTreatmentReadAgainTakesItsNewEndAndStatus() throws {
        let s = try BoardStore.inMemory(user: "t")
        let base = Case(id: "K-2", patient: Self.patient(sex: .female, born: nil), diagnosis: Diagnosis(text: "x"))
        _ = try s.importBundle(BoardBundle(cases: [base]), now: Fixtures.now)
        func addition(_ line: TherapyLine) -> Case {
            Case(
                id: "K-2", patient: Patient(id: "K-2", name: PersonName()), diagnosis: Diagnosis(text: ""),
                treatmentHistory: [line], provenance: Provenance(file: "/x/MedicationStatement.json"))
        }
        let open = TherapyLine(line: nil, drugs: ["paclitaxel"], start: LocalDate("2017-07-28"))
        _ = try s.importRecords(BoardBundle(), caseAdditions: [addition(open)], now: Fixtures.now)
        var closed = open
        closed.end = LocalDate("2017-09-08")
        closed.status = "completed"
        _ = try s.importRecords(BoardBundle(), caseAdditions: [addition(closed)], now: Fixtures.now)
        let lines = try #require(try s.caseRecord(id: "K-2")?.record).treatmentHistory
        #expect(lines.count == 1 && lines[0].end == LocalDate("2017-09-08") && lines[0].status == "completed")
    }

    @Test func aCaseCreatedAndCompletedByOneImportCountsOnceAsCreated() throws {
        let s = try BoardStore.inMemory(user: "t")
        let patient = Case(
            id: "P-9", patient: Patient(id: "P-9", name: PersonName()), diagnosis: Diagnosis(text: ""),
            provenance: Provenance(file: "/x/data_clinical_patient.txt"))
        var sample = patient
        sample.diagnosis = Diagnosis(text: "Glioma")
        sample.provenance = Provenance(file: "/x/data_clinical_sample.txt")
        let summary = try s.importRecords(BoardBundle(), partialCases: [patient, sample], now: Fixtures.now)
        #expect(summary.counts["case"]?.created == 1 && summary.counts["case"]?.updated == 0)
        #expect(summary.changedCases == ["P-9"])
        #expect(try s.caseRecord(id: "P-9")?.record.diagnosis.text == "Glioma")
    }
}
