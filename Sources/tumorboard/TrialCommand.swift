import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TrialMatching

/// `tumorboard trial ID [--json]`: one stored trial as the board's matcher reads it, so a coordinator can check an
/// import without the screen: title, status, phase, arms (drugs, open or not), conditions, the eligibility text
/// and what the matcher compiled from it.
struct TrialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial",
        abstract: "Show one stored trial: arms, conditions, eligibility and what matching checks.",
        discussion: """
            --json prints the stored trial with the open arms and the matcher's reading (format "\(TrialJSON.format)").
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the trial as JSON instead of text.")
    var json = false

    @Argument(help: ArgumentHelp("The trial id (NCT number or protocol id).", valueName: "trial"))
    var trialId: String

    func run() throws {
        let store = try global.openStore(as: (any TrialStore).self, readOnly: true)
        guard let trial = try store.trial(id: trialId) else {
            let hint =
                Trial.isValidNCTId(trialId) ? "import its record first" : "expected an NCT number or a protocol id"
            throw CommandFailure(message: "no trial \(trialId) in the store (\(hint))")
        }
        let compiled = MatchEngine(trials: [trial]).compiledEligibility(trialId: trial.id)
        if json {
            let document = TrialJSON(
                format: TrialJSON.format, trial: trial,
                openArms: trial.arms.filter { TrialSummaryText.isOpen($0, of: trial) }.map(\.id), matching: compiled)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
            return
        }
        print(TrialSummaryText(trial: trial, compiled: compiled?.textLines ?? []).render(), terminator: "")
    }
}

/// `trial --json`: the stored trial, which arms take patients, and what the matcher checks.
struct TrialJSON: Encodable {
    static let format = "tumorboard-trial/1"
    var format: String
    var trial: Trial
    var openArms: [String]
    var matching: CompiledEligibility?
}
