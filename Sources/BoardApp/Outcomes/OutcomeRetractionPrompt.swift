import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Retracting an outcome from the case screen's Outcomes tab (`R`): why (required), then a confirmation whose
/// default is Cancel. The store keeps the outcome, marked and audited (`BoardStore.retractOutcome`); the tab then
/// shows it as retracted with the reason.
@MainActor
enum OutcomeRetractionPrompt {
    static let keys = KeyTable<AppAction>([
        KeyBinding(
            [.char("R")], .retractOutcome,
            help: "Outcomes: retract the selected outcome (entered in error; kept, marked)",
            group: "Record")
    ])

    static func start(_ outcome: CaseOutcome, context: AppContext, then reload: @escaping () -> Void) -> Navigation {
        if context.store.isReadOnly { return .error("The store is read-only: the outcome cannot be retracted.") }
        if let retraction = outcome.retraction {
            return .error("\(outcome.id) is already retracted (\(retraction.reason)).")
        }
        return .ask("Retract \(outcome.id) (\(outcome.date) \(outcome.kind.label)): why?", initial: "") { answer in
            guard let answer else { return .none }
            let reason = answer.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else { return .error("A retraction needs a reason (what was entered in error).") }
            let modal = Modal(
                title: "Retract \(outcome.id)?",
                body: [
                    "\(outcome.date) \(outcome.summary)", "Reason: \(reason)",
                    "It stays in the record, marked retracted, and no longer counts.",
                ], buttons: ["Cancel", "Retract"], selectedButton: 0)
            return .confirm(modal) { choice in
                guard choice == 1 else { return .none }
                do {
                    try context.store.retractOutcome(
                        id: outcome.id, version: outcome.version, reason: reason, now: context.now)
                } catch let invalid as OutcomeInvalid {
                    return .error(
                        "\(outcome.id) not retracted: " + invalid.problems.map(\.reason).joined(separator: "; "))
                } catch {
                    return .error("\(outcome.id) not retracted: \(error)")
                }
                reload()
                return .message("\(outcome.id) retracted (audited); it stays listed, marked.")
            }
        }
    }
}
