import Foundation
import BoardModel
import BoardStore

// One process of the load test (scripts/load-test.sh). Roles:
//   LoadTest writer STORE NAME KIND SECONDS ACKFILE — writes notes, decisions or agenda moves in a loop and
//       appends one line per acknowledged (committed) write to ACKFILE;
//   LoadTest reader STORE SECONDS — reads cases, agendas and searches in a loop;
//   LoadTest check STORE ACKFILE… — checks every acknowledged write is in the store and the audit chain verifies.
// Any unexpected error is printed as "UNHANDLED: …" and makes the process exit 3.

let args = CommandLine.arguments
func fail(_ message: String) -> Never {
    print("UNHANDLED: \(message)")
    exit(3)
}

switch args.count > 1 ? args[1] : "" {
case "writer":
    let (path, name, kind, seconds, ackPath) = (args[2], args[3], args[4], Double(args[5])!, args[6])
    let store = try BoardStore.open(path: path, user: name)
    FileManager.default.createFile(atPath: ackPath, contents: nil)
    let ack = FileHandle(forWritingAtPath: ackPath)!
    let cases = try store.cases(limit: 10_000).map(\.id)
    let meetings = try store.meetings(around: Date()).upcoming.map(\.id)
    let end = Date().addingTimeInterval(seconds)
    var count = 0, busy = 0
    while Date() < end {
        let caseId = cases[count % cases.count]
        do {
            switch kind {
            case "notes":
                let note = try store.addNote(caseId: caseId, text: "\(name) load note \(count)")
                ack.write(Data("note \(note.id) \(name) load note \(count)\n".utf8))
            case "decisions":
                var d = try store.newDecision(caseId: caseId)
                d.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "\(name) load \(count)")]
                let saved = try store.saveDecision(d)
                ack.write(Data("decision \(saved.id) \(name) load \(count)\n".utf8))
            default:
                guard let meeting = meetings.first, let agenda = try? store.agenda(meetingId: meeting), agenda.count > 1 else { fail("no agenda to move") }
                let item = agenda[count % agenda.count]
                try store.moveAgendaItem(meetingId: meeting, caseId: item.headline.id, to: 1 + (count * 7) % agenda.count)
                ack.write(Data("agenda \(meeting) \(item.headline.id)\n".utf8))
            }
            count += 1
        } catch let error as StoreError {
            if case .locked = error { busy += 1; continue }  // reported clearly; the write was not acknowledged
            fail("\(error)")
        } catch let conflict as DecisionConflict {
            fail("\(conflict)")
        } catch {
            fail("\(error)")
        }
    }
    print("writer \(name) \(kind): \(count) acknowledged, \(busy) busy retries")
case "reader":
    let (path, seconds) = (args[2], Double(args[3])!)
    let store = try BoardStore.open(path: path, user: "reader", readOnly: true)
    let end = Date().addingTimeInterval(seconds)
    var reads = 0
    do {
        while Date() < end {
            let cases = try store.cases(limit: 50)
            for c in cases.prefix(5) { _ = try store.caseRecord(id: c.id) }
            _ = try store.search("load note")
            for m in try store.meetings(around: Date()).upcoming { _ = try store.agenda(meetingId: m.id) }
            reads += 1
        }
    } catch { fail("\(error)") }
    print("reader: \(reads) rounds")
case "check":
    let store = try BoardStore.open(path: args[2], user: "check", readOnly: true)
    var total = 0, lost = 0
    for ackPath in args[3...] {
        let text = (try? String(contentsOfFile: ackPath, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            total += 1
            switch parts[0] {
            case "note":
                let versions = try store.noteVersions(id: parts[1])
                if versions.first?.text != parts[2] { lost += 1; print("LOST \(line)") }
            case "decision":
                let d = try store.decision(id: parts[1])
                if d?.recommendations.first?.rationale != parts[2] { lost += 1; print("LOST \(line)") }
            default:
                if try store.auditEvents(caseId: parts[2], limit: 100_000).contains(where: { $0.action.hasPrefix("agenda.") }) == false { lost += 1; print("LOST \(line)") }
            }
        }
    }
    let report = try store.verify()
    print("\(total) writes, \(lost) lost; integrity \(report.integrity.joined(separator: ",")); audit chain \(report.firstBrokenLink ?? "ok") (\(report.auditEventsChecked) events)")
    exit(lost == 0 && report.isOK ? 0 : 1)
default:
    print("usage: LoadTest writer|reader|check …")
    exit(1)
}
