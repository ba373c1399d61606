import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard decision show CASE [--json]`: the decision in force for a case, and its history; `sign`,
/// `request-signoff` and `requests`: sign-off by the chair's own operating-system login (never `--user`).
struct DecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision", abstract: "Read decisions; sign them, or ask the chair to.",
        subcommands: [Show.self, Sign.self, RequestSignoff.self, Requests.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a case's current decision (and earlier versions).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
        @Flag(help: "Print the decision records as JSON (every version, oldest first).") var json = false

        func run() throws {
            let store = try global.openStore(as: (any CaseStore & SignoffStore).self, readOnly: true)
            guard let record = try store.caseRecord(id: caseId, on: LocalDate(Date())) else {
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
                print("Signed by \(signer) at \(InstantFormat.format(at)); sha256 \(try BoardStore.decisionHash(d))")
            }
            if let asked = d.signoffRequestedBy { print("Sign-off requested by \(asked)") }
            if d.status == .draft, let request = try store.signoffRequest(decisionId: d.id) {
                print(
                    "Sign-off requested by \(request.requestedBy) at \(InstantFormat.format(request.requestedAt)) "
                        + "(version \(request.version))")
            }
            let earlier = record.decisions.filter { $0.id != d.id }
            if !earlier.isEmpty {
                print(
                    "Earlier: "
                        + earlier.map { e in
                            "\(e.id) (\(e.status.rawValue)" + (e.meetingId.map { ", meeting \($0)" } ?? "") + ")"
                        }.joined(separator: ", "))
            }
        }
    }

    /// Signs as this terminal's login: the chair of the decision's meeting, or a delegate the chair named.
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a decision as the chair, by this terminal's operating-system login.",
            discussion: """
                The signer is the login running this command (as `id -un` prints it), mapped to a person by the \
                board's settings (`tumorboard board login`); --user is not used. Only the meeting's chair, or a \
                delegate the chair named, may sign; anyone else can `request-signoff`.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The decision id.", valueName: "decision")) var decisionId: String
        @Option(
            help: ArgumentHelp(
                "Sign only if the decision is still at this version (the one you read).", valueName: "n"))
        var version: Int?

        func run() throws {
            let store = try global.openStore(as: (any StoreSession & DecisionStore & SignoffStore).self)
            guard let d = try store.decision(id: decisionId) else {
                throw StoreError.notFound(kind: "decision", id: decisionId)
            }
            let right = try store.signingRight(decisionId: decisionId)
            guard right.maySign else {
                throw CommandFailure(
                    message:
                        "not signed: \(right.explanation); `tumorboard decision request-signoff \(decisionId)` asks them"
                )
            }
            do {
                let signed = try store.signDecision(id: decisionId, expectedVersion: version ?? d.version, now: Date())
                print(
                    "\(signed.id) signed by \(signed.signedBy ?? "?") (login \(store.login)), version \(signed.version); "
                        + "sha256 \(try BoardStore.decisionHash(signed))")
            } catch let conflict as DecisionConflict {
                throw CommandFailure(message: "not signed: \(conflict)")
            }
        }
    }

    /// Asks the chair to sign: recorded with this login, shown to the chair on the form and by `requests`.
    struct RequestSignoff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request-signoff", abstract: "Ask the meeting's chair to sign a saved draft decision.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The decision id.", valueName: "decision")) var decisionId: String

        func run() throws {
            let store = try global.openStore(as: (any DecisionStore & SignoffStore).self)
            guard let d = try store.decision(id: decisionId) else {
                throw StoreError.notFound(kind: "decision", id: decisionId)
            }
            let request = try store.requestSignoff(decisionId: decisionId, expectedVersion: d.version, now: Date())
            let chair = try store.signingRight(decisionId: decisionId).chair ?? "the chair"
            print(
                "Sign-off of \(request.decisionId) version \(request.version) requested from \(chair) by \(request.requestedBy)."
            )
        }
    }

    /// Open sign-off requests, for the chair to confirm.
    struct Requests: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "requests", abstract: "List decisions waiting for the chair's sign-off.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this meeting's decisions.", valueName: "meeting")) var meeting: String?

        func run() throws {
            let store = try global.openStore(as: (any DecisionStore & SignoffStore).self, readOnly: true)
            let requests = try store.signoffRequests(meetingId: meeting)
            if requests.isEmpty {
                print("No sign-off requests" + (meeting.map { " for \($0)" } ?? "") + ".")
                return
            }
            for r in requests {
                let current = try store.decision(id: r.decisionId)?.version ?? r.version
                let changed = current == r.version ? "" : " (changed since: now version \(current))"
                print(
                    "\(r.decisionId)\t\(r.caseId)\t\(r.meetingId ?? "-")\tversion \(r.version)\(changed)\t"
                        + "requested by \(r.requestedBy) at \(InstantFormat.format(r.requestedAt))")
            }
        }
    }
}
