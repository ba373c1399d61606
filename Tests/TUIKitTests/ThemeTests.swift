import Foundation
import TestSupport
import Testing

@testable import TUIKit

/// Themes/ at the package root, found from this file's path.
let themesDirectory = Repository.themesDirectory

@Suite struct ThemeParseTests {
    @Test func parsesStylesAndColours() throws {
        let t = try Theme.parse(
            yaml: """
                name: test
                description: a test
                styles:
                  selection: {fg: black, bg: bright-cyan, bold: true}
                  levelOne: {fg: "#009E73", underline: true}
                  dim: {fg: 244}
                  normal: {}
                """, source: "test.yaml")
        #expect(t.name == "test")
        #expect(t[.selection] == Style(fg: .black, bg: .brightCyan, bold: true))
        #expect(t[.levelOne].fg == .rgb(0x00, 0x9E, 0x73))
        #expect(t[.dim].fg == .index(244))
        #expect(t[.normal] == .plain)
        // Omitted roles fall back to monochrome attributes.
        #expect(t[.statusBar] == Style(reverse: true))
        #expect(t.missingRoles.contains(.statusBar))
    }

    func error(_ yaml: String, source: String = "Themes/x.yaml") -> String {
        do {
            _ = try Theme.parse(yaml: yaml, source: source)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func unknownColourNamesFileKeyAndLine() {
        let e = error(
            """
            name: x
            styles:
              selection: {fg: purpel}
            """)
        #expect(
            e.hasPrefix(
                "Themes/x.yaml:3: styles.selection.fg: unknown colour \"purpel\" (expected one of default, black, red"))
    }

    @Test func unknownRoleSuggests() {
        let e = error("styles:\n  selecton: {fg: red}\n")
        #expect(e.hasPrefix("Themes/x.yaml:2: styles.selecton: unknown role \"selecton\", did you mean \"selection\"?"))
    }

    @Test func unknownAttribute() {
        let e = error("styles:\n  title: {blod: true}\n")
        #expect(e.hasPrefix("Themes/x.yaml:2: styles.title.blod: unknown attribute \"blod\", did you mean \"bold\"?"))
    }

    @Test func badBoolean() {
        #expect(
            error("styles:\n  title: {bold: maybe}\n")
                == "Themes/x.yaml:2: styles.title.bold: expected true or false, got \"maybe\"")
    }

    @Test func paletteOutOfRange() {
        #expect(error("styles:\n  title: {fg: 300}\n").contains("styles.title.fg: unknown colour \"300\""))
    }

    @Test func structuralErrors() {
        #expect(error("name: x\n") == "Themes/x.yaml: styles: missing (expected a mapping of role names to styles)")
        #expect(error("styles: [a, b]\n").hasPrefix("Themes/x.yaml:1: styles: expected a mapping"))
        #expect(error("styles:\n  title: bold\n").hasPrefix("Themes/x.yaml:2: styles.title: expected a mapping"))
        #expect(error("colours: {}\n").hasPrefix("Themes/x.yaml:1: colours: unknown key \"colours\""))
        #expect(error("").hasPrefix("Themes/x.yaml: empty theme file"))
    }

    @Test func yamlSyntaxErrorHasLine() {
        let e = error("name: x\nstyles:\n  title: {fg: red\n  dim: {}\n")
        #expect(e.hasPrefix("Themes/x.yaml:"))
        #expect(e.contains("invalid YAML"))
        #expect(e.range(of: #"^Themes/x\.yaml:\d+: invalid YAML"#, options: .regularExpression) != nil)
    }

    @Test func loadMissingFile() {
        #expect(throws: ThemeError.self) { try Theme.load(path: "/nonexistent/t.yaml") }
        do { _ = try Theme.load(path: "/nonexistent/t.yaml") } catch {
            #expect("\(error)" == "/nonexistent/t.yaml: cannot read theme file (no such file)")
        }
    }

    @Test func colourParsing() {
        #expect(Color.parse("bright-red") == .brightRed)
        #expect(Color.parse("brightRed") == .brightRed)
        #expect(Color.parse("grey") == .brightBlack)
        #expect(Color.parse("default")?.paletteIndex == -1)
        #expect(Color.parse("color17") == .index(17))
        #expect(Color.parse("#ff0000")?.paletteIndex == 196)
        #expect(Color.parse("purple") == nil)
        #expect(Color.index(196).paletteIndex(forColors: 8) == 1)
        #expect(Color.brightRed.paletteIndex(forColors: 8) == 1)
        #expect(Color.rgb(0, 0x72, 0xB2).description == "#0072b2")
    }

    @Test func monochromeDecision() {
        #expect(Theme.prefersMonochrome(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]))
        #expect(Theme.prefersMonochrome(environment: ["TERM": "dumb"]))
        #expect(Theme.prefersMonochrome(environment: ["TERM": "vt100"]))
        #expect(Theme.prefersMonochrome(environment: [:]))
        #expect(Theme.prefersMonochrome(environment: ["TERM": "xterm-256color"], terminalHasColors: false))
        #expect(!Theme.prefersMonochrome(environment: ["TERM": "xterm-256color"]))
    }
}

@Suite struct BundledThemeTests {
    static let files = ["default", "light", "high-contrast", "monochrome", "colorblind"]

    @Test(arguments: files)
    func coversEveryRole(name: String) throws {
        let t = try Theme.load(path: themesDirectory + "/\(name).yaml")
        #expect(t.name == name)
        #expect(t.missingRoles == [], "\(name).yaml misses \(t.missingRoles)")
    }

    @Test func everyFileInThemesIsValid() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(files.count >= 5)
        for f in files {
            let t = try Theme.load(path: themesDirectory + "/" + f)
            #expect(t.missingRoles.isEmpty, "\(f) misses \(t.missingRoles)")
        }
    }

    @Test func monochromeFileMatchesBuiltIn() throws {
        let file = try Theme.load(path: themesDirectory + "/monochrome.yaml")
        #expect(file.styles == Theme.monochrome.styles)
        #expect(Theme.monochrome.missingRoles.isEmpty)
        #expect(file.styles.values.allSatisfy { $0.fg == nil && $0.bg == nil })
    }

    /// Evidence levels (and met / not met) must stay distinguishable without colour.
    @Test(arguments: ["colorblind", "monochrome", "high-contrast"])
    func levelsDifferByAttribute(name: String) throws {
        let t = try Theme.load(path: themesDirectory + "/\(name).yaml")
        let levels: [StyleRole] = [.levelOne, .levelTwo, .levelThree, .levelFour, .levelResistance, .levelOther]
        let attrs = levels.map { t[$0].withoutColors }
        #expect(Set(attrs).count == levels.count, "\(name): levels share attributes")
        #expect(t[.met].withoutColors != t[.notMet].withoutColors)
        #expect(t[.selection].withoutColors != t[.normal].withoutColors)
    }

    @Test func catalogFindsByNameAndPath() throws {
        let catalog = ThemeCatalog(directories: ["/nonexistent", themesDirectory])
        #expect(try catalog.load("light").name == "light")
        #expect(try catalog.load(themesDirectory + "/colorblind.yaml").name == "colorblind")
        #expect(catalog.availableNames().contains("high-contrast"))
        #expect(try ThemeCatalog(directories: []).load("monochrome") == .monochrome)
        #expect(throws: ThemeError.self) { try catalog.load("nope") }
    }

    /// The program names its own search path: the toolkit knows no program.
    @Test func searchPathIsTheProgramsOwn() {
        let dirs = ThemeCatalog.defaultDirectories(
            app: "board", environment: ["BOARD_THEMES": "/a:/b", "HOME": "/home/u"], executablePath: "/opt/x/bin/board")
        #expect(Array(dirs.prefix(3)) == ["/a", "/b", "/home/u/.config/board/themes"])
        #expect(dirs.last == "/opt/x/bin/../share/board/themes")
    }
}
