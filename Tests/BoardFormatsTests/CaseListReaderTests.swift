import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// Spreadsheet case lists as Excel and LibreOffice export them, and the errors a coordinator can cause.
@Suite("Case list (CSV/TSV)")
struct CaseListReaderTests {
    func read(_ text: String, bom: Bool = false) throws -> CaseList {
        var data = Data(text.utf8)
        if bom { data = Data([0xEF, 0xBB, 0xBF]) + data }
        return try CaseListReader.read(data: data, file: "list.csv")
    }

    func error(_ text: String) -> ImportError? {
        do {
            _ = try read(text)
            return nil
        } catch let e as ImportError { return e } catch { return nil }
    }

    @Test func excelSemicolonCSVWithBOMAndCRLF() throws {
        let list = try read(
            "Fall-ID;MRN;Nachname;Vorname;Geburtsdatum;Diagnose;ECOG;Fragestellung\r\n"
                + "C-0100;MRN-1;Müller;Anna;14.03.1961;\"NSCLC; adeno\";1;\"Zweitlinie?\r\nMit \"\"Studie\"\"\"\r\n",
            bom: true)
        #expect(list.separator == ";")
        let e = try #require(list.entries.first)
        #expect(e.caseId == "C-0100" && e.mrn == "MRN-1")
        #expect(e.name == PersonName(given: "Anna", family: "Müller"))
        #expect(e.birthDate == LocalDate(year: 1961, month: 3, day: 14))
        #expect(e.diagnosis == "NSCLC; adeno")
        #expect(e.ecog == 1)
        #expect(e.question == "Zweitlinie?\nMit \"Studie\"")
    }

    @Test func commaAndTabSeparatorsAreDetectedFromTheHeader() throws {
        let comma = try read("Case ID,Patient,Diagnosis,Presenter,Minutes\nC-1,\"Doe, Jane\",Melanoma,Dr. A,12\n")
        #expect(comma.separator == ",")
        #expect(comma.entries[0].name == PersonName(given: "Jane", family: "Doe"))
        #expect(comma.entries[0].presenter == "Dr. A" && comma.entries[0].plannedMinutes == 12)
        let tab = try read("case\tdiagnosis\tmrn\nC-2\tGIST, gastric\tMRN-2\n")
        #expect(tab.separator == "\t")
        #expect(tab.entries[0].diagnosis == "GIST, gastric" && tab.entries[0].mrn == "MRN-2")
    }

    @Test func headerNamesAreCaseInsensitiveWithSynonymsAndUnknownColumnsAreReported() throws {
        let list = try read(
            "CASE_ID,Last Name,first-name,DOB,Gender,OncoTree Code,Stage,Referred by,Research consent,Colour\n"
                + "C-3,Øster,Søren,1971-08-09,M,coad,Stage IIIB,Dr. Ruiz,ja,blue\n")
        let e = list.entries[0]
        #expect(e.name?.family == "Øster" && e.sex == .male && e.oncotreeCode == "COAD" && e.stage == "IIIB")
        #expect(e.referringClinician == "Dr. Ruiz" && e.consentResearch == true)
        #expect(list.ignoredColumns == ["Colour"])
    }

    @Test func positionColumnOrdersTheAgendaAndBlankLinesAreSkipped() throws {
        let list = try read("Order,Case\n2,C-B\n\n1,C-A\n,C-C\n\n")
        #expect(list.entries.map(\.caseId) == ["C-A", "C-B", "C-C"])
    }

    /// An invalid value is reported with its line and column and what was expected, is not used, and the rest of
    /// the row and the list are read; identifying values are never quoted.
    @Test func invalidCellsAreReportedByLineAndColumnAndNotUsed() throws {
        let list = try read("Case,ECOG\nC-1,1\nC-2,seven\nC-3,-1\n")
        #expect(list.entries.map(\.caseId) == ["C-1", "C-2", "C-3"])
        #expect(list.entries.map(\.ecog) == [1, nil, nil])
        #expect(list.problems.map(\.location) == ["line 3, column 5", "line 4, column 5"])
        #expect(list.problems[1].description == "list.csv: line 4, column 5: expected ECOG 0–5, got -1; not imported")
        let dob = try read("Case;DOB;Diagnosis\nC-1;31.02.19xx;NSCLC\n")
        #expect(dob.problems.first?.location == "line 2, column 5")
        #expect(!dob.problems[0].description.contains("19xx"))
        #expect(dob.entries[0].birthDate == nil && dob.entries[0].diagnosis == "NSCLC")
        // A quoted field spanning lines: the row's later cells report their own line.
        let multi = try read("Case,Question,ECOG\nC-1,\"two\nlines\",9\n")
        #expect(multi.problems.first?.location == "line 3, column 8")
        #expect(multi.entries[0].question == "two\nlines")
    }

    /// Issue 12: a spreadsheet birth date 31.02.1970 became 1970-02-31. Dates must be on the calendar, birth
    /// dates not in the future and at most 120 years ago; planned minutes 1–240.
    @Test func impossibleDatesAndOutOfRangeValuesAreNotStored() throws {
        let today = LocalDate(year: 2026, month: 12, day: 1)
        let csv =
            "Case;Geburtsdatum;Minuten;ECOG;Geschlecht\nC-1;31.02.1970;300;2;W\nC-2;29.02.2024;0;5;x\nC-3;02.12.2026;240;6;?\nC-4;30.11.1906;1;0;M\n"
        let list = try CaseListReader.read(data: Data(csv.utf8), file: "list.csv", today: today)
        #expect(
            list.entries.map(\.birthDate) == [
                nil, LocalDate(year: 2024, month: 2, day: 29), nil, LocalDate(year: 1906, month: 11, day: 30),
            ])
        #expect(list.entries.map(\.plannedMinutes) == [nil, nil, 240, 1])
        #expect(list.entries.map(\.ecog) == [2, 5, nil, 0])
        let texts = list.problems.map(\.description)
        #expect(
            texts.contains(
                "list.csv: line 2, column 5: expected a real calendar date as YYYY-MM-DD or DD.MM.YYYY (the value is not shown); not imported"
            ))
        #expect(texts.contains("list.csv: line 2, column 16: expected planned minutes 1–240, got 300; not imported"))
        #expect(texts.contains("list.csv: line 3, column 16: expected planned minutes 1–240, got 0; not imported"))
        #expect(texts.contains { $0.hasPrefix("list.csv: line 4, column 5: expected a birth date not in the future") })
        #expect(texts.contains("list.csv: line 4, column 20: expected ECOG 0–5, got 6; not imported"))
        #expect(list.problems.count == 5)
        #expect(!texts.joined().contains("1970") && !texts.joined().contains("2026-12-02"))
    }

    /// A row whose MRN, birth date or (without MRNs to compare) name is not the found case's patient's is
    /// about another patient.
    @Test func aRowAboutAnotherPatientIsAConflict() throws {
        let existing = Case(
            id: "C-1",
            patient: Patient(
                id: "P-1", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-1")],
                name: PersonName(given: "Anna", family: "Müller"), birthDate: LocalDate(year: 1961, month: 3, day: 14)),
            diagnosis: Diagnosis(text: "NSCLC"))
        let rows = ["C-1,MRN-2,,", "C-1,mrn-1,,14.03.1961", "C-1,,,15.03.1961", "C-1,,Mueller,", "C-1,,MÜLLER,"]
        let conflicts = try rows.map {
            try read("Case,MRN,Last name,DOB\n\($0)\n").entries[0].identityConflict(with: existing)
        }
        #expect(conflicts[0]?.contains("another MRN") == true)
        #expect(conflicts[1] == nil)
        #expect(conflicts[2]?.contains("another birth date") == true)
        #expect(conflicts[3]?.contains("another name") == true)
        #expect(conflicts[4] == nil)
        #expect(!conflicts.compactMap { $0 }.joined().contains("MRN-2"))
    }

    @Test func quotingErrorsAreLocated() throws {
        let open = try #require(error("Case,Question\nC-1,\"never closed\n"))
        #expect(open.location == "line 2, column 5")
        #expect(open.message.contains("never closed"))
        let after = try #require(error("Case,Question\nC-1,\"quoted\"tail\n"))
        #expect(after.location == "line 2, column 13")
    }

    @Test func structuralProblemsAreRefused() throws {
        #expect(error("Diagnosis,Stage\nNSCLC,IV\n")?.message.contains("case id or an MRN") == true)
        #expect(error("Case,Fall\nC-1,C-1\n")?.message.contains("keep one") == true)
        #expect(error("Case,Stage\nC-1,IV\nC-1,III\n")?.location == "line 3")
        #expect(error("Case,Stage\nC-1,IV,extra\n")?.location == "line 2, column 8")
        #expect(error("")?.message.contains("empty") == true)
        #expect(error("Case,Stage\n,IV\n")?.message.contains("neither a case id nor an MRN") == true)
    }

    @Test func invalidUTF8AndUTF16AreLocated() throws {
        var data = Data("Case,Name\nC-1,M".utf8)
        data.append(0xFC)  // Latin-1 ü
        data.append(contentsOf: Array("ller\n".utf8))
        do {
            _ = try CaseListReader.read(data: data, file: "latin1.csv")
            Issue.record("Latin-1 accepted")
        } catch let e as ImportError {
            #expect(e.location?.hasPrefix("line 2, column 6") == true)
            #expect(e.message.contains("UTF-8"))
        }
        let utf16 = Data([0xFF, 0xFE]) + "Case\n".data(using: .utf16LittleEndian)!
        #expect(throws: ImportError.self) { try CaseListReader.read(data: utf16, file: "u16.csv") }
    }

    @Test func rowsUpdateOnlyTheirNonEmptyCellsAndCreateCompleteCases() throws {
        let list = try read(
            "Case,MRN,Name,Diagnosis,ECOG,Question\nC-1,,,,2,\nC-9,MRN-9,\"Roe, Rick\",Sarcoma,,Which line?\n")
        var existing = Case(
            id: "C-1", patient: Patient(id: "P-1", name: PersonName(given: "A", family: "B")),
            diagnosis: Diagnosis(text: "NSCLC"), performance: PerformanceStatus(ecog: 0), question: "Keep me")
        list.entries[0].apply(to: &existing)
        #expect(existing.performance?.ecog == 2 && existing.question == "Keep me" && existing.diagnosis.text == "NSCLC")
        #expect(list.entries[0].missingForNewCase != nil)
        #expect(list.entries[1].missingForNewCase == nil)
        let made = list.entries[1].makeCase(id: "C-9", patient: nil, file: "/tmp/list.csv")
        #expect(made.patient.mrn == "MRN-9" && made.diagnosis.text == "Sarcoma" && made.question == "Which line?")
        #expect(made.provenance?.file == "list.csv")
    }
}
