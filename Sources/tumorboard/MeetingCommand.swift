import ArgumentParser
import BoardApp
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard meeting …`: prepare and run meetings from scripts (the screen does the same interactively).
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Create, list, show and edit meetings and their agendas.",
        discussion: """
            Times: "2026-12-10T15:00:00Z", "2026-12-10T16:00+01:00", or "2026-12-10 15:00" in $TZ (UTC when unset).
            Attendees: "Name:discipline", disciplines: \(Discipline.allCases.map(\.rawValue).joined(separator: ", ")).
            """,
        subcommands: [
            MeetingNew.self, MeetingList.self, MeetingShow.self, MeetingEdit.self, MeetingAddCase.self,
            MeetingRemoveCase.self, MeetingMove.self, MeetingSetCase.self, MeetingSuggest.self, MeetingStart.self,
            MeetingOutcome.self, MeetingClose.self, MeetingImportList.self,
        ])
}

/// Parsing of the command line's times and attendees.
enum MeetingArguments {
    static var timeZone: TimeZone { BoardTime.localZone() }

    static func instant(_ text: String) throws -> Date {
        guard ValidValues.startsWithRealDate(text) else {
            throw ValidationError(
                "\"\(text)\" is not a time: the date is not on the calendar; expected e.g. 2026-12-10T15:00:00Z or \"2026-12-10 15:00\""
            )
        }
        if let date = InstantFormat.parse(text) { return date }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        for format in [
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
        ] {
            f.dateFormat = format
            if let date = f.date(from: text) { return date }
        }
        throw ValidationError("\"\(text)\" is not a time; expected e.g. 2026-12-10T15:00:00Z or \"2026-12-10 15:00\"")
    }

    static func discipline(_ text: String) throws -> Discipline {
        let key = text.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        if let d = Discipline(rawValue: key) { return d }
        let synonyms: [String: Discipline] = [
            "oncology": .medicalOncology, "med-onc": .medicalOncology, "radiotherapy": .radiationOncology,
            "rad-onc": .radiationOncology, "radiation": .radiationOncology, "nurse": .nursing,
            "genetic-counselling": .genetics, "palliative": .palliativeCare, "hematology": .haematology,
            "molecular": .molecularBiology, "nuclear": .nuclearMedicine,
        ]
        if let d = synonyms[key] { return d }
        throw ValidationError(
            "unknown discipline \"\(text)\"; expected one of \(Discipline.allCases.map(\.rawValue).joined(separator: ", "))"
        )
    }

    static func attendee(_ text: String) throws -> Attendee {
        guard let colon = text.lastIndex(of: ":") else {
            throw ValidationError("an attendee is \"Name:discipline\", got \"\(text)\"")
        }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ValidationError("an attendee needs a name: \"\(text)\"") }
        return Attendee(
            name: name,
            discipline: try discipline(String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
    }

    static func format(_ date: Date) -> String {
        BoardTime.formatter(BoardTime.dayAndTimePattern, in: timeZone).string(from: date)
    }
}

struct MeetingNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a meeting; prints its id (M-YYYY-MM-DD-BOARD).")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The board's id.", valueName: "id")) var board: String
    @Option(help: ArgumentHelp("Start time.", valueName: "time")) var starts: String
    @Option(help: ArgumentHelp("Room and/or video link.", valueName: "text")) var location: String?
    @Option(help: ArgumentHelp("The chair's name.", valueName: "name")) var chair: String?
    @Option(
        name: .customLong("attendee"), help: ArgumentHelp("A roster member (repeatable).", valueName: "name:discipline")
    )
    var attendees: [String] = []
    @Option(help: ArgumentHelp("Use this id instead of the generated one.", valueName: "id")) var id: String?

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self)
        let details = MeetingDetails(
            boardId: board, startsAt: try MeetingArguments.instant(starts), location: location, chair: chair,
            roster: try attendees.map(MeetingArguments.attendee))
        let meeting = try store.createMeeting(details, id: id, timeZone: MeetingArguments.timeZone, now: Date())
        print(meeting.id)
    }
}

struct MeetingList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "One line per meeting, earliest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this board's meetings.", valueName: "id")) var board: String?

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self, readOnly: true)
        for m in try store.allMeetings(boardId: board) {
            print(
                [
                    m.id, MeetingArguments.format(m.startsAt), m.status.rawValue, m.boardName, "\(m.caseCount) cases",
                    m.location ?? "",
                ]
                .joined(separator: "\t"))
        }
    }
}

struct MeetingShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A meeting's details, roster and agenda with readiness.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pseudonyms: PseudonymOption
    @OptionGroup var meeting: MeetingIdArgument

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore & CaseStore).self, readOnly: true)
        guard let m = try store.meeting(id: meeting.id) else {
            throw StoreError.notFound(kind: "meeting", id: meeting.id)
        }
        let board = try store.board(id: m.boardId)
        var lines = [
            "\(m.id)  \(board?.name ?? m.boardId)  [\(m.status.rawValue)]",
            "Starts:   \(MeetingArguments.format(m.startsAt))"
                + (m.endedAt.map { ", ended \(MeetingArguments.format($0))" } ?? ""),
        ]
        if let l = m.location { lines.append("Location: \(l)") }
        if let c = m.chair { lines.append("Chair:    \(c)") }
        lines.append("Roster:")
        if m.roster.isEmpty { lines.append("  (none)") }
        for a in m.roster {
            let mark = a.present.map { $0 ? "present" : "absent" } ?? ""
            lines.append("  \(a.name)\t\(a.discipline.rawValue)\t\(mark)")
        }
        lines.append("Agenda:")
        let rows = try store.agenda(meetingId: m.id)
        if rows.isEmpty { lines.append("  (empty)") }
        for row in rows {
            let h = row.headline
            let who = pseudonyms.deidentify ? h.pseudonym : h.patientName
            let ready = h.missing.isEmpty ? "ready" : "missing: " + h.missing.map(\.label).joined(separator: ", ")
            var fields = [
                "  \(row.item.position).", h.id, who, h.diagnosis, row.item.presenter ?? "—",
                row.item.plannedMinutes.map { "\($0) min" } ?? "—", row.item.outcome.rawValue, ready,
            ]
            if let reason = row.item.deferReason {
                // Free text may name the patient: de-identified with the same de-identifier as every export.
                let patient =
                    pseudonyms.deidentify ? try store.caseRecord(id: h.id, on: LocalDate(Date()))?.record.patient : nil
                fields.append("reason: \(patient.map { Deidentifier(patient: $0).scrub(reason) } ?? reason)")
            }
            lines.append(fields.joined(separator: "\t"))
        }
        print(lines.joined(separator: "\n"))
    }
}

struct MeetingEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a meeting's board, time, location, chair, roster or attendance.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var meeting: MeetingIdArgument
    @Option(help: ArgumentHelp("Move the meeting to another board.", valueName: "id")) var board: String?
    @Option(help: ArgumentHelp("New start time.", valueName: "time")) var starts: String?
    @Option(help: ArgumentHelp("Room and/or video link (empty to clear).", valueName: "text")) var location: String?
    @Option(help: ArgumentHelp("The chair (empty to clear).", valueName: "name")) var chair: String?
    @Option(
        name: .customLong("add-attendee"),
        help: ArgumentHelp("Add to the roster (repeatable).", valueName: "name:discipline"))
    var add: [String] = []
    @Option(
        name: .customLong("remove-attendee"),
        help: ArgumentHelp("Remove from the roster (repeatable).", valueName: "name"))
    var remove: [String] = []
    @Option(help: ArgumentHelp("Mark present (repeatable).", valueName: "name")) var present: [String] = []
    @Option(help: ArgumentHelp("Mark absent (repeatable).", valueName: "name")) var absent: [String] = []

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self)
        let startsAt = try starts.map(MeetingArguments.instant)
        let newAttendees = try add.map(MeetingArguments.attendee)
        if board != nil || startsAt != nil || location != nil || chair != nil || !newAttendees.isEmpty
            || !remove.isEmpty
        {
            try store.updateMeeting(id: meeting.id, now: Date()) { d in
                if let board { d.boardId = board }
                if let startsAt { d.startsAt = startsAt }
                if let location { d.location = location.isEmpty ? nil : location }
                if let chair { d.chair = chair.isEmpty ? nil : chair }
                for name in remove {
                    guard d.roster.contains(where: { $0.name == name }) else {
                        throw StoreError.invalid("\(name) is not on the roster of meeting \(meeting.id)")
                    }
                    d.roster.removeAll { $0.name == name }
                }
                d.roster += newAttendees
            }
        }
        for name in present { try store.setAttendance(meetingId: meeting.id, name: name, present: true, now: Date()) }
        for name in absent { try store.setAttendance(meetingId: meeting.id, name: name, present: false, now: Date()) }
    }
}

struct MeetingAddCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-case", abstract: "Append cases to a meeting's agenda.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Who presents the cases.", valueName: "name")) var presenter: String?
    @Option(help: ArgumentHelp("Planned minutes per case (1–240).", valueName: "n")) var minutes: Int?
    @OptionGroup var meeting: MeetingIdArgument
    @Argument(help: ArgumentHelp("Case ids, in agenda order.", valueName: "case")) var caseIds: [String]

    func validate() throws {
        if let minutes {
            do { _ = try ValidValues.plannedMinutes(minutes) } catch {
                throw ValidationError("--minutes: \(error.reason)")
            }
        }
    }

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self)
        let added = try store.addToAgenda(
            meetingId: meeting.id, caseIds: caseIds, presenter: presenter, plannedMinutes: minutes, now: Date())
        let skipped = caseIds.filter { !added.contains($0) }
        print(
            "added \(added.count) case\(added.count == 1 ? "" : "s")"
                + (skipped.isEmpty ? "" : "; already on the agenda: " + skipped.joined(separator: ", ")))
    }
}

struct MeetingRemoveCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-case", abstract: "Take a case off a meeting's agenda.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var meeting: MeetingIdArgument
    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String

    func run() throws {
        try global.openStore(as: (any MeetingStore).self).removeFromAgenda(
            meetingId: meeting.id, caseId: caseId, now: Date())
    }
}

struct MeetingMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move a case to a position (1 = first) on the agenda.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var meeting: MeetingIdArgument
    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
    @Argument(help: ArgumentHelp("The new position, from 1.", valueName: "position")) var position: Int

    func run() throws {
        try global.openStore(as: (any MeetingStore).self).moveAgendaItem(
            meetingId: meeting.id, caseId: caseId, to: position, now: Date())
    }
}

struct MeetingSetCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-case", abstract: "Set a case's presenter and planned minutes.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Who presents (empty to clear).", valueName: "name")) var presenter: String?
    @Option(help: ArgumentHelp("Planned minutes, 1–240 (0 to clear).", valueName: "n")) var minutes: Int?
    @OptionGroup var meeting: MeetingIdArgument
    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String

    func validate() throws {
        if let minutes, minutes != 0 {
            do { _ = try ValidValues.plannedMinutes(minutes) } catch {
                throw ValidationError("--minutes: \(error.reason)")
            }
        }
    }

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self)
        try store.setAgendaItem(
            meetingId: meeting.id, caseId: caseId,
            presenter: presenter.map { $0.isEmpty ? nil : $0 }, plannedMinutes: minutes.map { $0 == 0 ? nil : $0 },
            now: Date())
    }
}

struct MeetingSuggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest", abstract: "Cases to put on the agenda first: deferred last time, follow-ups due.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pseudonyms: PseudonymOption
    @OptionGroup var meeting: MeetingIdArgument

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self, readOnly: true)
        for s in try store.agendaSuggestions(meetingId: meeting.id) {
            print(
                [
                    s.headline.id, pseudonyms.deidentify ? s.headline.pseudonym : s.headline.patientName,
                    s.headline.diagnosis,
                    s.reason.label,
                ].joined(separator: "\t"))
        }
    }
}

struct MeetingStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a meeting (status in-progress).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var meeting: MeetingIdArgument

    func run() throws { try global.openStore(as: (any MeetingStore).self).startMeeting(id: meeting.id, now: Date()) }
}

struct MeetingOutcome: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Mark a case discussed, deferred (with --reason), re-present or pending.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Why the case is deferred or re-presented.", valueName: "text")) var reason: String?
    @OptionGroup var meeting: MeetingIdArgument
    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
    @Argument(help: ArgumentHelp("discussed, deferred, re-present or pending.", valueName: "outcome")) var outcome:
        String

    func run() throws {
        guard let value = AgendaOutcome(rawValue: outcome.lowercased()) else {
            throw ValidationError("unknown outcome \"\(outcome)\"; expected discussed, deferred, re-present or pending")
        }
        try global.openStore(as: (any MeetingStore).self).setOutcome(
            meetingId: meeting.id, caseId: caseId, value, reason: reason, now: Date())
    }
}

struct MeetingClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close a meeting and record its end time.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Close even if cases have no signed decision.") var yes = false
    @OptionGroup var meeting: MeetingIdArgument

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore).self)
        let lacking = try store.casesWithoutFinalDecision(meetingId: meeting.id)
        if !lacking.isEmpty && !yes {
            throw CommandFailure(
                message: "\(lacking.count) case\(lacking.count == 1 ? "" : "s") without a signed decision: "
                    + lacking.map(\.item.caseId).joined(separator: ", ") + "; record them, or close with --yes")
        }
        try store.closeMeeting(id: meeting.id, now: Date())
        print(
            "closed \(meeting.id)"
                + (lacking.isEmpty
                    ? "" : "; without a signed decision: " + lacking.map(\.item.caseId).joined(separator: ", ")))
    }
}

struct MeetingImportList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-list",
        abstract: "Create or update cases from a spreadsheet (CSV/TSV) and add them to a meeting's agenda.",
        discussion:
            "Columns and their names: docs/case-list-format.md. Nothing is written when a row cannot be applied; invalid values are reported and left out."
    )
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Check the file and report what would change, without writing.") var dryRun = false
    @OptionGroup var meeting: MeetingIdArgument
    @Argument(help: ArgumentHelp("The spreadsheet export (.csv, .tsv, .txt).", valueName: "file")) var path: String

    func run() throws {
        let store = try global.openStore(as: (any ImportStore).self)
        let lines = try CaseListImport.run(path: path, meetingId: meeting.id, store: store, dryRun: dryRun)
        print(lines.joined(separator: "\n"))
    }
}
