/// A scripted, in-memory `Terminal` for tests: keys come from a queue, frames are kept as canvases.
///
/// Screen tests feed keys, run the app's loop and compare `lastCanvas?.textDump()` with a snapshot.
public final class FakeTerminal: Terminal {
    /// One scripted input step.
    public enum Event: Hashable, Sendable {
        case key(Key)
        /// Changes the size when reached, then delivers `.resize`.
        case resize(width: Int, height: Int)
    }

    public private(set) var size: (width: Int, height: Int)
    public var supportsColor: Bool
    public var isUTF8: Bool
    /// Pending input, consumed front to back.
    public var queue: [Event] = []
    /// Returned by `readKey` once the queue is empty (e.g. a quit key so a loop under test ends);
    /// nil means "timeout", like a real terminal with no input.
    public var whenEmpty: Key?
    public private(set) var lastCanvas: Canvas?
    public private(set) var renderCount = 0
    /// How many times `readKey` found nothing to return (timeouts, i.e. ticks).
    public private(set) var timeoutCount = 0
    public private(set) var theme: Theme?
    public private(set) var suspendCount = 0
    public private(set) var resumeCount = 0
    public private(set) var isSuspended = false
    public private(set) var isShutDown = false
    /// Timeouts passed to `readKey`, most recent last (to check the app's tick).
    public private(set) var requestedTimeouts: [Int] = []

    public init(width: Int = 80, height: Int = 24, supportsColor: Bool = true, isUTF8: Bool = true) {
        self.size = (max(0, width), max(0, height))
        self.supportsColor = supportsColor
        self.isUTF8 = isUTF8
    }

    /// Appends keys to the script.
    public func enqueue(_ keys: Key...) { queue += keys.map(Event.key) }
    public func enqueue(_ keys: [Key]) { queue += keys.map(Event.key) }

    /// Appends each character of `text` as a `.char` key (typing).
    public func type(_ text: String) { queue += text.map { .key(.char($0)) } }

    /// Appends a scripted resize (applied when it is read).
    public func enqueueResize(width: Int, height: Int) { queue.append(.resize(width: width, height: height)) }

    /// Resizes now, as a window manager would, and puts `.resize` at the front of the queue.
    public func resize(width: Int, height: Int) {
        size = (max(0, width), max(0, height))
        queue.insert(.key(.resize), at: 0)
    }

    /// The last frame as text (empty if nothing was rendered).
    public var screenText: String { lastCanvas?.textDump() ?? "" }

    public func render(_ canvas: Canvas) {
        lastCanvas = canvas
        renderCount += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        requestedTimeouts.append(timeoutMilliseconds)
        guard !queue.isEmpty else {
            timeoutCount += 1
            return whenEmpty
        }
        switch queue.removeFirst() {
        case .key(let k): return k
        case .resize(let w, let h):
            size = (max(0, w), max(0, h))
            return .resize
        }
    }

    public func apply(theme: Theme) { self.theme = supportsColor ? theme : theme.withoutColors }
    public func suspend() {
        suspendCount += 1
        isSuspended = true
    }
    public func resume() {
        resumeCount += 1
        isSuspended = false
    }
    public func shutdown() { isShutDown = true }
}
