import Foundation
import ArgumentParser
import BoardFormats
import BoardStore

/// `tumorboard import PATH…`: reads files into the store in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import cases, trials and meetings from files (one transaction per run).")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Read the files as this format instead of detecting it.", valueName: "format"))
    var format: String?

    @Flag(help: "Check the files and report what would change, without writing.")
    var dryRun = false

    @Argument(help: ArgumentHelp("Files to import.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let bundle = try BoardReader.read(paths: paths, format: format)
        let store = try global.openStore()
        let summary = try store.importBundle(bundle, dryRun: dryRun)
        print((dryRun ? "dry run, nothing written; would import:\n" : "imported into \(store.path):\n") + summary.description)
    }
}
