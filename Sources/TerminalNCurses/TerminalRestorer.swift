import CNCursesW

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// State shared with signal handlers. Written on the main thread before handlers are installed and
// only read (or set to a signal number) inside them; plain words, no allocation, no locks.
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
nonisolated(unsafe) private var installedSignals: [Int32] = []
nonisolated(unsafe) var terminalIsActive = false
nonisolated(unsafe) var bracketedPasteEnabled = false
nonisolated(unsafe) var pendingTerminationSignal: Int32 = 0
nonisolated(unsafe) var fatalSignalHook: (@convention(c) (Int32) -> Void)?
nonisolated(unsafe) var deferTerminationSignalsFlag = false
nonisolated(unsafe) private var atexitRegistered = false

/// Restores the terminal on every way out (htop's scheme): signal handlers for termination and crash
/// signals call `endwin()` only if it has not run yet, put back the previous handler and re-raise, so
/// the exit status and Swift's crash backtrace stay what they would have been; plus `atexit`.
enum TerminalRestorer {
    /// Signals that end the program normally; the app hook runs for these.
    static let terminationSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]
    /// Crash signals: only the terminal is restored, then the previous handler (Swift's backtracer) runs.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Installs the handlers (before `newterm`, so ncurses keeps its hands off INT/TERM) and `atexit`.
    static func install() {
        _ = fatalSignalHook  // touch globals now, never lazily inside a handler
        _ = pendingTerminationSignal
        _ = deferTerminationSignalsFlag
        guard installedSignals.isEmpty else { return }
        for sig in terminationSignals + crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = signalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_RESTART)
            if sigaction(sig, &action, previousActions.advanced(by: Int(sig))) == 0 {
                installedSignals.append(sig)
            }
        }
        if !atexitRegistered {
            atexitRegistered = true
            atexit { restoreTerminalNow() }
        }
    }

    /// Puts back the handlers that were there before `install()`.
    static func uninstall() {
        for sig in installedSignals {
            sigaction(sig, previousActions.advanced(by: Int(sig)), nil)
        }
        installedSignals = []
    }
}

/// Leaves curses mode if still in it; async-signal-safe enough for a dying process (htop does the same).
func restoreTerminalNow() {
    guard terminalIsActive else { return }
    if bracketedPasteEnabled {
        bracketedPasteEnabled = false
        let off: StaticString = "\u{1B}[?2004l"
        _ = write(1, off.utf8Start, off.utf8CodeUnitCount)
    }
    if !isendwin() {
        endwin()
    }
}

private let signalHandler: @convention(c) (Int32) -> Void = { sig in
    let isTermination = sig == SIGTERM || sig == SIGINT || sig == SIGHUP
    if isTermination, deferTerminationSignalsFlag, pendingTerminationSignal == 0 {
        // Graceful mode: let the main loop see `.terminationRequested` on its next tick.
        // A second signal while one is pending falls through and ends the program.
        pendingTerminationSignal = sig
        return
    }
    if isTermination || sig == SIGQUIT, let hook = fatalSignalHook {
        hook(sig)
    }
    restoreTerminalNow()
    sigaction(sig, previousActions.advanced(by: Int(sig)), nil)
    raise(sig)
}
