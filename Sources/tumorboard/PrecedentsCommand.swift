import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard precedents CASE [--json] [--limit N]`: the earlier decided cases most like this one.
struct PrecedentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precedents",
        abstract: "The earlier decided cases most like a case: why, what was recommended, what happened next.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
    @Option(help: "How many precedents to show (1–500).") var limit = 10
    @Flag(help: "Print the precedents as JSON.") var json = false

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be 1–500, got \(limit)") }
    }

    func run() throws {
        let store = try global.openStore(as: (any PrecedentStore).self, readOnly: true)
        let list = try store.precedents(for: caseId, limit: limit, tree: .bundled)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(list), as: UTF8.self))
            return
        }
        for line in PrecedentText.lines(list) { print(line) }
    }
}
