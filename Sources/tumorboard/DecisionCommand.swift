import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard decision show CASE [--json]`: the decision in force for a case, and its history.
struct DecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision", abstract: "Read decisions.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a case's current decision (and earlier versions).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
        @Flag(help: "Print the decision records as JSON (every version, oldest first).") var json = false

        func run() throws {
            let store = try global.openStore(readOnly: true)
            guard let record = try store.caseRecord(id: caseId) else {
                throw StoreError.notFound(kind: "case", id: caseId)
            }
            if json {
                let data = try NativeReader.encoder.encode(record.decisions)
                print(String(decoding: data, as: UTF8.self))
                return
            }
            guard let d = record.currentDecision else {
                print("\(caseId): no decision recorded")
                return
            }
            print("\(d.id) · \(d.status.rawValue) · version \(d.version)" + (d.amends.map { " · amends \($0)" } ?? ""))
            if let reason = d.amendmentReason { print("Amended because: \(reason)") }
            for rec in d.recommendations.sorted(by: { $0.priority < $1.priority }) {
                var line = "\(rec.priority). \(rec.kind.label)"
                if let therapy = rec.therapy { line += ": \(therapy)" }
                if let trial = rec.trialId { line += " — trial \(trial)" }
                if let level = rec.evidence { line += " [\(level)]" }
                print(line)
                if !rec.rationale.isEmpty { print("   \(rec.rationale)") }
            }
            if let consensus = d.consensus { print("Consensus: \(consensus.rawValue)") }
            for dissent in d.dissent { print("Dissent: \(dissent.name) — \(dissent.reason)") }
            if let signer = d.signedBy, let at = d.signedAt {
                print("Signed by \(signer) at \(InstantFormat.format(at)); sha256 \(BoardStore.hash(of: d))")
            }
            let earlier = record.decisions.filter { $0.id != d.id }
            if !earlier.isEmpty {
                print("Earlier: " + earlier.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", "))
            }
        }
    }
}
