import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Issue 12: impossible values in a native record file are reported by JSON path and not stored; the rest of the
/// record is imported.
@Suite("Record values")
struct RecordValuesTests {
    @Test func invalidValuesInANativeFileAreReportedAndLeftOut() throws {
        let today = LocalDate(Date())
        var c = Case(
            id: "C-1",
            patient: Patient(
                id: "P-1", name: PersonName(family: "Roe"),
                birthDate: LocalDate(year: today.year + 1, month: 1, day: 1)),
            diagnosis: Diagnosis(text: "NSCLC"), performance: PerformanceStatus(ecog: -1, karnofsky: -1),
            findings: [
                Finding(id: "F1", kind: .snv, gene: "EGFR", hgvsP: "p.L858R", vaf: 31, depth: -2),
                Finding(id: "F2", kind: .snv, gene: "TP53", vaf: 0.4, depth: 120),
            ])
        c.question = "keep me"
        let data = try NativeReader.encoder.encode(BoardBundle(cases: [c]))
        let path = try TempFile.write(data, name: "cases.json")
        let payload = try BoardReader.payload(path: path)
        let stored = try #require(payload.bundle.cases.first)
        #expect(stored.performance == nil)
        #expect(stored.patient.birthDate == nil)
        #expect(stored.findings[0].vaf == nil && stored.findings[0].depth == nil)
        #expect(stored.findings[1].vaf == 0.4 && stored.findings[1].depth == 120)
        #expect(stored.question == "keep me")
        #expect(
            payload.skipped == [
                "cases.json: $.cases[0].patient.birthDate: expected a birth date not in the future (the value is not shown); not imported",
                "cases.json: $.cases[0].performance.ecog: expected ECOG 0–5, got -1; not imported",
                "cases.json: $.cases[0].performance.karnofsky: expected Karnofsky 0–100 in steps of 10, got -1; not imported",
                "cases.json: $.cases[0].findings[0].vaf: expected a variant allele fraction 0–1, got 31; not imported",
                "cases.json: $.cases[0].findings[0].depth: expected a read depth ≥ 0, got -2; not imported",
            ])
        // A date that is not on the calendar is not a date at all: one error with its JSON path.
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"NSCLC\"", with: "\"NSCLC\", \"diagnosedOn\": \"2026-02-30\"")
        do {
            _ = try NativeReader.read(data: Data(text.utf8), file: "bad.json")
            Issue.record("2026-02-30 was read as a date")
        } catch let e as ImportError {
            #expect(e.location?.contains("diagnosedOn") == true)
        }
    }
}
