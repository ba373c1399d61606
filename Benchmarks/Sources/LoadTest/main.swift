import Foundation
import BoardModel
import BoardStore

// One process of the load test (scripts/load-test.sh), on a SQLite file or a PostgreSQL database (STORE is a path or a
// postgresql:// address; on PostgreSQL the address names the writer's role, i.e. its site). Roles:
//   LoadTest writer STORE NAME KIND SECONDS ACKFILE — writes in a loop and appends one line per acknowledged
//       (committed) write to ACKFILE. KIND: notes (a new note each time), decisions (a new decision each time),
//       conflicts (read, think, save the first decision of the first case: writers of this kind race for one
//       decision; a lost race is a detected DecisionConflict, counted, not acknowledged), agenda (moves; SQLite only);
//   LoadTest reader STORE SECONDS — reads case lists, cases and searches (and agendas on SQLite) in a loop;
//   LoadTest check STORE ACKFILE… — checks every acknowledged write is in the store and the audit chain verifies;
//   LoadTest reads STORE N — times the store reads the screen makes (scripts/bench-screen.sh prints them beside the
//       SQLite figures): opening the store and the home screen's first page (backlog count and 50 rows), paging the
//       backlog, opening N cases (the case screen's record), and each upcoming meeting's agenda.
// Every process prints one summary line. Any unexpected error is printed as "UNHANDLED: …" and exits 3.

typealias LoadStore = CaseStore & NoteStore & DecisionStore & SearchStore & AuditStore & StoreSession

let args = CommandLine.arguments
func fail(_ message: String) -> Never {
    print("UNHANDLED: \(message)")
    exit(3)
}

func open(_ address: String, user: String, readOnly: Bool = false) throws -> any LoadStore {
    if case .postgres(let conninfo) = StoreAddress(address) {
        return try PostgresBoardStore.open(conninfo: conninfo, readOnly: readOnly)
    }
    return try BoardStore.open(path: address, user: user, readOnly: readOnly)
}

func caseIds(_ store: any LoadStore) throws -> [String] {
    try store.cases(meetingId: nil, limit: 10_000, offset: 0).map(\.id)
}

switch args.count > 1 ? args[1] : "" {
case "writer":
    let (path, name, kind, seconds, ackPath) = (args[2], args[3], args[4], Double(args[5])!, args[6])
    let store = try open(path, user: name)
    FileManager.default.createFile(atPath: ackPath, contents: nil)
    let ack = FileHandle(forWritingAtPath: ackPath)!
    let cases = try caseIds(store)
    let sqlite = store as? BoardStore
    let meetings = try sqlite?.meetings(around: Date()).upcoming.map(\.id) ?? []
    if kind == "agenda" && sqlite == nil { fail("agenda moves need the meeting area, not yet on PostgreSQL") }
    var shared: String?
    if kind == "conflicts" {
        let first = cases[0]
        shared = try store.decisions(caseId: first).first(where: { $0.status == .draft })?.id
        if shared == nil {
            do { shared = try store.saveDecision(try store.newDecision(caseId: first, meetingId: nil, now: Date()), now: Date()).id }
            catch let error as StoreError { fail("cannot start the shared decision: \(error)") }
        }
    }
    let end = Date().addingTimeInterval(seconds)
    var count = 0, attempts = 0, busy = 0, conflicts = 0
    while Date() < end {
        let caseId = cases[count % cases.count]
        attempts += 1
        do {
            switch kind {
            case "notes":
                let text = "\(name) load note \(count)"
                let note = try store.addNote(caseId: caseId, findingId: nil, trialId: nil, text: text, meetingId: nil, now: Date())
                ack.write(Data("note \(note.id) \(text)\n".utf8))
            case "decisions":
                var d = try store.newDecision(caseId: caseId, meetingId: nil, now: Date())
                d.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "\(name) load \(count)")]
                let saved = try store.saveDecision(d, now: Date())
                ack.write(Data("decision \(saved.id) \(name) load \(count)\n".utf8))
            case "conflicts":
                guard var d = try store.decision(id: shared!) else { fail("the shared decision is gone") }
                d.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "\(name) race \(count)")]
                usleep(UInt32.random(in: 0...2_000))  // think: another site may save meanwhile
                let saved = try store.saveDecision(d, now: Date())
                ack.write(Data("version \(saved.id) \(name) race \(count)\n".utf8))
            default:
                guard let sqlite, let meeting = meetings.first, let agenda = try? sqlite.agenda(meetingId: meeting), agenda.count > 1 else { fail("no agenda to move") }
                let item = agenda[count % agenda.count]
                try sqlite.moveAgendaItem(meetingId: meeting, caseId: item.headline.id, to: 1 + (count * 7) % agenda.count)
                ack.write(Data("agenda \(meeting) \(item.headline.id)\n".utf8))
            }
            count += 1
        } catch let error as StoreError {
            if case .locked = error { busy += 1; continue }  // reported clearly; the write was not acknowledged
            fail("\(error)")
        } catch is DecisionConflict where kind == "conflicts" {
            conflicts += 1  // detected: the other site's save stands, this one was refused and not acknowledged
        } catch let conflict as DecisionConflict {
            fail("\(conflict)")
        } catch {
            fail("\(error)")
        }
    }
    print("writer \(name) \(kind) as \(store.user): \(attempts) attempted, \(count) acknowledged, \(conflicts) conflicts detected, \(busy) busy")
case "reader":
    let (path, seconds) = (args[2], Double(args[3])!)
    let store = try open(path, user: "reader", readOnly: true)
    let end = Date().addingTimeInterval(seconds)
    var reads = 0
    do {
        while Date() < end {
            let cases = try store.cases(meetingId: nil, limit: 50, offset: 0)
            for c in cases.prefix(5) { _ = try store.caseRecord(id: c.id, on: LocalDate(Date())) }
            _ = try store.search("load note", limit: 20)
            if let sqlite = store as? BoardStore {
                for m in try sqlite.meetings(around: Date()).upcoming { _ = try sqlite.agenda(meetingId: m.id) }
            }
            reads += 1
        }
    } catch { fail("\(error)") }
    print("reader: \(reads) rounds")
case "check":
    let store = try open(args[2], user: "check", readOnly: true)
    var total = 0, lost = 0
    var caseEvents: [String: [AuditEvent]] = [:]
    func events(_ caseId: String) throws -> [AuditEvent] {
        if let known = caseEvents[caseId] { return known }
        let read = try store.auditEvents(caseId: caseId, limit: 1_000_000)
        caseEvents[caseId] = read
        return read
    }
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
                // The conflict racers may pick this decision (a case's first draft) as their shared one and save over
                // it: then its acknowledged first version must be in the audit trail.
                guard let d = try store.decision(id: parts[1]) else { lost += 1; print("LOST \(line)"); continue }
                if d.recommendations.first?.rationale != parts[2],
                    !(try events(d.caseId).contains { $0.entityId == parts[1] && ($0.after ?? "").contains("\"\(parts[2])\"") })
                {
                    lost += 1; print("LOST \(line)")
                }
            case "version":
                // A later save may have replaced it: the version must be recorded in the audit trail.
                guard let d = try store.decision(id: parts[1]) else { lost += 1; print("LOST \(line)"); continue }
                if !(try events(d.caseId).contains { $0.entityId == parts[1] && ($0.after ?? "").contains("\"\(parts[2])\"") }) {
                    lost += 1; print("LOST \(line)")
                }
            default:
                if try events(parts[2]).contains(where: { $0.action.hasPrefix("agenda.") }) == false { lost += 1; print("LOST \(line)") }
            }
        }
    }
    let report = try store.verify()
    print("\(total) acknowledged writes, \(lost) lost; integrity \(report.integrity.joined(separator: ",")); audit chain \(report.firstBrokenLink ?? "ok") (\(report.auditEventsChecked) events)")
    exit(lost == 0 && report.isOK ? 0 : 1)
case "reads":
    let (address, n) = (args[2], Int(args[3]) ?? 200)
    func ms(_ since: Date) -> Double { Date().timeIntervalSince(since) * 1000 }
    func summary(_ label: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return print("\(label): none") }
        let median = sorted[sorted.count / 2], p95 = sorted[min(sorted.count - 1, sorted.count * 95 / 100)]
        print(String(format: "%@: median %.2f ms, p95 %.2f ms, max %.2f ms (%d)", label, median, p95, sorted.last!, sorted.count))
    }
    let started = Date()
    let store = try open(address, user: "reads", readOnly: true)
    let opened = ms(started)
    let first = Date()
    let count = try store.backlogCount()
    let page = try store.backlog(limit: 50, offset: 0)
    print(String(format: "open the store: %.1f ms; first page (backlog count %d, 50 rows): %.2f ms", opened, count, ms(first)))
    _ = page
    var pages: [Double] = [], opens: [Double] = [], headlines: [Double] = [], agendas: [Double] = []
    var ids: [String] = []
    for k in 0..<n {
        let t = Date()
        let rows = try store.backlog(limit: 50, offset: (k * 50) % max(count, 1))
        pages.append(ms(t))
        ids += rows.prefix(1).map(\.id)
    }
    let day = LocalDate(Date())
    for id in ids.prefix(n) {
        let t = Date()
        _ = try store.headline(caseId: id)
        headlines.append(ms(t))
        let u = Date()
        _ = try store.caseRecord(id: id, on: day)
        opens.append(ms(u))
    }
    if let meetings = store as? any MeetingStore {
        for m in try meetings.meetings(around: Date(), limit: 200).upcoming.prefix(n) {
            let t = Date()
            _ = try meetings.agenda(meetingId: m.id)
            agendas.append(ms(t))
        }
    }
    summary("backlog page of 50", pages)
    summary("headline (a selection move)", headlines)
    summary("case record (opening a case)", opens)
    summary("agenda of a meeting", agendas)
default:
    print("usage: LoadTest writer|reader|check|reads …")
    exit(1)
}
