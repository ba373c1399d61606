import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// A case id taken from a source id can carry the patient's name (FHIR Patient.id "cancer-patient-jenny-m"):
/// de-identified output shows the pseudonym instead; opaque ids stay, so de-identified minutes still name cases.
@Suite("Case ids under de-identification")
struct CaseIdShownTests {
    static let patient = Patient(
        id: "P-X", name: PersonName(given: "Rosalind", family: "Quarrington"),
        birthDate: LocalDate(year: 1961, month: 3, day: 4), sex: .female)

    @Test(arguments: ["cancer-patient-rosalind-q", "QUARRINGTON-01", "Smith123_Jones45_0a1b", "individual 6"])
    func idsThatMayCarryANameAreReplaced(id: String) {
        #expect(CaseIdShown.mayCarryName(id, names: CaseIdShown.names(of: Self.patient)))
        #expect(CaseIdShown.text(id, pseudonym: "PT-1", names: ["Rosalind Quarrington"], deidentified: true) == "PT-1")
        #expect(CaseIdShown.text(id, pseudonym: "PT-1", deidentified: false) == id)
    }

    @Test(arguments: ["C-0001", "TCGA-A2-A04P", "MEV-12", "HCC1395", "PT-4QWVUV", "NA12878", "S-1"])
    func opaqueIdsAreKept(id: String) {
        #expect(!CaseIdShown.mayCarryName(id, names: CaseIdShown.names(of: Self.patient)))
    }

    /// A source whose Patient.id is the MRN (Synthea, many EHR exports) gives a case id that is an identifier even
    /// when it looks opaque: it is replaced too, whatever its case; a short identifier does not hide ordinary ids.
    @Test func idsHoldingAnIdentifierOfThePatientAreReplaced() {
        var p = Self.patient
        p.identifiers = [
            PatientIdentifier(kind: .mrn, value: "40917788"), PatientIdentifier(kind: .other, value: "C-0"),
        ]
        let c = Case(id: "40917788", patient: p, diagnosis: Diagnosis(text: "NSCLC"))
        #expect(CaseIdShown.mayIdentify(c))
        #expect(CaseIdShown.text(c, deidentified: true) == p.pseudonym)
        #expect(CaseIdShown.mayCarryName("MRN-40917788-B", identifiers: CaseIdShown.identifiers(of: p)))
        #expect(!CaseIdShown.mayIdentify(Case(id: "C-0001", patient: p, diagnosis: Diagnosis(text: "NSCLC"))))
        #expect(!CaseIdShown.mayCarryName("40917788"), "without the patient's identifiers the id looks opaque")
    }

    /// `show --deidentify`, `export case --deidentify` and de-identified minutes never print the name-bearing id.
    @Test func deidentifiedTextsShowThePseudonym() {
        let c = Case(id: "cancer-patient-rosalind-q", patient: Self.patient, diagnosis: Diagnosis(text: "NSCLC"))
        let today = LocalDate(year: 2026, month: 1, day: 1)
        let meeting = Meeting(
            id: "M-D", boardId: "b", startsAt: Date(timeIntervalSince1970: 0),
            agenda: [AgendaItem(caseId: c.id, position: 1)])
        let texts = [
            CaseSummaryText(record: c, today: today, deidentify: true).render(),
            CaseExportWriter(record: c, asOf: today, deidentify: true).render(width: 200),
            MinutesWriter(meeting: meeting, board: Board(id: "b", name: "Board"), cases: [c], deidentify: true)
                .render(width: 200),
        ]
        for text in texts {
            #expect(!text.lowercased().contains("rosalind"), "\(text)")
            #expect(text.contains(Self.patient.pseudonym), "\(text)")
        }
        #expect(CaseSummaryText(record: c, today: today).render().contains("cancer-patient-rosalind-q"))
    }
}
