import Foundation
import ArgumentParser
import BoardModel
import BoardFormats
import BoardStore

/// `tumorboard show CASE`: the case as the board reads it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one case: summary, findings, notes and decision.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Replace name, MRN and birth date with the pseudonym and age.")
    var deidentify = false

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseId: String

    func run() throws {
        let store = try global.openStore(readOnly: true)
        guard let record = try store.caseRecord(id: caseId) else { throw StoreError.notFound(kind: "case", id: caseId) }
        let text = CaseSummaryText(record: record.record, notes: record.notes, decision: record.currentDecision,
                                   today: LocalDate(Date()), deidentify: deidentify)
        print(text.render(), terminator: "")
    }
}
