import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// `tumorboard case add`: a case made by hand takes only valid details, keeps the rest unknown, and refuses ids
/// that would break commands or carry the patient's name.
@Suite("A case made by hand")
struct NewCaseTests {
    static let today = LocalDate(year: 2026, month: 12, day: 2)

    func refusal(_ draft: NewCase) -> InvalidValue? {
        do {
            _ = try draft.record(today: Self.today)
            return nil
        } catch { return error }
    }

    @Test func onlyTheIdGivenLeavesEverythingUnknown() throws {
        let c = try NewCase(id: "HCC1395").record(today: Self.today)
        #expect(c.id == "HCC1395")
        #expect(c.patient.sex == .unknown)
        #expect(c.patient.birthDate == nil)
        #expect(c.patient.name.display == "(unnamed)")
        #expect(c.diagnosis.oncotreeCode == nil)
        #expect(c.diagnosis.text == NewCase.diagnosisNotStated)
        #expect(c.stage == nil && c.performance == nil && c.findings.isEmpty && c.reports.isEmpty)
        #expect(c.status == .new)
    }

    @Test func detailsAreReadAsTheCaseScreenReadsThem() throws {
        let c = try NewCase(
            id: "BRCA-7", name: "Test Patient", sex: "Female", birthDate: "1961-04-30",
            diagnosis: "IDC Invasive ductal carcinoma, left breast", stage: "cT2 N1 M0 IIB", ecog: "1",
            question: "Adjuvant therapy?"
        ).record(today: Self.today)
        #expect(c.patient.sex == .female)
        #expect(c.patient.birthDate == LocalDate(year: 1961, month: 4, day: 30))
        #expect(c.patient.name.display == "Test Patient")
        #expect(c.diagnosis.oncotreeCode == "IDC")
        #expect(c.diagnosis.text == "Invasive ductal carcinoma, left breast")
        #expect(c.stage?.group == "IIB" && c.stage?.t == "T2" && c.stage?.basis == "clinical")
        #expect(c.performance?.ecog == 1)
        #expect(c.question == "Adjuvant therapy?")
    }

    @Test func aCodeAloneTakesOncoTreesName() throws {
        let c = try NewCase(id: "C1", diagnosis: "LUAD").record(today: Self.today)
        #expect(c.diagnosis.oncotreeCode == "LUAD")
        #expect(c.diagnosis.text == OncoTree.bundled.name(of: "LUAD"))
    }

    @Test func idsThatBreakCommandsAreRefused() {
        for id in ["", "two words", "a/b", "-leading-dash", ".hidden", String(repeating: "x", count: 65), "tab\there"] {
            #expect(refusal(NewCase(id: id))?.field == "case id", "\(id)")
        }
        for id in ["A", "TCGA-A1-A0SB-01", "case_7.2", "site:42", String(repeating: "x", count: 64)] {
            #expect(refusal(NewCase(id: id)) == nil, "\(id)")
        }
    }

    @Test func anIdHoldingThePatientsNameIsRefusedWithoutEchoingIt() throws {
        let refused = try #require(refusal(NewCase(id: "muller-2", name: "Anna Müller")))
        #expect(refused.field == "case id")
        #expect(refused.got == nil)
        #expect(!refused.reason.contains("ller"))
        #expect(refusal(NewCase(id: "C-2", name: "Anna Müller")) == nil)
    }

    @Test func invalidDetailsAreRefusedByName() {
        #expect(refusal(NewCase(id: "C", sex: "f"))?.reason == "expected female, male, other or unknown, got f")
        #expect(refusal(NewCase(id: "C", diagnosis: "cancerous growth"))?.field == "diagnosis")
        #expect(refusal(NewCase(id: "C", ecog: "7"))?.reason == "expected ECOG 0–5, got 7")
        #expect(refusal(NewCase(id: "C", stage: "stage banana"))?.field != nil)
        let birth = refusal(NewCase(id: "C", birthDate: "2031-01-01"))
        #expect(birth?.field == "birth date")
        #expect(birth?.got == nil)
    }
}
