import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The board screen: owns the screen stack and the main loop. One thread (the main actor) talks to the
/// terminal; the loop renders, waits for a key with a short timeout (the tick), and on each tick moves
/// the clock and polls the store for changes made by other terminals.
@MainActor
public final class BoardApp {
    public let context: AppContext
    let terminal: any Terminal
    let themes: ThemeCatalog
    public private(set) var stack: [any Screen]
    public private(set) var themeName: String
    var prompt: Prompt?
    var message: (text: String, isError: Bool)?
    var running = true
    /// Set when SIGTERM/SIGHUP/SIGINT ended the loop, so the caller can exit with 128 + signal.
    public private(set) var terminationSignal: Int32?
    var lastChangeCounter: Int?
    var lastPoll = Date.distantPast
    /// Milliseconds the loop waits for a key before ticking.
    public var tickMilliseconds = 250
    public static let minimumSize = (width: 40, height: 10)

    /// A line editor at the bottom of the screen: `/` for search, `:` for commands.
    struct Prompt {
        enum Kind {
            case search, command
            case question(String, (String?) -> Navigation)
        }
        var kind: Kind
        var field = TextField()
        /// Names Tab completes from (a presenter from the roster); empty for other questions.
        var names: [String] = []
        var completion = NameCycle()
    }

    /// A dialog over the screen, with what to do with the answer.
    var dialog: (modal: Modal, then: (Int?) -> Navigation)?

    /// Where privacy mode is remembered for this user (nil: not remembered, as in tests).
    let privacyPreference: PrivacyPreference?

    /// `privacy` starts in privacy mode; otherwise the remembered choice in `privacyPreference` decides.
    public init(
        store: any BoardStoring, terminal: any Terminal, themes: ThemeCatalog, theme: Theme, privacy: Bool = false,
        start: (any Screen)? = nil, clock: @escaping () -> Date = Date.init, privacyPreference: PrivacyPreference? = nil
    ) {
        self.privacyPreference = privacyPreference
        self.context = AppContext(store: store, privacy: privacy || privacyPreference?.load() == true, clock: clock)
        self.terminal = terminal
        self.themes = themes
        self.themeName = theme.name
        self.stack = [start ?? HomeScreen()]
        context.asciiOnly = !terminal.isUTF8
        context.terminal = terminal
        terminal.apply(theme: theme)
        if start != nil && !(start is HomeScreen) { stack.insert(HomeScreen(), at: 0) }
        for screen in stack { load(screen) }
        // The change counter is learnt now, with the data the screens show: a change another terminal commits before
        // the first idle tick must still count as a change (a user who keeps typing may not leave the loop idle).
        lastChangeCounter = try? store.externalChangeCounter()
        if store.isReadOnly { message = ("The store is read-only: you can read, but changes cannot be saved.", true) }
        store.onBusy { [weak self] in
            // ncurses is single-threaded. The app writes synchronously from the main thread, and SQLite calls the
            // busy handler on the thread running the statement (GRDB runs a `sync` write on the caller's thread), so
            // here the main thread is blocked inside that very write and nothing else is drawing: drawing is safe.
            // Should a write ever come from another thread, no notice is drawn rather than touch ncurses concurrently.
            guard Thread.isMainThread else { return }
            MainActor.assumeIsolated { self?.showBusyNotice() }
        }
        offerDrafts()
    }

    public static let busyNotice = "Waiting for the store (another user is saving)…"

    /// Drawn once when a write waits for another process's lock; the write's own result replaces it.
    func showBusyNotice() {
        message = (Self.busyNotice, false)
        draw()
    }

    /// Offers back drafts left by an earlier session (a crash, `kill -9`, a dropped connection).
    public func offerDrafts() {
        guard let drafts = try? context.store.drafts(), !drafts.isEmpty else { return }
        apply(DraftRecovery.offer(drafts, context: context))
    }

    var top: any Screen { stack[stack.count - 1] }

    /// The key table in force: the top screen's own keys before the global ones.
    public var keyTable: KeyTable<AppAction> { top.replacesGlobalKeys ? top.keys : top.keys + KeyMap.global }

    /// Runs until the user quits or a termination signal arrives.
    public func run() {
        while running {
            draw()
            let key = terminal.readKey(timeoutMilliseconds: tickMilliseconds)
            if let key { handle(key) } else { tick() }
        }
    }

    /// One tick without input: screens autosave, and the store is polled about once a second.
    public func tick() {
        for screen in stack { screen.tick(context) }
        reloadIfTrialsArrived()
        let now = context.now
        guard now.timeIntervalSince(lastPoll) >= 1 else { return }
        lastPoll = now
        guard let counter = try? context.store.externalChangeCounter() else { return }
        if let last = lastChangeCounter, last != counter {
            context.forgetMatches()  // trials or cases may have changed
            reloadAll()
        }
        lastChangeCounter = counter
    }

    /// Turns privacy mode on or off and remembers the choice for this user.
    func togglePrivacy() {
        context.privacy.toggle()
        guard let privacyPreference else { return }
        do { try privacyPreference.save(context.privacy) } catch {
            message = (
                "Privacy mode is \(context.privacy ? "on" : "off") but could not be remembered: \(error.localizedDescription)",
                true
            )
        }
    }

    func reloadAll() {
        for screen in stack { load(screen) }
    }

    /// Reloads the screens once the trials compiling in the background are ready for a case shown without them.
    func reloadIfTrialsArrived() {
        if context.trialsArrived() { reloadAll() }
    }

    func load(_ screen: any Screen) {
        do { try screen.reload(context) } catch { message = ("\(error)", true) }
    }

    // MARK: Input

    public func handle(_ key: Key) {
        switch key {
        case .resize: return
        case .terminationRequested(let signal):
            terminationSignal = signal
            flushDrafts()
            running = false
            return
        default: break
        }
        context.body = bodyRect
        defer {
            top.tick(context)
            reloadIfTrialsArrived()
        }
        if dialog != nil {
            handleDialog(key)
            return
        }
        if prompt != nil {
            handlePrompt(key)
            return
        }
        if let navigation = top.input(key, context: context) {
            apply(navigation)
            return
        }
        if case .mouse(let event) = key {
            let body = bodyRect
            apply(top.click(event, rect: body, context: context))
            return
        }
        message = nil
        guard let action = keyTable.action(for: key) else { return }
        let result = top.perform(action, context: context)
        if case .unhandled = result { global(action) } else { apply(result) }
    }

    /// Saves every open editor's unsaved text as a draft (before quitting or on a termination signal).
    public func flushDrafts() {
        for screen in stack { screen.flushDrafts(context) }
    }

    func global(_ action: AppAction) {
        switch action {
        case .quit:
            flushDrafts()
            running = false
        case .back:
            if stack.count > 1 { apply(.pop) }
        case .help: apply(.push(HelpScreen(table: keyTable)))
        case .search: prompt = Prompt(kind: .search)
        case .commandLine: prompt = Prompt(kind: .command)
        case .togglePrivacy: togglePrivacy()
        case .redraw: reloadAll()
        default: break
        }
    }

    func apply(_ navigation: Navigation) {
        switch navigation {
        case .none, .unhandled: break
        case .push(let screen):
            load(screen)
            stack.append(screen)
        case .replace(let screen):
            load(screen)
            stack[stack.count - 1] = screen
        case .pop:
            // The screen below shows what the one above may have changed (meeting started, outcomes): reload it.
            if stack.count > 1 {
                stack.removeLast()
                load(top)
            }
        case .quit:
            flushDrafts()
            running = false
        case .message(let text): message = (text, false)
        case .error(let text): message = (text, true)
        case .confirm(let modal, let then): dialog = (modal, then)
        case .ask(let question, let initial, let then):
            var field = TextField()
            field.setText(initial)
            prompt = Prompt(kind: .question(question, then), field: field)
        case .askName(let question, let initial, let names, let then):
            var field = TextField()
            field.setText(initial)
            prompt = Prompt(kind: .question(question, then), field: field, names: names)
        case .popAndReload(let text):
            if stack.count > 1 { stack.removeLast() }
            load(top)
            if let text { message = (text, false) }
        }
    }

    func handleDialog(_ key: Key) {
        guard var d = dialog else { return }
        let screen = Rect(x: 0, y: 0, width: terminal.size.width, height: terminal.size.height)
        switch d.modal.handle(key, in: d.modal.rect(in: screen)) {
        case .chosen(let index):
            dialog = nil
            apply(d.then(index))
        case .cancelled:
            dialog = nil
            apply(d.then(nil))
        default:
            dialog = d
        }
    }

    func handlePrompt(_ key: Key) {
        guard var p = prompt else { return }
        if case .paste(let text) = key {
            p.field.insert(text.replacingOccurrences(of: "\n", with: " "))
            p.completion = NameCycle()
            prompt = p
            return
        }
        switch FieldEditKeys.action(for: key) {
        case .cancel:
            prompt = nil
            message = nil
            if case .question(_, let then) = p.kind { apply(then(nil)) }
        case .accept:
            prompt = nil
            message = nil
            let text = p.field.text.trimmingCharacters(in: .whitespaces)
            if case .question(_, let then) = p.kind {
                let answer = then(text)
                // A refused answer keeps the question and what was typed (a bad time lost the board before).
                if case .error(let error) = answer {
                    p.completion = NameCycle()
                    prompt = p
                    message = (error, true)
                    return
                }
                apply(answer)
                return
            }
            guard !text.isEmpty else { return }
            switch p.kind {
            case .search: apply(.push(SearchScreen(query: text)))
            case .command: run(BoardCommand.parse(text))
            case .question: break
            }
        case .complete where !p.names.isEmpty:
            if let name = p.completion.next(typed: p.field.text, names: p.names) {
                p.field.setText(name)
                let matches = p.completion.matches
                if matches.count > 1 {
                    message = ("\(matches.count) names match: " + matches.joined(separator: ", "), false)
                } else {
                    message = nil
                }
            } else {
                message = ("No name on the roster starts with “\(p.field.text)”.", true)
            }
            prompt = p
        case .complete, nil:
            if p.field.handle(key) { p.completion = NameCycle() }
            prompt = p
        }
    }

    /// Carries out a `:` command.
    public func run(_ command: BoardCommand) {
        switch command {
        case .meeting(let id):
            if let id {
                apply(.push(MeetingScreen(meetingId: id)))
            } else if let next = try? context.store.meetings(around: context.now, limit: 200).upcoming.first {
                apply(.push(MeetingScreen(meetingId: next.id)))
            } else {
                message = ("No upcoming meeting.", true)
            }
        case .openCase(let id): apply(.push(CaseScreen(caseId: id)))
        case .trial(let id): apply(.push(TrialScreen(trialId: id)))
        case .search(let text): apply(.push(SearchScreen(query: text)))
        case .theme(let name): switchTheme(name)
        case .privacy: togglePrivacy()
        case .home:
            stack.removeSubrange(1...)
            load(stack[0])
        case .help: apply(.push(HelpScreen(table: keyTable)))
        case .drafts:
            if (try? context.store.drafts().isEmpty) ?? true {
                message = ("No unsaved drafts.", false)
            } else {
                offerDrafts()
            }
        case .quit:
            flushDrafts()
            running = false
        case .unknown(let text): message = ("Unknown command “\(text)”. Try \(BoardCommand.summary)", true)
        }
    }

    public func switchTheme(_ nameOrPath: String) {
        do {
            let theme = try themes.load(nameOrPath)
            terminal.apply(theme: theme)
            themeName = theme.name
            message = (
                "Theme: \(theme.name)" + (terminal.supportsColor ? "" : " (this terminal shows no colours)"), false
            )
        } catch {
            message = ("\(error)", true)
        }
    }

    // MARK: Drawing

    var bodyRect: Rect {
        let size = terminal.size
        return Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2))
    }

    /// Renders the whole frame into a canvas (also used by tests and benchmarks without a terminal).
    public func frame() -> Canvas {
        var canvas = terminal.makeCanvas()
        if context.privacy { canvas.redactions = context.identifyingIds }
        let size = terminal.size
        if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height {
            let lines = [
                "Enlarge the terminal", "(need \(Self.minimumSize.width)×\(Self.minimumSize.height),",
                "have \(size.width)×\(size.height))",
            ]
            for (i, line) in lines.enumerated() where i < size.height {
                _ = canvas.put(line, x: 0, y: i, role: .warning, maxWidth: size.width)
            }
            return canvas
        }
        drawHeader(&canvas, width: size.width)
        top.render(into: &canvas, rect: bodyRect, context: context)
        drawStatus(&canvas, y: size.height - 1, width: size.width)
        if let dialog {
            _ = dialog.modal.render(into: &canvas, screen: Rect(x: 0, y: 0, width: size.width, height: size.height))
        }
        return canvas
    }

    public func draw() {
        terminal.render(frame())
    }

    func drawHeader(_ canvas: inout Canvas, width: Int) {
        let row = Rect(x: 0, y: 0, width: width, height: 1)
        canvas.fill(row, role: .header)
        let clock = context.format(context.now)
        var left = " tumorboard · " + top.title
        if context.store.isReadOnly { left += " · READ-ONLY" }
        _ = canvas.put(left, x: 0, y: 0, role: .header, maxWidth: max(0, width - TextWidth.displayWidth(of: clock) - 2))
        var right = clock + " "
        if context.privacy {
            let badge = " PRIVACY ON "
            right = badge + " " + right
            let x = width - TextWidth.displayWidth(of: right)
            _ = canvas.put(badge, x: x, y: 0, role: .privacy)
            _ = canvas.put(clock + " ", x: x + TextWidth.displayWidth(of: badge) + 1, y: 0, role: .header)
        } else {
            _ = canvas.put(right, x: width - TextWidth.displayWidth(of: right), y: 0, role: .header)
        }
    }

    func drawStatus(_ canvas: inout Canvas, y: Int, width: Int) {
        let row = Rect(x: 0, y: y, width: width, height: 1)
        if var p = prompt {
            canvas.fill(row, role: .input)
            let label: String
            switch p.kind {
            case .search: label = "/"
            case .command: label = ":"
            case .question(let question, _): label = question + " "
            }
            let used = canvas.put(label, x: 0, y: y, role: .input, maxWidth: width / 2)
            p.field.render(into: &canvas, rect: Rect(x: used, y: y, width: max(1, width - used), height: 1))
            prompt = p
            if let message { drawMessage(&canvas, message, bottom: y - 1, width: width) }
            return
        }
        if let message {
            drawMessage(&canvas, message, bottom: y, width: width)
            return
        }
        // Help and quit come first: a narrow status line drops hints from the end, and these two must stay.
        let hints = keyTable.hints()
        let essential = hints.filter { $0.label == "help" || $0.label == "quit" }
        StatusBar(left: "", right: "", hints: essential + hints.filter { $0.label != "help" && $0.label != "quit" })
            .render(into: &canvas, rect: row)
    }

    /// A message wrapped over as many rows as it needs, ending on row `bottom` and growing upwards over the body:
    /// an error is never cut at the screen's edge (at most the rows between the header and `bottom`).
    func drawMessage(_ canvas: inout Canvas, _ message: (text: String, isError: Bool), bottom: Int, width: Int) {
        let role: StyleRole = message.isError ? .error : .info
        let lines = TextWrap.wrap(message.text, width: max(1, width - 2), hangingIndent: 0)
        let shown = lines.prefix(max(1, bottom))
        for (i, line) in shown.enumerated() {
            let y = bottom - shown.count + 1 + i
            canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: role)
            _ = canvas.put(" " + line, x: 0, y: y, role: role, maxWidth: width)
        }
    }
}
