import BoardApp
import Foundation
import TUIKit
import TestSupport
import Testing

/// The bundled themes in Themes/, read against the roles the board registers.
@Suite struct BoardThemeTests {
    static let files = ["default", "light", "high-contrast", "monochrome", "colorblind"]
    let themesDirectory = Repository.themesDirectory

    @Test(arguments: files)
    func coversEveryRole(name: String) throws {
        let t = try Theme.load(path: themesDirectory + "/\(name).yaml", roles: .board)
        #expect(t.name == name)
        #expect(t.missingRoles(of: .board) == [], "\(name).yaml misses \(t.missingRoles(of: .board))")
    }

    @Test func everyFileInThemesIsValid() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(files.count >= 5)
        for f in files {
            let t = try Theme.load(path: themesDirectory + "/" + f, roles: .board)
            #expect(t.missingRoles(of: .board).isEmpty, "\(f) misses \(t.missingRoles(of: .board))")
        }
    }

    @Test func monochromeFileMatchesBuiltIn() throws {
        let file = try Theme.load(path: themesDirectory + "/monochrome.yaml", roles: .board)
        #expect(file.styles == Theme.monochromeStyles(of: .board))
        for role in StyleRoles.board.all { #expect(Theme.monochrome[role] == file[role], "\(role)") }
        #expect(file.styles.values.allSatisfy { $0.fg == nil && $0.bg == nil })
    }

    /// Evidence levels (and met / not met) must stay distinguishable without colour.
    @Test(arguments: ["colorblind", "monochrome", "high-contrast"])
    func levelsDifferByAttribute(name: String) throws {
        let t = try Theme.load(path: themesDirectory + "/\(name).yaml", roles: .board)
        let levels: [StyleRole] = [.levelOne, .levelTwo, .levelThree, .levelFour, .levelResistance, .levelOther]
        let attrs = levels.map { t[$0].withoutColors }
        #expect(Set(attrs).count == levels.count, "\(name): levels share attributes")
        #expect(t[.met].withoutColors != t[.notMet].withoutColors)
        #expect(t[.selection].withoutColors != t[.normal].withoutColors)
    }

    @Test func catalogFindsByNameAndPath() throws {
        let catalog = ThemeCatalog(directories: ["/nonexistent", themesDirectory], roles: .board)
        #expect(try catalog.load("light").name == "light")
        #expect(try catalog.load(themesDirectory + "/colorblind.yaml").name == "colorblind")
        #expect(catalog.availableNames().contains("high-contrast"))
    }

    /// The board registers its roles after TUIKit's, each with the snapshot letter the role dumps use.
    @Test func boardRolesAreRegistered() {
        #expect(StyleRoles.board.all.count == StyleRoles.interface.all.count + 11)
        #expect(StyleRoles.board.role(named: "levelOne")?.legendLetter == "1")
        #expect(StyleRoles.board.role(named: "timerOver")?.legendLetter == "X")
        #expect(StyleRoles.interface.role(named: "levelOne") == nil)
        #expect(Array(StyleRoles.board.names.prefix(StyleRoles.interface.all.count)) == StyleRoles.interface.names)
    }
}
