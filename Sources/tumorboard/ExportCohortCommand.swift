import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard export cohort --deidentify [--diagnosis CODE…] [--gene SYMBOL…] -o FILE`: the board's decided
/// cases for a partner board, de-identified, as a Phenopackets v2 cohort with the board's section beside it
/// (docs/cohort-exchange.md).
struct ExportCohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Decided cases with findings, decisions and outcomes, de-identified, for another board.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Required: the file leaves the institution, so it is always de-identified; say so.")
    var deidentify = false

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Only cases whose OncoTree code lies within these codes.", valueName: "code"))
    var diagnosis: [String] = []

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Only cases with a decisive alteration in one of these genes.", valueName: "symbol"))
    var gene: [String] = []

    @Option(help: ArgumentHelp("The exporting institution (default: the board's site).", valueName: "name"))
    var institution: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (mode 0600, atomically).", valueName: "file"))
    var output: String

    func validate() throws {
        guard deidentify else {
            throw ValidationError("--deidentify is required: a cohort file leaves the institution de-identified")
        }
        for code in diagnosis where OncoTree.bundled.node(code) == nil {
            throw ValidationError("--diagnosis: expected an OncoTree code, got \(code)")
        }
    }

    func run() throws {
        let store = try global.openStore(as: (any PrecedentStore).self, readOnly: true)
        // The board's site, where the store keeps boards (a store without the meeting area needs --institution).
        let site = try institution ?? (store as? any MeetingStore)?.boards().compactMap(\.site).first
        guard let site, !site.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandFailure(message: "--institution: the board names no site; give the exporting institution")
        }
        let members = try store.decidedCases(diagnoses: diagnosis, genes: gene, tree: .bundled)
        guard !members.isEmpty else {
            throw CommandFailure(message: "no decided case matches the selection; nothing was written")
        }
        // The same selection from the same institution keeps its export id, so a partner's re-import replaces it.
        let selection = (diagnosis.map { $0.uppercased() }.sorted() + ["|"] + gene.map { $0.uppercased() }.sorted())
            .joined(separator: ",")
        let exportId = "\(site): " + (diagnosis.isEmpty && gene.isEmpty ? "all decided cases" : selection)
        let description =
            "Decided cases of \(site)"
            + (diagnosis.isEmpty ? "" : " within \(diagnosis.joined(separator: ", "))")
            + (gene.isEmpty ? "" : " with \(gene.joined(separator: ", "))")
        let data = try CohortWriter.write(
            members, institution: site, exportId: exportId, exportedOn: LocalDate(Date()), description: description)
        do {
            try ExportFile.write(String(decoding: data, as: UTF8.self) + "\n", to: output)
        } catch let error as ExportFile.WriteError {
            throw CommandFailure(message: error.description)
        }
        print("wrote \(members.count) de-identified case\(members.count == 1 ? "" : "s") of \(site) to \(output)")
    }
}
