import Foundation
import BoardModel
import BoardStore
import BoardFormats

// Minutes for a 50-case meeting (target: under 50 ms). Builds an in-memory store from the deterministic
// synthetic board — N cases × 50 findings, each with a signed decision (three recommendations, dissent,
// follow-up) and two notes — then times loading the meeting record and writing the minutes (text at 80
// columns, Markdown, de-identified text). Usage: MinutesBenchmark [CASES] [ITERATIONS]

let arguments = CommandLine.arguments
let caseCount = arguments.count > 1 ? Int(arguments[1]) ?? 50 : 50
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50

let generator = SyntheticBoard(seed: 42, findingsPerCase: 50)
let cases = (0..<caseCount).map(generator.makeCase)
let trials = (0..<20).map(generator.makeTrial)
let start = Date(timeIntervalSince1970: 1_795_000_000)
let board = Board(id: "synthetic", name: "Synthetic Molecular Tumour Board", site: "Benchmark Hospital")
let roster = ["Ana Ruiz": Discipline.medicalOncology, "Lee Chen": .pathology, "Sam Okafor": .radiology, "Mia Berg": .genetics,
              "Tom Weiss": .surgery, "Ida Nilsson": .radiationOncology, "Kai Braun": .coordinator]
    .map { Attendee(name: $0.key, discipline: $0.value, present: true) }.sorted { $0.name < $1.name }
let meeting = Meeting(id: "M-BENCH", boardId: board.id, startsAt: start, endedAt: start.addingTimeInterval(3 * 3600), location: "Room 1 and video",
                      chair: "Ana Ruiz", roster: roster,
                      agenda: cases.enumerated().map { AgendaItem(caseId: $1.id, position: $0 + 1, presenter: "Lee Chen", plannedMinutes: 10,
                                                                   outcome: $0 % 10 == 9 ? .deferred : .discussed,
                                                                   deferReason: $0 % 10 == 9 ? "Repeat biopsy pending; re-present with the result." : nil,
                                                                   secondsSpent: 420 + $0 * 7) },
                      status: .closed)
var notes: [Note] = []
var decisions: [Decision] = []
for (i, c) in cases.enumerated() {
    for n in 0..<2 {
        notes.append(Note(id: "N-\(i)-\(n)", target: NoteTarget(caseId: c.id), author: "Lee Chen",
                          text: "Reviewed the report: purity 40 %, coverage adequate; the driver is clonal and the co-mutations do not change the recommendation. Discussed alternatives and the trial's eligibility in detail.",
                          writtenAt: start.addingTimeInterval(Double(i * 60 + n)), meetingId: meeting.id))
    }
    guard i % 10 != 9 else { continue }
    let finding = c.findings.first { $0.bestEvidence != nil } ?? c.findings[0]
    decisions.append(Decision(id: "D-\(i)", caseId: c.id, meetingId: meeting.id, status: .final,
                              recommendations: [
                                Recommendation(kind: .targetedTherapy, therapy: "Targeted agent matched to \(finding.label)", findingIds: [finding.id],
                                               evidence: EvidenceLevel(scale: .oncokb, code: "1"), priority: 1,
                                               rationale: "Actionable driver with level 1 evidence in this tumour type; no prior exposure."),
                                Recommendation(kind: .clinicalTrial, trialId: trials[i % trials.count].id, findingIds: [finding.id],
                                               evidence: EvidenceLevel(scale: .escat, code: "II-B"), priority: 2,
                                               rationale: "At progression: screen for the basket trial."),
                                Recommendation(kind: .standardOfCare, therapy: "Platinum doublet", priority: 3, rationale: "If neither is possible."),
                              ],
                              consensus: .majority, dissent: [Dissent(name: "Tom Weiss", reason: "Prefers local therapy first.")],
                              attendeesPresent: roster.map(\.name), followUp: FollowUp(intervalWeeks: 12, represent: "CT after 3 cycles"),
                              signedBy: "Ana Ruiz", signedAt: start.addingTimeInterval(3 * 3600), recordedBy: "Kai Braun",
                              recordedAt: start.addingTimeInterval(Double(i * 60))))
}
let store = try BoardStore.inMemory(user: "bench")
try store.importBundle(BoardBundle(boards: [board], cases: cases, trials: trials, meetings: [meeting], notes: notes, decisions: decisions), now: start)

func time(_ label: String, _ body: () throws -> Int) rethrows {
    var samples: [Double] = []
    var bytes = 0
    for _ in 0..<iterations {
        let t = DispatchTime.now()
        bytes = try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e6)
    }
    samples.sort()
    print(String(format: "%@: median %.2f ms, p95 %.2f ms, max %.2f ms (%d bytes, %d runs)",
                 label, samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 95 / 100)], samples.last!, bytes, iterations))
}

func minutes(_ record: MeetingRecord, _ format: ExportFormat, deidentify: Bool = false) -> String {
    MinutesWriter(meeting: record.meeting, board: record.board, cases: record.cases, notes: record.notes, decisions: record.decisions,
                  decisionHashes: record.decisionHashes, trials: record.trials, deidentify: deidentify,
                  findingCounts: record.findingCounts).render(format: format, width: 80)
}

print("meeting: \(caseCount) cases × 50 findings, \(decisions.count) signed decisions, \(notes.count) notes")
try time("load record + text minutes (the export)") { minutes(try store.meetingRecord(id: meeting.id), .text).utf8.count }
let record = try store.meetingRecord(id: meeting.id)
time("text minutes only") { minutes(record, .text).utf8.count }
time("Markdown minutes only") { minutes(record, .markdown).utf8.count }
time("de-identified text minutes only") { minutes(record, .text, deidentify: true).utf8.count }
try time("load meeting record only") { try store.meetingRecord(id: meeting.id).cases.count }
