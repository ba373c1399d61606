/// A centred dialog: title, wrapped body text and a row of buttons ("Save", "Discard", "Cancel").
public struct Modal: Hashable, Sendable {
    public var title: String
    public var body: [String]
    public var buttons: [String]
    public private(set) var selectedButton: Int

    public init(title: String, body: [String], buttons: [String] = ["OK"], selectedButton: Int = 0) {
        self.title = title
        self.body = body
        self.buttons = buttons
        self.selectedButton = buttons.isEmpty ? 0 : min(max(0, selectedButton), buttons.count - 1)
    }

    /// What a key did to the dialog.
    public enum Outcome: Hashable, Sendable {
        case none
        case moved
        case chosen(Int)
        case cancelled
    }

    /// Preferred size inside `screen`: wide enough for title, buttons and body (up to screen width − 4).
    public func rect(in screen: Rect) -> Rect {
        let buttonsWidth =
            buttonLabels.reduce(0) { $0 + TextWidth.displayWidth(of: $1) } + 2 * max(0, buttons.count - 1)
        let bodyWidth = body.map { TextWidth.displayWidth(of: $0) }.max() ?? 0
        let want = max(TextWidth.displayWidth(of: title) + 4, buttonsWidth, bodyWidth, 20) + 4
        let w = min(want, max(1, screen.width - 4))
        let bodyLines = body.flatMap { TextWrap.wrap($0, width: max(1, w - 4)) }.count
        let h = min(bodyLines + (buttons.isEmpty ? 0 : 2) + 2, max(1, screen.height - 2))
        return screen.centered(width: w, height: h)
    }

    var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }

    /// Button rects (absolute) for a dialog drawn at `rect`.
    public func buttonRects(in rect: Rect) -> [Rect] {
        let labels = buttonLabels
        let total = labels.reduce(0) { $0 + TextWidth.displayWidth(of: $1) } + 2 * max(0, labels.count - 1)
        var x = rect.x + max(1, (rect.width - total) / 2)
        let y = rect.maxY - 2
        return labels.map { l in
            let w = TextWidth.displayWidth(of: l)
            defer { x += w + 2 }
            return Rect(x: x, y: y, width: w, height: 1)
        }
    }

    /// ←/→/Tab/Shift-Tab move between buttons, Enter chooses, Esc cancels, a click chooses a button.
    public mutating func handle(_ key: Key, in rect: Rect? = nil) -> Outcome {
        guard !buttons.isEmpty else { return key == .escape || key == .enter ? .cancelled : .none }
        switch key {
        case .left, .backTab:
            selectedButton = (selectedButton - 1 + buttons.count) % buttons.count
            return .moved
        case .right, .tab:
            selectedButton = (selectedButton + 1) % buttons.count
            return .moved
        case .enter: return .chosen(selectedButton)
        case .escape: return .cancelled
        case .mouse(let m):
            guard m.isActivation, let rect else { return .none }
            if let i = buttonRects(in: rect).firstIndex(where: { $0.contains(x: m.x, y: m.y) }) {
                selectedButton = i
                return .chosen(i)
            }
            return .none
        default: return .none
        }
    }

    /// Draws the dialog centred in `screen` and returns the rect used (for mouse hit tests).
    @discardableResult
    public func render(into canvas: inout Canvas, screen: Rect) -> Rect {
        let r = rect(in: screen)
        guard !r.isEmpty else { return r }
        canvas.fill(r, role: .modal)
        canvas.box(r, role: .modal, title: title, titleRole: .modalTitle)
        let inner = r.inset(top: 1, left: 2, bottom: buttons.isEmpty ? 1 : 2, right: 2)
        let lines = body.flatMap { TextWrap.wrap($0, width: max(1, inner.width)) }
        for (i, line) in lines.prefix(max(0, inner.height - (buttons.isEmpty ? 0 : 1))).enumerated() {
            canvas.put(line, x: inner.x, y: inner.y + i, role: .modal, maxWidth: inner.width)
        }
        if r.height >= 3 {
            for (i, br) in buttonRects(in: r).enumerated() {
                canvas.put(
                    buttonLabels[i], x: br.x, y: br.y, role: i == selectedButton ? .buttonFocused : .button,
                    maxWidth: max(0, r.maxX - 1 - br.x))
            }
        }
        return r
    }
}
