import BoardApp
import BoardStore
import Foundation
import TUIKit
import TerminalNCurses

/// Opens the board screen on a store: checks for a terminal, picks the theme, runs the loop, restores the terminal.
enum ScreenLauncher {
    static func themeCatalog() -> ThemeCatalog {
        var dirs = ThemeCatalog.defaultDirectories(app: "tumorboard")
        dirs.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Themes")
                .standardized.path)
        return ThemeCatalog(directories: dirs, roles: .board)
    }

    @MainActor
    static func open(store: any BoardStoring, theme themeName: String?, privacy: Bool) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure(
                message:
                    "the board screen needs a terminal on stdin and stdout (for scripts, use `tumorboard cases`, `show`, `import`)"
            )
        }
        let catalog = themeCatalog()
        let env = ProcessInfo.processInfo.environment
        let theme: Theme
        if Theme.prefersMonochrome(environment: env) && themeName == nil {
            theme = .monochrome
        } else {
            do { theme = try catalog.load(themeName ?? "default") } catch { throw CommandFailure(message: "\(error)") }
        }
        NCursesTerminal.deferTerminationSignals = true
        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal(theme: theme) } catch { throw CommandFailure(message: "\(error)") }
        let app = BoardApp(
            store: store, terminal: terminal, themes: catalog, theme: theme, privacy: privacy,
            privacyPreference: PrivacyPreference.standard())
        app.context.matchesInBackground = true
        app.run()
        terminal.shutdown()
        if let signal = app.terminationSignal { exit(128 + signal) }
    }
}
