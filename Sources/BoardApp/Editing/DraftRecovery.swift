import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Offers back what was typed before a crash, a `kill -9` or a dropped connection: the drafts the store
/// kept for this user reopen in the editor they came from.
@MainActor
enum DraftRecovery {
    /// The editor screen for a draft, or nil if the draft no longer makes sense (its case is gone).
    static func screen(for draft: Draft, context: AppContext) -> (any Screen)? {
        if let target = NoteEditorScreen.target(fromDraftKey: draft.key) {
            guard (try? context.store.headline(caseId: target.caseId)) != nil else { return nil }
            let about =
                target.findingId.map { "finding \($0) (\(target.caseId))" } ?? target.trialId.map {
                    "trial \($0) (\(target.caseId))"
                } ?? "case \(target.caseId)"
            return NoteEditorScreen(target: target, about: about, text: draft.body)
        }
        if draft.key.hasPrefix("decision:"),
            let decision = try? NativeReader.decoder.decode(Decision.self, from: Data(draft.body.utf8))
        {
            return DecisionFormScreen(caseId: decision.caseId, meetingId: decision.meetingId, draft: decision)
        }
        if draft.key.hasPrefix("outcome:"),
            let outcome = try? NativeReader.decoder.decode(CaseOutcome.self, from: Data(draft.body.utf8))
        {
            guard (try? context.store.headline(caseId: outcome.caseId)) != nil else { return nil }
            let existing = outcome.id.isEmpty ? nil : try? context.store.outcome(id: outcome.id)
            return OutcomeFormScreen(caseId: outcome.caseId, existing: existing, draft: outcome, today: context.today)
        }
        return nil
    }

    static func describe(_ draft: Draft, now: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(draft.updatedAt) / 60))
        let age = minutes < 1 ? "just now" : minutes < 120 ? "\(minutes) min ago" : "\(minutes / 60) h ago"
        let what =
            draft.key.hasPrefix("decision:")
            ? "decision \(draft.key.dropFirst(9))"
            : draft.key.hasPrefix("outcome:")
                ? "outcome for \(draft.key.dropFirst(8).split(separator: ":").joined(separator: " "))"
                : "note on \(draft.key.dropFirst(5).replacingOccurrences(of: ":", with: " "))"
        return "\(what), \(age)"
    }

    /// The dialog shown at start when drafts are waiting.
    static func offer(_ drafts: [Draft], context: AppContext) -> Navigation {
        let lines =
            ["You have \(drafts.count) unsaved draft\(drafts.count == 1 ? "" : "s") from an earlier session:"]
            + drafts.prefix(5).map { "• " + describe($0, now: context.now) }
            + (drafts.count > 5 ? ["• …"] : [])
        return .confirm(
            Modal(title: "Restore unsaved work?", body: lines, buttons: ["Restore", "Later", "Discard all"])
        ) { choice in
            switch choice {
            case 0:
                guard let first = drafts.first else { return .none }
                guard let screen = screen(for: first, context: context) else {
                    try? context.store.deleteDraft(key: first.key)
                    return .error("That draft's case is no longer in the store; draft removed.")
                }
                return .push(screen)
            case 2:
                for draft in drafts { try? context.store.deleteDraft(key: draft.key) }
                return .message("Drafts discarded.")
            default:
                return .message("Drafts kept; they are offered again at the next start (or :drafts).")
            }
        }
    }
}
