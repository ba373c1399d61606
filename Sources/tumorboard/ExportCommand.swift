import ArgumentParser
import BoardApp
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard export minutes|case`: documents for the record, written 0600 and atomically.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a meeting's minutes or one case's summary as text or Markdown.",
        subcommands: [ExportMinutesCommand.self, ExportCaseCommand.self, ExportCohortCommand.self])
}

/// Options shared by the export subcommands.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("text or markdown.", valueName: "format"))
    var format: ExportFormat = .text

    @Flag(help: "Remove names, MRNs, other identifiers and birth dates (pseudonym and age instead).")
    var deidentify = false

    @Option(help: ArgumentHelp("Wrap plain text at this many columns (display width).", valueName: "n"))
    var width = 80

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write to this file (mode 0600, atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard (20...1000).contains(width) else { throw ValidationError("--width must be between 20 and 1000") }
    }

    /// Clock times in $TZ (the board's local time), UTC when unset.
    var timeZone: TimeZone { BoardTime.localZone() }

    func emit(_ text: String) throws {
        if let output {
            do { try ExportFile.write(text, to: output) } catch let error as ExportFile.WriteError {
                throw CommandFailure(message: error.description)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

struct ExportMinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "minutes", abstract: "The minutes of a meeting.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ExportOptions

    @OptionGroup var meeting: MeetingIdArgument

    @Flag(help: "List every finding of each case, not only those with evidence or cited by the decision.")
    var allFindings = false

    func run() throws {
        let store = try global.openStore(as: (any MeetingStore & AuditStore).self, readOnly: true)
        try options.emit(
            try MinutesExport.minutes(
                store: store, meetingId: meeting.id, format: options.format, width: options.width,
                deidentify: options.deidentify, allFindings: allFindings, timeZone: options.timeZone))
    }
}

struct ExportCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "One case's board summary for the patient's chart.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ExportOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseId: String

    func run() throws {
        let store = try global.openStore(as: (any CaseStore & MeetingStore & TrialStore).self, readOnly: true)
        try options.emit(
            try MinutesExport.caseSummary(
                store: store, caseId: caseId, format: options.format, width: options.width,
                deidentify: options.deidentify, asOf: LocalDate(Date()), timeZone: options.timeZone))
    }
}
