import BoardModel
import Foundation
import Testing

@testable import BoardFormats

@Suite("Native reader")
struct NativeReaderTests {
    func read(_ json: String) throws -> BoardBundle {
        try NativeReader.read(data: Data(json.utf8), file: "cases.json")
    }

    @Test func readsAMinimalDocument() throws {
        let bundle = try read(
            #"{"format":"tumorboard/1","cases":[{"id":"C-1","patient":{"id":"P-1","name":{"text":"Αλέξανδρος"}},"diagnosis":{"text":"GIST"}}]}"#
        )
        #expect(bundle.cases.count == 1)
        #expect(bundle.cases[0].status == .new)
        #expect(bundle.cases[0].patient.pseudonym.hasPrefix("PT-"))
    }

    @Test func errorNamesTheJSONPathAndWhatWasExpected() {
        let json =
            #"{"format":"tumorboard/1","cases":[{"id":"C-1","patient":{"id":"P-1","name":{}},"diagnosis":{"text":"x"}},{"id":"C-2","patient":{"id":"P-2","name":{}},"diagnosis":{"text":7}}]}"#
        do {
            _ = try read(json)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.description == "cases.json: $.cases[1].diagnosis.text: expected a string")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func missingKeysAndBadEnumsAndDates() {
        #expect(
            throws: ImportError(
                file: "cases.json", location: "$.cases[0].diagnosis", message: "missing required key \"diagnosis\"")
        ) {
            try read(#"{"format":"tumorboard/1","cases":[{"id":"C-1","patient":{"id":"P-1","name":{}}}]}"#)
        }
        do {
            _ = try read(#"{"format":"tumorboard/1","meetings":[{"id":"M","boardId":"b","startsAt":"next tuesday"}]}"#)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location == "$.meetings[0].startsAt")
            #expect(error.message.contains("ISO 8601"))
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try read(
                #"{"format":"tumorboard/1","cases":[{"id":"C-1","status":"pending","patient":{"id":"P-1","name":{}},"diagnosis":{"text":"x"}}]}"#
            )
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location == "$.cases[0].status")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func rejectsOtherFormatsAndBrokenJSON() {
        #expect(throws: ImportError.self) { try read(#"{"format":"tumorboard/9"}"#) }
        do {
            _ = try read(#"{"format":"tumorboard/1", "cases": [ }"#)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.message.hasPrefix("not valid JSON"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func invalidUTF8IsLocated() {
        var data = Data(#"{"format":"tumorboard/1","#.utf8)
        data.append(contentsOf: [0x0A, 0x22, 0x95, 0x22])
        do {
            _ = try NativeReader.read(data: data, file: "x.json")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location == "line 2, column 2 (byte 27)")
            #expect(error.message.contains("invalid UTF-8"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func errorMessagesNeverQuoteIdentifyingValues() {
        // A wrong type in the birth date must not echo the value back.
        let json =
            #"{"format":"tumorboard/1","cases":[{"id":"C-1","patient":{"id":"P-1","name":{"family":"Secretname"},"birthDate":"1961-99-99"},"diagnosis":{"text":"x"}}]}"#
        do {
            _ = try read(json)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(!error.description.contains("Secretname"))
            #expect(error.location == "$.cases[0].patient.birthDate")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func detectsFormatFromContentNotExtension() throws {
        let dir = NSTemporaryDirectory() + "tb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(#"{"format":"tumorboard/1","boards":[{"id":"b","name":"B"}]}"#.utf8).write(
            to: URL(fileURLWithPath: dir + "/export.txt"))
        #expect(try BoardReader.read(path: dir + "/export.txt").boards.count == 1)
        try Data("##fileformat=VCFv4.2\n".utf8).write(to: URL(fileURLWithPath: dir + "/x.json"))
        #expect(throws: ImportError.self) { try BoardReader.read(path: dir + "/x.json") }
        #expect(throws: ImportError(file: dir + "/none.json", message: "no such file")) {
            try BoardReader.read(path: dir + "/none.json")
        }
    }
}

@Suite("Native reader syntax errors")
struct NativeSyntaxTests {
    @Test func syntaxErrorsCarryALineAndColumn() {
        do {
            _ = try NativeReader.read(data: Data("{\"format\":\"tumorboard/1\",\n \"cases\": [ }".utf8), file: "f.json")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location == "line 2, column 13 (byte 38), at $.cases[0]")
            #expect(error.message.hasPrefix("not valid JSON"))
        } catch { Issue.record("unexpected \(error)") }
    }
}

@Suite("Native reader: vital status")
struct NativeVitalStatusTests {
    @Test func readsDeceasedOnAndVitalStatus() throws {
        let json =
            #"{"format":"tumorboard/1","cases":[{"id":"C-1","patient":{"id":"P-1","name":{},"deceasedOn":"2001-10-03","causeOfDeath":"pneumonia"},"diagnosis":{"text":"PRAD"},"metastaticSites":[{"site":"bone"}]},{"id":"C-2","patient":{"id":"P-2","name":{},"vitalStatus":"alive"},"diagnosis":{"text":"x"}}]}"#
        let bundle = try NativeReader.read(data: Data(json.utf8), file: "cases.json")
        #expect(bundle.cases[0].patient.vitalStatus == .deceased)
        #expect(bundle.cases[0].patient.deceasedOn == LocalDate("2001-10-03"))
        #expect(bundle.cases[0].patient.causeOfDeath == "pneumonia")
        #expect(bundle.cases[0].metastaticSites == [MetastaticSite(site: "bone")])
        #expect(bundle.cases[1].patient.vitalStatus == .alive)
    }

    @Test func aDeathBeforeBirthIsRefusedWithItsPath() {
        let json =
            #"{"format":"tumorboard/1","cases":[{"id":"C-1","patient":{"id":"P-1","name":{},"birthDate":"1990-01-01","deceasedOn":"1980-01-01"},"diagnosis":{"text":"x"}}]}"#
        do {
            _ = try NativeReader.read(data: Data(json.utf8), file: "cases.json")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(
                error.description.hasPrefix(
                    "cases.json: $.cases[0].patient.deceasedOn: date of death before the birth date"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
