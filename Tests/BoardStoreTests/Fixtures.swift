import BoardModel
import Foundation
import GRDB

@testable import BoardStore

/// A small synthetic board for store tests: two boards, three cases (accented and non-Latin names),
/// a trial, an upcoming and a past meeting, a note and a final decision.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func patient(_ n: Int, given: String?, family: String?, text: String? = nil) -> Patient {
        Patient(
            id: "P-\(n)", identifiers: [.init(kind: .mrn, value: "MRN-90\(n)")],
            name: PersonName(given: given, family: family, text: text),
            birthDate: LocalDate(year: 1950 + n, month: 3, day: 2), sex: n % 2 == 0 ? .female : .male)
    }

    static let cases: [Case] = [
        Case(
            id: "C-1", patient: patient(1, given: "José", family: "Núñez"),
            diagnosis: Diagnosis(oncotreeCode: "LUAD", text: "Lung adenocarcinoma", histology: "adenocarcinoma"),
            stage: Stage(system: "AJCC 8", t: "T2a", n: "N2", m: "M1c", group: "IVB"),
            performance: PerformanceStatus(ecog: 1),
            question: "First-line therapy?", consent: Consent(research: true, trials: true), status: .onAgenda,
            findings: [
                Finding(
                    id: "C-1-F1", kind: .snv, gene: "EGFR", hgvsC: "c.2573T>G", hgvsP: "p.L858R", exon: "21", vaf: 0.4,
                    evidence: [
                        EvidenceEntry(
                            source: "OncoKB", level: EvidenceLevel(scale: .oncokb, code: "1"), therapy: "osimertinib")
                    ]),
                Finding(
                    id: "C-1-F2", kind: .snv, gene: "TP53", hgvsP: "p.R273H", vaf: 0.38, classification: .oncogenic),
            ]),
        Case(
            id: "C-2", patient: patient(2, given: nil, family: nil, text: "山田 花子"),
            diagnosis: Diagnosis(oncotreeCode: "GIST", text: "Gastrointestinal stromal tumour"),
            question: "Adjuvant imatinib duration?", status: .new,
            findings: [Finding(id: "C-2-F1", kind: .indel, gene: "KIT", hgvsP: "p.W557_K558del", exon: "11")]),
        Case(
            id: "C-3", patient: patient(3, given: "Søren", family: "Østergaard"),
            diagnosis: Diagnosis(
                oncotreeCode: "IHCH", text: "Intrahepatic cholangiocarcinoma", histology: "adenocarcinoma"),
            performance: PerformanceStatus(ecog: 0), question: "FGFR2 inhibitor?", status: .discussed,
            findings: [Finding(id: "C-3-F1", kind: .fusion, gene: "FGFR2", partners: ["FGFR2", "BICC1"])]),
    ]

    static let bundle = BoardBundle(
        boards: [Board(id: "thoracic", name: "Thoracic"), Board(id: "gi", name: "Gastrointestinal")],
        cases: cases,
        trials: [
            Trial(
                id: "NCT01234567", title: "Osimertinib basket in EGFR-mutant solid tumours", phase: "Phase 2",
                status: .recruiting)
        ],
        meetings: [
            Meeting(
                id: "M-UP", boardId: "thoracic", startsAt: now.addingTimeInterval(7 * 86400), chair: "Dr. Ana Ruiz",
                roster: [Attendee(name: "Dr. Ana Ruiz", discipline: .medicalOncology)],
                agenda: [AgendaItem(caseId: "C-1", position: 1, presenter: "Dr. Lee", plannedMinutes: 10)]),
            Meeting(
                id: "M-PAST", boardId: "gi", startsAt: now.addingTimeInterval(-7 * 86400),
                endedAt: now.addingTimeInterval(-7 * 86400 + 3600),
                chair: "Dr. Chen",
                agenda: [AgendaItem(caseId: "C-3", position: 1, outcome: .discussed, secondsSpent: 540)],
                status: .closed),
        ],
        notes: [
            Note(
                id: "N-1", target: NoteTarget(caseId: "C-3"), author: "Dr. Chen",
                text: "Résumé: FGFR2 fusion confirmed by RNA.", writtenAt: now)
        ],
        decisions: [
            Decision(
                id: "D-1", caseId: "C-3", meetingId: "M-PAST", status: .final,
                recommendations: [
                    Recommendation(
                        kind: .targetedTherapy, therapy: "pemigatinib", findingIds: ["C-3-F1"],
                        evidence: EvidenceLevel(scale: .oncokb, code: "1"), rationale: "FGFR2 fusion")
                ],
                consensus: .unanimous, signedBy: "Dr. Chen", signedAt: now, recordedBy: "Dr. Chen", recordedAt: now)
        ])

    /// The store as the chair's own login sees it: `login` mapped to `person` on `board` (the test seam for
    /// the operating-system login; no option or screen can do this).
    static func chair(_ store: BoardStore, board: String, person: String, login: String) throws -> BoardStore {
        let chair = store.asLogin(login)
        try chair.setBoardLogin(boardId: board, login: login, person: person, now: now)
        return chair
    }

    static func seededStore() throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(bundle, now: now)
        return store
    }

    /// Every row of every table, as text.
    static func snapshot(_ store: BoardStore) throws -> [String] {
        try store.db.read { db in
            var rows: [String] = []
            for table in try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%' ORDER BY name")
            {
                rows += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
            }
            return rows
        }
    }

    /// A fresh directory under the system temp dir.
    /// Where file stores made by tests keep their audit keys (not the user's key directory).
    static let keyring = AuditKeyring(directory: NSTemporaryDirectory() + "tumorboard-test-keys-" + UUID().uuidString)

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "tumorboard-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
