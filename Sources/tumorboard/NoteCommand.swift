import ArgumentParser
import BoardStore
import Foundation

/// `tumorboard note add CASE (--text T | --file F)`: scripts record notes like the screen does.
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Record notes on cases.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a note to a case (or one of its findings or trials).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
        @Option(help: "The note's text.") var text: String?
        @Option(help: ArgumentHelp("Read the note from a file ('-' for standard input).", valueName: "path")) var file:
            String?
        @Option(help: ArgumentHelp("Attach the note to this finding of the case.", valueName: "id")) var finding:
            String?
        @Option(help: ArgumentHelp("Attach the note to this trial.", valueName: "id")) var trial: String?

        func validate() throws {
            if (text == nil) == (file == nil) { throw ValidationError("give exactly one of --text or --file") }
        }

        func run() throws {
            let body: String
            if let text {
                body = text
            } else if let file {
                let data =
                    file == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
                guard let data else { throw CommandFailure(message: "\(file): cannot read the file") }
                guard let decoded = String(data: data, encoding: .utf8) else {
                    throw CommandFailure(message: "\(file): not UTF-8 text")
                }
                body = decoded
            } else {
                body = ""
            }
            let store = try global.openStore(as: (any NoteStore).self)
            let note = try store.addNote(
                caseId: caseId, findingId: finding, trialId: trial, text: body, meetingId: nil, now: Date())
            print("added note \(note.id) to \(caseId)")
        }
    }
}
