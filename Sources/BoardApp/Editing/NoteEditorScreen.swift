import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Writes a note on a case, a finding or a trial match: a multi-line editor, autosaved as a draft,
/// saved with Ctrl-S, cancelled with Esc (asking first if there are changes), or edited in $EDITOR.
@MainActor
public final class NoteEditorScreen: Screen {
    let target: NoteTarget
    let about: String
    var area: TextArea
    let drafts: DraftKeeper

    /// Draft key for a new note on a target.
    static func draftKey(_ target: NoteTarget) -> String {
        "note:"
            + [target.caseId, target.findingId.map { "finding=\($0)" }, target.trialId.map { "trial=\($0)" }].compactMap
        { $0 }.joined(separator: ":")
    }

    /// The target a draft key names.
    static func target(fromDraftKey key: String) -> NoteTarget? {
        guard key.hasPrefix("note:") else { return nil }
        let parts = key.dropFirst(5).split(separator: ":").map(String.init)
        guard let caseId = parts.first else { return nil }
        var target = NoteTarget(caseId: caseId)
        for part in parts.dropFirst() {
            if part.hasPrefix("finding=") { target.findingId = String(part.dropFirst(8)) }
            if part.hasPrefix("trial=") { target.trialId = String(part.dropFirst(6)) }
        }
        return target
    }

    public init(target: NoteTarget, about: String, text: String = "") {
        self.target = target
        self.about = about
        self.area = TextArea(text: text)
        self.drafts = DraftKeeper(key: Self.draftKey(target))
        if !text.isEmpty { drafts.changed(text) }
    }

    public var title: String { "Note on \(about)" }

    /// A new note starts empty, so any text (typed or restored from a draft) is something to lose.
    var isDirty: Bool { !area.isEmpty }

    public var keys: KeyTable<AppAction> { NoteEditorKeys.table }
    /// Every other key types into the note, so the board's keys (`q`, `?`, `/`) do not apply here.
    public var replacesGlobalKeys: Bool { true }

    public func reload(_ context: AppContext) throws {}

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(
            &canvas, rect: rect, title: "New note on \(about) — by \(context.store.user)", focused: true)
        guard inner.height > 2 else { return }
        let (editor, help) = inner.splitBottom(1)
        area.render(into: &canvas, rect: editor, role: .normal)
        canvas.put(NoteEditorKeys.line + " · draft kept every 2 s", in: help, role: .dim)
    }

    /// The table's keys act; every other key types into the note.
    public func input(_ key: Key, context: AppContext) -> Navigation? {
        if let action = NoteEditorKeys.table.action(for: key) { return perform(action, context: context) }
        switch key.normalized {
        case .mouse, .resize, .terminationRequested:
            return nil
        default:
            if area.handle(key) { drafts.changed(area.text) }
            return Navigation.none
        }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .noteEditor(.save): return save(context)
        case .noteEditor(.cancel): return cancel(context)
        case .noteEditor(.externalEditor):
            let result = ExternalEditor.run(area.text, context: context)
            if let text = result.text {
                area.setText(text)
                drafts.changed(text)
            }
            return result.navigation
        default: return .none
        }
    }

    /// Leaves at once when nothing was typed; otherwise asks before the text is lost.
    func cancel(_ context: AppContext) -> Navigation {
        guard isDirty else {
            drafts.discard(context)
            return .pop
        }
        return .confirm(
            Modal(
                title: "Discard this note?", body: ["The text you typed will be lost."],
                buttons: ["Keep editing", "Discard"])
        ) { [self] choice in
            guard choice == 1 else { return .none }
            drafts.discard(context)
            return .pop
        }
    }

    func save(_ context: AppContext) -> Navigation {
        let text = area.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .error("The note is empty; type something or press Esc.")
        }
        do {
            try context.store.addNote(
                caseId: target.caseId, findingId: target.findingId, trialId: target.trialId, text: text,
                meetingId: nil, now: context.now)
            drafts.discard(context)
            return .popAndReload("Note saved.")
        } catch {
            drafts.changed(text)
            // On a read-only store or a full disk the draft cannot be written either: do not promise it.
            let kept =
                drafts.flush(context)
                ? "your text is kept as a draft" : "your text is still in the editor; copy it or try again"
            return .error("Not saved: \(error) (\(kept))")
        }
    }

    public func tick(_ context: AppContext) { drafts.saveIfDue(context) }

    public func flushDrafts(_ context: AppContext) { drafts.flush(context) }
}
