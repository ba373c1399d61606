import ArgumentParser
import BoardStore
import Foundation

/// Screen options shared by `open` and `demo`.
struct ScreenOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Theme name (default, light, high-contrast, monochrome, colorblind) or a YAML file.", valueName: "name|path"
        ))
    var theme: String?

    @Flag(
        help:
            "Start in privacy mode (names, MRNs and birth dates masked). Without it, the last choice made with p is used."
    )
    var privacy = false
}

/// `tumorboard` / `tumorboard open`: the board screen on the store.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the board screen on the store (the default command).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var screen: ScreenOptions

    func run() throws {
        let store = try global.openStore(as: (any BoardStoring).self)
        try MainActor.assumeIsolated {
            try ScreenLauncher.open(store: store, theme: screen.theme, privacy: screen.privacy)
        }
    }
}
