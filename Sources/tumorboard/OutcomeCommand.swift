import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard outcome add|list|retract|import`: what happened after the board's decision, from scripts.
struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Record and read what happened after a decision.",
        subcommands: [Add.self, List.self, Retract.self, OutcomeImport.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record an outcome of a case (treatment, response, toxicity, death…).",
            discussion: """
                Kinds and their fields:
                  treatment-started      --regimen and/or --drug, --followed yes|no|partly, --trial NCT…
                  treatment-not-started  --reason
                  response               --criteria (RECIST 1.1, iRECIST, RANO, Lugano, IMWG) --response, --treatment
                  progression            --treatment
                  treatment-stopped      --stop-reason (completed, progression, toxicity, patient-choice, death,
                                         other), --treatment
                  toxicity               --grade 3-5 --term (CTCAE), --treatment
                  death, lost-to-follow-up
                --reason and --decision go with any kind.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
        @Option(help: ArgumentHelp("What happened (see below).", valueName: "kind")) var kind: String
        @Option(help: ArgumentHelp("When it happened (YYYY-MM-DD or DD.MM.YYYY).", valueName: "date")) var date: String
        @Option(help: ArgumentHelp("The regimen as the clinic names it.", valueName: "text")) var regimen: String?
        @Option(help: ArgumentHelp("A drug of the treatment (repeat for each).", valueName: "name")) var drug:
            [String] = []
        @Option(help: ArgumentHelp("Whether it is what the board recommended.", valueName: "yes|no|partly"))
        var followed: String?
        @Option(help: ArgumentHelp("The trial the patient was enrolled in.", valueName: "NCT id")) var trial: String?
        @Option(help: ArgumentHelp("Response criteria.", valueName: "criteria")) var criteria: String?
        @Option(help: ArgumentHelp("The response category (PR, iUPD, VGPR, CMR…).", valueName: "category"))
        var response: String?
        @Option(help: ArgumentHelp("Why the treatment stopped.", valueName: "reason")) var stopReason: String?
        @Option(help: ArgumentHelp("CTCAE grade, 3-5.", valueName: "grade")) var grade: String?
        @Option(help: ArgumentHelp("CTCAE term.", valueName: "term")) var term: String?
        @Option(help: ArgumentHelp("The treatment-started outcome this belongs to.", valueName: "outcome id"))
        var treatment: String?
        @Option(help: ArgumentHelp("Why, in words.", valueName: "text")) var reason: String?
        @Option(help: ArgumentHelp("The decision this follows.", valueName: "decision id")) var decision: String?

        func run() throws {
            let outcome = try OutcomeOptions.outcome(
                caseId: caseId, kind: kind, date: date,
                values: [
                    "regimen": regimen, "followed": followed, "trial": trial, "criteria": criteria,
                    "response": response, "stop-reason": stopReason, "grade": grade, "term": term,
                    "treatment": treatment, "reason": reason, "decision": decision,
                ], drugs: drug, source: "command line")
            let store = try global.openStore(as: (any OutcomeStore).self)
            let saved = try OutcomeOptions.saving {
                try store.addOutcome(outcome, today: LocalDate(Date()), now: Date())
            }
            print("added outcome \(saved.id) to \(caseId): \(saved.date) \(saved.summary)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a case's outcomes by date.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseId: String
        @Flag(help: "Print the outcomes as JSON (the native outcome records).") var json = false

        func run() throws {
            let store = try global.openStore(as: (any OutcomeStore).self, readOnly: true)
            let outcomes = try store.outcomes(caseId: caseId)
            if json {
                print(String(decoding: try NativeReader.encoder.encode(outcomes), as: UTF8.self))
                return
            }
            if outcomes.isEmpty {
                print("\(caseId): no outcome recorded")
                return
            }
            for o in outcomes {
                print("\(o.date)  \(o.id)  \(o.summary)" + (o.decisionId.map { " (after \($0))" } ?? ""))
            }
        }
    }
}

extension OutcomeCommand {
    /// `tumorboard outcome retract ID --reason TEXT`: an outcome entered in error is kept, marked and audited, never
    /// deleted; from then on no rule counts it.
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retract", abstract: "Retract an outcome entered in error (kept, marked, audited).",
            discussion: """
                The outcome stays in the case's record, shown as retracted with the reason, who and when; precedents, \
                the follow-up queue, cohort exports and the checks of other outcomes no longer count it. A treatment \
                start that a standing response, stop or toxicity belongs to cannot be retracted before them.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The outcome id (O-<case>-<n>).", valueName: "outcome")) var outcomeId: String
        @Option(help: ArgumentHelp("Why it is retracted (required).", valueName: "text")) var reason: String
        @Option(
            help: ArgumentHelp(
                "The version you saw (refused if it changed since; default: the current one).", valueName: "n"))
        var version: Int?

        func run() throws {
            let store = try global.openStore(as: (any OutcomeStore).self)
            guard let current = try store.outcome(id: outcomeId) else {
                throw CommandFailure(message: "no outcome \(outcomeId)")
            }
            let retracted: CaseOutcome
            do {
                retracted = try store.retractOutcome(
                    id: outcomeId, version: version ?? current.version, reason: reason, now: Date())
            } catch let error as OutcomeInvalid {
                throw CommandFailure(
                    message: "outcome \(outcomeId) not retracted: "
                        + error.problems.map { "\($0.field == "reason" ? "--reason: " : "")\($0.reason)" }
                        .joined(separator: "; "))
            }
            print(
                "retracted outcome \(retracted.id) of \(retracted.caseId) (version \(retracted.version)): \(retracted.summary)"
            )
        }
    }
}

/// Turns command-line text into an outcome with the shared value rules, naming the option in every refusal.
enum OutcomeOptions {
    static func outcome(
        caseId: String, kind: String, date: String, values: [String: String?], drugs: [String], source: String
    ) throws -> CaseOutcome {
        func fail(_ option: String, _ error: InvalidValue) -> CommandFailure {
            CommandFailure(message: "--\(option): \(error.reason)")
        }
        guard let kindValue = OutcomeKind(rawValue: kind.lowercased()) else {
            throw CommandFailure(
                message:
                    "--kind: expected one of \(OutcomeKind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kind)\""
            )
        }
        let day: LocalDate
        do { day = try ValidValues.outcomeDate(parsing: date) } catch { throw fail("date", error) }
        var o = CaseOutcome(
            id: "", caseId: caseId, kind: kindValue, date: day, recordedBy: "", recordedAt: Date())
        func text(_ key: String) -> String? {
            (values[key] ?? nil).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        o.regimen = text("regimen")
        o.drugs = drugs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let followed = text("followed") {
            guard let value = Adherence(rawValue: followed.lowercased()) else {
                throw CommandFailure(message: "--followed: expected yes, no or partly, got \"\(followed)\"")
            }
            o.followedRecommendation = value
        }
        o.trialId = text("trial")?.uppercased()
        if let criteria = text("criteria") {
            guard let value = ResponseCriteria(parsing: criteria) else {
                throw CommandFailure(
                    message:
                        "--criteria: expected one of \(ResponseCriteria.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(criteria)\""
                )
            }
            o.criteria = value
            if let response = text("response") {
                do { o.response = try ValidValues.response(response, criteria: value) } catch {
                    throw fail("response", error)
                }
            }
        } else {
            o.response = text("response")
        }
        if let stop = text("stop-reason") {
            guard let value = StopReason(rawValue: stop.lowercased()) else {
                throw CommandFailure(
                    message:
                        "--stop-reason: expected one of \(StopReason.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(stop)\""
                )
            }
            o.stopReason = value
        }
        if let grade = text("grade") {
            do { o.grade = try ValidValues.severeGrade(parsing: grade) } catch { throw fail("grade", error) }
        }
        o.term = text("term")
        o.treatmentId = text("treatment")
        o.reason = text("reason")
        o.decisionId = text("decision")
        o.source = source
        return o
    }

    /// Runs a store save and words a refused outcome by its options ("--grade: …").
    static func saving<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutcomeInvalid {
            throw CommandFailure(
                message: "outcome for case \(error.caseId) not saved: "
                    + error.problems.map { "--\($0.field.replacingOccurrences(of: " ", with: "-")): \($0.reason)" }
                    .joined(separator: "; "))
        }
    }
}
