import Foundation
import TestSupport
import Testing

@testable import TUIKit

/// A program's own role, as an app registers it.
extension StyleRole {
    static let tag = StyleRole("tag", letter: "g", monochrome: Style(bold: true, underline: true))
}

/// TUIKit's roles and the program's.
let testRoles = StyleRoles.interface + [.tag]

@Suite struct ThemeParseTests {
    @Test func parsesStylesAndColours() throws {
        let t = try Theme.parse(
            yaml: """
                name: test
                description: a test
                styles:
                  selection: {fg: black, bg: bright-cyan, bold: true}
                  tag: {fg: "#009E73", underline: true}
                  dim: {fg: 244}
                  normal: {}
                """, source: "test.yaml", roles: testRoles)
        #expect(t.name == "test")
        #expect(t[.selection] == Style(fg: .black, bg: .brightCyan, bold: true))
        #expect(t[.tag].fg == .rgb(0x00, 0x9E, 0x73))
        #expect(t[.dim].fg == .index(244))
        #expect(t[.normal] == .plain)
        // Omitted roles fall back to their monochrome attributes.
        #expect(t[.statusBar] == Style(reverse: true))
        #expect(t.missingRoles(of: testRoles).contains(.statusBar))
        #expect(!t.missingRoles(of: testRoles).contains(.tag))
    }

    /// A role the program did not register is an unknown key, listed with what is known.
    @Test func programRolesComeFromTheRegistry() {
        let e = error("styles:\n  tag: {bold: true}\n", roles: .interface)
        #expect(e.hasPrefix("Themes/x.yaml:2: styles.tag: unknown role \"tag\" (expected one of normal, dim, title"))
        #expect(error("styles:\n  tag: {bold: true}\n") == "no error")
    }

    @Test func monochromeIsEveryRolesOwnAttributes() {
        #expect(Theme.monochrome[.tag] == Style(bold: true, underline: true))
        #expect(Theme.monochrome[.selection] == Style(reverse: true))
        #expect(Theme.monochromeStyles(of: testRoles)[.tag] == StyleRole.tag.monochrome)
        #expect(Theme.monochromeStyles(of: testRoles).count == testRoles.all.count)
    }

    /// A role is its name: its letter and fallback are what it was registered with.
    @Test func roleIsItsName() {
        #expect(StyleRole("tag", letter: "z", monochrome: Style()) == .tag)
        #expect(testRoles.role(named: "tag")?.legendLetter == "g")
        #expect(StyleRoles.interface.role(named: "tag") == nil)
        #expect(StyleRoles.interface.names.first == "normal")
    }

    func error(_ yaml: String, source: String = "Themes/x.yaml", roles: StyleRoles = testRoles) -> String {
        do {
            _ = try Theme.parse(yaml: yaml, source: source, roles: roles)
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
        #expect(throws: ThemeError.self) { try Theme.load(path: "/nonexistent/t.yaml", roles: testRoles) }
        do { _ = try Theme.load(path: "/nonexistent/t.yaml", roles: testRoles) } catch {
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

@Suite struct ThemeCatalogTests {
    @Test func catalogFindsByNameAndPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name: light\nstyles:\n  tag: {fg: red}\n".write(
            toFile: dir + "/light.yaml", atomically: true, encoding: .utf8)
        try "styles:\n  title: {bold: true}\n".write(toFile: dir + "/plain.yml", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(directories: ["/nonexistent", dir], roles: testRoles)
        #expect(try catalog.load("light")[.tag].fg == .red)
        #expect(try catalog.load(dir + "/plain.yml").name == "plain")
        #expect(catalog.availableNames() == ["light", "monochrome", "plain"])
        #expect(try ThemeCatalog(directories: [], roles: testRoles).load("monochrome") == .monochrome)
        #expect(throws: ThemeError.self) { try catalog.load("nope") }
        // The catalog reads with the program's roles: without `tag` registered the file is refused.
        #expect(throws: ThemeError.self) { try ThemeCatalog(directories: [dir], roles: .interface).load("light") }
    }

    /// The program names its own search path: the toolkit knows no program.
    @Test func searchPathIsTheProgramsOwn() {
        let dirs = ThemeCatalog.defaultDirectories(
            app: "board", environment: ["BOARD_THEMES": "/a:/b", "HOME": "/home/u"], executablePath: "/opt/x/bin/board")
        #expect(Array(dirs.prefix(3)) == ["/a", "/b", "/home/u/.config/board/themes"])
        #expect(dirs.last == "/opt/x/bin/../share/board/themes")
    }
}
