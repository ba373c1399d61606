import TUIKit

/// Something that takes keys one at a time: the app, a screen or a widget under test.
@MainActor
public protocol KeyReceiver {
    func handle(_ key: Key)
}

extension KeyReceiver {
    /// Types each character of `text` as a key.
    public func type(_ text: String) {
        for character in text { handle(.char(character)) }
    }

    /// Sends the keys of a script such as `"jj<Enter>:theme light<Enter>"` (see `KeyScript.keys`).
    public func press(_ script: String) {
        for key in KeyScript.keys(script) { handle(key) }
    }
}

/// Key scripts written as text, in the notation tig's and lazygit's tests use: characters stand for themselves,
/// named keys go in angle brackets (`<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<Up>`, `<C-s>`, `<F5>`, `<lt>`).
public enum KeyScript {
    static let named: [String: Key] = [
        "enter": .enter, "esc": .escape, "tab": .tab, "s-tab": .backTab, "bs": .backspace, "del": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pgdn": .pageDown, "space": .char(" "), "lt": .char("<"),
    ]

    /// The keys of a script; an unknown `<name>` is typed as it stands.
    public static func keys(_ script: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(script)
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">"),
                let key = key(named: rest[rest.index(after: rest.startIndex)..<close])
            {
                keys.append(key)
                rest = rest[rest.index(after: close)...]
            } else {
                keys.append(.char(first))
                rest = rest.dropFirst()
            }
        }
        return keys
    }

    static func key(named name: Substring) -> Key? {
        let lower = name.lowercased()
        if let key = named[lower] { return key }
        if lower.hasPrefix("c-"), lower.count == 3, let letter = lower.last { return .ctrl(letter) }
        if lower.hasPrefix("a-"), name.count == 3, let letter = name.last { return .alt(letter) }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number) {
            return .function(number)
        }
        return nil
    }
}

extension FakeTerminal {
    /// Queues the keys of a script (see `KeyScript.keys`).
    public func enqueue(script: String) { enqueue(KeyScript.keys(script)) }
}
