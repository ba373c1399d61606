import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// A de-identified Summary (`show --deidentify`) carries no date of the patient's care: treatment periods keep their
/// status and stated ages but not their dates or "last recorded" day, and phenotype and measurement lines lose their
/// observation times, as `show --json --deidentify` leaves them out. The named Summary keeps them all.
struct DeidentifiedSummaryDatesTests {
    static let record = Case(
        id: "c1", patient: Patient(id: "p1", name: PersonName(given: "Ann", family: "Test")),
        diagnosis: Diagnosis(text: "Retinoblastoma"),
        treatmentHistory: [
            TherapyLine(line: 1, drugs: ["paclitaxel"], start: LocalDate("2017-07-28"), end: LocalDate("2017-09-08")),
            TherapyLine(
                line: 2, drugs: ["tamoxifen"], start: LocalDate("1985-07-30"), status: "stopped",
                lastRecorded: LocalDate("1990-07-22")),
            TherapyLine(line: 3, drugs: ["carboplatin"], status: "completed", ages: "P7M – P8M"),
        ],
        phenotypes: ["Leukocoria (HP:0000555), onset 2020-03-20"],
        measurements: ["Intraocular pressure (LOINC:79893-4) 25 mm[Hg], 2019-09-01T10:15:00Z – 2020-03-01"])

    @Test func noCareDateInTheDeidentifiedSummary() {
        let text = CaseSummaryText(record: Self.record, today: LocalDate("2026-01-01")!, deidentify: true).render()
        for date in ["2017", "1985", "1990", "2019", "2020"] { #expect(!text.contains(date), "\(date) in:\n\(text)") }
        #expect(text.contains("paclitaxel  ended"), "\(text)")
        #expect(text.contains("tamoxifen  stopped (end not recorded)"), "\(text)")
        #expect(text.contains("carboplatin  at age P7M – P8M, completed"), "\(text)")
        #expect(text.contains("onset [date removed]") && text.contains("mm[Hg], [date removed] – [date removed]"))
    }

    @Test func theNamedSummaryKeepsThem() {
        let text = CaseSummaryText(record: Self.record, today: LocalDate("2026-01-01")!).render()
        #expect(text.contains("paclitaxel  2017-07-28 – 2017-09-08"))
        #expect(text.contains("1985-07-30, last recorded 1990-07-22, stopped (end not recorded)"))
        #expect(text.contains("onset 2020-03-20") && text.contains("2019-09-01T10:15:00Z – 2020-03-01"))
    }
}
