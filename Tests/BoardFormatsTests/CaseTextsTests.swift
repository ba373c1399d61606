import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// What `show`, `export case` and the minutes say of a case: vital status (age at death, never a current age),
/// metastatic sites, filtered calls marked in words and listed last.
@Suite("Case texts")
struct CaseTextsTests {
    static let today = LocalDate(year: 2026, month: 11, day: 27)

    static func deceasedCase() -> Case {
        let patient = Patient(
            id: "P-D", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-777")],
            name: PersonName(given: "Otto", family: "Muster"), birthDate: LocalDate(year: 1919, month: 5, day: 2),
            sex: .male, deceasedOn: LocalDate(year: 1990, month: 7, day: 29), causeOfDeath: "pneumonia")
        var c = Case(id: "C-D", patient: patient, diagnosis: Diagnosis(text: "NSCLC"), question: "Second line?")
        c.metastaticSites = [
            MetastaticSite(
                site: "liver", code: "10200004", system: "SNOMED CT", since: LocalDate(year: 1990, month: 1, day: 3)),
            MetastaticSite(),
        ]
        c.findings = [
            Finding(id: "F1", kind: .structural, gene: "ALK", filter: "PON"),
            Finding(id: "F2", kind: .snv, gene: "TP53", hgvsP: "p.R175H", vaf: 0.3),
            Finding(id: "F3", kind: .snv, gene: "KRAS", hgvsP: "p.G12C", filter: "LowQual;PON"),
        ]
        return c
    }

    static func texts(_ c: Case, deidentify: Bool) -> [String: String] {
        let meeting = Meeting(
            id: "M-D", boardId: "b", startsAt: Date(timeIntervalSince1970: 0),
            agenda: [AgendaItem(caseId: c.id, position: 1)])
        return [
            "show": CaseSummaryText(record: c, today: today, deidentify: deidentify).render(),
            "export": CaseExportWriter(record: c, asOf: today, deidentify: deidentify).render(width: 200),
            "minutes": MinutesWriter(
                meeting: meeting, board: Board(id: "b", name: "Board"), cases: [c], deidentify: deidentify
            ).render(width: 200),
        ]
    }

    @Test func aDeceasedPatientReadsAsDeceasedWithTheAgeAtDeath() {
        for (name, text) in Self.texts(Self.deceasedCase(), deidentify: false) {
            #expect(text.contains("deceased (1990-07-29; cause: pneumonia), 71 y at death"), "\(name)")
            #expect(!text.contains("107 y"), "\(name) shows a current age")
        }
        for (name, text) in Self.texts(Self.deceasedCase(), deidentify: true) {
            #expect(text.contains("deceased (date removed; cause: pneumonia), 71 y at death"), "\(name)")
            #expect(!text.contains("1990-07-29") && !text.contains("1919"), "\(name) shows a date of birth or death")
        }
    }

    @Test func vitalStatusWithoutDates() {
        let unknownDate = LifeStatus(birthDate: LocalDate(year: 1950, month: 1, day: 1), vitalStatus: .deceased)
        #expect(unknownDate.phrase(on: Self.today) == "deceased (date not recorded), age at death unknown")
        #expect(unknownDate.age(on: Self.today) == nil)
        let alive = LifeStatus(birthDate: LocalDate(year: 1950, month: 1, day: 1), vitalStatus: .alive)
        #expect(alive.phrase(on: Self.today) == "76 y" && alive.age(on: Self.today) == 76)
        #expect(LifeStatus(birthDate: nil, vitalStatus: .unknown).phrase(on: Self.today) == "age unknown")
    }

    /// An age the file states without a birth date (cBioPortal AGE 60, a phenopacket's P7M) is shown as recorded;
    /// a birth date always wins, and an unreadable duration says "age unknown".
    @Test func recordedAgeWithoutBirthDate() {
        let sixty = LifeStatus(birthDate: nil, vitalStatus: .alive, recordedAge: "P60Y")
        #expect(sixty.phrase(on: Self.today) == "60 y (recorded age, no birth date)")
        let infant = LifeStatus(birthDate: nil, vitalStatus: .deceased, recordedAge: "P7M")
        #expect(
            infant.phrase(on: Self.today)
                == "deceased (date not recorded), age at death unknown (last recorded age 7 mo)")
        let both = LifeStatus(
            birthDate: LocalDate(year: 1950, month: 1, day: 1), vitalStatus: .alive, recordedAge: "P60Y")
        #expect(both.phrase(on: Self.today) == "76 y")
        #expect(
            LifeStatus(birthDate: nil, vitalStatus: .alive, recordedAge: "P").phrase(on: Self.today) == "age unknown")
        #expect(LifeStatus(birthDate: nil, vitalStatus: .alive, recordedAge: "P45Y6M").recordedAgeValue == "45 y")
        // Beside the name (the screen's header and Summary): the recorded age rather than "age unknown".
        #expect(AgeSexText.text(age: nil, sex: .female, recorded: "6 mo") == "F, 6 mo (recorded age)")
        #expect(AgeSexText.text(age: nil, sex: .unknown, recorded: "60 y") == "sex unknown, 60 y (recorded age)")
        #expect(AgeSexText.text(age: 61, sex: .female, recorded: "60 y") == "61F", "a computed age wins")
        #expect(AgeSexText.text(age: nil, sex: .female) == "F, age unknown")
    }

    @Test func metastaticSitesAreListed() {
        for (name, text) in Self.texts(Self.deceasedCase(), deidentify: false) {
            #expect(text.contains("liver (SNOMED CT 10200004) since 1990-01-03; site not stated"), "\(name)")
        }
    }

    @Test func filteredCallsAreMarkedAndListedLast() throws {
        let show = CaseSummaryText(record: Self.deceasedCase(), today: Self.today).render()
        #expect(show.contains("Findings (3; 2 filtered calls marked and listed last):"))
        let lines = show.split(separator: "\n").map(String.init)
        let tp53 = try #require(lines.firstIndex { $0.hasPrefix("  F2 ") })
        let alk = try #require(lines.firstIndex { $0.hasPrefix("  F1 ") })
        let kras = try #require(lines.firstIndex { $0.hasPrefix("  F3 ") })
        #expect(tp53 < alk && alk < kras)
        #expect(lines[alk].hasSuffix("(filtered: PON)") && lines[kras].hasSuffix("(filtered: LowQual, PON)"))
        #expect(!lines[tp53].contains("filtered"))
        // A PASS or "." written into the field is no filter.
        #expect(
            !Finding(id: "x", kind: .snv, filter: "PASS").isFiltered
                && !Finding(id: "x", kind: .snv, filter: ".").isFiltered)
    }

    @Test func theUnknownsToSettleNameEachItemOnce() {
        let outcomes = ["EGFR", "EGFR", "ECOG", "egfr ", "EGFR"].enumerated().map {
            CriterionOutcome(
                criterion: "criterion \($0.offset)", outcome: .unknown, detail: "not recorded", missing: $0.element)
        }
        let m = TrialMatch(
            caseId: "C", trialId: "T", outcomes: outcomes, status: .possiblyEligible, score: 1,
            computedAt: Date(timeIntervalSince1970: 0), dataFingerprint: "x")
        #expect(m.missingData.count == 5)
        #expect(m.dataToSettle == ["EGFR", "ECOG"])
    }
}
