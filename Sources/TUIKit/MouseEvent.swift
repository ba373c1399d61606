/// A mouse event in screen cells (0-based), as delivered by the terminal backend.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case press, release, click, wheelUp, wheelDown
    }

    public var x: Int
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }

    /// True for a primary press or click: what should select or activate the thing under the pointer.
    /// The ncurses backend reports presses immediately (no click-resolution delay), so handle both.
    public var isActivation: Bool { kind == .press || kind == .click }
}
