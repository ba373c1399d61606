import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// A de-identified Summary (`show --deidentify`) carries no date of the patient's care: treatment periods keep their
/// status and stated ages but not their dates or "last recorded" day, and phenotype and measurement lines lose their
/// observation times, as `show --json --deidentify` leaves them out. The named Summary keeps them all.
struct DeidentifiedSummaryDatesTests {
    static let record: Case = {
        var c = recordWithoutSites
        c.metastaticSites = [MetastaticSite(code: "8935007", system: "SNOMED CT", since: LocalDate("2017-07-21"))]
        return c
    }()

    static let recordWithoutSites = Case(
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

    /// A metastatic site's "since" date is a care date too (new-user run 5, #2): gone from every de-identified
    /// output (Summary, case export, minutes, JSON), kept in the named ones.
    @Test func aMetastaticSitesDateIsACareDate() throws {
        let day = LocalDate("2026-01-01")!
        let meeting = Meeting(
            id: "M-1", boardId: "b", startsAt: Date(timeIntervalSince1970: 0),
            agenda: [AgendaItem(caseId: Self.record.id, position: 1)])
        func minutes(_ deidentify: Bool) -> String {
            MinutesWriter(
                meeting: meeting, board: Board(id: "b", name: "Board"), cases: [Self.record], deidentify: deidentify
            ).render(width: 300)
        }
        func json(_ deidentify: Bool) throws -> String {
            String(
                decoding: try CaseJSON(record: Self.record, today: day, deidentify: deidentify).data(), as: UTF8.self)
        }
        let hidden = [
            CaseSummaryText(record: Self.record, today: day, deidentify: true).render(),
            CaseExportWriter(record: Self.record, asOf: day, deidentify: true).render(), minutes(true), try json(true),
        ]
        for text in hidden {
            #expect(text.contains("site not named in the file (SNOMED CT 8935007)"), "\(text)")
            #expect(!text.contains("2017-07-21"), "\(text)")
        }
        let named = [
            CaseSummaryText(record: Self.record, today: day).render(),
            CaseExportWriter(record: Self.record, asOf: day)
                .render(), minutes(false), try json(false),
        ]
        for text in named { #expect(text.contains("8935007) since 2017-07-21"), "\(text)") }
    }

    /// A placeholder the program wrote for an unstated name ("(name not stated in the lab file)") names nobody: its
    /// words are not scrubbed out of the diagnosis "not stated in the lab file" (new-user run 5, #1).
    @Test func aPlaceholderNameIsNotScrubbedFromTheText() {
        var c = Self.recordWithoutSites
        c.patient = Patient(id: "patient-of-80D", name: PersonName(text: "(name not stated in the lab file)"))
        c.diagnosis = Diagnosis(text: "not stated in the lab file")
        let text = CaseSummaryText(record: c, today: LocalDate("2026-01-01")!, deidentify: true).render()
        #expect(text.contains("not stated in the lab file"), "\(text)")
        #expect(!text.contains("\(c.patient.pseudonym) \(c.patient.pseudonym)"), "\(text)")
        #expect(PersonName(text: "(unnamed)").isPlaceholder && PersonName().isPlaceholder)
        #expect(!PersonName(text: "Ann Test").isPlaceholder && !PersonName(given: "(x)").isPlaceholder)
        #expect(CaseIdShown.names(of: c.patient).isEmpty)
    }

    @Test func theNamedSummaryKeepsThem() {
        let text = CaseSummaryText(record: Self.record, today: LocalDate("2026-01-01")!).render()
        #expect(text.contains("paclitaxel  2017-07-28 – 2017-09-08"))
        #expect(text.contains("1985-07-30, last recorded 1990-07-22, stopped (end not recorded)"))
        #expect(text.contains("onset 2020-03-20") && text.contains("2019-09-01T10:15:00Z – 2020-03-01"))
    }
}
