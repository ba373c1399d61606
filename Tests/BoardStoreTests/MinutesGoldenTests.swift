import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// The sample past meeting's minutes compared byte for byte with golden files (text and Markdown);
/// `RECORD_SNAPSHOTS=1 swift test` rewrites them (and fails, so run again). Also: the de-identified minutes and case exports contain
/// no identifier of any sample patient, and wide characters line up.
@Suite("Minutes")
struct MinutesGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        .path
    static let pastMeeting = "M-2026-11-19-MTB"

    static func writer(_ store: BoardStore, _ id: String = pastMeeting, deidentify: Bool = false) throws
        -> MinutesWriter
    {
        let r = try store.meetingRecord(id: id)
        return MinutesWriter(
            meeting: r.meeting, board: r.board, cases: r.cases, notes: r.notes, decisions: r.decisions,
            decisionHashes: r.decisionHashes, trials: r.trials, deidentify: deidentify,
            findingCounts: r.findingCounts)
    }

    func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Snapshot.expect(text, named: name, in: Self.directory, sourceLocation: sourceLocation)
    }

    @Test func textMatchesTheGoldenFile() throws {
        let store = try MeetingStoreTests.sample()
        expectGolden(try Self.writer(store).render(format: .text, width: 80), "minutes-\(Self.pastMeeting).txt")
    }

    @Test func markdownMatchesTheGoldenFile() throws {
        let store = try MeetingStoreTests.sample()
        expectGolden(try Self.writer(store).render(format: .markdown), "minutes-\(Self.pastMeeting).md")
    }

    @Test func deidentifiedTextMatchesTheGoldenFile() throws {
        let store = try MeetingStoreTests.sample()
        expectGolden(
            try Self.writer(store, deidentify: true).render(format: .text, width: 100),
            "minutes-\(Self.pastMeeting)-deidentified.txt")
    }

    @Test func theSameStoreGivesTheSameBytes() throws {
        let a = try Self.writer(try MeetingStoreTests.sample()).render()
        let b = try Self.writer(try MeetingStoreTests.sample()).render()
        #expect(a == b)
    }

    @Test(arguments: [40, 60, 80, 132]) func linesNeverExceedTheWidthInDisplayColumns(width: Int) throws {
        let store = try MeetingStoreTests.sample()
        let text = try Self.writer(store).render(format: .text, width: width)
        for line in text.split(separator: "\n") {
            // Unbreakable tokens (hashes) may overflow narrow widths; everything else wraps.
            if line.contains("SHA-256") { continue }
            #expect(
                PlainTextLayout.width(of: String(line)) <= width,
                "\(PlainTextLayout.width(of: String(line))) > \(width): \(line)")
        }
        // Wide characters count two columns: the Korean and Japanese names are present and wrapped by width.
        #expect(text.contains("박재원"))
    }

    /// Every identifier of every sample patient: each name part, the full name, MRNs and other identifier values, birth dates.
    static func identifiers(of patient: Patient) -> [String] {
        var out = [patient.name.text, patient.name.family, patient.name.given].compactMap { $0 }.filter { !$0.isEmpty }
        out.append(patient.name.display)
        out += patient.identifiers.map(\.value)
        if let b = patient.birthDate {
            out += [b.description, String(format: "%02d.%02d.%04d", b.day, b.month, b.year)]
        }
        return out
    }

    @Test func deidentifiedExportsContainNoIdentifierOfAnySamplePatient() throws {
        let store = try MeetingStoreTests.sample()
        let bundle = try SampleBoardTests.bundle()
        var outputs: [String] = []
        for meeting in bundle.meetings {
            let w = try Self.writer(store, meeting.id, deidentify: true)
            outputs.append(w.render(format: .text, width: 80))
            outputs.append(w.render(format: .markdown))
        }
        for c in bundle.cases {
            let record = try #require(try store.caseRecord(id: c.id))
            let decision = record.currentDecision
            let writer = CaseExportWriter(
                record: record.record, notes: record.notes, decision: decision,
                decisionHash: try decision.map(BoardStore.decisionHash),
                asOf: LocalDate(year: 2026, month: 11, day: 27), deidentify: true)
            outputs.append(writer.render(format: .text))
            outputs.append(writer.render(format: .markdown))
        }
        // Staff names may share a word with a patient's name (a patient and a radiation oncologist are both
        // called Hélène): take staff names out before scanning, they are not patient identifiers.
        var staff = Set(
            bundle.meetings.flatMap {
                $0.roster.map(\.name) + $0.agenda.compactMap(\.presenter) + [$0.chair].compactMap { $0 }
            })
        staff.formUnion(bundle.notes.map(\.author))
        staff.formUnion(
            bundle.decisions.flatMap { $0.dissent.map(\.name) + [$0.signedBy, $0.recordedBy].compactMap { $0 } })
        staff.formUnion(bundle.cases.compactMap(\.referringClinician))
        var all = outputs.joined(separator: "\n")
        for name in staff.sorted(by: { $0.count > $1.count }) {
            all = all.replacingOccurrences(of: name, with: "[staff]")
        }
        #expect(all.contains("DE-IDENTIFIED"))
        for c in bundle.cases {
            for identifier in Self.identifiers(of: c.patient) {
                // Case-insensitive and, for Markdown, unescaped.
                let found =
                    all.range(of: identifier, options: [.caseInsensitive]) != nil
                    || all.replacingOccurrences(of: "\\", with: "").range(of: identifier, options: [.caseInsensitive])
                        != nil
                #expect(!found, "\(c.id): an identifier of the patient appears in de-identified output")
            }
            #expect(
                all.contains(c.patient.pseudonym)
                    || !bundle.meetings.contains { $0.agenda.contains { $0.caseId == c.id } })
        }
        // The identified minutes do show them (the test would pass vacuously otherwise).
        let identified = try Self.writer(store).render()
        #expect(identified.contains("MRN-104233") && identified.contains("1961-03-14"))
    }

    @Test func freeTextMentionsOfThePatientAreRemoved() throws {
        let patient = Patient(
            id: "P-X", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-555")],
            name: PersonName(given: "Heinz-Dieter", family: "Brückner"),
            birthDate: LocalDate(year: 1955, month: 1, day: 30))
        let c = Case(
            id: "C-X", patient: patient, diagnosis: Diagnosis(text: "NSCLC"),
            question: "Herr Bruckner (MRN-555, geb. 30.01.1955): second line? Brücknerstraße is his street.")
        let meeting = Meeting(
            id: "M-X", boardId: "b", startsAt: Date(timeIntervalSince1970: 0),
            agenda: [AgendaItem(caseId: "C-X", position: 1)])
        let text = MinutesWriter(meeting: meeting, board: Board(id: "b", name: "Board"), cases: [c], deidentify: true)
            .render()
        #expect(!text.contains("Bruckner (") && !text.contains("MRN-555") && !text.contains("30.01.1955"))
        #expect(text.contains("Herr \(patient.pseudonym)"))
        // Whole words only: a longer word that merely starts with the name is left alone.
        #expect(text.contains("Brücknerstraße"))
    }
}
