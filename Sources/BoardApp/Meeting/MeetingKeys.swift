import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// What the meeting preparation and meeting-mode screens can be asked to do (carried by `AppAction.meeting`).
public enum MeetingAction: Hashable, Sendable {
    // Reaching the screens.
    case prepare, runMeeting, newMeeting
    // Preparation: agenda.
    case moveCaseUp, moveCaseDown, removeCase, setPresenter, setMinutes, toggleMark, addCases
    // Preparation: meeting fields and roster.
    case editStart, editLocation, editChair, addAttendee, removeAttendee, importList
    // Meeting mode.
    case start, nextCase, previousCase, discussed, deferred, represent, pending, toggleAttendance, close, exportMinutes
}

/// The meeting screens' key bindings as data (dispatch, help and status hints come from these tables).
public enum MeetingKeys {
    static func bind(_ keys: [Key], _ action: MeetingAction, _ help: String, hint: String? = nil, group: String)
        -> KeyBinding<AppAction>
    {
        KeyBinding(keys, .meeting(action), help: help, hint: hint, group: group)
    }

    /// Added to the meeting (agenda) screen: the ways into preparation and meeting mode.
    public static let meetingScreen = KeyTable<AppAction>([
        bind(
            [.char("P")], .prepare, "Prepare this meeting: details, roster, agenda", hint: "prepare", group: "Meeting"),
        bind([.char("M")], .runMeeting, "Meeting mode: run the agenda with timers", hint: "run", group: "Meeting"),
        bind([.char("E")], .exportMinutes, "Export the minutes to a file", group: "Meeting"),
    ])

    /// Added to the home screen.
    public static let homeScreen = KeyTable<AppAction>([
        bind([.char("N")], .newMeeting, "New meeting (board, then start time)", hint: "new meeting", group: "Meeting")
    ])

    public static let preparation = KeyTable<AppAction>([
        bind([.char(" ")], .toggleMark, "Backlog: mark / unmark a case to add", hint: "mark", group: "Agenda"),
        bind(
            [.char("a")], .addCases, "Backlog: add the marked cases (or the selected one) to the agenda", hint: "add",
            group: "Agenda"),
        bind([.char("K")], .moveCaseUp, "Agenda: move the case up", hint: "reorder", group: "Agenda"),
        bind([.char("J")], .moveCaseDown, "Agenda: move the case down", group: "Agenda"),
        bind(
            [.char("x"), .delete], .removeCase, "Agenda: take the case off / Roster: remove the attendee",
            hint: "remove", group: "Agenda"),
        bind([.char("r")], .setPresenter, "Agenda: set the presenter", group: "Agenda"),
        bind([.char("t")], .setMinutes, "Agenda: set the planned minutes", group: "Agenda"),
        bind([.char("D")], .editStart, "Meeting: date and start time", group: "Meeting"),
        bind([.char("L")], .editLocation, "Meeting: location or video link", group: "Meeting"),
        bind([.char("C")], .editChair, "Meeting: chair", group: "Meeting"),
        bind([.char("A")], .addAttendee, "Roster: add an attendee (Name:discipline)", group: "Meeting"),
        bind(
            [.char("I")], .importList, "Import a spreadsheet case list (CSV/TSV): a dry run first, then confirm",
            hint: "import", group: "Meeting"),
        bind([.char("M")], .runMeeting, "Meeting mode", hint: "run", group: "Meeting"),
        bind([.char("E")], .exportMinutes, "Export the minutes to a file", group: "Meeting"),
    ])

    public static let meetingMode = KeyTable<AppAction>([
        bind(
            [.char(">"), .char(".")], .nextCase, "Next case (records the time spent)", hint: "next",
            group: "Meeting mode"),
        bind([.char("<"), .char(",")], .previousCase, "Previous case", hint: "prev", group: "Meeting mode"),
        bind([.char("s")], .start, "Start the meeting (timers run)", hint: "start", group: "Meeting mode"),
        bind([.char("d")], .discussed, "Mark the case discussed", hint: "discussed", group: "Meeting mode"),
        bind([.char("D")], .deferred, "Defer the case (asks for a reason)", hint: "defer", group: "Meeting mode"),
        bind([.char("r")], .represent, "Mark the case to re-present", group: "Meeting mode"),
        bind([.char("u")], .pending, "Undo the outcome (back to pending)", group: "Meeting mode"),
        bind([.char(" ")], .toggleAttendance, "Roster: present / absent", group: "Meeting mode"),
        bind(
            [.char("C")], .close, "Close the meeting (lists cases without a decision first)", hint: "close",
            group: "Meeting mode"),
        bind([.char("E")], .exportMinutes, "Export the minutes to a file", hint: "export", group: "Meeting mode"),
    ])

    /// Starts "new meeting": asks for the board, then the start, creates the meeting and opens its preparation.
    @MainActor
    static func newMeeting(context: AppContext) -> Navigation {
        let boards = (try? context.store.boards()) ?? []
        guard let first = boards.first else {
            return .error("No board in the store: import one first (tumorboard import).")
        }
        let choices = boards.map(\.id).joined(separator: ", ")
        return .ask("Board (\(choices)):", initial: first.id) { answer in
            guard let board = answer?.trimmingCharacters(in: .whitespaces), !board.isEmpty else { return .none }
            guard boards.contains(where: { $0.id == board }) else {
                return .error("No board \(board); choose one of \(choices).")
            }
            let tomorrow =
                MeetingTime.format(context.now.addingTimeInterval(86400), in: context.timeZone, dateOnly: true)
                + " 15:00"
            let zone = MeetingTime.zoneName(context.timeZone, at: context.now)
            return .ask("Starts (YYYY-MM-DD HH:MM, \(zone)):", initial: tomorrow) { text in
                guard let text else { return .none }
                guard let start = MeetingTime.parse(text, in: context.timeZone) else {
                    return .error("“\(text)” is not a time (YYYY-MM-DD HH:MM).")
                }
                do {
                    let meeting = try context.store.createMeeting(
                        MeetingDetails(boardId: board, startsAt: start), id: nil, timeZone: context.timeZone,
                        now: context.now)
                    return .push(MeetingPrepScreen(meetingId: meeting.id))
                } catch {
                    return .error("\(error)")
                }
            }
        }
    }
}

/// Times as the meeting screens ask for and show them, in the app's time zone.
enum MeetingTime {
    static func parse(_ text: String, in zone: TimeZone) -> Date? {
        guard ValidValues.startsWithRealDate(text) else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] {
            f.dateFormat = format
            if let d = f.date(from: text.trimmingCharacters(in: .whitespaces)) { return d }
        }
        return nil
    }

    /// "2026-12-03 15:00", the date or the time alone, and with `zoneNamed` the zone after it ("15:00 CET"), so a
    /// board member in another zone (or on a server in UTC) reads which clock the time is on.
    static func format(
        _ date: Date, in zone: TimeZone, dateOnly: Bool = false, timeOnly: Bool = false, zoneNamed: Bool = false
    ) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = dateOnly ? "yyyy-MM-dd" : timeOnly ? "HH:mm" : "yyyy-MM-dd HH:mm"
        let text = f.string(from: date)
        return zoneNamed ? text + " " + zoneName(zone, at: date) : text
    }

    /// The zone's short name at that instant ("CET", "CEST", "GMT-5"); UTC reads "UTC", never "GMT".
    static func zoneName(_ zone: TimeZone, at date: Date) -> String {
        if zone.secondsFromGMT(for: date) == 0, ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Z"].contains(zone.identifier) {
            return "UTC"
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = zone
        f.dateFormat = "zzz"
        return f.string(from: date)
    }

    /// "4:05" or "1:02:05".
    static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        return s >= 3600
            ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
