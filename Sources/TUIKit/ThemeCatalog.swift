import Foundation

/// Finds themes by name in a list of directories, or by path, so `--theme light` and
/// `--theme ~/my.yaml` both work.
public struct ThemeCatalog: Sendable {
    /// Searched in order; the first `NAME.yaml` (or `.yml`) found wins.
    public var directories: [String]
    /// The roles the program registers: the keys its theme files may use.
    public var roles: StyleRoles

    public init(directories: [String], roles: StyleRoles) {
        self.directories = directories
        self.roles = roles
    }

    /// The usual places for the program `app`: `$APP_THEMES` (upper case, colon-separated),
    /// `~/.config/app/themes`, `./Themes`, and `Themes` / `../share/app/themes` next to the executable.
    public static func defaultDirectories(
        app: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = CommandLine.arguments.first
    ) -> [String] {
        var dirs: [String] = []
        if let extra = environment[app.uppercased() + "_THEMES"] {
            dirs += extra.split(separator: ":").map(String.init)
        }
        let configHome = environment["XDG_CONFIG_HOME"] ?? environment["HOME"].map { $0 + "/.config" }
        if let configHome { dirs.append(configHome + "/\(app)/themes") }
        dirs.append(FileManager.default.currentDirectoryPath + "/Themes")
        if let exe = executablePath {
            let dir = (URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent().path)
            dirs.append(dir + "/Themes")
            dirs.append(dir + "/../share/\(app)/themes")
        }
        return dirs
    }

    /// Theme names available (file stems), sorted, without duplicates; "monochrome" is always included.
    public func availableNames() -> [String] {
        var names = Set(["monochrome"])
        for dir in directories {
            guard let items = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for item in items where item.hasSuffix(".yaml") || item.hasSuffix(".yml") {
                names.insert((item as NSString).deletingPathExtension)
            }
        }
        return names.sorted()
    }

    /// The file that `nameOrPath` refers to, if any.
    public func path(for nameOrPath: String) -> String? {
        let fm = FileManager.default
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            let expanded = (nameOrPath as NSString).expandingTildeInPath
            return fm.fileExists(atPath: expanded) ? expanded : nil
        }
        for dir in directories {
            for ext in ["yaml", "yml"] {
                let p = dir + "/" + nameOrPath + "." + ext
                if fm.fileExists(atPath: p) { return p }
            }
        }
        return nil
    }

    /// Loads a theme by name or path. "monochrome" falls back to the built-in theme when no file
    /// overrides it. Throws `ThemeError` naming what was searched when nothing matches.
    public func load(_ nameOrPath: String) throws -> Theme {
        if let p = path(for: nameOrPath) { return try Theme.load(path: p, roles: roles) }
        if nameOrPath == "monochrome" { return .monochrome }
        let known = availableNames().joined(separator: ", ")
        throw ThemeError(
            source: nameOrPath,
            message: "theme not found (available: \(known); searched \(directories.joined(separator: ", ")))")
    }
}
