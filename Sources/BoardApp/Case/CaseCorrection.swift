import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Correcting a case's details from the case screen (`c`): which detail (Tab completes; the first one the checklist
/// flags is offered), then its value, starting from the current one. A refused value keeps the prompt with what was
/// typed and says what was expected; a saved one is audited by the store (`BoardStore.editCase`).
@MainActor
enum CaseCorrection {
    static let keys = KeyTable<AppAction>([
        KeyBinding(
            [.char("c")], .correctCase,
            help: "Correct a detail: diagnosis, histology, stage, ECOG, consent, question, referrer",
            hint: "correct", group: "Record")
    ])

    /// The detail to offer first: the first the checklist flags that can be corrected here, else the diagnosis.
    static func firstFlagged(_ record: Case) -> CaseField {
        for item in record.missingData {
            switch item {
            case .stage: return .stage
            case .performanceStatus: return .ecog
            case .histology: return .histology
            case .consent: return .consent
            case .question: return .question
            case .molecularReport, .priorLines: continue
            }
        }
        return .diagnosis
    }

    static func start(caseId: String, context: AppContext, then reload: @escaping () -> Void) -> Navigation {
        if context.store.isReadOnly { return .error("The store is read-only: the case cannot be corrected.") }
        guard let record = try? context.store.caseRecord(id: caseId, on: context.today)?.record else {
            return .error("No case \(caseId) in the store.")
        }
        let fields = CaseField.allCases.map(\.rawValue)
        return .askName(
            "Correct which detail of \(caseId)? (Tab: \(fields.joined(separator: ", ")))",
            initial: firstFlagged(record).rawValue, names: fields
        ) { answer in
            guard let answer, !answer.isEmpty else { return .none }
            guard let field = CaseField(rawValue: answer.lowercased()) else {
                return .error("No detail “\(answer)”; one of \(fields.joined(separator: ", ")).")
            }
            return askValue(field, record: record, context: context, then: reload)
        }
    }

    static func askValue(_ field: CaseField, record: Case, context: AppContext, then reload: @escaping () -> Void)
        -> Navigation
    {
        let question = "\(record.id) \(field.label) (- clears):"
        let save: (String?) -> Navigation = { typed in
            guard let typed else { return .none }
            do {
                try context.store.editCase(id: record.id, field: field, to: typed, now: context.now)
            } catch let invalid as InvalidValue {
                return .error("\(field.rawValue.capitalized): \(invalid.reason).")
            } catch {
                return .error("\(error)")
            }
            reload()
            return .message("\(record.id): \(field.rawValue) saved (audited).")
        }
        switch field {
        case .diagnosis:
            return .askName(question, initial: field.value(of: record), names: oncoTreeNames, save)
        case .referrer:
            let roster = (try? context.store.meetings(around: context.now, limit: 200).upcoming.first).flatMap { m in
                try? context.store.meeting(id: m.id)?.roster.map(\.name)
            }
            return .askName(question, initial: field.value(of: record), names: roster ?? [], save)
        default:
            return .ask(question, initial: field.value(of: record), save)
        }
    }

    /// "LUAD — Lung Adenocarcinoma" for every code of the bundled release, by code: what Tab offers.
    static let oncoTreeNames: [String] = OncoTree.bundled.nodes.values.filter { $0.code != "TISSUE" }
        .map { "\($0.code) — \($0.name)" }.sorted()
}
